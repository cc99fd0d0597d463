# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The AWX path end to end: ansible-runner runs a job the way AWX does (an inventory, credentials injected as
environment variables by a credential type, extra vars) against the fake API, and the token never shows in
any job event.

The environment variables come from the credential type that the collection ships
(extensions/awx/credential_type_*.yml): its injector is rendered with the credential's inputs,
the way AWX renders it."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import json
import os
import sys

import jinja2.sandbox
import pytest
import yaml

from ansible_collections.zerotrust.cloudflare.tests.fake_cloudflare.harness import FakeCloudflare

ansible_runner = pytest.importorskip('ansible_runner')

TOKEN = 'awx-injected-token-0123456789abcdef'
EMAIL = 'awx-user@example.com'
GLOBAL_KEY = 'awx-injected-global-key-fedcba9876543210'
SITE = """
- name: Provision the Access applications of the inventory
  hosts: all
  gather_facts: false
  roles:
    - zerotrust.cloudflare.access_applications
"""
INVENTORY = {
    'all': {
        'vars': {'ansible_connection': 'local'},
        'children': {
            'web': {'hosts': {'web1': {}, 'web2': {}},
                    'vars': {'access_applications_list_web': [
                        {'name': 'Grafana', 'type': 'self_hosted', 'domain': 'grafana.example.com'}]}},
            'db': {'hosts': {'db1': {}},
                   'vars': {'access_applications_list_db': [
                       {'name': 'Production SSH', 'type': 'infrastructure', 'target_criteria': [
                           {'port': 22, 'protocol': 'SSH', 'target_attributes': {'hostname': ['db1']}}]}]}},
        },
    },
}


def _collection_root():
    import ansible_collections.zerotrust.cloudflare as collection  # pylint: disable=import-outside-toplevel
    return list(collection.__path__)[0]


def _collections_path():
    return os.path.dirname(os.path.dirname(os.path.dirname(_collection_root())))


def _credential_type():
    def load(name):
        with open(os.path.join(_collection_root(), 'extensions', 'awx', 'credential_type_%s.yml' % name)) as handle:
            return yaml.safe_load(handle)
    return load('inputs'), load('injectors')


def injected_env(**credential):
    """The environment variables that a credential of the shipped type injects into a job."""
    inputs, injectors = _credential_type()
    fields = dict((field['id'], field) for field in inputs['fields'])
    assert set(credential) <= set(fields), 'not inputs of the credential type: %s' % sorted(set(credential) - set(fields))
    missing = [name for name in inputs.get('required', []) if not credential.get(name)]
    assert not missing, 'AWX would refuse a credential without %s' % missing
    environment = jinja2.sandbox.SandboxedEnvironment(undefined=jinja2.StrictUndefined)
    return dict((name, environment.from_string(template).render(**credential))
                for name, template in injectors['env'].items())


def _job(tmp_path, fake, extravars, credential=None, extra_env=None):
    private = tmp_path / 'job'
    for sub in ('project', 'inventory', 'env'):
        (private / sub).mkdir(parents=True, exist_ok=True)
    (private / 'project' / 'site.yml').write_text(SITE)
    (private / 'inventory' / 'hosts.json').write_text(json.dumps(INVENTORY))
    if credential is None:
        credential = dict(api_token=TOKEN, account_id=fake.account_id, api_base_url=fake.base_url)
    envvars = injected_env(**credential)
    envvars.update(ANSIBLE_COLLECTIONS_PATH=_collections_path(), ANSIBLE_PYTHON_INTERPRETER=sys.executable)
    envvars.update(extra_env or {})
    (private / 'env' / 'envvars').write_text(json.dumps(envvars))
    (private / 'env' / 'extravars').write_text(json.dumps(extravars))
    return str(private)


def _events_text(run):
    return json.dumps(list(run.events), default=str)


@pytest.fixture(autouse=True)
def playbook_on_path(monkeypatch):
    """ansible-runner starts ansible-playbook from PATH: the one beside this Python."""
    monkeypatch.setenv('PATH', os.path.dirname(sys.executable) + os.pathsep + os.environ.get('PATH', ''))


@pytest.fixture(scope='module')
def fake():
    with FakeCloudflare(token=TOKEN) as server:
        yield server


def test_an_awx_like_job_provisions_and_reruns_without_writes(tmp_path, fake):
    fake.reset()
    private = _job(tmp_path, fake, {})
    first = ansible_runner.run(private_data_dir=private, playbook='site.yml', quiet=True)
    assert first.status == 'successful', first.stdout.read()
    names = sorted(a['name'] for a in fake.state()['accounts'][fake.account_id]['apps'])
    assert names == ['Grafana', 'Production SSH']
    assert TOKEN not in _events_text(first)

    fake.reset(state=False)
    second = ansible_runner.run(private_data_dir=private, playbook='site.yml', quiet=True)
    assert second.status == 'successful'
    assert fake.log()['writes'] == 0 and fake.log()['total'] == 1
    assert TOKEN not in _events_text(second)


def test_a_job_with_a_limit_refuses_to_purge(tmp_path, fake):
    fake.reset()
    private = _job(tmp_path, fake, {'access_applications_purge': True, 'access_applications_purge_tag': 'ansible'})
    run = ansible_runner.run(private_data_dir=private, playbook='site.yml', limit='web', quiet=True)
    assert run.status == 'failed'
    assert 'partial' in _events_text(run)
    assert fake.log()['total'] == 0


def test_a_long_job_shows_progress_in_its_job_log(tmp_path, fake):
    """Progress lines are job events (what the AWX job log shows) that come before the Provision task's result."""
    fake.reset()
    fake.config(latency_ms=500)
    try:
        private = _job(tmp_path, fake, {'access_applications_concurrency': 1},
                       extra_env={'ZEROTRUST_CLOUDFLARE_PROGRESS_INTERVAL': '0.1'})
        run = ansible_runner.run(private_data_dir=private, playbook='site.yml', quiet=True)
    finally:
        fake.config(latency_ms=0)
    assert run.status == 'successful', run.stdout.read()
    events = list(run.events)
    result = [position for position, event in enumerate(events)
              if event['event'] == 'runner_on_ok' and event['event_data'].get('task') == 'Provision the applications']
    assert len(result) == 1
    progress = [event['stdout'] for event in events[:result[0]] if 'applications written' in (event.get('stdout') or '')]
    assert len(progress) >= 2, [event.get('stdout') for event in events]
    assert all(line.strip().endswith('/2 applications written, 0 failed') for line in progress)
    assert TOKEN not in _events_text(run)


def test_the_credential_type_marks_every_secret_and_injects_every_connection_setting():
    inputs, injectors = _credential_type()
    secret = sorted(field['id'] for field in inputs['fields'] if field.get('secret'))
    assert secret == ['api_key', 'api_token']
    assert sorted(injectors['env']) == ['CLOUDFLARE_ACCOUNT_ID', 'CLOUDFLARE_API_KEY', 'CLOUDFLARE_API_TOKEN',
                                        'CLOUDFLARE_BASE_URL', 'CLOUDFLARE_EMAIL', 'CLOUDFLARE_ZONE_ID']
    assert injected_env(api_token=TOKEN, account_id='acc')['CLOUDFLARE_API_KEY'] == ''


@pytest.fixture(scope='module')
def fake_global_key():
    with FakeCloudflare(token=TOKEN, email=EMAIL, key=GLOBAL_KEY) as server:
        yield server


def test_a_credential_with_email_and_global_key(tmp_path, fake_global_key):
    fake = fake_global_key
    fake.reset()
    private = _job(tmp_path, fake, {}, credential=dict(api_email=EMAIL, api_key=GLOBAL_KEY, account_id=fake.account_id,
                                                       api_base_url=fake.base_url))
    run = ansible_runner.run(private_data_dir=private, playbook='site.yml', quiet=True)
    assert run.status == 'successful', run.stdout.read()
    assert sorted(a['name'] for a in fake.state()['accounts'][fake.account_id]['apps']) == ['Grafana', 'Production SSH']
    assert GLOBAL_KEY not in _events_text(run)


def test_a_credential_with_a_zone_provisions_zone_applications(tmp_path, fake):
    fake.reset()
    inventory_web_only = {'all': {'vars': {'ansible_connection': 'local'}, 'hosts': {'web1': {
        'access_applications_list': [{'name': 'Zone wiki', 'type': 'self_hosted', 'domain': 'wiki.example.com'}]}}}}
    private = _job(tmp_path, fake, {}, credential=dict(api_token=TOKEN, account_id=fake.account_id,
                                                       zone_id=fake.zone_id, api_base_url=fake.base_url))
    with open(os.path.join(private, 'inventory', 'hosts.json'), 'w') as handle:
        json.dump(inventory_web_only, handle)
    run = ansible_runner.run(private_data_dir=private, playbook='site.yml', quiet=True)
    assert run.status == 'successful', run.stdout.read()
    state = fake.state()
    assert [a['name'] for a in state['zones'][fake.zone_id]['apps']] == ['Zone wiki']
    assert state['accounts'].get(fake.account_id, {}).get('apps', []) == []
