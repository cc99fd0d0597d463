# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Feature 4: the fake rejects what the real API rejects (validation comes from _models)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import pytest

APPS = '/accounts/{account_id}/access/apps'
ZONE_APPS = '/zones/{zone_id}/access/apps'
SH = {'type': 'self_hosted', 'name': 'app', 'domain': 'app.example.com'}


def _error(resp, status=400):
    assert resp.status == status, resp
    errors = resp.json()['errors']
    assert all(e['code'] >= 1000 for e in errors)
    return ' | '.join(e['message'] for e in errors), errors[0]['code']


@pytest.mark.parametrize('body, field', [
    (dict(SH, unknown_field=1), 'unknown_field'),
    (dict(SH, session_duration='1 day'), 'session_duration'),
    (dict(SH, app_launcher_visible='yes'), 'app_launcher_visible'),
    (dict(SH, cors_headers={'allowed_methods': ['FETCH']}), 'cors_headers.allowed_methods'),
    (dict(SH, saas_app={'auth_type': 'saml'}), 'saas_app'),
    ({'type': 'self_hosted', 'name': 'no domain'}, 'domain'),
    ({'type': 'rdp', 'domain': 'rdp.example.com'}, 'target_criteria'),
    ({'type': 'no_such_type'}, 'type'),
    ({'name': 'no type'}, 'type'),
    ({'type': 'dash_sso', 'name': 'dash'}, 'dash_sso'),
    # constraints of the OpenAPI extract and its descriptions, as the modules check them
    (dict(SH, destinations=[{'type': 'private', 'cidr': '10.0.0.0/33'}]), 'destinations[0].cidr'),
    (dict(SH, destinations=[{'type': 'private', 'hostname': 'db', 'port_range': '90-80'}]), 'destinations[0].port_range'),
    (dict(SH, policies=[{'name': 'p', 'decision': 'allow', 'include': [{'email': {'email': 'nobody'}}]}]),
     'policies[0].include[0].email.email'),
    (dict(SH, policies=[{'id': 'f174e90a-fafe-4643-bbbc-4a0ed4fc8415-0000'}]), 'policies[0].id'),
    (dict(SH, custom_deny_url='deny.example.com'), 'custom_deny_url'),
    ({'type': 'infrastructure', 'name': 'hosts', 'policies': [{'name': 'p', 'decision': 'deny', 'include': [{'everyone': {}}]}],
      'target_criteria': [{'port': 22, 'protocol': 'SSH', 'target_attributes': {'hostname': ['a']}}]}, 'policies[0].decision'),
])
def test_invalid_bodies_are_rejected(fake_cloudflare, body, field):
    message, code = _error(fake_cloudflare.request('POST', APPS, body))
    assert field in message and 12000 <= code < 13000
    assert fake_cloudflare.state()['accounts'][fake_cloudflare.account_id]['apps'] == []


def test_put_is_validated_too(fake_cloudflare):
    fake = fake_cloudflare
    app = fake.call('POST', APPS, SH, expect=201)['result']
    path = APPS + '/' + app['id']
    assert 'domain' in _error(fake.request('PUT', path, {'type': 'self_hosted', 'name': 'x'}))[0]
    assert 'bogus' in _error(fake.request('PUT', path, dict(SH, bogus=True)))[0]
    message, code = _error(fake.request('PUT', path, {'type': 'ssh', 'domain': 'app.example.com'}))
    assert 'type' in message and code >= 12000
    assert fake.call('GET', path, expect=200)['result']['type'] == 'self_hosted'


def test_read_only_fields_are_ignored(fake_cloudflare):
    fake = fake_cloudflare
    fixed = {'id': '11111111-1111-4111-8111-111111111111', 'aud': 'f' * 64,
             'created_at': '2000-01-01T00:00:00Z', 'updated_at': '2000-01-01T00:00:00Z'}
    app = fake.call('POST', APPS, dict(SH, **fixed), expect=201)['result']
    assert all(app[k] != v for k, v in fixed.items())
    updated = fake.call('PUT', APPS + '/' + app['id'], dict(SH, **fixed), expect=200)['result']
    assert [updated[k] for k in ('id', 'aud', 'created_at')] == [app[k] for k in ('id', 'aud', 'created_at')]
    assert updated['updated_at'] != fixed['updated_at']


def test_singletons(fake_cloudflare):
    fake = fake_cloudflare
    warp = fake.call('POST', APPS, {'type': 'warp'}, expect=201)['result']
    assert warp['name'] == 'Warp Login App' and warp['domain'] == 'fake-team.cloudflareaccess.com/warp'
    message, code = _error(fake.request('POST', APPS, {'type': 'warp'}), 409)
    assert 'already exists' in message and code == 11010
    launcher = fake.call('POST', APPS, {'type': 'app_launcher'}, expect=201)['result']
    assert launcher['name'] == 'App Launcher' and launcher['domain'] == 'fake-team.cloudflareaccess.com'
    assert 'name' in _error(fake.request('POST', APPS, {'type': 'biso', 'name': 'mine'}))[0]
    assert 'domain' in _error(fake.request('PUT', APPS + '/' + warp['id'], {'type': 'warp', 'domain': 'x.example.com'}))[0]
    again = fake.call('PUT', APPS + '/' + warp['id'], {'type': 'warp', 'session_duration': '1h'}, expect=200)['result']
    assert again['name'] == 'Warp Login App' and again['session_duration'] == '1h'


def test_domain_collision(fake_cloudflare):
    fake = fake_cloudflare
    fake.call('POST', APPS, SH, expect=201)
    resp = fake.request('POST', APPS, {'type': 'ssh', 'name': 'other', 'domain': 'APP.example.com'})
    message, code = _error(resp, 409)
    assert code == 11010 and 'access.api.error.application_already_exists' in message
    other = fake.call('POST', APPS, {'type': 'self_hosted', 'name': 'other', 'domain': 'other.example.com'}, expect=201)['result']
    _error(fake.request('PUT', APPS + '/' + other['id'], {'type': 'self_hosted', 'domain': 'app.example.com'}), 409)
    collide = {'type': 'self_hosted', 'domain': 'x.example.com', 'destinations': [{'type': 'public', 'uri': 'other.example.com'}]}
    _error(fake.request('POST', APPS, collide), 409)


def test_names_are_not_unique(fake_cloudflare):
    fake = fake_cloudflare
    fake.call('POST', APPS, SH, expect=201)
    fake.call('POST', APPS, dict(SH, domain='app2.example.com'), expect=201)
    assert len(fake.call('GET', APPS, query={'name': 'app', 'exact': 'true'}, expect=200)['result']) == 2


def test_zone_scope_uses_the_legacy_shape(fake_cloudflare):
    fake = fake_cloudflare
    assert 'type' in _error(fake.request('POST', ZONE_APPS, {'type': 'infrastructure', 'target_criteria': []}))[0]
    assert 'tags' in _error(fake.request('POST', ZONE_APPS, dict(SH, tags=['a'])))[0]
    assert 'policies' in _error(fake.request('POST', ZONE_APPS, dict(SH, policies=[])))[0]


def test_policy_bodies_are_validated(fake_cloudflare):
    fake = fake_cloudflare
    base = '/accounts/{account_id}/access/policies'
    assert 'decision' in _error(fake.request('POST', base, {'name': 'p', 'decision': 'maybe', 'include': []}))[0]
    assert 'include' in _error(fake.request('POST', base, {'name': 'p', 'decision': 'allow'}))[0]
    assert 'precedence' in _error(fake.request('POST', base, {'name': 'p', 'decision': 'allow', 'include': [], 'precedence': 1}))[0]
    assert 'ip' in _error(fake.request('POST', base, {'name': 'p', 'decision': 'allow', 'include': [{'ip': {'ip': 'nope'}}]}))[0]


def test_put_may_echo_unknown_fields_it_read_but_not_invent_them(fake_cloudflare):
    """Fields newer than the schema (set in the dashboard) may come back unchanged in a PUT; new ones may not."""
    overrides = [{'behavior': 'public', 'path_pattern': '/health'}]
    app = fake_cloudflare.seed(apps=[dict(SH, future_field='kept', destinations=[
        {'type': 'public', 'uri': 'app.example.com', 'overrides': overrides}])])['apps'][0]
    path = APPS + '/' + app['id']
    echo = dict(SH, future_field='kept', session_duration='2h',
                destinations=[{'type': 'public', 'uri': 'app.example.com', 'overrides': overrides}])
    resp = fake_cloudflare.request('PUT', path, echo)
    assert resp.status == 200, resp
    assert resp.json()['result']['future_field'] == 'kept'
    assert resp.json()['result']['destinations'][0]['overrides'] == overrides
    message, dummy = _error(fake_cloudflare.request('PUT', path, dict(echo, future_field='changed')))
    assert 'future_field' in message
    message, dummy = _error(fake_cloudflare.request('PUT', path, dict(echo, invented=1)))
    assert 'invented' in message


def test_a_destination_without_type_is_public(fake_cloudflare):
    body = dict(SH, destinations=[{'uri': 'app.example.com'}, {'uri': 'app.example.com/api'}])
    app = fake_cloudflare.call('POST', APPS, body, expect=201)['result']
    assert app['destinations'] == [{'type': 'public', 'uri': 'app.example.com'}, {'type': 'public', 'uri': 'app.example.com/api'}]
