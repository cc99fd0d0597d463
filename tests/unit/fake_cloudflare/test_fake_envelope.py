# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Feature 2: Cloudflare's envelope on every response, failures included."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

APPS = '/accounts/{account_id}/access/apps'


def _assert_success(body, collection=False):
    assert body['success'] is True
    assert body['errors'] == [] and body['messages'] == []
    assert 'result' in body
    if collection:
        assert set(body['result_info']) == set(('count', 'page', 'per_page', 'total_count', 'total_pages'))
        assert body['result_info']['count'] == len(body['result'])
    else:
        assert 'result_info' not in body


def _assert_failure(resp, status, field=None):
    assert resp.status == status
    body = resp.json()
    assert body['success'] is False and body['result'] is None and body['messages'] == []
    assert body['errors'], body
    for error in body['errors']:
        assert isinstance(error['code'], int) and error['code'] >= 1000
        assert isinstance(error['message'], str) and error['message']
    if field:
        assert any(field in e['message'] for e in body['errors']), body
    return body


def test_success_envelopes(fake_cloudflare):
    fake = fake_cloudflare
    created = fake.request('POST', APPS, {'type': 'self_hosted', 'domain': 'a.example.com'})
    assert created.status == 201 and created.headers['content-type'] == 'application/json'
    _assert_success(created.json())
    app_id = created.json()['result']['id']
    _assert_success(fake.request('GET', APPS).json(), collection=True)
    _assert_success(fake.request('GET', APPS + '/' + app_id).json())
    _assert_success(fake.request('GET', APPS + '/' + app_id + '/policies').json(), collection=True)
    _assert_success(fake.request('GET', '/accounts/{account_id}/access/policies').json(), collection=True)
    _assert_success(fake.request('DELETE', APPS + '/' + app_id).json())


def test_failure_envelopes(fake_cloudflare):
    fake = fake_cloudflare
    _assert_failure(fake.request('POST', APPS, {'type': 'self_hosted', 'domain': 'a.example.com', 'colour': 'red'}), 400, 'colour')
    _assert_failure(fake.request('POST', APPS, {'type': 'self_hosted'}), 400, 'domain')
    _assert_failure(fake.request('POST', APPS, b'{not json'), 400, 'JSON')
    _assert_failure(fake.request('POST', APPS, None), 400)
    _assert_failure(fake.request('GET', APPS + '/00000000-0000-4000-8000-000000000000'), 404)
    _assert_failure(fake.request('GET', '/nowhere'), 404)
    _assert_failure(fake.request('GET', APPS, auth=False), 403)
    _assert_failure(fake.request('GET', APPS, query={'per_page': 5000}), 400, 'per_page')


def test_validation_error_names_the_field_and_points_at_it(fake_cloudflare):
    resp = fake_cloudflare.request('POST', APPS, {'type': 'saas', 'name': 'x', 'saas_app': {'auth_type': 'oidc'}})
    body = _assert_failure(resp, 400, 'saas_app.redirect_uris')
    assert body['errors'][0]['source'] == {'pointer': '/saas_app/redirect_uris'}
