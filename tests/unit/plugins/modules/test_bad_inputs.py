# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bad inputs, as a new user writes them, are refused before any request.

Each row runs one module's main() (through patch_module_args) against the fake API: the task fails, its
message names the option path, and the fake's request log counts zero requests.  The role's rows are in
tests/unit/test_role_inputs_and_secrets.py.  Also here: what the API accepts and we must too (a destination
without type, an application without name found by its domain) and the OIDC secret of bulk creations.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import contextlib
import io
import json

import pytest

from ansible_collections.zerotrust.cloudflare.tests.unit.compat.module_args import patch_module_args

from ansible_collections.zerotrust.cloudflare.plugins.modules import (
    access_application, access_application_bulk, access_application_info, access_policy)
from ansible_collections.zerotrust.cloudflare.tests.fake_cloudflare.pytest_fixtures import fake_api_fixtures

TOKEN = 'cf-BAD-INPUT-token-5d1c0a9e7b'
ENV = ('CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_EMAIL', 'CLOUDFLARE_API_KEY', 'CLOUDFLARE_BASE_URL', 'CLOUDFLARE_ACCOUNT_ID')
MODULES = {'app': access_application, 'policy': access_policy, 'info': access_application_info,
           'bulk': access_application_bulk}

SH = {'type': 'self_hosted', 'name': 'Wiki', 'domain': 'wiki.example.com'}
INFRA = {'type': 'infrastructure', 'name': 'Hosts',
         'target_criteria': [{'port': 22, 'protocol': 'SSH', 'target_attributes': {'hostname': ['db1']}}]}
EVERYONE = [{'everyone': {}}]
OIDC = {'type': 'saas', 'name': 'Portal', 'saas_app': {'auth_type': 'oidc', 'redirect_uris': ['https://portal.example.com/cb']}}
LONG_ID = 'f174e90a-fafe-4643-bbbc-4a0ed4fc8415-0000'  # 41 characters: the extract's maxLength is 36


def inline(**rule):
    return [{'name': 'p', 'decision': 'allow', 'include': [rule]}]


def app(**extra):
    return dict(SH, **extra)


def policy(**extra):
    return dict({'name': 'Engineers', 'decision': 'allow', 'include': EVERYONE}, **extra)


def bulk(*items, **extra):
    return dict({'applications': list(items)}, **extra)


# (id, module, options, what the message must name)
BAD_INPUTS = [
    # --- access_application: the examples
    ('private-cidr-33', 'app', app(destinations=[{'type': 'private', 'cidr': '10.0.0.0/33'}]), 'destinations[0].cidr'),
    ('email-rule', 'app', app(policies=inline(email={'email': 'not-an-email'})), 'policies[0].include[0].email.email'),
    ('infra-deny', 'app', dict(INFRA, policies=[{'name': 'p', 'decision': 'deny', 'include': EVERYONE}]),
     'policies[0].decision'),
    ('app-id-too-long', 'app', app(app_id=LONG_ID), 'app_id'),
    ('policy-link-too-long', 'app', app(policies=[{'id': LONG_ID}]), 'policies[0].id'),
    ('policy-link-string-too-long', 'app', app(policies=[LONG_ID]), 'policies[0]'),
    ('account-id-40', 'app', app(account_id='0123456789abcdef0123456789abcdef01234567'), 'account_id'),
    ('cors-headers-string', 'app', app(cors_headers='yes'), 'cors_headers'),
    ('saas-app-list', 'app', dict(OIDC, saas_app=[{'auth_type': 'oidc'}]), 'saas_app'),
    # --- access_application: ids, formats and ranges
    ('account-id-not-hex', 'app', app(account_id='z' * 32), 'account_id'),
    ('zone-id-short', 'app', dict(SH, zone_id='fedcba98'), 'zone_id'),
    ('second-destination-cidr', 'app', app(destinations=[{'uri': 'wiki.example.com'}, {'type': 'private', 'cidr': '300.1.1.1'}]),
     'destinations[1].cidr'),
    ('port-range-zero', 'app', app(destinations=[{'type': 'private', 'cidr': '10.0.0.0/8', 'port_range': '0-80'}]),
     'destinations[0].port_range'),
    ('port-range-reversed', 'app', app(destinations=[{'type': 'private', 'cidr': '10.0.0.0/8', 'port_range': '90-80'}]),
     'destinations[0].port_range'),
    ('port-range-word', 'app', app(destinations=[{'type': 'private', 'hostname': 'db', 'port_range': 'http'}]),
     'destinations[0].port_range'),
    ('port-too-high', 'app', app(destinations=[{'type': 'private', 'hostname': 'db', 'port_range': '70000'}]),
     'destinations[0].port_range'),
    ('destination-kind', 'app', app(destinations=[{'type': 'tunnel', 'uri': 'a'}]), 'destinations'),
    ('destinations-string', 'app', app(destinations='wiki.example.com'), 'destinations'),
    ('destination-not-dict', 'app', app(destinations=['wiki.example.com']), 'destinations[0]'),
    ('mfa-config-int', 'app', app(mfa_config=5), 'mfa_config'),
    ('cors-max-age-word', 'app', app(cors_headers={'max_age': 'lots'}), 'cors_headers.max_age'),
    ('session-duration', 'app', app(session_duration='1 day'), 'session_duration'),
    ('deny-url-no-scheme', 'app', app(custom_deny_url='deny.example.com'), 'custom_deny_url'),
    ('deny-url-ftp', 'app', app(custom_deny_url='ftp://deny.example.com/x'), 'custom_deny_url'),
    ('non-identity-url', 'app', app(custom_non_identity_deny_url='/relative'), 'custom_non_identity_deny_url'),
    ('logo-url', 'app', app(logo_url='not a url'), 'logo_url'),
    ('ip-rule-prefix', 'app', app(policies=inline(ip={'ip': '10.0.0.1/40'})), 'policies[0].include[0].ip.ip'),
    ('ip-rule-word', 'app', app(policies=inline(ip={'ip': 'localhost'})), 'policies[0].include[0].ip.ip'),
    ('account-member-id', 'app', app(policies=inline(cloudflare_account_member={'account_id': 'abc'})),
     'policies[0].include[0].cloudflare_account_member.account_id'),
    ('evaluation-url', 'app', app(policies=inline(external_evaluation={'evaluate_url': 'nope', 'keys_url': 'https://k.example.com'})),
     'policies[0].include[0].external_evaluation.evaluate_url'),
    ('exclude-email', 'app', app(policies=[{'name': 'p', 'decision': 'allow', 'include': EVERYONE,
                                            'exclude': [{'email': {'email': 'a@b'}}]}]), 'policies[0].exclude[0].email.email'),
    ('scim-remote-uri', 'app', app(scim_config={'idp_uid': 'idp', 'remote_uri': 'scim.example.com'}), 'scim_config.remote_uri'),
    ('auto-redirect-two-idps', 'app', app(auto_redirect_to_identity=True, allowed_idps=['a', 'b']), 'auto_redirect_to_identity'),
    ('cors-credentials-all-origins', 'app', app(cors_headers={'allow_all_origins': True, 'allow_credentials': True}),
     'cors_headers'),
    ('infra-without-name', 'app', dict((k, v) for k, v in INFRA.items() if k != 'name'), 'name'),
    ('unknown-type', 'app', dict(SH, type='web'), 'type'),
    ('duplicate-precedence', 'app', app(policies=[{'id': 'a', 'precedence': 1}, {'id': 'b', 'precedence': 1}]),
     'policies[1].precedence'),
    ('footer-link-url', 'app', {'type': 'app_launcher', 'footer_links': [{'name': 'Help', 'url': 'help'}]}, 'footer_links[0].url'),
    ('landing-image-url', 'app', {'type': 'app_launcher', 'landing_page_design': {'image_url': 'img.png'}},
     'landing_page_design.image_url'),
    ('option-of-other-type', 'app', dict(OIDC, cors_headers={'allow_all_headers': True}), 'cors_headers'),
    ('token-lifetime', 'app', dict(OIDC, saas_app=dict(OIDC['saas_app'], access_token_lifetime='forever')),
     'saas_app.access_token_lifetime'),
    ('target-port-word', 'app',
     dict(INFRA, target_criteria=[{'port': 'ssh', 'protocol': 'SSH', 'target_attributes': {'hostname': ['db1']}}]),
     'target_criteria[0].port'),
    ('proxy-endpoint-domain', 'app', {'type': 'proxy_endpoint', 'name': 'Proxy', 'domain': 'proxy.example.com'}, 'domain'),
    ('mfa-authenticator', 'app', app(mfa_config={'allowed_authenticators': ['piv_key']}), 'mfa_config.allowed_authenticators'),
    ('mixed-policies', 'app', app(policies=[{'id': 'a'}, {'name': 'p', 'decision': 'allow', 'include': EVERYONE}]), 'policies'),
    ('domains-and-destinations', 'app', app(self_hosted_domains=['wiki.example.com'], destinations=[{'uri': 'wiki.example.com'}]),
     'self_hosted_domains'),
    ('oauth-grant-duration', 'app', app(oauth_configuration={'grant': {'session_duration': 'a week'}}),
     'oauth_configuration.grant.session_duration'),
    ('present-without-type', 'app', {'name': 'Wiki', 'domain': 'wiki.example.com'}, 'type'),
    # --- access_policy
    ('policy-email', 'policy', policy(include=[{'email': {'email': 'someone'}}]), 'include[0].email.email'),
    ('policy-id-too-long', 'policy', policy(policy_id=LONG_ID), 'policy_id'),
    ('policy-account-id', 'policy', policy(account_id='0123'), 'account_id'),
    ('policy-duration', 'policy', policy(session_duration='soon'), 'session_duration'),
    ('policy-ip', 'policy', policy(include=[{'ip': {'ip': '1.2.3.4/99'}}]), 'include[0].ip.ip'),
    ('policy-rule-string', 'policy', policy(include=['everyone']), 'include[0]'),
    ('policy-mfa-string', 'policy', policy(mfa_config='yes'), 'mfa_config'),
    ('policy-approvals-word', 'policy', policy(approval_groups=[{'approvals_needed': 'two'}]),
     'approval_groups[0].approvals_needed'),
    ('policy-decision', 'policy', policy(decision='maybe'), 'decision'),
    ('policy-require-email', 'policy', policy(require=[{'gsuite': {'email': 'g', 'identity_provider_id': 'i'}},
                                                       {'email': {'email': 'x@'}}]), 'require[1].email.email'),
    # --- access_application_info
    ('info-app-id', 'info', {'app_id': LONG_ID}, 'app_id'),
    ('info-account-id', 'info', {'account_id': 'ACCOUNT'}, 'account_id'),
    ('info-zone-id', 'info', {'zone_id': 'f' * 31}, 'zone_id'),
    ('info-exact', 'info', {'name': 'Wiki', 'exact': 'perhaps'}, 'exact'),
    ('info-type-choice', 'info', {'type': ['web']}, 'type'),
    # --- access_application_bulk (every item checked before the list sweep)
    ('bulk-unknown-type', 'bulk', bulk({'type': 'web', 'name': 'x'}), 'type'),
    ('bulk-cidr', 'bulk', bulk(app(destinations=[{'type': 'private', 'cidr': '10.0.0.0/33'}])), 'destinations[0].cidr'),
    ('bulk-cors-string', 'bulk', bulk(app(cors_headers='yes')), 'cors_headers'),
    ('bulk-infra-without-name', 'bulk', bulk(dict((k, v) for k, v in INFRA.items() if k != 'name')), 'name'),
    ('bulk-app-id', 'bulk', bulk(app(app_id=LONG_ID)), 'app_id'),
    ('bulk-defaults-duration', 'bulk', bulk(SH, defaults={'session_duration': '1 day'}), 'session_duration'),
    ('bulk-account-id', 'bulk', bulk(SH, account_id='0' * 33), 'account_id'),
    ('bulk-email-rule', 'bulk', bulk(app(policies=inline(email={'email': 'nobody'}))), 'policies[0].include[0].email.email'),
    ('bulk-unknown-option', 'bulk', bulk(app(colour='blue')), 'colour'),
    ('bulk-infra-bypass', 'bulk', bulk(dict(INFRA, policies=[{'name': 'p', 'decision': 'bypass', 'include': EVERYONE}])),
     'policies[0].decision'),
    ('bulk-saas-app-list', 'bulk', bulk(dict(OIDC, saas_app=['oidc'])), 'saas_app'),
    ('bulk-deny-url', 'bulk', bulk(app(custom_deny_url='www.example.com')), 'custom_deny_url'),
]


# (one name a statement: ansible-doc reads this folder's files as modules and warns on a tuple assignment)
FIXTURES = fake_api_fixtures(TOKEN, clear_env=ENV)
fake = FIXTURES[0]
clean = FIXTURES[1]


def run(module, args, fake, check_mode=False):
    full = dict(api_token=TOKEN, api_base_url=fake.base_url)
    if 'zone_id' not in args:
        full['account_id'] = fake.account_id
    full.update(args)
    full.update(_ansible_check_mode=check_mode)
    out = io.StringIO()
    with patch_module_args(full), contextlib.redirect_stdout(out):
        try:
            MODULES[module].main()
        except SystemExit:
            pass
    return json.loads(out.getvalue())


def test_the_table_is_large_and_covers_every_module():
    assert len(BAD_INPUTS) >= 60
    assert len(set(row[0] for row in BAD_INPUTS)) == len(BAD_INPUTS)
    assert set(row[1] for row in BAD_INPUTS) == set(MODULES)


@pytest.mark.parametrize('module, options, path', [row[1:] for row in BAD_INPUTS], ids=[row[0] for row in BAD_INPUTS])
def test_bad_input_is_refused_before_any_request(fake, module, options, path):
    result = run(module, options, fake)
    assert result.get('failed') is True, result
    assert path in result['msg'], result['msg']
    assert 'dictionary requested, could not parse JSON' not in result['msg']
    assert fake.log()['total'] == 0, [(r['method'], r['path']) for r in fake.log()['requests']]


def test_bulk_refuses_every_invalid_item_by_name_without_a_request(fake):
    result = run('bulk', bulk(dict(SH, name='One', cors_headers='yes'), dict(SH, name='Two', session_duration='1 day'),
                              {'type': 'web', 'name': 'Three'}), fake)
    assert result['failed'] is True and result['summary']['failed'] == 3
    assert [e['name'] for e in result['results']] == ['One', 'Two', 'Three']
    assert 'cors_headers' in result['results'][0]['msg'] and 'session_duration' in result['results'][1]['msg']
    assert 'type' in result['results'][2]['msg']
    assert fake.log()['total'] == 0


def test_bulk_valid_items_still_go_through_beside_invalid_ones(fake):
    result = run('bulk', bulk(SH, dict(SH, name='Bad', domain='bad.example.com', custom_deny_url='nope')), fake)
    assert result['failed'] is True
    assert [e['action'] for e in result['results']] == ['created', 'failed']
    assert 'custom_deny_url' in result['results'][1]['msg']
    assert [a['name'] for a in fake.state()['accounts'][fake.account_id]['apps']] == ['Wiki']


def test_bulk_purge_with_an_invalid_item_changes_nothing(fake):
    fake.seed(apps=[dict(SH, tags=['managed'])])
    fake.reset(state=False)
    result = run('bulk', bulk(dict(SH, session_duration='1 day'), purge=True, purge_tag='managed'), fake)
    assert result['failed'] is True and 'purge' in result['msg'] and 'session_duration' in result['msg']
    assert fake.log()['total'] == 0
    assert len(fake.state()['accounts'][fake.account_id]['apps']) == 1


# --------------------------------------------------------------------------------------------
# Accepted as the API accepts them
# --------------------------------------------------------------------------------------------

def test_a_destination_without_type_is_public_and_idempotent(fake):
    args = {'type': 'self_hosted', 'name': 'Docs', 'destinations': [{'uri': 'docs.example.com'}, {'uri': 'docs.example.com/api'}]}
    first = run('app', args, fake)
    assert first['changed'] is True, first
    stored = fake.state()['accounts'][fake.account_id]['apps'][0]
    assert [d['type'] for d in stored['destinations']] == ['public', 'public'] and stored['domain'] == 'docs.example.com'
    second = run('app', args, fake)
    assert second['changed'] is False
    assert fake.log()['writes'] == 1


def test_a_destination_without_type_in_bulk(fake):
    items = bulk({'type': 'mcp', 'name': 'Tools', 'destinations': [{'uri': 'mcp.example.com/sse'}]})
    assert run('bulk', items, fake)['summary']['created'] == 1
    assert run('bulk', items, fake)['summary']['unchanged'] == 1


def test_an_application_without_name_is_found_by_its_domain(fake):
    """The SDK's minimal self-hosted example: type and domain only."""
    args = {'type': 'self_hosted', 'domain': 'sdk.example.com'}
    created = run('app', args, fake)
    assert created['changed'] is True, created
    again = run('app', dict(args, session_duration='2h'), fake)
    assert again['changed'] is True and again['application']['id'] == created['application']['id']
    assert run('app', dict(args, session_duration='2h'), fake)['changed'] is False
    apps = fake.state()['accounts'][fake.account_id]['apps']
    assert len(apps) == 1 and apps[0]['session_duration'] == '2h'


def test_a_nameless_application_adopts_an_existing_one_by_domain(fake):
    seeded = fake.seed(apps=[{'type': 'bookmark', 'name': 'Intranet', 'domain': 'intranet.example.com'}])['apps'][0]
    result = run('app', {'type': 'bookmark', 'domain': 'intranet.example.com', 'logo_url': 'https://intranet.example.com/l.png'},
                 fake)
    assert result['changed'] is True and result['application']['id'] == seeded['id']
    assert len(fake.state()['accounts'][fake.account_id]['apps']) == 1


def test_a_nameless_mcp_application_is_found_by_its_public_uri(fake):
    args = {'type': 'mcp', 'destinations': [{'type': 'public', 'uri': 'tools.example.com/mcp'}]}
    first = run('app', args, fake)
    assert first['changed'] is True, first
    assert run('app', args, fake)['changed'] is False
    assert run('bulk', bulk(args), fake)['summary']['unchanged'] == 1


def test_nameless_applications_in_bulk(fake):
    items = bulk({'type': 'self_hosted', 'domain': 'a.example.com'}, {'type': 'bookmark', 'domain': 'b.example.com'})
    first = run('bulk', items, fake)
    assert first['summary']['created'] == 2 and [e['name'] for e in first['results']] == ['a.example.com', 'b.example.com']
    assert run('bulk', items, fake)['summary']['unchanged'] == 2


# --------------------------------------------------------------------------------------------
# The one-time OIDC secret in bulk
# --------------------------------------------------------------------------------------------

def _stored_secret(fake, name):
    app = next(a for a in fake.state()['accounts'][fake.account_id]['apps'] if a['name'] == name)
    return app['saas_app']['client_secret']


def test_bulk_returns_the_client_secret_of_what_it_created_once(fake):
    items = bulk(OIDC, SH)
    first = run('bulk', items, fake)
    entries = dict((e['name'], e) for e in first['results'])
    assert entries['Portal']['action'] == 'created'
    assert entries['Portal']['client_secret'] == _stored_secret(fake, 'Portal')
    assert 'client_secret' not in entries['Wiki']
    second = run('bulk', items, fake)
    assert second['changed'] is False
    assert all('client_secret' not in e for e in second['results'])
    assert _stored_secret(fake, 'Portal') not in json.dumps(second)


def test_bulk_in_check_mode_returns_no_secret(fake):
    result = run('bulk', bulk(OIDC), fake, check_mode=True)
    assert result['results'][0]['action'] == 'created' and 'client_secret' not in result['results'][0]
    assert fake.log()['writes'] == 0
