# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The access_application module end to end: main() through patch_module_args against the fake API.

The module prints its result as JSON and exits; each test reads that JSON (what Ansible would
see), the raw messages the module handed to AnsibleModule.debug (before Ansible's own masking),
and the fake's request log.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import contextlib
import io
import json

import pytest

from ansible.module_utils import basic
from ansible_collections.zerotrust.cloudflare.plugins.modules import access_application
from ansible_collections.zerotrust.cloudflare.tests.fake_cloudflare.pytest_fixtures import fake_api_fixtures
from ansible_collections.zerotrust.cloudflare.tests.unit.compat.module_args import patch_module_args

TOKEN = 'cf-MODULE-token-3b8e1f70d2c94a65'
SCIM_PASSWORD = 'module-SCIM-password-91c3'
ENV = ('CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_EMAIL', 'CLOUDFLARE_API_KEY', 'CLOUDFLARE_BASE_URL', 'CLOUDFLARE_ACCOUNT_ID')


# (one name a statement: ansible-doc reads this folder's files as modules and warns on a tuple assignment)
FIXTURES = fake_api_fixtures(TOKEN, clear_env=ENV)
fake = FIXTURES[0]
clean = FIXTURES[1]


@pytest.fixture
def debug_lines(monkeypatch):
    """What the module passes to AnsibleModule.debug (as with -vvvv and ANSIBLE_DEBUG), unmasked."""
    lines = []

    def debug(self, msg):
        lines.append(msg)
        basic.AnsibleModule.log(self, '[debug] %s' % msg)
    monkeypatch.setattr(basic.AnsibleModule, 'debug', debug)
    monkeypatch.setattr(basic.AnsibleModule, 'log', lambda self, msg, log_args=None: None)
    return lines


class Result(dict):
    def __init__(self, rc, data, stdout):
        super(Result, self).__init__(data)
        self.rc = rc
        self.stdout = stdout


def run_module(args, check_mode=False, diff=False, debug=False):
    args = dict(args)
    args.update(_ansible_check_mode=check_mode, _ansible_diff=diff)
    if debug:
        args.update(_ansible_debug=True, _ansible_verbosity=4)
    out = io.StringIO()
    rc = None
    with patch_module_args(args), contextlib.redirect_stdout(out):
        try:
            access_application.main()
        except SystemExit as exc:
            rc = exc.code
    stdout = out.getvalue()
    return Result(rc, json.loads(stdout), stdout)


def connection(fake, **extra):
    args = dict(api_token=TOKEN, api_base_url=fake.base_url, account_id=fake.account_id)
    args.update(extra)
    return args


def requests_of(fake):
    return fake.log()['requests']


def writes(fake):
    return [r for r in requests_of(fake) if r['method'] != 'GET']


# --------------------------------------------------------------------------------------------
# Credentials and scope
# --------------------------------------------------------------------------------------------

def test_missing_credentials_is_a_clear_error_and_no_request(fake):
    result = run_module({'api_base_url': fake.base_url, 'account_id': fake.account_id, 'type': 'self_hosted',
                         'name': 'a', 'domain': 'a.example.com'})
    assert result.rc == 1 and result['failed'] is True
    assert 'credentials' in result['msg'] and 'api_token' in result['msg']
    assert fake.log()['total'] == 0


def test_email_without_key_is_a_clear_error(fake):
    result = run_module({'api_base_url': fake.base_url, 'account_id': fake.account_id, 'api_email': 'a@example.com',
                         'type': 'self_hosted', 'name': 'a', 'domain': 'a.example.com'})
    assert result.rc == 1 and 'api_key' in result['msg'] and 'api_email' in result['msg']
    assert fake.log()['total'] == 0


def test_token_from_the_environment_is_used(fake, monkeypatch):
    monkeypatch.setenv('CLOUDFLARE_API_TOKEN', TOKEN)
    monkeypatch.setenv('CLOUDFLARE_BASE_URL', fake.base_url)
    monkeypatch.setenv('CLOUDFLARE_ACCOUNT_ID', fake.account_id)
    result = run_module({'type': 'self_hosted', 'name': 'env', 'domain': 'env.example.com'})
    assert result.rc == 0 and result['changed'] is True
    assert all(r['path'].startswith('/client/v4/accounts/%s/' % fake.account_id) for r in requests_of(fake))
    assert TOKEN not in result.stdout


def test_wrong_token_fails_with_the_api_error_shape(fake):
    result = run_module(connection(fake, api_token='cf-WRONG-token-000000', type='self_hosted', name='a',
                                   domain='a.example.com'))
    assert result.rc == 1
    assert result['failure']['status'] == 403 and result['failure']['method'] == 'GET'
    assert [e['code'] for e in result['failure']['errors']] == [10000]
    assert 'cf-WRONG-token-000000' not in result.stdout


def test_no_scope_is_a_clear_error(fake):
    result = run_module({'api_token': TOKEN, 'api_base_url': fake.base_url, 'type': 'self_hosted', 'name': 'a'})
    assert result.rc == 1 and 'account_id' in result['msg'] and 'CLOUDFLARE_ACCOUNT_ID' in result['msg']
    assert fake.log()['total'] == 0


def test_zone_id_with_account_id_in_the_environment_uses_zone_scope(fake, monkeypatch):
    monkeypatch.setenv('CLOUDFLARE_ACCOUNT_ID', fake.account_id)
    args = {'api_token': TOKEN, 'api_base_url': fake.base_url, 'zone_id': fake.zone_id,
            'type': 'self_hosted', 'name': 'zoned', 'domain': 'zoned.example.com'}
    result = run_module(args)
    assert result.rc == 0 and result['changed'] is True
    writes = [r['path'] for r in requests_of(fake) if r['method'] != 'GET']
    reads = [r['path'] for r in requests_of(fake) if r['method'] == 'GET']
    assert writes == ['/client/v4/zones/%s/access/apps' % fake.zone_id]
    # besides the zone's applications, only the zone itself and its account's same-named applications are read
    # (a creation at zone scope first checks that it is not a move from account scope: PITFALLS 13)
    assert set(reads) <= set(['/client/v4/zones/%s/access/apps' % fake.zone_id, '/client/v4/zones/%s' % fake.zone_id,
                              '/client/v4/accounts/%s/access/apps' % fake.account_id])
    state = fake.state()
    assert [a['name'] for a in state['zones'][fake.zone_id]['apps']] == ['zoned']
    assert state['accounts'][fake.account_id]['apps'] == []
    assert run_module(args)['changed'] is False


def test_account_id_from_the_environment_when_no_zone(fake, monkeypatch):
    monkeypatch.setenv('CLOUDFLARE_ACCOUNT_ID', fake.account_id)
    result = run_module({'api_token': TOKEN, 'api_base_url': fake.base_url, 'type': 'bookmark', 'name': 'b',
                         'domain': 'https://b.example.com'})
    assert result.rc == 0
    assert [a['name'] for a in fake.state()['accounts'][fake.account_id]['apps']] == ['b']


def test_account_id_and_zone_id_together_are_refused(fake):
    result = run_module(connection(fake, zone_id=fake.zone_id, type='self_hosted', name='a', domain='a.example.com'))
    assert result.rc == 1 and 'account_id' in result['msg'] and 'zone_id' in result['msg']
    assert fake.log()['total'] == 0


def test_zone_scope_refuses_account_only_options_before_any_request(fake):
    result = run_module({'api_token': TOKEN, 'api_base_url': fake.base_url, 'zone_id': fake.zone_id,
                         'type': 'self_hosted', 'name': 'z', 'domain': 'z.example.com', 'tags': ['a']})
    assert result.rc == 1 and 'tags' in result['msg'] and 'zone' in result['msg']
    assert fake.log()['total'] == 0


# --------------------------------------------------------------------------------------------
# Options per type
# --------------------------------------------------------------------------------------------

def test_option_the_type_does_not_have_is_one_error_naming_it_and_the_accepting_types(fake):
    result = run_module(connection(fake, type='saas', name='s', cors_headers={'allow_all_origins': True}))
    assert result.rc == 1
    assert result['msg'].count('cors_headers') == 1
    assert 'saas' in result['msg']
    assert 'self_hosted, ssh, vnc, rdp' in result['msg']
    assert fake.log()['total'] == 0


def test_several_bad_options_are_reported_together(fake):
    result = run_module(connection(fake, type='bookmark', name='b', session_duration='1h', footer_links=[
        {'name': 'a', 'url': 'https://a'}]))
    assert result.rc == 1 and 'session_duration' in result['msg'] and 'footer_links' in result['msg']
    assert fake.log()['total'] == 0


def test_argument_spec_errors_come_before_any_request(fake):
    result = run_module(connection(fake, type='self_hosted', name='a', domain='a.example.com',
                                   cors_headers={'allowed_methods': ['FETCH']}))
    assert result.rc == 1 and 'allowed_methods' in result['msg']
    assert fake.log()['total'] == 0


IDP = '1d000000-0000-4000-8000-00000000000a'


def test_github_organization_option_is_sent_with_its_api_key(fake):
    fake.seed(identity_providers=[{'id': IDP, 'name': 'GitHub', 'type': 'github'}])
    args = connection(fake, type='self_hosted', name='gh', domain='gh.example.com', policies=[
        {'name': 'devs', 'decision': 'allow',
         'include': [{'github_organization': {'name': 'acme', 'identity_provider_id': IDP}}]}])
    created = run_module(args)
    assert created.rc == 0, created.get('msg')
    sent = writes(fake)[0]['body']['policies'][0]['include']
    assert sent == [{'github-organization': {'name': 'acme', 'identity_provider_id': IDP}}]
    fake.reset(state=False)
    assert run_module(args)['changed'] is False
    assert writes(fake) == []


def test_azure_ad_alias_is_accepted(fake):
    fake.seed(identity_providers=[{'id': IDP, 'name': 'Azure', 'type': 'azureAD'}])
    result = run_module(connection(fake, type='self_hosted', name='az', domain='az.example.com', policies=[
        {'name': 'staff', 'decision': 'allow', 'include': [{'azure_ad': {'id': 'g', 'identity_provider_id': IDP}}]}]))
    assert result.rc == 0, result.get('msg')
    assert writes(fake)[0]['body']['policies'][0]['include'] == [{'azureAD': {'id': 'g', 'identity_provider_id': IDP}}]


# --------------------------------------------------------------------------------------------
# No secret in the output
# --------------------------------------------------------------------------------------------

def test_token_never_in_output_or_debug_lines(fake, debug_lines):
    args = connection(fake, type='self_hosted', name='dbg', domain='dbg.example.com')
    created = run_module(args, debug=True, diff=True)
    assert created.rc == 0 and created['changed'] is True
    fake.faults({'kind': 'status', 'status': 503, 'method': 'GET'},
                {'kind': 'status', 'status': 400, 'method': 'PUT', 'code': 10000,
                 'message': 'token %s is not allowed to write' % TOKEN})
    failed = run_module(dict(args, session_duration='1h'), debug=True, diff=True)
    assert failed.rc == 1 and failed['failure']['status'] == 400
    assert any('GET' in line for line in debug_lines) and any('503' in line for line in debug_lines)
    for text in [created.stdout, failed.stdout] + debug_lines:
        assert TOKEN not in text
    assert 'not allowed to write' in failed['msg']


def test_secrets_never_in_output_or_debug_lines(fake, debug_lines):
    args = connection(fake, type='self_hosted', name='scim', domain='scim.example.com', update_secrets='always',
                      scim_config={'idp_uid': 'idp', 'remote_uri': 'https://scim.example.com',
                                   'authentication': [{'scheme': 'httpbasic', 'user': 'u', 'password': SCIM_PASSWORD}]})
    outputs = [run_module(args, debug=True, diff=True), run_module(args, debug=True, diff=True),
               run_module(args, debug=True, diff=True, check_mode=True),
               run_module(dict(args, session_duration='1 day'), debug=True, diff=True)]
    assert [o.rc for o in outputs] == [0, 0, 0, 1]
    assert writes(fake)[0]['body']['scim_config']['authentication']['password'] == SCIM_PASSWORD  # it was sent
    for text in [o.stdout for o in outputs] + debug_lines:
        assert SCIM_PASSWORD not in text


def test_oidc_client_secret_is_returned_by_the_creating_task_only(fake):
    args = connection(fake, type='saas', name='oidc', saas_app={'auth_type': 'oidc', 'redirect_uris': ['https://cb']})
    created = run_module(args, diff=True)
    secret = fake.state()['accounts'][fake.account_id]['apps'][0]['saas_app']['client_secret']
    assert created['application']['saas_app']['client_secret'] == secret
    assert secret not in json.dumps(created['diff'])
    again = run_module(args, diff=True)
    assert again['changed'] is False and secret not in again.stdout


# --------------------------------------------------------------------------------------------
# Check mode and diff
# --------------------------------------------------------------------------------------------

def test_check_mode_with_diff_predicts_and_writes_nothing(fake):
    args = connection(fake, type='self_hosted', name='cm', domain='cm.example.com', session_duration='2h', tags=['b', 'a'])
    result = run_module(args, check_mode=True, diff=True)
    assert result.rc == 0 and result['changed'] is True
    assert result['diff']['before'] == {}
    assert result['diff']['after'] == {'type': 'self_hosted', 'name': 'cm', 'domain': 'cm.example.com',
                                       'session_duration': '2h', 'tags': ['b', 'a']}
    assert result['application']['session_duration'] == '2h' and result['application']['app_launcher_visible'] is True
    assert writes(fake) == [] and fake.state()['accounts'][fake.account_id]['apps'] == []


def test_diff_only_when_asked(fake):
    args = connection(fake, type='self_hosted', name='nd', domain='nd.example.com')
    result = run_module(args)
    assert result['changed'] is True and 'diff' not in result and 'action' not in result
    # `invocation` comes and goes with the ansible-core line: not ours to assert on.
    assert sorted(key for key in result if key != 'invocation') == ['application', 'changed']


def test_check_mode_update_diff_and_then_the_real_run(fake):
    fake.seed(apps=[{'type': 'self_hosted', 'name': 'up', 'domain': 'up.example.com', 'tags': ['keep']}])
    args = connection(fake, type='self_hosted', name='up', session_duration='30m')
    predicted = run_module(args, check_mode=True, diff=True)
    assert predicted['changed'] is True
    assert predicted['diff'] == {'before': {'type': 'self_hosted', 'name': 'up', 'session_duration': '24h'},
                                 'after': {'type': 'self_hosted', 'name': 'up', 'session_duration': '30m'}}
    assert writes(fake) == []
    real = run_module(args, diff=True)
    assert real['diff'] == predicted['diff']
    assert real['application']['session_duration'] == '30m' and real['application']['tags'] == ['keep']
    assert [w['method'] for w in writes(fake)] == ['PUT']
    assert run_module(args, check_mode=True)['changed'] is False


def test_state_absent_full_cycle(fake):
    args = connection(fake, type='bookmark', name='gone', domain='https://gone.example.com')
    assert run_module(args)['changed'] is True
    checked = run_module(dict(args, state='absent'), check_mode=True, diff=True)
    assert checked['changed'] is True and checked['diff']['after'] == {}
    assert len(fake.state()['accounts'][fake.account_id]['apps']) == 1
    deleted = run_module(dict(args, state='absent'))
    assert deleted['changed'] is True and deleted['application'] == {}
    assert run_module(dict(args, state='absent'))['changed'] is False
    assert fake.state()['accounts'][fake.account_id]['apps'] == []
