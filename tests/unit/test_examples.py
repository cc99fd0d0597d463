# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every EXAMPLES block of every module is a real task list.

For each module in plugins/modules/, EXAMPLES is read from the source (AST, no import), its tasks are
put in a play whose module_defaults (group/zerotrust.cloudflare.access) point at the project's fake
Cloudflare API, and the play is run with ansible-playbook from the venv that runs pytest.  The test
then checks in the fake's state that the examples did what they say.

    PYTHONPATH=/dir/above/ansible_collections pytest -p no:pytest-ansible --import-mode=importlib tests/unit/test_examples.py
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import ast
import json
import os
import subprocess
import sys

import pytest
import yaml

import ansible_collections.zerotrust.cloudflare as collection_package
from ansible_collections.zerotrust.cloudflare.tests.fake_cloudflare.harness import FakeCloudflare

MODULES_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), 'plugins', 'modules')
ANSIBLE_PLAYBOOK = os.path.join(os.path.dirname(sys.executable), 'ansible-playbook')
# Variables an example may use without defining them: Ansible's own, and those this test provides.
MAGIC_VARIABLES = {'playbook_dir', 'inventory_hostname', 'ansible_check_mode', 'hostvars', 'omit', 'item'}
PLAYBOOK_TIMEOUT = 300


def module_names():
    return sorted(name[:-3] for name in os.listdir(MODULES_DIR) if name.endswith('.py') and not name.startswith('_'))


def read_examples(module):
    """EXAMPLES of plugins/modules/<module>.py, from the AST (the module is not imported)."""
    with open(os.path.join(MODULES_DIR, module + '.py')) as stream:
        tree = ast.parse(stream.read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, 'id', None) == 'EXAMPLES' for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError('%s has no EXAMPLES' % module)


def collections_path():
    """The directory that contains ansible_collections/, from where this collection was imported."""
    for path in list(collection_package.__path__):
        path = os.path.abspath(path)  # .../ansible_collections/zerotrust/cloudflare (symlinks kept)
        root = os.path.dirname(os.path.dirname(os.path.dirname(path)))
        if os.path.basename(os.path.dirname(os.path.dirname(path))) == 'ansible_collections':
            return root
    raise AssertionError('cannot find the ansible_collections directory from %s' % list(collection_package.__path__))


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def undefined_variables(tasks):
    """Variables the tasks use (Jinja in values and `when`) that no earlier task registers."""
    from jinja2 import Environment, meta  # ansible's dependency

    class AnyName(dict):
        """Every filter and test name exists (Ansible's are not loaded here; only variable names matter)."""

        def __contains__(self, key):
            return True

        def __missing__(self, key):
            return lambda value, *args, **kwargs: value

        def get(self, key, default=None):
            return self[key]

    env = Environment()
    env.filters = AnyName(env.filters)
    env.tests = AnyName(env.tests)
    registered, missing = set(), set()
    for task in tasks:
        used = set()
        for text in _strings(dict((k, v) for k, v in task.items() if k not in ('when', 'register'))):
            if '{{' in text or '{%' in text:
                used |= meta.find_undeclared_variables(env.parse(text))
        conditions = task.get('when') or []
        for condition in [conditions] if isinstance(conditions, str) else conditions:
            if isinstance(condition, str):
                used |= meta.find_undeclared_variables(env.parse('{{ %s }}' % condition))
        missing |= used - registered - MAGIC_VARIABLES
        if task.get('register'):
            registered.add(task['register'])
    return missing


def _apps(state, fake):
    return state['accounts'][fake.account_id]['apps']


def _by_name(state, fake, name):
    return [a for a in _apps(state, fake) if a.get('name') == name]


def _one(state, fake, name):
    found = _by_name(state, fake, name)
    assert len(found) == 1, 'expected one application named %r, found %s' % (name, found)
    return found[0]


def _linked(state, fake, app):
    """(reusable policy ids linked, names of inline policies) of an application in the fake's state."""
    account = state['accounts'][fake.account_id]
    links = [link['id'] for link in account['links'].get(app['id'], [])]
    inline = [p.get('name') for p in account['app_policies'].get(app['id'], [])]
    return links, inline


# --------------------------------------------------------------------------- per-module setup and checks
# prepare(fake) -> extra variables for the play; check(fake, state, playdir, extra) asserts the outcome.

def prepare_access_application(fake):
    seeded = fake.seed(policies=[{'name': 'Engineers', 'decision': 'allow',
                                  'include': [{'email_domain': {'domain': 'example.com'}}]}],
                       tags=['observability'],  # the API refuses tags that do not exist (logs: the example creates it)
                       identity_providers=[{'name': 'GitHub', 'type': 'github'}])
    return {'engineers_policy_id': seeded['policies'][0]['id'], 'github_idp_id': seeded['identity_providers'][0]['id']}


def check_access_application(fake, state, playdir, extra):
    del playdir
    grafana = _one(state, fake, 'Grafana')
    assert grafana['type'] == 'self_hosted' and grafana['domain'] == 'grafana.example.com'
    # the last Grafana example runs in check mode: 4h is predicted, 8h stays
    assert grafana['session_duration'] == '8h'
    assert grafana['tags'] == ['observability']
    assert _linked(state, fake, grafana) == ([extra['engineers_policy_id']], [])

    kibana = _one(state, fake, 'Kibana')  # by name: the policy, the identity provider; the missing tag created
    assert kibana['tags'] == ['logs', 'observability'] and kibana['allowed_idps'] == [extra['github_idp_id']]
    assert _linked(state, fake, kibana) == ([extra['engineers_policy_id']], [])

    wiki = _one(state, fake, 'Internal wiki')
    assert [d['type'] for d in wiki['destinations']] == ['public', 'private']
    assert wiki['cors_headers']['allowed_origins'] == ['https://portal.example.com']
    assert _linked(state, fake, wiki) == ([], ['Staff from the office'])

    assert _by_name(state, fake, 'Payroll') == [], 'the last example deletes Payroll'

    oidc = _one(state, fake, 'Wiki OIDC')
    assert oidc['type'] == 'saas' and oidc['saas_app']['auth_type'] == 'oidc'
    assert oidc['saas_app']['redirect_uris'] == ['https://wiki.example.net/oauth/callback']

    ssh = _one(state, fake, 'Production SSH')
    assert ssh['type'] == 'infrastructure'
    assert ssh['target_criteria'][0]['target_attributes'] == {'hostname': ['db-1', 'db-2']}
    assert _linked(state, fake, ssh) == ([], ['DBAs'])

    launchers = [a for a in _apps(state, fake) if a['type'] == 'app_launcher']
    assert len(launchers) == 1
    assert launchers[0]['session_duration'] == '12h'
    assert launchers[0]['landing_page_design']['title'] == 'Welcome to Example Corp'
    assert launchers[0]['footer_links'] == [{'name': 'Help desk', 'url': 'https://help.example.com'}]


def prepare_access_application_bulk(fake):
    seeded = fake.seed(apps=[{'type': 'self_hosted', 'name': 'Old tool', 'domain': 'old-tool.example.com'}],
                       policies=[{'name': 'Allow engineers', 'decision': 'allow',
                                  'include': [{'email_domain': {'domain': 'example.com'}}]}],
                       identity_providers=[{'name': 'GitHub', 'type': 'github'}])
    return {'policy_id': seeded['policies'][0]['id'], 'github_idp_id': seeded['identity_providers'][0]['id']}


def check_access_application_bulk(fake, state, playdir, extra):
    del playdir
    for name, domain in (('Grafana', 'grafana.example.com'), ('Kibana', 'kibana.example.com')):
        app = _one(state, fake, name)
        assert app['domain'] == domain and app['session_duration'] == '12h', app
    assert _by_name(state, fake, 'Old tool') == [], 'the example deletes Old tool'
    wiki = _one(state, fake, 'Wiki')
    assert wiki['tags'] == ['docs'] and wiki['allowed_idps'] == [extra['github_idp_id']]
    assert _linked(state, fake, wiki) == ([extra['policy_id']], [])


def prepare_access_application_info(fake):
    fake.seed(apps=[{'type': 'self_hosted', 'name': 'Grafana', 'domain': 'grafana.example.com', 'session_duration': '8h'},
                    {'type': 'bookmark', 'name': 'Handbook', 'domain': 'handbook.example.com'}])
    return {}


def check_access_application_info(fake, state, playdir, extra):
    del extra
    assert len(_apps(state, fake)) == 2, 'the info examples must not change anything'
    path = os.path.join(playdir, 'exported_access_applications.yml')
    with open(path) as stream:
        exported = yaml.safe_load(stream)
    items = exported['access_applications_list']
    assert sorted(i['name'] for i in items) == ['Grafana', 'Handbook']
    grafana = [i for i in items if i['name'] == 'Grafana'][0]
    assert grafana['type'] == 'self_hosted' and grafana['domain'] == 'grafana.example.com'
    assert grafana['session_duration'] == '8h'
    for item in items:
        assert not set(item) & {'id', 'aud', 'created_at', 'updated_at'}, item


def prepare_access_policy(fake):
    del fake
    return {}


def check_access_policy(fake, state, playdir, extra):
    del playdir, extra
    account = state['accounts'][fake.account_id]
    assert [p['name'] for p in account['policies']] == [], 'the last example deletes Engineers'
    grafana = _one(state, fake, 'Grafana')
    assert _linked(state, fake, grafana) == ([], []), 'Engineers was detached from Grafana before it was deleted'
    requests = fake.log()['requests']
    created = [e for e in requests if e['method'] == 'POST' and e['path'].endswith('/access/policies') and e['status'] < 300]
    linked = [e for e in requests if e['method'] == 'POST' and e['path'].endswith('/access/apps')
              and [p.get('id') for p in (e['body'] or {}).get('policies') or []]]
    assert len(created) == 1 and len(linked) == 1, 'Engineers was created, then linked to Grafana when it was created'


def prepare_access_group(fake):
    seeded = fake.seed(identity_providers=[{'name': 'GitHub', 'type': 'github'}], service_tokens=[{'name': 'ci-runner'}])
    return {'github_idp_id': seeded['identity_providers'][0]['id']}


def check_access_group(fake, state, playdir, extra):
    del playdir
    groups = state['accounts'][fake.account_id]['groups']
    groups = list(groups.values()) if isinstance(groups, dict) else groups
    assert [g['name'] for g in groups] == ['Engineers'], 'the last example deletes Deployers'
    assert groups[0]['require'] == [{'login_method': {'id': extra['github_idp_id']}}]
    created = [e for e in fake.log()['requests'] if e['method'] == 'POST' and e['path'].endswith('/access/groups')]
    deployers = [e['body'] for e in created if e['body']['name'] == 'Deployers'][0]
    assert deployers['include'][0] == {'group': {'id': groups[0]['id']}}, 'Engineers named, its id sent'


def _prepare_info(fake):
    engineers = fake.seed(groups=[{'name': 'Engineers', 'include': [{'email_domain': {'domain': 'example.com'}}]}])['groups'][0]
    fake.seed(policies=[{'name': 'Engineers only', 'decision': 'allow', 'include': [{'group': {'id': engineers['id']}}]}])
    return {}


def _check_info(fake, state, playdir, extra):
    del playdir, extra
    account = state['accounts'][fake.account_id]
    assert [p['name'] for p in account['policies']] == ['Engineers only']
    assert not [e for e in fake.log()['requests'] if e['method'] != 'GET'], 'the info examples change nothing'


def prepare_access_tag(fake):
    fake.seed(apps=[{'type': 'self_hosted', 'name': 'Old wiki', 'domain': 'old-wiki.example.com', 'tags': ['legacy']}])
    return {}


def check_access_tag(fake, state, playdir, extra):
    del playdir, extra
    account = state['accounts'][fake.account_id]
    assert [t['name'] for t in account['tags']] == ['ansible-managed'], 'legacy deleted, ansible-managed created'
    assert _one(state, fake, 'Old wiki').get('tags') in (None, []), 'legacy was taken off Old wiki first'


CASES = {
    'access_application': (prepare_access_application, check_access_application),
    'access_application_bulk': (prepare_access_application_bulk, check_access_application_bulk),
    'access_application_info': (prepare_access_application_info, check_access_application_info),
    'access_policy': (prepare_access_policy, check_access_policy),
    'access_group': (prepare_access_group, check_access_group),
    'access_group_info': (_prepare_info, _check_info),
    'access_policy_info': (_prepare_info, _check_info),
    'access_tag': (prepare_access_tag, check_access_tag),
}


def test_every_module_has_a_case():
    """A new module needs its examples checked here too."""
    assert sorted(CASES) == module_names()


@pytest.mark.parametrize('module', module_names())
def test_examples_are_a_task_list(module):
    tasks = yaml.safe_load(read_examples(module))
    assert isinstance(tasks, list) and tasks, '%s EXAMPLES is not a list of tasks' % module
    for task in tasks:
        assert isinstance(task, dict) and task.get('name'), '%s: every example task needs a name: %r' % (module, task)
        actions = [k for k in task if k.startswith(('zerotrust.cloudflare.', 'ansible.builtin.'))]
        assert len(actions) == 1, '%s: task %r must call one FQCN action' % (module, task['name'])
    assert any('zerotrust.cloudflare.%s' % module in task for task in tasks), '%s: no example uses the module' % module


@pytest.mark.skipif(not os.access(ANSIBLE_PLAYBOOK, os.X_OK), reason='ansible-playbook is not installed beside %s' % sys.executable)
@pytest.mark.parametrize('module', module_names())
def test_examples_run(module, tmp_path):
    prepare, check = CASES[module]
    tasks = yaml.safe_load(read_examples(module))
    with FakeCloudflare() as fake:
        extra = prepare(fake)
        missing = undefined_variables(tasks) - set(extra)
        assert not missing, '%s EXAMPLES use variables this test does not provide: %s' % (module, sorted(missing))
        play = [{
            'name': 'EXAMPLES of zerotrust.cloudflare.%s' % module,
            'hosts': 'localhost',
            'gather_facts': False,
            'vars': dict(extra, ansible_python_interpreter='{{ ansible_playbook_python }}'),
            'module_defaults': {'group/zerotrust.cloudflare.access': {
                'api_base_url': fake.base_url, 'api_token': fake.token, 'account_id': fake.account_id,
                'max_retries': 1, 'request_timeout': 30}},
            'tasks': tasks,
        }]
        playbook = tmp_path / 'examples.yml'
        playbook.write_text(json.dumps(play, indent=2))
        env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections_path(), ANSIBLE_NOCOLOR='1',
                   ANSIBLE_RETRY_FILES_ENABLED='0', ANSIBLE_LOCALHOST_WARNING='0', ANSIBLE_INVENTORY_UNPARSED_WARNING='0',
                   ANSIBLE_LOCAL_TEMP=str(tmp_path / 'tmp'), ANSIBLE_HOME=str(tmp_path / 'ansible_home'))
        for name in ('CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_ACCOUNT_ID', 'CLOUDFLARE_BASE_URL', 'CLOUDFLARE_EMAIL',
                     'CLOUDFLARE_API_KEY'):
            env.pop(name, None)
        proc = subprocess.run(  # pylint: disable=subprocess-run-check
            [ANSIBLE_PLAYBOOK, '-i', 'localhost,', '-c', 'local', str(playbook)],
            cwd=str(tmp_path), env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=PLAYBOOK_TIMEOUT)
        output = proc.stdout.decode('utf-8', 'replace')
        assert proc.returncode == 0, 'the EXAMPLES of %s failed (rc %d):\n%s' % (module, proc.returncode, output)
        assert 'skipping: [localhost]' not in output, 'every example task must run:\n%s' % output
        check(fake, fake.state(), str(tmp_path), extra)
