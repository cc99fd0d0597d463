# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The access_application_bulk action plugin: the bulk engine on the controller against the fake API.

The plugin is built with stand-ins for the task, connection and play context (only their public attributes),
not with ansible-core internals, so that the tests hold on every ansible-core the collection supports."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import contextlib
import io
import json
import re
import threading
import time

import pytest

from ansible_collections.zerotrust.cloudflare.tests.unit.compat.module_args import patch_module_args

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.zerotrust.cloudflare.plugins.action import access_application_bulk as action
from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _access_application, _client, _engine, _module
from ansible_collections.zerotrust.cloudflare.plugins.modules import access_application_bulk as module
from ansible_collections.zerotrust.cloudflare.tests.fake_cloudflare.harness import FakeCloudflare

TOKEN = 'cf-ACTION-token-5d1e0b9a7c3f4e21'
ENV = ('CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_EMAIL', 'CLOUDFLARE_API_KEY', 'CLOUDFLARE_BASE_URL', 'CLOUDFLARE_ACCOUNT_ID',
       action.PROGRESS_ENV)


class Stub(object):
    def __init__(self, **attributes):
        self.__dict__.update(attributes)


def make_action(args, check_mode=False, diff=False, transport='local', become=False):
    task = Stub(args=args, check_mode=check_mode, diff=diff, async_val=0, action='zerotrust.cloudflare.access_application_bulk')
    connection = Stub(transport=transport, _shell=Stub(tmpdir=None))
    play_context = Stub(become=become, remote_addr='localhost')
    return action.ActionModule(task, connection, play_context, loader=None, templar=None, shared_loader_obj=None)


@pytest.fixture(scope='module')
def fake():
    with FakeCloudflare(token=TOKEN) as server:
        yield server


@pytest.fixture(autouse=True)
def clean(fake, monkeypatch):
    fake.reset()
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv('CLOUDFLARE_API_TOKEN', TOKEN)
    monkeypatch.setenv('CLOUDFLARE_BASE_URL', fake.base_url)
    monkeypatch.setenv('CLOUDFLARE_ACCOUNT_ID', fake.account_id)
    # the shared request budget is process-wide: give every test the defaults back
    _client.get_shared_budget(limit=1200, window=300.0)


def apps(count, prefix='app'):
    return [{'name': '%s-%02d' % (prefix, i), 'type': 'self_hosted', 'domain': '%s-%02d.example.com' % (prefix, i)}
            for i in range(count)]


def names_in_account(fake):
    return sorted(a['name'] for a in fake.state()['accounts'][fake.account_id]['apps'])


def test_runs_in_process_creates_and_reruns_without_writes(fake):
    first = make_action({'applications': apps(3)}).run(task_vars={'inventory_hostname': 'localhost'})
    assert first['changed'] is True and not first.get('failed')
    assert first['summary'] == {'created': 3, 'updated': 0, 'recreated': 0, 'unchanged': 0, 'deleted': 0, 'failed': 0}
    assert [e['action'] for e in first['results']] == ['created'] * 3
    assert all(e['id'] for e in first['results'])
    assert names_in_account(fake) == ['app-00', 'app-01', 'app-02']

    fake.reset(state=False)
    second = make_action({'applications': apps(3)}).run(task_vars={})
    assert second['changed'] is False and second['summary']['unchanged'] == 3
    assert fake.log()['writes'] == 0 and fake.log()['total'] == 1


def test_check_mode_and_diff(fake):
    result = make_action({'applications': apps(2)}, check_mode=True, diff=True).run(task_vars={})
    assert result['changed'] is True and result['summary']['created'] == 2
    assert len(result['diff']) == 2 and result['diff'][0]['after']['domain'] == 'app-00.example.com'
    assert fake.log()['writes'] == 0
    assert names_in_account(fake) == []


def test_failures_are_the_module_ones(fake):
    fake.seed(apps=[{'type': 'self_hosted', 'name': 'Dashboard app', 'domain': 'taken.example.com'}])
    items = apps(2) + [{'name': 'clash', 'type': 'self_hosted', 'domain': 'taken.example.com'}]
    result = make_action({'applications': items}).run(task_vars={})
    assert result['failed'] is True
    assert result['msg'].startswith('1 of 3 applications failed: clash: ')
    assert result['summary']['created'] == 2 and result['summary']['failed'] == 1


def test_bad_arguments_fail_like_the_module(fake):
    result = make_action({'applications': [], 'colour': 'blue'}).run(task_vars={})
    assert result['failed'] is True
    assert result['msg'].startswith('Unsupported parameters for (zerotrust.cloudflare.access_application_bulk) module: colour')
    result = make_action({'applications': 'not a list of dicts'}).run(task_vars={})
    assert result['failed'] is True and result['msg'] == 'applications: expected a list, got a string'
    result = make_action({'applications': [], 'concurrency': 'many'}).run(task_vars={})
    assert result['failed'] is True and result['msg'] == 'concurrency: expected an integer, got a string'
    assert fake.log()['total'] == 0


def test_an_error_of_the_list_sweep_started_ahead_fails_the_task_with_the_apis_message(fake, monkeypatch):
    """The sweep runs in a thread while the items are checked: its error still fails the task, once, cleanly."""
    monkeypatch.setenv('CLOUDFLARE_API_TOKEN', 'not-the-token')
    result = make_action({'applications': apps(3)}).run(task_vars={})
    assert result['failed'] is True and 'Authentication error' in result['msg'], result
    assert fake.log()['writes'] == 0 and fake.log()['total'] == 1


def test_missing_account_says_where_it_can_come_from(fake, monkeypatch):
    monkeypatch.delenv('CLOUDFLARE_ACCOUNT_ID')
    result = make_action({'applications': apps(1)}).run(task_vars={})
    assert result['failed'] is True and 'CLOUDFLARE_ACCOUNT_ID' in result['msg']
    assert fake.log()['total'] == 0


def test_no_log_values_are_masked_in_the_result(fake):
    """What the module's exit_json masks (the values of no_log options) is masked here too."""
    items = [{'name': TOKEN, 'type': 'self_hosted', 'domain': 'masked.example.com'}]
    result = make_action({'applications': items}).run(task_vars={})
    assert TOKEN not in repr(result)
    assert result['results'][0]['name'] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'


def test_other_connections_run_the_module(monkeypatch):
    calls = []

    def execute_module(self, module_name=None, module_args=None, task_vars=None, **kwargs):
        calls.append((module_name, module_args))
        return {'changed': False, 'results': [], 'summary': {}}
    monkeypatch.setattr(action.ActionModule, '_execute_module', execute_module)
    args = {'applications': apps(1)}
    assert make_action(args, transport='ssh').run(task_vars={})['results'] == []
    assert make_action(args, become=True).run(task_vars={})['results'] == []
    monkeypatch.setattr(_client, 'HAS_REQUESTS', False)
    assert make_action(args).run(task_vars={})['results'] == []
    assert calls == [('zerotrust.cloudflare.access_application_bulk', args)] * 3


def test_progress_interval_option_environment_default(monkeypatch):
    assert action.progress_interval({'progress_interval': 2.5}) == 2.5
    assert action.progress_interval({'progress_interval': None}) == 15.0
    monkeypatch.setenv(action.PROGRESS_ENV, '0.5')
    assert action.progress_interval({}) == 0.5
    assert action.progress_interval({'progress_interval': 0}) == 0
    monkeypatch.setenv(action.PROGRESS_ENV, 'soon')
    assert action.progress_interval({}) == 15.0


def _wait_for(condition, limit=30.0):
    """Poll until condition() (the test asserts what happened, not how long it took)."""
    deadline = time.monotonic() + limit
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_progress_lines_while_running_and_a_last_one():
    shown = []
    with action.Progress(0.01, 'localhost', show=shown.append) as progress:
        _wait_for(lambda: len(shown) >= 2)
        progress.update(0, 300, 0)
        seen = len(shown)
        _wait_for(lambda: len(shown) >= seen + 2)
        progress.update(120, 300, 2)
    assert shown[0] == 'localhost: reading the applications of the account'
    assert 'localhost: 0/300 applications written, 0 failed' in shown
    assert shown[-1] == 'localhost: 120/300 applications written, 2 failed'
    assert progress.lines == len(shown)


def test_no_progress_thread_when_silent_or_short():
    shown = []
    before = threading.active_count()
    with action.Progress(0, 'localhost', show=shown.append) as progress:
        assert threading.active_count() == before
        progress.update(3, 3, 0)
    with action.Progress(3600, 'localhost', show=shown.append) as progress:
        progress.update(3, 3, 0)
    assert shown == []  # nothing to say for a run shorter than the interval


def test_bulk_run_reports_each_write(fake):
    reported = []
    manager = _access_application.ApplicationManager(
        _client.CloudflareClient(base_url=fake.base_url, api_token=TOKEN), account_id=fake.account_id)
    bulk = _engine.Bulk(manager, concurrency=2, progress=lambda *state: reported.append(state))
    fake.seed(apps=[{'type': 'self_hosted', 'name': 'Dashboard app', 'domain': 'taken.example.com'}])
    done = bulk.run(apps(3) + [{'name': 'clash', 'type': 'self_hosted', 'domain': 'taken.example.com'}])
    assert [e['action'] for e in done] == ['created'] * 3 + ['failed']
    assert reported[0] == (0, 4, 0)
    assert reported[-1] == (3, 4, 1)
    assert len(reported) == 5


@pytest.mark.parametrize('item', [
    {'name': 'a', 'type': 'self_hosted', 'domain': 'a.example.com', 'tags': ['x', 'y'], 'state': 'present'},
    {'name': 'b', 'type': 'saas', 'app_launcher_visible': True, 'session_duration': None},
    {'name': 'c', 'type': 'self_hosted', 'domain': 'c.example.com', 'update_secrets': 'always', 'allow_recreate': False},
])
def test_a_plain_item_validates_as_the_argument_spec_would(item):
    spec = _access_application.module_argument_spec()
    assert all(_module._plain(value, spec[key]) for key, value in item.items())
    keys = sorted(set(item) | set(k for k, v in spec.items() if 'default' in v))
    expected = ArgumentSpecValidator(dict((k, spec[k]) for k in keys)).validate(item).validated_parameters
    base = _module.CloudflareModule.__new__(_module.CloudflareModule)
    base.module = Stub(no_log_values=set())
    assert base.validate_items(spec, [item]) == [(expected, None)]


@pytest.mark.parametrize('key, value', [
    ('type', 'no_such_type'),  # not a choice: the validator says so
    ('tags', ['a', 1]),  # an element to convert
    ('app_launcher_visible', 'yes'),  # a string to convert to a bool
    ('cors_headers', {'allow_all_origins': True}),  # sub-options
    ('session_duration', 12),  # an int to convert to a str
])
def test_items_that_are_not_plain_go_through_the_validator(key, value):
    spec = _access_application.module_argument_spec()
    assert not _module._plain(value, spec[key])


def run_module(args, check_mode=False, diff=False):
    """The module itself, as it runs on a target (its JSON output, without what only a module returns)."""
    out = io.StringIO()
    with patch_module_args(dict(args, _ansible_check_mode=check_mode, _ansible_diff=diff)), contextlib.redirect_stdout(out):
        with pytest.raises(SystemExit):
            module.main()
    result = json.loads(out.getvalue())
    result.pop('invocation', None)
    return result


def without_ids(result):
    """The result with the ids the fake made (each run seeds its own) replaced by one placeholder."""
    return json.loads(re.sub(r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', 'ID', json.dumps(result)))


@pytest.mark.parametrize('check_mode, diff', [(False, False), (True, True)])
def test_the_action_returns_what_the_module_returns(fake, check_mode, diff):
    fake.seed(apps=[{'type': 'self_hosted', 'name': 'Dashboard app', 'domain': 'taken.example.com'},
                    {'type': 'self_hosted', 'name': 'app-01', 'domain': 'app-01.example.com', 'session_duration': '1h'}])
    items = apps(3) + [{'name': 'clash', 'type': 'self_hosted', 'domain': 'taken.example.com'}]
    args = {'applications': items, 'defaults': {'session_duration': '2h'}}
    by_module = run_module(args, check_mode, diff)
    fake.reset()
    fake.seed(apps=[{'type': 'self_hosted', 'name': 'Dashboard app', 'domain': 'taken.example.com'},
                    {'type': 'self_hosted', 'name': 'app-01', 'domain': 'app-01.example.com', 'session_duration': '1h'}])
    by_action = make_action(args, check_mode=check_mode, diff=diff).run(task_vars={})
    # the clash is found by the API: a check-mode run cannot know it
    assert by_module['summary'] == {'created': 3 if check_mode else 2, 'updated': 1, 'recreated': 0, 'unchanged': 0,
                                    'deleted': 0, 'failed': 0 if check_mode else 1}
    assert ('diff' in by_module) is diff
    assert without_ids(by_action) == without_ids(by_module)


# --------------------------------------------------------------------------------------- from_hosts (the role's path)

class HostVars(object):
    """The part of ansible-core's `hostvars` that the action uses: raw_get (untemplated) and [host][name] (templated,
    here by the test's `render`); counts what it templates."""

    def __init__(self, hosts, render):
        self.hosts = hosts
        self.render = render
        self.templated = []

    def raw_get(self, host):
        return self.hosts[host]

    def __getitem__(self, host):
        parent = self

        class Templated(object):
            def __getitem__(self, name):
                parent.templated.append((host, name))
                return parent.render(parent.hosts[host][name])
        return Templated()


def render(value):
    """A stand-in for the templating engine: '{{ suffix }}' -> '.example.org', recursively."""
    if isinstance(value, str):
        return value.replace('{{ suffix }}', '.example.org')
    if isinstance(value, list):
        return [render(v) for v in value]
    if isinstance(value, dict):
        return dict((k, render(v)) for k, v in value.items())
    return value


def inventory_action(args, hosts, own=None, extra_vars=None, check_mode=False):
    """The action with `from_hosts`, the first host being the task's own (its variables are the task's)."""
    own_host = list(hosts)[0]
    hostvars = HostVars(hosts, render)
    task_vars = dict(hosts[own_host], inventory_hostname=own_host, hostvars=hostvars,
                     groups={'all': list(hosts)}, **(extra_vars or {}))
    task_vars.update(own or {})
    templar = Stub(templated=[])
    templar.template = lambda value: (templar.templated.append(value), render(value))[1]
    plugin = make_action(dict({'from_hosts': list(hosts)}, **args), check_mode=check_mode)
    plugin._templar = templar
    return plugin, task_vars, hostvars, templar


WEB = {'access_applications_list_web': [{'name': 'wiki', 'type': 'self_hosted', 'domain': 'wiki.example.com'}],
       'access_applications_defaults': {'session_duration': '8h'}}
DB = {'access_applications_list_db': [{'name': 'wiki', 'type': 'self_hosted', 'domain': 'wiki.example.com'},
                                      {'name': 'pgadmin', 'type': 'self_hosted', 'domain': 'pg{{ suffix }}'}],
      'access_applications_defaults': {'session_duration': '8h'},
      'access_applications_groups_list': [{'name': 'DBAs', 'include': [{'email_domain': {'domain': 'example.com'}}]}]}


def test_from_hosts_reads_the_declarations_and_templates_only_what_holds_a_template(fake):
    plugin, task_vars, hostvars, templar = inventory_action({}, {'web1': WEB, 'db1': DB})
    result = plugin.run(task_vars=task_vars)
    assert not result.get('failed'), result
    # the same wiki declared by both hosts counts once; the defaults of each host are merged under its items
    assert sorted((e['type'], e['name'], e['action']) for e in result['results']) == [
        ('group', 'DBAs', 'created'), ('self_hosted', 'pgadmin', 'created'), ('self_hosted', 'wiki', 'created')]
    stored = dict((a['name'], a) for a in fake.state()['accounts'][fake.account_id]['apps'])
    assert stored['pgadmin']['domain'] == 'pg.example.org' and stored['wiki']['session_duration'] == '8h'
    # only db1's list holds a template: it alone went through hostvars' templating; nothing of web1 (the task's own)
    assert hostvars.templated == [('db1', 'access_applications_list_db')] and templar.templated == []

    fake.reset(state=False)
    plugin, task_vars, dummy, dummy = inventory_action({}, {'web1': WEB, 'db1': DB})
    again = plugin.run(task_vars=task_vars)
    assert again['changed'] is False and fake.log()['writes'] == 0


def test_from_hosts_templates_the_task_hosts_own_variable_with_the_task_templar(fake):
    own = {'access_applications_list': [{'name': 'own', 'type': 'self_hosted', 'domain': 'own{{ suffix }}'}]}
    plugin, task_vars, hostvars, templar = inventory_action({}, {'web1': own})
    result = plugin.run(task_vars=task_vars)
    assert result['summary']['created'] == 1 and hostvars.templated == []
    assert templar.templated == [own['access_applications_list']]
    assert fake.state()['accounts'][fake.account_id]['apps'][0]['domain'] == 'own.example.org'


def test_from_hosts_refuses_different_declarations_of_one_object_before_any_request(fake):
    other = {'access_applications_list': [{'name': 'wiki', 'type': 'self_hosted', 'domain': 'wiki.example.com',
                                           'session_duration': '1h'}]}
    plugin, task_vars, dummy, dummy = inventory_action({}, {'web1': WEB, 'db9': other})
    result = plugin.run(task_vars=task_vars)
    assert result['failed'] is True
    assert result['msg'] == ('name:wiki|domain:wiki.example.com is declared differently (2 ways): by web1 '
                             '(access_applications_list_web); by db9 (access_applications_list)')
    assert fake.log()['total'] == 0


@pytest.mark.parametrize('extra_vars, play_hosts, reason', [
    ({'ansible_limit': 'web1'}, ['web1', 'db1'], 'the --limit web1'),
    ({'awx_job_slice_count': 2}, ['web1', 'db1'], 'an AWX/AAP sliced job'),
    ({}, ['web1'], 'hosts that declare applications, groups or policies are not in the play: db1'),
])
def test_from_hosts_refuses_to_purge_on_a_partial_run(fake, extra_vars, play_hosts, reason):
    plugin, task_vars, dummy, dummy = inventory_action({'purge': True, 'from_hosts': play_hosts}, {'web1': WEB, 'db1': DB},
                                                       extra_vars=extra_vars)
    result = plugin.run(task_vars=task_vars)
    assert result['failed'] is True and result['msg'].endswith('This run is partial: %s' % reason), result['msg']
    assert fake.log()['total'] == 0


@pytest.mark.parametrize('args, variables, message', [
    ({'applications': apps(1)}, {}, 'from_hosts and applications are mutually exclusive'),
    ({}, {'access_applications_list_x': 'wiki'}, 'access_applications_list_x of host web1 must be a list, got str'),
    ({}, {'access_applications_groups_list': ['DBAs']},
     "access_applications_groups_list of host web1: every item must be a dict of module options, got 'DBAs'"),
    ({}, {'access_applications_defaults': ['8h'], 'access_applications_list': []},
     'access_applications_defaults of host web1 must be a dict of options, got list'),
])
def test_from_hosts_bad_declarations_are_named_before_any_request(fake, args, variables, message):
    plugin, task_vars, dummy, dummy = inventory_action(args, {'web1': variables})
    result = plugin.run(task_vars=task_vars)
    assert result['failed'] is True and result['msg'].startswith(message), result['msg']
    assert fake.log()['total'] == 0


def test_the_result_that_carries_a_client_secret_hides_itself(fake):
    oidc = {'type': 'saas', 'name': 'Portal', 'saas_app': {'auth_type': 'oidc', 'redirect_uris': ['https://p.example.com/cb']}}
    created = make_action({'applications': [oidc]}).run(task_vars={})
    assert created['_ansible_no_log'] is True and created['results'][0]['client_secret']
    again = make_action({'applications': [oidc]}).run(task_vars={})
    assert 'client_secret' not in again['results'][0] and '_ansible_no_log' not in again


def test_a_result_is_censored_only_when_a_no_log_value_is_in_it():
    result = {'results': [{'name': 'wiki'}], 'msg': 'token abc123 refused'}
    assert action.censored(result, set(['zzz'])) is result
    assert action.censored(result, set(['abc123']))['msg'] == 'token ******** refused'
    # a value that JSON would escape is looked for by remove_values itself
    quoted = {'msg': 'say "hi"'}
    assert action.censored(quoted, set(['"hi"']))['msg'] == 'say ********'
