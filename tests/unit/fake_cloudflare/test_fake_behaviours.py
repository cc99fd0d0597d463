# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Feature 5: the server behaviours of PITFALLS.md that the modules must cope with."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _schema

APPS = '/accounts/{account_id}/access/apps'
POLICIES = '/accounts/{account_id}/access/policies'
SH = {'type': 'self_hosted', 'name': 'app', 'domain': 'app.example.com'}
EVERYONE = [{'everyone': {}}]


def _create(fake, body, path=APPS):
    return fake.call('POST', path, body, expect=201)['result']


def _put(fake, app_id, body):
    return fake.call('PUT', APPS + '/' + app_id, body, expect=200)['result']


def _get(fake, app_id):
    return fake.call('GET', APPS + '/' + app_id, expect=200)['result']


def _reusable(fake, name, **extra):
    body = {'name': name, 'decision': 'allow', 'include': EVERYONE}
    body.update(extra)
    return fake.call('POST', POLICIES, body, expect=201)['result']


def test_server_defaults_are_filled_in(fake_cloudflare):
    fake = fake_cloudflare
    for app_type, body in (('self_hosted', SH), ('saas', {'type': 'saas', 'name': 's'}),
                           ('bookmark', {'type': 'bookmark', 'name': 'b', 'domain': 'https://b.example.com'})):
        app = _create(fake, body)
        for key, value in _schema.server_defaults(app_type, 'account').items():
            if key not in ('destinations',):
                assert app[key] == value, (app_type, key)
    assert _create(fake, {'type': 'self_hosted', 'domain': 'sd.example.com', 'session_duration': '1h'})['session_duration'] == '1h'


def test_set_like_lists_come_back_sorted(fake_cloudflare):
    idp_b, idp_a = 'bbbbbbbb-0000-4000-8000-000000000000', 'aaaaaaaa-0000-4000-8000-000000000000'
    fake_cloudflare.seed(tags=['zeta', 'alpha'], identity_providers=[{'id': idp_b, 'name': 'b', 'type': 'okta'},
                                                                     {'id': idp_a, 'name': 'a', 'type': 'github'}])
    app = _create(fake_cloudflare, dict(SH, tags=['zeta', 'alpha'], allowed_idps=[idp_b, idp_a], custom_pages=['p2', 'p1']))
    assert app['tags'] == ['alpha', 'zeta'] and app['allowed_idps'] == [idp_a, idp_b] and app['custom_pages'] == ['p1', 'p2']


def test_ip_rules_are_normalised(fake_cloudflare):
    fake = fake_cloudflare
    rules = [{'ip': {'ip': '10.0.0.1'}}, {'ip': {'ip': '2001:db8::1'}}, {'ip': {'ip': '10.1.0.0/16'}}]
    expected = [{'ip': {'ip': '10.0.0.1/32'}}, {'ip': {'ip': '2001:db8::1/128'}}, {'ip': {'ip': '10.1.0.0/16'}}]
    app = _create(fake, dict(SH, policies=[{'name': 'p', 'decision': 'allow', 'include': rules, 'exclude': rules[:1]}]))
    assert app['policies'][0]['include'] == expected and app['policies'][0]['exclude'] == expected[:1]
    assert _reusable(fake, 'r', require=rules)['require'] == expected
    scoped = fake.call('POST', APPS + '/' + app['id'] + '/policies',
                       {'name': 'q', 'decision': 'allow', 'include': rules}, expect=201)['result']
    assert scoped['include'] == expected


def test_linked_domain_fields(fake_cloudflare):
    fake = fake_cloudflare
    only_domain = _create(fake, dict(SH, domain='one.example.com'))
    assert only_domain['destinations'] == [{'type': 'public', 'uri': 'one.example.com'}]
    assert only_domain['self_hosted_domains'] == ['one.example.com']
    dests = [{'type': 'private', 'cidr': '10.0.0.5'}, {'type': 'public', 'uri': 'two.example.com'},
             {'type': 'public', 'uri': 'three.example.com/x'}]
    with_dests = _create(fake, {'type': 'self_hosted', 'domain': 'ignored.example.com', 'destinations': dests})
    assert with_dests['domain'] == 'two.example.com'
    assert with_dests['self_hosted_domains'] == ['two.example.com', 'three.example.com/x']
    assert with_dests['destinations'][0] == {'type': 'private', 'cidr': '10.0.0.5/32'}
    shd = _create(fake, {'type': 'ssh', 'domain': 'four.example.com', 'self_hosted_domains': ['four.example.com', 'five.example.com']})
    assert shd['destinations'] == [{'type': 'public', 'uri': 'four.example.com'}, {'type': 'public', 'uri': 'five.example.com'}]
    assert shd['domain'] == 'four.example.com'


def test_put_is_a_full_replacement(fake_cloudflare):
    fake = fake_cloudflare
    fake.seed(tags=['a'])
    app = _create(fake, dict(SH, session_duration='1h', custom_deny_url='https://deny.example.com', tags=['a'],
                             app_launcher_visible=False))
    replaced = _put(fake, app['id'], SH)
    assert replaced['session_duration'] == '24h' and replaced['tags'] == [] and replaced['app_launcher_visible'] is True
    assert 'custom_deny_url' not in replaced


def test_policies_absent_null_and_empty_on_put(fake_cloudflare):
    fake = fake_cloudflare
    shared = _reusable(fake, 'shared')
    app = _create(fake, dict(SH, policies=[{'id': shared['id'], 'precedence': 1}]))
    assert [p['id'] for p in _put(fake, app['id'], SH)['policies']] == [shared['id']]
    assert [p['id'] for p in _put(fake, app['id'], dict(SH, policies=None))['policies']] == [shared['id']]
    assert _put(fake, app['id'], dict(SH, policies=[]))['policies'] == []
    assert fake.call('GET', POLICIES + '/' + shared['id'], expect=200)['result']['app_count'] == 0
    inline = _put(fake, app['id'], dict(SH, policies=[{'name': 'in', 'decision': 'allow', 'include': EVERYONE}]))
    assert len(inline['policies']) == 1
    _put(fake, app['id'], dict(SH, policies=[]))
    assert fake.call('GET', APPS + '/' + app['id'] + '/policies', expect=200)['result'] == []


def test_linked_reusable_policies_come_back_expanded(fake_cloudflare):
    fake = fake_cloudflare
    first = _reusable(fake, 'first', session_duration='8h')
    second = _reusable(fake, 'second', decision='deny')
    app = _create(fake, dict(SH, policies=[second['id'], {'id': first['id']}]))
    policies = app['policies']
    assert [(p['id'], p['precedence']) for p in policies] == [(second['id'], 1), (first['id'], 2)]
    for key in ('name', 'decision', 'include', 'exclude', 'require', 'session_duration', 'created_at', 'updated_at'):
        assert key in policies[0], key
    assert policies[1]['session_duration'] == '8h' and policies[0]['decision'] == 'deny'
    ordered = _put(fake, app['id'], dict(SH, policies=[{'id': first['id'], 'precedence': 2}, {'id': second['id'], 'precedence': 1}]))
    assert [p['name'] for p in ordered['policies']] == ['second', 'first']
    assert fake.call('GET', POLICIES + '/' + first['id'], expect=200)['result']['app_count'] == 1
    fake.call('PUT', POLICIES + '/' + first['id'], {'name': 'first v2', 'decision': 'allow', 'include': EVERYONE}, expect=200)
    assert [p['name'] for p in _get(fake, app['id'])['policies']] == ['second', 'first v2']


def test_precedence_rules(fake_cloudflare):
    fake = fake_cloudflare
    one, two = _reusable(fake, 'one'), _reusable(fake, 'two')
    resp = fake.request('POST', APPS, dict(SH, policies=[{'id': one['id'], 'precedence': 1}, {'id': two['id'], 'precedence': 1}]))
    assert resp.status == 400 and resp.json()['errors'][0]['code'] == 12130
    assert 'precedences must be unique' in resp.json()['errors'][0]['message']
    mixed = fake.request('POST', APPS, dict(SH, policies=[one['id'], {'name': 'x', 'decision': 'allow', 'include': EVERYONE}]))
    assert mixed.status == 400 and ('mixed' in mixed.text or 'mutually exclusive' in mixed.text)
    unknown = fake.request('POST', APPS, dict(SH, policies=['00000000-0000-4000-8000-000000000000']))
    assert unknown.status == 400 and 'policies[0].id' in unknown.text
    assert fake.state()['accounts'][fake.account_id]['apps'] == []


def test_inline_policies_are_created_and_updated_by_id(fake_cloudflare):
    fake = fake_cloudflare
    app = _create(fake, dict(SH, policies=[{'name': 'a', 'decision': 'allow', 'include': EVERYONE},
                                           {'name': 'b', 'decision': 'deny', 'include': EVERYONE}]))
    first, second = app['policies']
    assert (first['precedence'], second['precedence']) == (1, 2) and first['id'] != second['id']
    updated = _put(fake, app['id'], dict(SH, policies=[
        {'id': second['id'], 'name': 'b2', 'decision': 'deny', 'include': EVERYONE, 'precedence': 1},
        {'name': 'c', 'decision': 'allow', 'include': EVERYONE, 'precedence': 2}]))['policies']
    assert updated[0]['id'] == second['id'] and updated[0]['name'] == 'b2'
    assert updated[1]['id'] not in (first['id'], second['id'])
    scoped = fake.call('GET', APPS + '/' + app['id'] + '/policies', expect=200)['result']
    assert sorted(p['name'] for p in scoped) == ['b2', 'c']


def test_oidc_client_secret_is_returned_once(fake_cloudflare):
    fake = fake_cloudflare
    body = {'type': 'saas', 'name': 'oidc', 'saas_app': {'auth_type': 'oidc', 'redirect_uris': ['https://rp.example.com/cb']}}
    created = _create(fake, body)
    saas = created['saas_app']
    assert saas['client_id'] and saas['client_secret'] and saas['public_key']
    assert saas['access_token_lifetime'] == '5m'
    assert 'client_secret' not in _get(fake, created['id'])['saas_app']
    assert all('client_secret' not in a['saas_app'] for a in fake.call('GET', APPS, expect=200)['result'])
    put = _put(fake, created['id'], body)['saas_app']
    assert 'client_secret' not in put and put['client_id'] == saas['client_id']
    stored = fake.state()['accounts'][fake.account_id]['apps'][0]['saas_app']
    assert stored['client_secret'] == saas['client_secret']


def test_saml_computed_fields(fake_cloudflare):
    fake = fake_cloudflare
    body = {'type': 'saas', 'name': 'saml', 'saas_app': {'sp_entity_id': 'sp', 'consumer_service_url': 'https://sp/acs',
                                                         'name_id_format': 'email'}}
    saas = _create(fake, body)['saas_app']
    assert saas['idp_entity_id'] and saas['sso_endpoint'] and saas['public_key'] and saas['auth_type'] == 'saml'
    assert saas['idp_entity_id'].startswith('https://fake-team.cloudflareaccess.com/')
    app_id = fake.call('GET', APPS, expect=200)['result'][0]['id']
    again = _put(fake, app_id, body)['saas_app']
    assert [again[k] for k in ('idp_entity_id', 'sso_endpoint', 'public_key')] == [saas[k] for k in ('idp_entity_id', 'sso_endpoint', 'public_key')]
    given = dict(body['saas_app'], idp_entity_id='mine')
    assert _put(fake, app_id, dict(body, saas_app=given))['saas_app']['idp_entity_id'] == 'mine'


def test_scim_secrets_are_write_only(fake_cloudflare):
    fake = fake_cloudflare
    scim = {'idp_uid': 'idp', 'remote_uri': 'https://scim.example.com', 'enabled': True,
            'authentication': [{'scheme': 'httpbasic', 'user': 'u', 'password': 'hunter2'},
                               {'scheme': 'oauthbearertoken', 'token': 'S3CRET-TOKEN'}]}
    created = _create(fake, dict(SH, scim_config=scim))
    responses = [created, _get(fake, created['id']), fake.call('GET', APPS, expect=200)['result'][0],
                 _put(fake, created['id'], dict(SH, scim_config=scim))]
    for app in responses:
        assert app['scim_config']['authentication'] == [{'scheme': 'httpbasic', 'user': 'u'}, {'scheme': 'oauthbearertoken'}]
        assert 'hunter2' not in str(app) and 'S3CRET-TOKEN' not in str(app)
    stored = fake.state()['accounts'][fake.account_id]['apps'][0]['scim_config']['authentication']
    assert stored[0]['password'] == 'hunter2' and stored[1]['token'] == 'S3CRET-TOKEN'
    single = dict(scim, authentication={'scheme': 'oauth2', 'client_id': 'c', 'client_secret': 's', 'authorization_url': 'https://a',
                                        'token_url': 'https://t'})
    app = _create(fake, {'type': 'saas', 'name': 's', 'scim_config': single})
    assert 'client_secret' not in app['scim_config']['authentication'] and app['scim_config']['authentication']['client_id'] == 'c'


def test_reusable_policy_responses(fake_cloudflare):
    fake = fake_cloudflare
    policy = _reusable(fake, 'shared')
    assert policy['reusable'] is True and policy['app_count'] == 0 and policy['session_duration'] == '24h'
    _create(fake, dict(SH, policies=[policy['id']]))
    _create(fake, dict(SH, domain='b.example.com', policies=[policy['id']]))
    listed = fake.call('GET', POLICIES, expect=200)['result']
    assert listed[0]['app_count'] == 2 and listed[0]['reusable'] is True
    embedded = fake.call('GET', APPS, expect=200)['result'][0]['policies'][0]
    assert 'reusable' not in embedded and 'app_count' not in embedded
