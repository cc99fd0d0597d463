# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Feature 1: the endpoints of the fake Access API."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

APPS = '/accounts/{account_id}/access/apps'
ZONE_APPS = '/zones/{zone_id}/access/apps'
POLICIES = '/accounts/{account_id}/access/policies'
EVERYONE = [{'everyone': {}}]


def _app(fake, **body):
    body.setdefault('type', 'self_hosted')
    body.setdefault('domain', 'app.example.com')
    body.setdefault('name', 'app')
    return fake.call('POST', APPS, body, expect=201)['result']


def _policy(name='allow all', **extra):
    body = {'name': name, 'decision': 'allow', 'include': EVERYONE}
    body.update(extra)
    return body


def test_account_app_crud(fake_cloudflare):
    fake = fake_cloudflare
    app = _app(fake)
    path = APPS + '/' + app['id']
    assert fake.call('GET', path, expect=200)['result']['name'] == 'app'
    assert [a['id'] for a in fake.call('GET', APPS, expect=200)['result']] == [app['id']]
    updated = fake.call('PUT', path, {'type': 'self_hosted', 'domain': 'app.example.com', 'name': 'renamed'}, expect=200)
    assert updated['result']['name'] == 'renamed' and updated['result']['id'] == app['id']
    assert fake.call('DELETE', path, expect=202)['result'] == {'id': app['id']}
    assert fake.request('GET', path).status == 404


def test_zone_app_crud(fake_cloudflare):
    fake = fake_cloudflare
    app = fake.call('POST', ZONE_APPS, {'type': 'self_hosted', 'domain': 'z.example.com', 'name': 'z'}, expect=201)['result']
    path = ZONE_APPS + '/' + app['id']
    assert fake.call('GET', path, expect=200)['result']['domain'] == 'z.example.com'
    assert 'policies' not in app  # legacy zone shape
    fake.call('PUT', path, {'type': 'self_hosted', 'domain': 'z.example.com', 'name': 'z2'}, expect=200)
    assert [a['name'] for a in fake.call('GET', ZONE_APPS, expect=200)['result']] == ['z2']
    assert fake.call('DELETE', path, expect=202)['result'] == {'id': app['id']}


def test_settings_put_and_patch(fake_cloudflare):
    fake = fake_cloudflare
    app = _app(fake)
    settings = APPS + '/' + app['id'] + '/settings'
    assert fake.call('PUT', settings, {'allow_iframe': True}, expect=202)['result'] == {'allow_iframe': True}
    result = fake.call('PATCH', settings, {'skip_interstitial': True}, expect=202)['result']
    assert result == {'allow_iframe': True, 'skip_interstitial': True}
    got = fake.call('GET', APPS + '/' + app['id'], expect=200)['result']
    assert got['allow_iframe'] is True and got['skip_interstitial'] is True
    assert fake.request('PATCH', settings, {'name': 'x'}).status == 400
    assert fake.request('PATCH', settings, {'allow_iframe': 'yes'}).status == 400
    saas = _app(fake, type='saas', name='s', domain=None)
    assert fake.request('PATCH', APPS + '/' + saas['id'] + '/settings', {'allow_iframe': True}).status == 400
    zone_app = fake.call('POST', ZONE_APPS, {'type': 'self_hosted', 'domain': 'z.example.com'}, expect=201)['result']
    assert fake.call('PATCH', ZONE_APPS + '/' + zone_app['id'] + '/settings', {'allow_iframe': False}, expect=202)


def test_app_scoped_policies(fake_cloudflare):
    fake = fake_cloudflare
    app = _app(fake)
    base = APPS + '/' + app['id'] + '/policies'
    first = fake.call('POST', base, _policy('one'), expect=201)['result']
    second = fake.call('POST', base, _policy('two', precedence=5), expect=201)['result']
    assert first['precedence'] == 1 and second['precedence'] == 5
    listed = fake.call('GET', base, expect=200)
    assert [p['name'] for p in listed['result']] == ['one', 'two'] and listed['result_info']['total_count'] == 2
    assert fake.call('GET', base + '/' + first['id'], expect=200)['result']['name'] == 'one'
    put = fake.call('PUT', base + '/' + first['id'], _policy('uno', decision='deny'), expect=200)['result']
    assert put['decision'] == 'deny' and put['precedence'] == 1 and put['id'] == first['id']
    assert fake.request('POST', base, _policy('dup', precedence=5)).json()['errors'][0]['code'] == 12130
    app_view = fake.call('GET', APPS + '/' + app['id'], expect=200)['result']
    assert [p['name'] for p in app_view['policies']] == ['uno', 'two']
    assert fake.call('DELETE', base + '/' + second['id'], expect=202)['result'] == {'id': second['id']}
    assert fake.request('GET', base + '/' + second['id']).status == 404


def test_make_reusable(fake_cloudflare):
    fake = fake_cloudflare
    app = _app(fake)
    base = APPS + '/' + app['id'] + '/policies'
    policy = fake.call('POST', base, _policy('legacy', precedence=3), expect=201)['result']
    converted = fake.call('PUT', base + '/' + policy['id'] + '/make_reusable', expect=200)['result']
    assert converted['id'] == policy['id'] and converted['reusable'] is True and converted['app_count'] == 1
    assert fake.call('GET', base, expect=200)['result'] == []
    assert fake.call('GET', POLICIES + '/' + policy['id'], expect=200)['result']['name'] == 'legacy'
    linked = fake.call('GET', APPS + '/' + app['id'], expect=200)['result']['policies']
    assert [(p['id'], p['precedence']) for p in linked] == [(policy['id'], 3)]


def test_reusable_policy_crud(fake_cloudflare):
    fake = fake_cloudflare
    created = fake.call('POST', POLICIES, _policy('shared'), expect=201)['result']
    path = POLICIES + '/' + created['id']
    assert created['reusable'] is True and created['app_count'] == 0
    assert fake.call('GET', path, expect=200)['result']['name'] == 'shared'
    assert fake.call('PUT', path, _policy('shared2'), expect=200)['result']['name'] == 'shared2'
    assert [p['name'] for p in fake.call('GET', POLICIES, expect=200)['result']] == ['shared2']
    assert fake.call('DELETE', path, expect=202)['result'] == {'id': created['id']}
    assert fake.request('GET', path).status == 404


def test_delete_attached_reusable_policy_is_refused(fake_cloudflare):
    fake = fake_cloudflare
    policy = fake.call('POST', POLICIES, _policy('shared'), expect=201)['result']
    app = _app(fake, policies=[{'id': policy['id'], 'precedence': 1}])
    resp = fake.request('DELETE', POLICIES + '/' + policy['id'])
    assert resp.status == 400
    error = resp.json()['errors'][0]
    assert error['code'] >= 1000 and app['id'] in error['message']
    fake.call('PUT', APPS + '/' + app['id'], {'type': 'self_hosted', 'domain': 'app.example.com', 'policies': []}, expect=200)
    fake.call('DELETE', POLICIES + '/' + policy['id'], expect=202)


def test_zone_has_no_reusable_policies(fake_cloudflare):
    resp = fake_cloudflare.request('GET', '/zones/{zone_id}/access/policies')
    assert resp.status == 404
    assert resp.json()['errors'] == [{'code': 7003, 'message': 'No route for the URI'}]


def test_zone_app_policies(fake_cloudflare):
    fake = fake_cloudflare
    app = fake.call('POST', ZONE_APPS, {'type': 'self_hosted', 'domain': 'z.example.com'}, expect=201)['result']
    base = ZONE_APPS + '/' + app['id'] + '/policies'
    policy = fake.call('POST', base, _policy('zp'), expect=201)['result']
    assert policy['precedence'] == 1 and 'session_duration' not in policy
    assert fake.request('POST', base, _policy('bad', session_duration='1h')).status == 400
    assert fake.call('PUT', base + '/' + policy['id'], _policy('zp2'), expect=200)['result']['name'] == 'zp2'
    assert fake.call('DELETE', base + '/' + policy['id'], expect=202)['result']['id'] == policy['id']
    assert fake.request('PUT', base + '/' + policy['id'] + '/make_reusable').status == 404


def test_unknown_paths_and_methods(fake_cloudflare):
    fake = fake_cloudflare
    for path in ('/accounts/{account_id}/access/nothing', '/accounts/{account_id}/access/apps/x/y/z', '/'):
        resp = fake.request('GET', path)
        assert resp.status == 404 and resp.json()['errors'][0]['code'] == 7003, path
    resp = fake.raw('GET', '/somewhere/else', headers=fake.auth_headers())
    assert resp.status == 404 and resp.json()['errors'][0]['code'] == 7003
    assert fake.request('PATCH', APPS).status == 405
    assert fake.request('GET', '/accounts/not-hex/access/apps').status == 400


def test_unknown_ids(fake_cloudflare):
    fake = fake_cloudflare
    missing = '00000000-0000-4000-8000-000000000000'
    for method, path in (('GET', APPS + '/' + missing), ('DELETE', APPS + '/' + missing),
                         ('GET', APPS + '/' + missing + '/policies'), ('GET', ZONE_APPS + '/' + missing)):
        resp = fake.request(method, path)
        assert resp.status == 404 and resp.json()['errors'][0]['code'] == 12045, path
    resp = fake.request('PUT', APPS + '/' + missing, {'type': 'self_hosted', 'domain': 'x.example.com'})
    assert resp.status == 404
    app = _app(fake)
    resp = fake.request('GET', APPS + '/' + app['id'] + '/policies/' + missing)
    assert resp.status == 404 and resp.json()['errors'][0]['code'] >= 12000
    assert fake.request('GET', POLICIES + '/' + missing).status == 404
    assert fake.request('GET', '/accounts/' + 'a' * 32 + '/access/apps').status == 403
