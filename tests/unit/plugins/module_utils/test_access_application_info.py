# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The listing and the export of applications (_access_application_info.py) against the fake API."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import copy

import pytest

from ansible_collections.zerotrust.cloudflare.plugins.module_utils._access_application import ApplicationManager
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._access_application_info import (
    list_applications, to_module_args)
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._client import CloudflareClient
from ansible_collections.zerotrust.cloudflare.tests.fake_cloudflare.pytest_fixtures import fake_api_fixtures

TOKEN = 'cf-UNIT-token-info-91b2aa'
OKTA = '22222222-2222-4222-8222-000000000001'
APPS = [{'type': 'self_hosted', 'name': 'wiki', 'domain': 'wiki.example.com', 'session_duration': '12h',
         'allowed_idps': [OKTA], 'tags': ['docs']},
        {'type': 'self_hosted', 'name': 'wiki-staging', 'domain': 'wiki-staging.example.com'},
        {'type': 'bookmark', 'name': 'handbook', 'domain': 'handbook.example.com'}]

fake, clean = fake_api_fixtures(TOKEN, seed={'identity_providers': [{'id': OKTA, 'name': 'Okta', 'type': 'okta'}],
                                             'tags': ['docs'], 'apps': APPS})


@pytest.fixture
def manager(fake):
    return ApplicationManager(CloudflareClient(base_url=fake.base_url, api_token=TOKEN), account_id=fake.account_id)


@pytest.mark.parametrize('params, names', [
    ({}, ['handbook', 'wiki', 'wiki-staging']),
    ({'name': 'wiki'}, ['wiki', 'wiki-staging']),  # the API's name filter is loose
    ({'name': 'wiki', 'exact': True}, ['wiki']),
    ({'type': ['bookmark']}, ['handbook']),
])
def test_list_applications_filters(manager, params, names):
    assert sorted(a['name'] for a in list_applications(manager, params)) == names


def test_export_drops_server_fields_and_defaults_and_names_the_idps(fake, manager):
    stored = list_applications(manager, {'name': 'wiki', 'exact': True})[0]
    assert 'id' in stored and 'aud' in stored
    args = to_module_args(copy.deepcopy(stored))
    assert not set(args) & set(['id', 'aud', 'created_at', 'updated_at'])
    assert args['type'] == 'self_hosted' and args['session_duration'] == '12h'
    exported = list_applications(manager, {'name': 'wiki', 'exact': True, 'format': 'module_args'})
    assert exported[0]['allowed_idps'] == ['Okta']  # the identity provider by its (unique) name
    # feeding the export back changes nothing
    assert manager.run(dict(exported[0]))['changed'] is False
    assert [e for e in fake.log()['requests'] if e['method'] != 'GET'] == []
