# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Feature 6: API token or email + global key; anything else is a 403 envelope."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import pytest

from ansible_collections.zerotrust.cloudflare.tests.fake_cloudflare.harness import FakeCloudflare

APPS = '/accounts/{account_id}/access/apps'


@pytest.fixture(scope='module')
def fake():
    with FakeCloudflare(token='tok-123', email='admin@example.com', key='global-key') as server:
        yield server


def _status(fake, headers):  # pylint: disable=redefined-outer-name
    resp = fake.request('GET', APPS, auth=False, headers=headers)
    if resp.status == 403:
        assert resp.json()['errors'] == [{'code': 10000, 'message': 'Authentication error'}]
        assert resp.json()['success'] is False
    return resp.status


@pytest.mark.parametrize('headers, status', [
    ({'Authorization': 'Bearer tok-123'}, 200),
    ({'Authorization': 'bearer tok-123'}, 200),
    ({'X-Auth-Email': 'admin@example.com', 'X-Auth-Key': 'global-key'}, 200),
    ({}, 403),
    ({'Authorization': 'Bearer wrong'}, 403),
    ({'Authorization': 'Basic tok-123'}, 403),
    ({'Authorization': 'Bearer tok-123\u00e9'}, 403),
    ({'X-Auth-Email': 'admin@example.com', 'X-Auth-Key': 'wrong'}, 403),
    ({'X-Auth-Email': 'other@example.com', 'X-Auth-Key': 'global-key'}, 403),
    ({'X-Auth-Key': 'global-key'}, 403),
    ({'Authorization': 'Bearer wrong', 'X-Auth-Email': 'admin@example.com', 'X-Auth-Key': 'global-key'}, 403),
])
def test_auth_schemes(fake, headers, status):  # pylint: disable=redefined-outer-name
    assert _status(fake, headers) == status


def test_writes_need_auth_too(fake):  # pylint: disable=redefined-outer-name
    resp = fake.request('POST', APPS, {'type': 'self_hosted', 'domain': 'a.example.com'}, auth=False)
    assert resp.status == 403 and fake.state()['accounts'][fake.account_id]['apps'] == []
    assert 'ratelimit' in resp.headers


def test_default_token_and_no_key_configured():
    with FakeCloudflare(timeout=60) as default:
        assert default.token == 'fake-token'
        assert _status(default, {'Authorization': 'Bearer fake-token'}) == 200
        assert _status(default, {'X-Auth-Email': 'a@example.com', 'X-Auth-Key': 'k'}) == 403
