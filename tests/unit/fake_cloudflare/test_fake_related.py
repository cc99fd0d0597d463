# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fake's Access groups, tags, identity providers and service tokens, and its checks of references to them."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

ACCOUNT = '/accounts/{account_id}/access'
ZONE = '/zones/{zone_id}/access'
SH = {'type': 'self_hosted', 'name': 'app', 'domain': 'app.example.com'}
EVERYONE = [{'everyone': {}}]
MISSING = '99999999-9999-4999-8999-999999999999'


def _errors(resp, status=400):
    assert resp.status == status, resp
    return resp.json()['errors']


def _seeded(fake):
    seeded = fake.seed(identity_providers=[{'name': 'Okta', 'type': 'okta'}], service_tokens=[{'name': 'ci'}],
                       groups=[{'name': 'Engineers', 'include': EVERYONE}])
    return seeded['identity_providers'][0]['id'], seeded['service_tokens'][0]['id'], seeded['groups'][0]['id']


def test_an_unknown_tag_is_refused_as_the_live_api_does(fake_cloudflare):
    fake = fake_cloudflare
    fake.seed(tags=['known'])
    errors = _errors(fake.request('POST', ACCOUNT + '/apps', dict(SH, tags=['known', 'nope', 'other'])))
    assert [(e['code'], e['source']['pointer']) for e in errors] == [(12130, '/tags/1'), (12130, '/tags/2')]
    assert errors[0]['message'] == ('access.api.error.invalid_request: tags contain a tag that does not exist, tags must '
                                    'be created before assigning to an application')
    assert fake.state()['accounts'][fake.account_id]['apps'] == []
    app = fake.call('POST', ACCOUNT + '/apps', dict(SH, tags=['known']), expect=201)['result']
    errors = _errors(fake.request('PUT', ACCOUNT + '/apps/' + app['id'], dict(SH, tags=['nope'])))
    assert errors[0]['source']['pointer'] == '/tags/0'


def test_unknown_group_idp_and_service_token_ids_are_refused_everywhere(fake_cloudflare):
    fake = fake_cloudflare
    idp, token, group = _seeded(fake)
    rules = [{'group': {'id': group}}, {'service_token': {'token_id': token}}, {'login_method': {'id': idp}},
             {'okta': {'name': 'staff', 'identity_provider_id': idp}}]
    inline = {'name': 'p', 'decision': 'allow', 'include': rules}
    fake.call('POST', ACCOUNT + '/apps', dict(SH, allowed_idps=[idp], policies=[inline]), expect=201)
    fake.call('POST', ACCOUNT + '/policies', inline, expect=201)
    fake.call('POST', ACCOUNT + '/groups', {'name': 'g', 'include': rules}, expect=201)
    bad = [{'group': {'id': MISSING}}, {'service_token': {'token_id': MISSING}}, {'login_method': {'id': MISSING}},
           {'okta': {'name': 'staff', 'identity_provider_id': MISSING}}]
    expected = ['include[0].group.id: no Access group', 'include[1].service_token.token_id: no service token',
                'include[2].login_method.id: no identity provider', 'include[3].okta.identity_provider_id: no identity provider']
    for path, body, prefix in ((ACCOUNT + '/policies', {'name': 'p', 'decision': 'allow', 'include': bad}, ''),
                               (ACCOUNT + '/groups', {'name': 'g2', 'include': bad}, ''),
                               (ACCOUNT + '/apps', dict(SH, name='b', domain='b.example.com',
                                                        policies=[{'name': 'p', 'decision': 'allow', 'include': bad}]), 'policies[0].')):
        messages = [e['message'] for e in _errors(fake.request('POST', path, body))]
        assert [m.split(': ', 1)[1].rsplit(' with id', 1)[0] for m in messages] == [prefix + e for e in expected], path
        assert all(e['code'] == 12130 for e in _errors(fake.request('POST', path, body)))
    errors = _errors(fake.request('POST', ACCOUNT + '/apps', dict(SH, name='c', domain='c.example.com', allowed_idps=[idp, MISSING])))
    assert [e['source']['pointer'] for e in errors] == ['/allowed_idps/1']
    assert len(fake.state()['accounts'][fake.account_id]['apps']) == 1


def test_zone_objects_name_zone_groups_and_account_idps(fake_cloudflare):
    fake = fake_cloudflare
    idp, dummy, account_group = _seeded(fake)
    zone_group = fake.call('POST', ZONE + '/groups', {'name': 'z', 'include': [{'login_method': {'id': idp}}]}, expect=201)['result']
    zone_app = {'type': 'self_hosted', 'name': 'z', 'domain': 'z.example.com', 'allowed_idps': [idp]}
    app = fake.call('POST', ZONE + '/apps', zone_app, expect=201)['result']
    policy = {'name': 'p', 'decision': 'allow', 'include': [{'group': {'id': zone_group['id']}}]}
    fake.call('POST', ZONE + '/apps/%s/policies' % app['id'], policy, expect=201)
    wrong = dict(policy, include=[{'group': {'id': account_group}}])
    assert 'no Access group' in _errors(fake.request('POST', ZONE + '/apps/%s/policies' % app['id'], wrong))[0]['message']
    assert _errors(fake.request('POST', ZONE + '/groups', {'name': 'z', 'include': EVERYONE, 'is_default': True}))


def test_tags_app_count_delete_and_rename(fake_cloudflare):
    fake = fake_cloudflare
    fake.call('POST', ACCOUNT + '/tags', {'name': 'ops'}, expect=201)
    assert _errors(fake.request('POST', ACCOUNT + '/tags', {'name': 'ops'}))[0]['code'] == 12130
    assert _errors(fake.request('POST', ACCOUNT + '/tags', {}))
    for index in range(3):
        fake.call('POST', ACCOUNT + '/apps', dict(SH, name='a%d' % index, domain='a%d.example.com' % index, tags=['ops']), expect=201)
    assert fake.call('GET', ACCOUNT + '/tags/ops')['result']['app_count'] == 3
    refused = _errors(fake.request('DELETE', ACCOUNT + '/tags/ops'))[0]['message']
    assert 'still used by 3 application(s) (a0, a1, a2)' in refused
    assert fake.call('PUT', ACCOUNT + '/tags/ops', {'name': 'operations'})['result'] == {
        'name': 'operations', 'app_count': 3, 'created_at': fake.state()['accounts'][fake.account_id]['tags'][0]['created_at'],
        'updated_at': fake.state()['accounts'][fake.account_id]['tags'][0]['updated_at']}
    assert [a['tags'] for a in fake.state()['accounts'][fake.account_id]['apps']] == [['operations']] * 3
    assert fake.request('GET', ACCOUNT + '/tags/ops').status == 404
    fake.call('POST', ACCOUNT + '/tags', {'name': 'with space'}, expect=201)
    assert fake.request('DELETE', ACCOUNT + '/tags/with%20space').status == 202


def test_groups_lifecycle_and_filters(fake_cloudflare):
    fake = fake_cloudflare
    first = fake.call('POST', ACCOUNT + '/groups', {'name': 'Engineers', 'include': [{'ip': {'ip': '10.0.0.1'}}],
                                                    'is_default': True}, expect=201)['result']
    assert first['include'] == [{'ip': {'ip': '10.0.0.1/32'}}] and first['exclude'] == [] and first['require'] == []
    assert 'is_default' not in first
    fake.call('POST', ACCOUNT + '/groups', {'name': 'Engineers', 'include': EVERYONE}, expect=201)  # names may repeat
    fake.call('POST', ACCOUNT + '/groups', {'name': 'Ops', 'include': EVERYONE}, expect=201)
    assert len(fake.call('GET', ACCOUNT + '/groups', query={'name': 'engineer'})['result']) == 2
    assert len(fake.call('GET', ACCOUNT + '/groups', query={'search': 'OPS'})['result']) == 1
    updated = fake.call('PUT', ACCOUNT + '/groups/' + first['id'], {'name': 'Eng', 'include': EVERYONE})['result']
    assert updated['id'] == first['id'] and updated['created_at'] == first['created_at'] and updated['name'] == 'Eng'
    assert _errors(fake.request('PUT', ACCOUNT + '/groups/' + first['id'], {'name': 'Eng'}))  # include is required
    assert _errors(fake.request('POST', ACCOUNT + '/groups', {'name': 'x', 'include': [{'nope': {}}]}))
    assert fake.call('DELETE', ACCOUNT + '/groups/' + first['id'], expect=202)['result'] == {'id': first['id']}
    assert fake.request('GET', ACCOUNT + '/groups/' + first['id']).status == 404


def test_idps_and_service_tokens_are_read_only_and_keep_secrets(fake_cloudflare):
    fake = fake_cloudflare
    fake.seed(identity_providers=[{'name': 'Okta', 'type': 'okta', 'config': {'client_id': 'c', 'client_secret': 's3cret'},
                                   'scim_config': {'enabled': True, 'secret': 'scim-s3cret'}},
                                  {'name': 'PIN', 'type': 'onetimepin'}],
              service_tokens=[{'name': 'ci', 'client_secret': 'token-s3cret'}])
    listed = fake.request('GET', ACCOUNT + '/identity_providers')
    assert 's3cret' not in listed.text and listed.json()['result_info']['per_page'] == 200
    assert [i['name'] for i in fake.call('GET', ACCOUNT + '/identity_providers', query={'scim_enabled': 'true'})['result']] == ['Okta']
    tokens = fake.request('GET', ACCOUNT + '/service_tokens')
    assert 's3cret' not in tokens.text and tokens.json()['result'][0]['name'] == 'ci'
    token_id = tokens.json()['result'][0]['id']
    assert fake.call('GET', ACCOUNT + '/service_tokens/' + token_id)['result']['duration'] == '8760h'
    assert fake.request('POST', ACCOUNT + '/service_tokens', {'name': 'x'}).status == 405
    assert fake.request('GET', ACCOUNT + '/identity_providers/' + MISSING).status == 404
    assert fake.request('GET', ZONE + '/identity_providers').status == 404  # zone-level IdPs are left out


def test_seeded_apps_bring_their_tags(fake_cloudflare):
    fake = fake_cloudflare
    fake.seed(apps=[dict(SH, tags=['b', 'a'])])
    assert [(t['name'], t['app_count']) for t in fake.call('GET', ACCOUNT + '/tags')['result']] == [('b', 1), ('a', 1)]
