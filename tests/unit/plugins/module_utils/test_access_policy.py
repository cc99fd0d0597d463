# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reusable policies (_access_policy.py) against the fake API: names resolved, and deletion that detaches."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import copy

import pytest

from ansible_collections.zerotrust.cloudflare.plugins.module_utils._access_policy import PolicyManager
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._client import CloudflareClient
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._engine import AccessError
from ansible_collections.zerotrust.cloudflare.tests.fake_cloudflare.pytest_fixtures import fake_api_fixtures

TOKEN = 'cf-UNIT-token-policy-0c93d1'
WRITE_METHODS = ('POST', 'PUT', 'PATCH', 'DELETE')
OKTA = '22222222-2222-4222-8222-000000000001'
ALLOW = {'name': 'Allow engineers', 'decision': 'allow', 'include': [{'email_domain': {'domain': 'example.com'}}]}


def seed(server):
    server.seed(identity_providers=[{'id': OKTA, 'name': 'Okta', 'type': 'okta'}])
    group = {'name': 'Engineers', 'include': [{'email_domain': {'domain': 'example.com'}}]}
    server.ids = {'Engineers': server.seed(groups=[group])['groups'][0]['id']}
    server.ids['Allow engineers'] = server.seed(policies=[copy.deepcopy(ALLOW)])['policies'][0]['id']


fake, clean = fake_api_fixtures(TOKEN, seed=seed)


@pytest.fixture
def client(fake):
    return CloudflareClient(base_url=fake.base_url, api_token=TOKEN)


def writes(fake):
    return [entry for entry in fake.log()['requests'] if entry['method'] in WRITE_METHODS]


def test_a_reusable_policy_names_groups_and_idps(fake, client):
    params = {'name': 'Engineers by Okta', 'decision': 'allow', 'include': [{'group': {'name': 'Engineers'}}],
              'require': [{'login_method': {'id': 'Okta'}}]}
    result = PolicyManager(client, fake.account_id).run(copy.deepcopy(params))
    assert result['changed'] is True
    body = writes(fake)[0]['body']
    assert body['include'] == [{'group': {'id': fake.ids['Engineers']}}] and body['require'] == [{'login_method': {'id': OKTA}}]
    fake.reset(state=False, faults=False, config=False)
    assert PolicyManager(client, fake.account_id).run(copy.deepcopy(params))['changed'] is False
    assert writes(fake) == []


def _linked_app(fake):
    app = {'type': 'self_hosted', 'name': 'wiki', 'domain': 'wiki.example.com',
           'policies': [{'id': fake.ids['Allow engineers'], 'precedence': 1}]}
    assert fake.call('POST', '/accounts/{account_id}/access/apps', app)['success'] is True
    fake.reset(state=False, faults=False, config=False)


def test_a_linked_policy_is_not_deleted_without_detach(fake, client):
    _linked_app(fake)
    with pytest.raises(AccessError) as caught:
        PolicyManager(client, fake.account_id).run({'name': 'Allow engineers'}, state='absent')
    assert 'still used by 1 application(s): wiki' in caught.value.msg and writes(fake) == []


def test_detach_removes_the_policy_from_its_applications_first(fake, client):
    _linked_app(fake)
    check = PolicyManager(client, fake.account_id).run({'name': 'Allow engineers', 'detach': True}, state='absent',
                                                       check_mode=True)
    assert check['changed'] is True and len(check['detached_from']) == 1 and writes(fake) == []
    result = PolicyManager(client, fake.account_id).run({'name': 'Allow engineers', 'detach': True}, state='absent')
    assert result['detached_from'] == check['detached_from'] and result['policy'] == {}
    assert [e['method'] for e in writes(fake)] == ['PUT', 'DELETE']
