# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The AWX path end to end: ansible-runner runs a job the way AWX does (an inventory, credentials injected as
environment variables by a credential type, extra vars) against the fake API, and the token never shows in
any job event."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import json
import os
import sys

import pytest

from ansible_collections.zerotrust.cloudflare.tests.fake_cloudflare.harness import FakeCloudflare

ansible_runner = pytest.importorskip('ansible_runner')

TOKEN = 'awx-injected-token-0123456789abcdef'
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


def _collections_path():
    import ansible_collections.zerotrust.cloudflare as collection  # pylint: disable=import-outside-toplevel
    package = list(collection.__path__)[0]
    return os.path.dirname(os.path.dirname(os.path.dirname(package)))


def _job(tmp_path, fake, extravars, envvars=None):
    private = tmp_path / 'job'
    for sub in ('project', 'inventory', 'env'):
        (private / sub).mkdir(parents=True, exist_ok=True)
    (private / 'project' / 'site.yml').write_text(SITE)
    (private / 'inventory' / 'hosts.json').write_text(json.dumps(INVENTORY))
    # what an AWX credential type injects
    (private / 'env' / 'envvars').write_text(json.dumps(dict({
        'CLOUDFLARE_API_TOKEN': TOKEN, 'CLOUDFLARE_ACCOUNT_ID': fake.account_id, 'CLOUDFLARE_BASE_URL': fake.base_url,
        'ANSIBLE_COLLECTIONS_PATH': _collections_path(), 'ANSIBLE_PYTHON_INTERPRETER': sys.executable},
        **(envvars or {}))))
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
                       {'ZEROTRUST_CLOUDFLARE_PROGRESS_INTERVAL': '0.1'})
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
