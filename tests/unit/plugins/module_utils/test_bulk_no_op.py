# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The no-op shortcut of a bulk run (as_it_is): a declaration that the application already holds value for value is
unchanged without the full plan; it never says so where the full plan would find a change."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import copy

import pytest

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _access_application as engine
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._client import CloudflareClient
from ansible_collections.zerotrust.cloudflare.tests.fake_cloudflare.harness import FakeCloudflare

TOKEN = 'cf-UNIT-token-noop-6c1e'
IDP = '1d000000-0000-4000-8000-0000000000b1'

DECLARED = [
    {'name': 'wiki', 'type': 'self_hosted', 'domain': 'wiki.example.com', 'session_duration': '12h', 'tags': ['team']},
    {'name': 'git', 'type': 'self_hosted', 'destinations': [{'uri': 'git.example.com'}, {'uri': 'git2.example.com'}],
     'allowed_idps': [IDP], 'cors_headers': {'allowed_origins': ['https://a.example.com'], 'max_age': 600}},
    {'name': 'saml', 'type': 'saas', 'saas_app': {'sp_entity_id': 'sp', 'consumer_service_url': 'https://sp.example.com/acs',
                                                   'name_id_format': 'email'}},
    {'name': 'bm', 'type': 'bookmark', 'domain': 'https://bm.example.com', 'app_launcher_visible': True},
    {'name': 'ssh', 'type': 'ssh', 'domain': 'ssh.example.com', 'options_preflight_bypass': False},
    {'name': 'infra', 'type': 'infrastructure', 'target_criteria': [{'port': 22, 'protocol': 'SSH',
                                                                     'target_attributes': {'hostname': ['h1']}}]},
]

# one change each, which the full plan sees
CHANGED = [
    ('wiki', {'session_duration': '24h'}),
    ('wiki', {'tags': ['team', 'other']}),
    ('git', {'destinations': [{'uri': 'git.example.com'}]}),
    ('saml', {'saas_app': {'sp_entity_id': 'sp2'}}),
    ('bm', {'app_launcher_visible': False}),
    ('ssh', {'options_preflight_bypass': True}),
]


@pytest.fixture(scope='module')
def fake():
    with FakeCloudflare(token=TOKEN) as server:
        yield server


@pytest.fixture
def manager(fake):
    fake.reset()
    fake.seed(tags=['team', 'other'], identity_providers=[{'id': IDP, 'name': 'Okta', 'type': 'okta'}])
    manager = engine.ApplicationManager(CloudflareClient(base_url=fake.base_url, api_token=TOKEN), account_id=fake.account_id)
    created = engine.BulkRun(manager).run(copy.deepcopy(DECLARED))
    assert [e['action'] for e in created] == ['created'] * len(DECLARED), created
    return manager


def current_of(manager, params):
    index = engine.AppIndex(manager.list())
    desired = engine.desired_from_params(params)[0]
    return manager.find(params['type'], *engine.natural_key(params, desired), index=index)


def test_a_declaration_as_stored_is_taken_as_it_is_and_the_full_plan_agrees(manager):
    for params in DECLARED:
        current = current_of(manager, params)
        plan, dummy = manager.ensure(dict(params), index=engine.AppIndex([current]))
        assert plan.action == 'none', params
        # every type whose declaration holds no name, policy or secret is recognised without the full plan
        assert engine.as_it_is(params, current) is True, params


@pytest.mark.parametrize('name, change', CHANGED)
def test_a_change_is_never_taken_as_it_is(manager, name, change):
    params = dict(next(p for p in DECLARED if p['name'] == name), **change)
    current = current_of(manager, params)
    assert engine.as_it_is(params, current) is False
    plan, dummy = manager.ensure(dict(params), index=engine.AppIndex([current]))
    assert plan.action == 'update'


@pytest.mark.parametrize('extra', [
    {'allowed_idps': ['Okta']},  # a name to resolve: the full plan (it resolves to the id the application holds)
    {'policies': []},  # policies are compared by their own rules
    {'self_hosted_domains': ['wiki.example.com']},  # deprecated: converted by the full plan
])
def test_what_needs_the_full_plan_goes_through_it(manager, extra):
    params = dict(DECLARED[0], **extra)
    assert engine.as_it_is(params, current_of(manager, params)) is False


def test_a_bulk_rerun_writes_nothing_and_a_changed_declaration_is_written(fake, manager):
    fake.reset(state=False)
    again = engine.BulkRun(manager).run(copy.deepcopy(DECLARED))
    assert [e['action'] for e in again] == ['unchanged'] * len(DECLARED)
    assert all(e['id'] for e in again) and fake.log()['writes'] == 0
    changed = [dict(DECLARED[0], session_duration='24h')] + copy.deepcopy(DECLARED[1:])
    written = engine.BulkRun(manager).run(changed)
    assert [e['action'] for e in written] == ['updated'] + ['unchanged'] * (len(DECLARED) - 1)
    assert fake.log()['writes'] == 1
