# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ApplicationManager against the fake Cloudflare API, one test (or more) per pitfall of PITFALLS.md.

Every test drives a real CloudflareClient over HTTP against tests/fake_cloudflare (one server
process for this file, its state reset before each test) and asserts on what the fake saw: its
request log (methods, bodies, write counts) and its stored state.  Waits go through an injected
clock whose sleep() only advances time, so nothing here sleeps for real (except the one
read-timeout test, whose client timeout is 0.2 s).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import copy
import json
import os
import time

import pytest

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _schema
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._access_application import (
    AppIndex, ApplicationManager, input_errors)
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._client import (
    CloudflareAPIError, CloudflareClient, RequestBudget)
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._engine import AccessError, Bulk
from ansible_collections.zerotrust.cloudflare.tests.fake_cloudflare.pytest_fixtures import fake_api_fixtures

TOKEN = 'cf-UNIT-token-7d41c2a9e08b5f36'
WRITE_METHODS = ('POST', 'PUT', 'PATCH', 'DELETE')
SCIM_PASSWORD = 'scim-PASSWORD-4f9b1e77c0'
SCIM_TOKEN = 'scim-BEARER-a83d5c61f2'
OIDC_SECRET_GIVEN = 'oidc-GIVEN-secret-5c2e9a'
TC_SSH = [{'port': 22, 'protocol': 'SSH', 'target_attributes': {'hostname': ['db1', 'db2']}}]
TC_RDP = [{'port': 3389, 'protocol': 'RDP', 'target_attributes': {'hostname': ['win1']}}]
REUSABLE_A = {'id': '0b0e7c47-1d6a-4d43-9f55-5a5a5a5a0001', 'name': 'employees', 'decision': 'allow',
              'include': [{'email_domain': {'domain': 'example.com'}}]}
REUSABLE_B = {'id': '0b0e7c47-1d6a-4d43-9f55-5a5a5a5a0002', 'name': 'contractors', 'decision': 'allow',
              'include': [{'email': {'email': 'c@example.org'}}]}


# --------------------------------------------------------------------------------------------
# Infrastructure
# --------------------------------------------------------------------------------------------

class FakeTime(object):
    """A monotonic clock that only moves when something sleeps on it."""

    def __init__(self):
        self.now = 1000.0
        self.sleeps = []

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += max(0.0, seconds)


IDP_1, IDP_2 = '1d000000-0000-4000-8000-000000000001', '1d000000-0000-4000-8000-000000000002'
# The account's identity providers and tags: the API refuses applications naming unknown ones
ACCOUNT_OBJECTS = {'identity_providers': [{'id': IDP_1, 'name': 'Okta', 'type': 'okta'},
                                          {'id': IDP_2, 'name': 'GitHub', 'type': 'github'}],
                   'tags': ['a', 'b', 'c', 'observability']}

fake, clean = fake_api_fixtures(TOKEN, seed=ACCOUNT_OBJECTS)


@pytest.fixture
def clock():
    return FakeTime()


@pytest.fixture
def make_client(fake, clock):
    def factory(budget=None, **kwargs):
        if budget is None:
            budget = RequestBudget(clock=clock.clock, sleep=clock.sleep)
        kwargs.setdefault('max_retries', 5)
        return CloudflareClient(base_url=fake.base_url, api_token=TOKEN, budget=budget, sleep=clock.sleep,
                                clock=clock.clock, **kwargs)
    return factory


class Runner(object):
    """An ApplicationManager plus what it warned about."""

    def __init__(self, client, **kwargs):
        self.warnings = []
        self.manager = ApplicationManager(client, warn=self.warnings.append, **kwargs)

    def run(self, params, state='present', check_mode=False):
        return self.manager.run(copy.deepcopy(params), state=state, check_mode=check_mode)


@pytest.fixture
def runner(fake, make_client):
    return Runner(make_client(), account_id=fake.account_id)


@pytest.fixture
def zone_runner(fake, make_client):
    return Runner(make_client(), zone_id=fake.zone_id)


def log(fake):
    return fake.log()


def writes(fake):
    return [entry for entry in fake.log()['requests'] if entry['method'] in WRITE_METHODS]


def methods(fake):
    return [entry['method'] for entry in fake.log()['requests']]


def stored_apps(fake, zone=False):
    state = fake.state()
    return state['zones'][fake.zone_id]['apps'] if zone else state['accounts'][fake.account_id]['apps']


def stored(fake, app_id, zone=False):
    return next(app for app in stored_apps(fake, zone) if app['id'] == app_id)


def seed(fake, *apps, **kwargs):
    return fake.seed(apps=list(apps), **kwargs)['apps']


def text(*objects):
    return json.dumps(objects, default=str, sort_keys=True)


# --------------------------------------------------------------------------------------------
# Update semantics (1-8)
# --------------------------------------------------------------------------------------------

def test_p1_put_merges_task_over_current_and_keeps_dashboard_fields(fake, runner):
    app = seed(fake, {'type': 'self_hosted', 'name': 'wiki', 'domain': 'wiki.example.com', 'tags': ['ops', 'docs'],
                      'custom_deny_url': 'https://deny.example.com', 'logo_url': 'https://logo.example.com/l.png',
                      'allowed_idps': [IDP_2, IDP_1], 'custom_deny_message': 'no'})[0]

    result = runner.run({'type': 'self_hosted', 'name': 'wiki', 'session_duration': '8h'})

    assert result['changed'] is True and result['action'] == 'update'
    assert log(fake)['counts'] == {'GET': 1, 'PUT': 1}
    put = writes(fake)[0]
    assert put['path'].endswith('/access/apps/' + app['id'])
    body = put['body']
    assert body['session_duration'] == '8h' and body['type'] == 'self_hosted' and body['domain'] == 'wiki.example.com'
    # the merged whole is sent: the dashboard's fields are in the PUT
    assert sorted(body['tags']) == ['docs', 'ops'] and body['custom_deny_url'] == 'https://deny.example.com'
    assert body['logo_url'] == 'https://logo.example.com/l.png' and sorted(body['allowed_idps']) == [IDP_1, IDP_2]
    for read_only in _schema.READ_ONLY_FIELDS:
        assert read_only not in body
    after = stored(fake, app['id'])
    assert after['session_duration'] == '8h'
    assert after['tags'] == ['docs', 'ops'] and after['custom_deny_url'] == 'https://deny.example.com'
    assert after['custom_deny_message'] == 'no' and after['allowed_idps'] == [IDP_1, IDP_2]
    assert result['application']['session_duration'] == '8h' and result['application']['tags'] == ['docs', 'ops']


def test_p1_unset_options_are_not_managed(fake, runner):
    seed(fake, {'type': 'self_hosted', 'name': 'wiki', 'domain': 'wiki.example.com', 'tags': ['ops'],
                'session_duration': '3h', 'custom_deny_url': 'https://deny.example.com'})
    result = runner.run({'type': 'self_hosted', 'name': 'wiki'})
    assert result['changed'] is False and result['action'] == 'none'
    assert writes(fake) == []
    assert result['application']['session_duration'] == '3h'


def test_p1_fields_unknown_to_the_schema_survive_an_unrelated_update(fake, runner):
    overrides = [{'behavior': 'public', 'path_pattern': '/health'}]
    app = seed(fake, {'type': 'self_hosted', 'name': 'fw', 'domain': 'fw.example.com', 'future_field': 'kept',
                      'destinations': [{'type': 'public', 'uri': 'fw.example.com', 'overrides': overrides}]})[0]
    runner.run({'type': 'self_hosted', 'name': 'fw', 'session_duration': '2h'})
    after = stored(fake, app['id'])
    assert after['session_duration'] == '2h'
    assert after.get('future_field') == 'kept' and after['destinations'][0].get('overrides') == overrides


def test_p2_task_without_policies_never_sends_policies(fake, runner):
    seed(fake, policies=[REUSABLE_A])
    app = seed(fake, {'type': 'self_hosted', 'name': 'hr', 'domain': 'hr.example.com',
                      'policies': [{'id': REUSABLE_A['id'], 'precedence': 1}]})[0]
    inline = seed(fake, {'type': 'self_hosted', 'name': 'fin', 'domain': 'fin.example.com',
                         'policies': [{'name': 'finance', 'decision': 'allow', 'include': [{'everyone': {}}]}]})[0]

    runner.run({'type': 'self_hosted', 'name': 'hr', 'session_duration': '2h'})
    runner.run({'type': 'self_hosted', 'name': 'fin', 'session_duration': '2h'})

    puts = writes(fake)
    assert [p['method'] for p in puts] == ['PUT', 'PUT']
    assert all('policies' not in p['body'] for p in puts)
    state = fake.state()['accounts'][fake.account_id]
    assert state['links'][app['id']] == [{'id': REUSABLE_A['id'], 'precedence': 1}]
    assert [p['name'] for p in state['app_policies'][inline['id']]] == ['finance']


def test_p2_explicit_empty_policies_detach_them_all(fake, runner):
    seed(fake, policies=[REUSABLE_A])
    app = seed(fake, {'type': 'self_hosted', 'name': 'hr', 'domain': 'hr.example.com',
                      'policies': [REUSABLE_A['id']]})[0]
    result = runner.run({'type': 'self_hosted', 'name': 'hr', 'policies': []})
    assert result['changed'] is True
    assert [w['body']['policies'] for w in writes(fake)] == [[]]
    assert fake.state()['accounts'][fake.account_id]['links'].get(app['id']) is None
    fake.reset(state=False)
    assert runner.run({'type': 'self_hosted', 'name': 'hr', 'policies': []})['changed'] is False
    assert writes(fake) == []


MINIMAL = [
    {'type': 'self_hosted', 'name': 'sh', 'domain': 'sh.example.com'},
    {'type': 'ssh', 'name': 'ssh', 'domain': 'ssh.example.com'},
    {'type': 'vnc', 'name': 'vnc', 'domain': 'vnc.example.com'},
    {'type': 'rdp', 'name': 'rdp', 'domain': 'rdp.example.com', 'target_criteria': TC_RDP},
    {'type': 'saas', 'name': 'saml',
     'saas_app': {'sp_entity_id': 'sp', 'consumer_service_url': 'https://sp/acs', 'name_id_format': 'email'}},
    {'type': 'saas', 'name': 'oidc',
     'saas_app': {'auth_type': 'oidc', 'redirect_uris': ['https://app/cb'], 'scopes': ['openid', 'email'],
                  'grant_types': ['authorization_code']}},
    {'type': 'bookmark', 'name': 'bm', 'domain': 'https://bm.example.com'},
    {'type': 'infrastructure', 'name': 'infra', 'target_criteria': TC_SSH,
     'policies': [{'name': 'ops', 'decision': 'allow', 'include': [{'email': {'email': 'a@example.com'}}],
                   'connection_rules': {'ssh': {'usernames': ['root']}}}]},
    {'type': 'mcp', 'name': 'mcp', 'destinations': [{'type': 'via_mcp_server_portal', 'mcp_server_id': 'srv-1'}]},
    {'type': 'mcp_portal', 'name': 'portal', 'domain': 'portal.example.com'},
    {'type': 'proxy_endpoint', 'name': 'proxy', 'domain': 'abcd123456.proxy.cloudflare-gateway.com'},
    {'type': 'app_launcher'},
    {'type': 'warp'},
    {'type': 'biso'},
]


@pytest.mark.parametrize('params', MINIMAL, ids=lambda p: '%s-%s' % (p['type'], p.get('name', 'singleton')))
def test_p3_minimal_app_twice_second_run_sends_no_write(fake, runner, params):
    first = runner.run(params)
    assert first['changed'] is True and first['action'] == 'create'
    created = stored_apps(fake)[0]
    # the server filled in its defaults: the stored object has more than the task gave
    for key, value in _schema.server_defaults(params['type']).items():
        if key not in params and key not in ('destinations',):
            assert created.get(key) == value, key
    fake.reset(state=False)

    second = runner.run(params)

    assert second['changed'] is False and second['action'] == 'none'
    assert writes(fake) == []
    assert second['application']['id'] == created['id']


def test_p3_absent_null_false_empty_equal_server_defaults(fake, runner):
    runner.run({'type': 'self_hosted', 'name': 'sh', 'domain': 'sh.example.com'})
    fake.reset(state=False)
    result = runner.run({'type': 'self_hosted', 'name': 'sh', 'domain': 'sh.example.com',
                         'enable_binding_cookie': False, 'tags': [], 'custom_deny_message': '', 'allowed_idps': [],
                         'http_only_cookie_attribute': True, 'app_launcher_visible': True, 'session_duration': '24h',
                         'options_preflight_bypass': False, 'auto_redirect_to_identity': False,
                         'custom_pages': [], 'skip_interstitial': False})
    assert result['changed'] is False
    assert writes(fake) == []


def test_p3_a_real_difference_is_still_seen(fake, runner):
    runner.run({'type': 'self_hosted', 'name': 'sh', 'domain': 'sh.example.com'})
    result = runner.run({'type': 'self_hosted', 'name': 'sh', 'http_only_cookie_attribute': False}, check_mode=True)
    assert result['changed'] is True and [w['method'] for w in writes(fake)] == ['POST']
    assert result['diff'] == {'before': {'type': 'self_hosted', 'name': 'sh', 'http_only_cookie_attribute': True},
                              'after': {'type': 'self_hosted', 'name': 'sh', 'http_only_cookie_attribute': False}}


def test_p4_set_like_lists_in_another_order_are_no_change(fake, runner):
    seed(fake, {'type': 'self_hosted', 'name': 't', 'domain': 't.example.com', 'tags': ['b', 'a', 'c'],
                'allowed_idps': [IDP_2, IDP_1], 'custom_pages': ['page-2', 'page-1'],
                'cors_headers': {'allowed_methods': ['POST', 'GET'], 'allowed_origins': ['https://b', 'https://a']}})
    assert stored_apps(fake)[0]['tags'] == ['a', 'b', 'c']  # the fake sorts, as the API does
    result = runner.run({'type': 'self_hosted', 'name': 't', 'tags': ['c', 'b', 'a'], 'allowed_idps': [IDP_1, IDP_2],
                         'custom_pages': ['page-1', 'page-2'],
                         'cors_headers': {'allowed_methods': ['GET', 'POST'], 'allowed_origins': ['https://a', 'https://b']}})
    assert result['changed'] is False
    assert writes(fake) == []
    # a set-like list with another member is a change
    assert runner.run({'type': 'self_hosted', 'name': 't', 'tags': ['a', 'b']}, check_mode=True)['changed'] is True


def test_p4_ordered_lists_keep_their_order(fake, runner):
    seed(fake, policies=[REUSABLE_A, REUSABLE_B])
    seed(fake, {'type': 'self_hosted', 'name': 'd', 'domain': 'd1.example.com',
                'destinations': [{'type': 'public', 'uri': 'd1.example.com'}, {'type': 'public', 'uri': 'd2.example.com'}],
                'policies': [REUSABLE_A['id'], REUSABLE_B['id']]},
         {'type': 'app_launcher', 'footer_links': [{'name': 'a', 'url': 'https://a'}, {'name': 'b', 'url': 'https://b'}]})
    same_order = runner.run({'type': 'self_hosted', 'name': 'd', 'policies': [REUSABLE_A['id'], REUSABLE_B['id']],
                             'destinations': [{'type': 'public', 'uri': 'd1.example.com'},
                                              {'type': 'public', 'uri': 'd2.example.com'}]})
    assert same_order['changed'] is False

    swapped = runner.run({'type': 'self_hosted', 'name': 'd',
                          'destinations': [{'type': 'public', 'uri': 'd2.example.com'},
                                           {'type': 'public', 'uri': 'd1.example.com'}]})
    assert swapped['changed'] is True
    assert [d['uri'] for d in writes(fake)[-1]['body']['destinations']] == ['d2.example.com', 'd1.example.com']

    reordered = runner.run({'type': 'self_hosted', 'name': 'd', 'policies': [REUSABLE_B['id'], REUSABLE_A['id']]})
    assert reordered['changed'] is True
    assert writes(fake)[-1]['body']['policies'] == [{'id': REUSABLE_B['id'], 'precedence': 1},
                                                    {'id': REUSABLE_A['id'], 'precedence': 2}]

    swapped_links = [{'name': 'b', 'url': 'https://b'}, {'name': 'a', 'url': 'https://a'}]
    links = runner.run({'type': 'app_launcher', 'footer_links': swapped_links})
    assert links['changed'] is True
    assert [f['name'] for f in writes(fake)[-1]['body']['footer_links']] == ['b', 'a']
    assert len(writes(fake)) == 3


def test_p5_single_ips_come_back_with_prefix_and_are_no_change(fake, runner):
    params = {'type': 'self_hosted', 'name': 'ip', 'domain': 'ip.example.com',
              'destinations': [{'type': 'public', 'uri': 'ip.example.com'},
                               {'type': 'private', 'cidr': '10.9.0.5', 'l4_protocol': 'tcp'}],
              'policies': [{'name': 'office', 'decision': 'allow',
                            'include': [{'ip': {'ip': '10.0.0.1'}}, {'ip': {'ip': '2001:db8::1'}},
                                        {'ip': {'ip': '192.168.0.0/16'}}]}]}
    runner.run(params)
    app = stored_apps(fake)[0]
    policy = fake.state()['accounts'][fake.account_id]['app_policies'][app['id']][0]
    assert [rule['ip']['ip'] for rule in policy['include']] == ['10.0.0.1/32', '2001:db8::1/128', '192.168.0.0/16']
    assert app['destinations'][1]['cidr'] == '10.9.0.5/32'
    fake.reset(state=False)

    result = runner.run(params)

    assert result['changed'] is False
    assert writes(fake) == []
    other = copy.deepcopy(params)
    other['policies'][0]['include'][0] = {'ip': {'ip': '10.0.0.2'}}
    assert runner.run(other, check_mode=True)['changed'] is True


@pytest.mark.parametrize('links', [
    [{'id': REUSABLE_A['id'], 'precedence': 1}],
    [{'id': REUSABLE_A['id']}],
    [REUSABLE_A['id']],
], ids=['id-and-precedence', 'id-only', 'bare-uuid'])
def test_p6_linked_reusable_policy_expanded_by_the_api_is_no_change(fake, runner, links):
    seed(fake, policies=[REUSABLE_A])
    app = seed(fake, {'type': 'self_hosted', 'name': 'hr', 'domain': 'hr.example.com', 'policies': [REUSABLE_A['id']]})[0]
    # the API returns the whole policy body for a link
    current = fake.call('GET', '/accounts/{account_id}/access/apps/' + app['id'])['result']
    assert current['policies'][0]['include'] == REUSABLE_A['include'] and current['policies'][0]['name'] == 'employees'

    result = runner.run({'type': 'self_hosted', 'name': 'hr', 'policies': links})

    assert result['changed'] is False
    assert writes(fake) == []


def test_p6_another_precedence_or_policy_is_a_change(fake, runner):
    seed(fake, policies=[REUSABLE_A, REUSABLE_B])
    seed(fake, {'type': 'self_hosted', 'name': 'hr', 'domain': 'hr.example.com', 'policies': [REUSABLE_A['id']]})
    assert runner.run({'type': 'self_hosted', 'name': 'hr', 'policies': [{'id': REUSABLE_A['id'], 'precedence': 5}]},
                      check_mode=True)['changed'] is True
    assert runner.run({'type': 'self_hosted', 'name': 'hr', 'policies': [REUSABLE_B['id']]},
                      check_mode=True)['changed'] is True
    assert writes(fake) == []


@pytest.mark.parametrize('policies, message', [
    ([{'id': REUSABLE_A['id'], 'precedence': 1}, {'id': REUSABLE_B['id'], 'precedence': 1}], 'unique'),
    ([{'id': REUSABLE_A['id'], 'precedence': 0}], '1 or more'),
    ([{'name': 'x', 'decision': 'allow', 'include': [{'everyone': {}}], 'precedence': 2},
      {'name': 'y', 'decision': 'deny', 'include': [{'everyone': {}}], 'precedence': 2}], 'unique'),
])
def test_p7_duplicate_or_zero_precedence_fails_before_any_request(fake, runner, policies, message):
    with pytest.raises(AccessError) as info:
        runner.run({'type': 'self_hosted', 'name': 'p', 'domain': 'p.example.com', 'policies': policies})
    assert message in info.value.msg and 'precedence' in info.value.msg
    assert log(fake)['total'] == 0


def test_p7_missing_precedences_are_one_to_n_in_list_order(fake, runner):
    seed(fake, policies=[REUSABLE_A, REUSABLE_B])
    runner.run({'type': 'self_hosted', 'name': 'p', 'domain': 'p.example.com',
                'policies': [REUSABLE_B['id'], {'id': REUSABLE_A['id']}]})
    assert writes(fake)[0]['body']['policies'] == [{'id': REUSABLE_B['id'], 'precedence': 1},
                                                   {'id': REUSABLE_A['id'], 'precedence': 2}]
    app = stored_apps(fake)[0]
    assert fake.state()['accounts'][fake.account_id]['links'][app['id']] == [
        {'id': REUSABLE_B['id'], 'precedence': 1}, {'id': REUSABLE_A['id'], 'precedence': 2}]


def test_p8_only_the_linked_domain_field_the_user_set_is_compared(fake, runner):
    seed(fake, {'type': 'self_hosted', 'name': 'd', 'domain': 'd1.example.com',
                'destinations': [{'type': 'public', 'uri': 'd1.example.com'}, {'type': 'public', 'uri': 'd2.example.com'}]})
    app = stored_apps(fake)[0]
    assert app['self_hosted_domains'] == ['d1.example.com', 'd2.example.com']  # derived by the server
    assert runner.run({'type': 'self_hosted', 'name': 'd', 'domain': 'd1.example.com'})['changed'] is False
    assert runner.run({'type': 'self_hosted', 'name': 'd', 'destinations': [
        {'type': 'public', 'uri': 'd1.example.com'}, {'type': 'public', 'uri': 'd2.example.com'}]})['changed'] is False
    assert writes(fake) == []


def test_p8_domain_change_keeps_destinations_consistent(fake, runner):
    seed(fake, {'type': 'self_hosted', 'name': 'd', 'domain': 'old.example.com',
                'destinations': [{'type': 'public', 'uri': 'old.example.com'}, {'type': 'public', 'uri': 'two.example.com'}]})
    result = runner.run({'type': 'self_hosted', 'name': 'd', 'domain': 'new.example.com'})
    body = writes(fake)[0]['body']
    assert body['domain'] == 'new.example.com' and 'self_hosted_domains' not in body
    assert [d['uri'] for d in body['destinations']] == ['new.example.com', 'two.example.com']
    assert result['application']['domain'] == 'new.example.com'
    fake.reset(state=False)
    assert runner.run({'type': 'self_hosted', 'name': 'd', 'domain': 'new.example.com'})['changed'] is False
    assert writes(fake) == []


def test_p8_self_hosted_domains_alone_become_destinations_with_a_warning(fake, runner):
    result = runner.run({'type': 'self_hosted', 'name': 'legacy', 'domain': 'a.example.com',
                         'self_hosted_domains': ['a.example.com', 'b.example.com']})
    assert result['changed'] is True
    assert any('deprecated' in w and 'destinations' in w for w in runner.warnings)
    body = writes(fake)[0]['body']
    assert 'self_hosted_domains' not in body
    assert body['destinations'] == [{'type': 'public', 'uri': 'a.example.com'}, {'type': 'public', 'uri': 'b.example.com'}]
    fake.reset(state=False)
    assert runner.run({'type': 'self_hosted', 'name': 'legacy', 'self_hosted_domains': ['a.example.com', 'b.example.com']}
                      )['changed'] is False
    assert writes(fake) == []


def test_p8_self_hosted_domains_with_destinations_is_an_error_before_any_request(fake, runner):
    with pytest.raises(AccessError) as info:
        runner.run({'type': 'self_hosted', 'name': 'x', 'domain': 'x.example.com', 'self_hosted_domains': ['x.example.com'],
                    'destinations': [{'type': 'public', 'uri': 'x.example.com'}]})
    assert 'self_hosted_domains' in info.value.msg and 'destinations' in info.value.msg
    assert log(fake)['total'] == 0


# --------------------------------------------------------------------------------------------
# Identity and adoption (9-13)
# --------------------------------------------------------------------------------------------

def test_p9_dashboard_app_is_adopted_in_place_same_id_and_aud(fake, runner):
    app = seed(fake, {'type': 'self_hosted', 'name': 'grafana', 'domain': 'grafana.example.com'})[0]
    result = runner.run({'type': 'self_hosted', 'name': 'grafana', 'domain': 'grafana.example.com',
                         'session_duration': '8h', 'tags': ['observability']})
    assert result['action'] == 'update'
    assert methods(fake).count('POST') == 0 and methods(fake).count('PUT') == 1
    assert result['application']['id'] == app['id'] and result['application']['aud'] == app['aud']
    apps = stored_apps(fake)
    assert len(apps) == 1 and apps[0]['aud'] == app['aud'] and apps[0]['tags'] == ['observability']
    lookup = fake.log()['requests'][0]
    assert lookup['method'] == 'GET' and 'name=grafana' in lookup['query'] and 'exact=true' in lookup['query']


def test_p10_same_name_twice_fails_listing_both_ids(fake, runner):
    first, second = seed(fake, {'type': 'self_hosted', 'name': 'dup', 'domain': 'd1.example.com'},
                         {'type': 'self_hosted', 'name': 'dup', 'domain': 'd2.example.com'})
    with pytest.raises(AccessError) as info:
        runner.run({'type': 'self_hosted', 'name': 'dup', 'session_duration': '1h'})
    assert first['id'] in info.value.msg and second['id'] in info.value.msg
    assert sorted(info.value.details['matching_ids']) == sorted([first['id'], second['id']])
    assert writes(fake) == []
    with pytest.raises(AccessError):
        runner.run({'type': 'self_hosted', 'name': 'dup'}, state='absent')
    assert writes(fake) == [] and len(stored_apps(fake)) == 2


def test_p10_app_id_or_domain_selects_exactly_one(fake, runner):
    first, second = seed(fake, {'type': 'self_hosted', 'name': 'dup', 'domain': 'd1.example.com'},
                         {'type': 'self_hosted', 'name': 'dup', 'domain': 'd2.example.com'})
    result = runner.run({'type': 'self_hosted', 'name': 'dup', 'app_id': second['id'], 'session_duration': '1h'})
    assert result['application']['id'] == second['id']
    assert writes(fake)[-1]['path'].endswith(second['id'])
    result = runner.run({'type': 'self_hosted', 'name': 'dup', 'domain': 'd1.example.com', 'session_duration': '2h'})
    assert result['application']['id'] == first['id']
    assert stored(fake, first['id'])['session_duration'] == '2h' and stored(fake, second['id'])['session_duration'] == '1h'
    runner.run({'app_id': second['id']}, state='absent')
    assert [a['id'] for a in stored_apps(fake)] == [first['id']]


def test_p10_app_id_allows_renaming_in_place(fake, runner):
    app = seed(fake, {'type': 'self_hosted', 'name': 'old name', 'domain': 'r.example.com'})[0]
    result = runner.run({'type': 'self_hosted', 'app_id': app['id'], 'name': 'new name'})
    assert result['changed'] is True and result['application']['id'] == app['id']
    assert [(a['name'], a['aud']) for a in stored_apps(fake)] == [('new name', app['aud'])]
    fake.reset(state=False)
    assert runner.run({'type': 'self_hosted', 'app_id': app['id'], 'name': 'new name'})['changed'] is False
    assert [e['path'].rsplit('/', 1)[-1] for e in fake.log()['requests']] == [app['id']]  # a GET by id, no list


def test_p10_unknown_app_id_fails_without_creating(fake, runner):
    with pytest.raises(AccessError) as info:
        runner.run({'type': 'self_hosted', 'app_id': '6f1a3f3e-3d7b-4c39-9d55-000000000000', 'name': 'x',
                    'domain': 'x.example.com'})
    assert '6f1a3f3e-3d7b-4c39-9d55-000000000000' in info.value.msg
    assert writes(fake) == []


def test_p11_singleton_on_the_last_of_three_pages_is_found(fake, runner):
    fake.seed(generate={'count': 2500, 'app': {'type': 'bookmark', 'name': 'bm-{i}', 'domain': 'https://bm{i}.example.com'}})
    warp = seed(fake, {'type': 'warp', 'session_duration': '12h'})[0]
    result = runner.run({'type': 'warp', 'session_duration': '6h'})
    assert result['action'] == 'update' and result['application']['id'] == warp['id']
    pages = [entry['query'] for entry in fake.log()['requests'] if entry['method'] == 'GET']
    assert len(pages) == 3 and 'page=3' in pages[-1]
    assert methods(fake).count('POST') == 0
    assert len(stored_apps(fake)) == 2501


def test_p11_zone_list_has_no_filters_the_target_on_the_last_page_is_found(fake, zone_runner):
    fake.seed(zone_id=fake.zone_id, generate={'count': 2500, 'app': {
        'type': 'bookmark', 'name': 'bm-{i}', 'domain': 'https://bm{i}.example.com'}})
    target = seed(fake, {'type': 'self_hosted', 'name': 'last', 'domain': 'last.example.com'}, zone_id=fake.zone_id)[0]
    result = zone_runner.run({'type': 'self_hosted', 'name': 'last', 'domain': 'last.example.com', 'session_duration': '1h'})
    assert result['action'] == 'update' and result['application']['id'] == target['id']
    assert methods(fake).count('POST') == 0 and methods(fake).count('GET') == 3
    assert len(stored_apps(fake, zone=True)) == 2501


@pytest.mark.parametrize('app_type', _schema.SINGLETONS)
def test_p12_singletons_post_only_when_missing_then_put_without_name_or_domain(fake, runner, app_type):
    created = runner.run({'type': app_type, 'session_duration': '12h'})
    assert created['action'] == 'create'
    post = writes(fake)[0]
    assert post['method'] == 'POST' and 'name' not in post['body'] and 'domain' not in post['body']
    assert created['application']['name'] == _schema.APP_TYPES[app_type]['fixed_name']
    fake.reset(state=False)

    updated = runner.run({'type': app_type, 'session_duration': '6h'})

    assert updated['action'] == 'update' and updated['application']['id'] == created['application']['id']
    put = writes(fake)[0]
    assert put['method'] == 'PUT' and 'name' not in put['body'] and 'domain' not in put['body']
    assert len(stored_apps(fake)) == 1


@pytest.mark.parametrize('app_type', _schema.SINGLETONS)
def test_p12_singleton_name_or_domain_is_refused_before_any_request(fake, runner, app_type):
    for extra in ({'name': 'Mine'}, {'domain': 'mine.example.com'}):
        with pytest.raises(AccessError) as info:
            runner.run(dict({'type': app_type}, **extra))
        assert list(extra)[0] in info.value.msg and 'set by Cloudflare' in info.value.msg
    assert log(fake)['total'] == 0


@pytest.mark.parametrize('app_type', _schema.SINGLETONS)
def test_p12_singleton_absent_refuses_unless_forced(fake, runner, app_type):
    app = seed(fake, {'type': app_type})[0]
    with pytest.raises(AccessError) as info:
        runner.run({'type': app_type}, state='absent')
    assert 'force' in info.value.msg and 'singleton' in info.value.msg
    assert writes(fake) == [] and len(stored_apps(fake)) == 1
    result = runner.run({'type': app_type, 'force': True}, state='absent')
    assert result['changed'] is True and result['application'] == {}
    assert [(w['method'], w['path'].rsplit('/', 1)[-1]) for w in writes(fake)] == [('DELETE', app['id'])]
    assert stored_apps(fake) == []


def test_p13_moving_an_app_to_zone_scope_is_refused(fake, zone_runner):
    seed(fake, {'type': 'self_hosted', 'name': 'moving', 'domain': 'moving.example.com'})
    with pytest.raises(AccessError) as info:
        zone_runner.run({'type': 'self_hosted', 'name': 'moving', 'domain': 'moving.example.com'})
    assert 'aud' in info.value.msg and 'allow_recreate' in info.value.msg
    assert writes(fake) == []
    assert stored_apps(fake, zone=True) == []


def test_p13_moving_an_app_to_zone_scope_when_allowed_recreates_it_there(fake, zone_runner):
    app = seed(fake, {'type': 'self_hosted', 'name': 'moved', 'domain': 'moved.example.com'})[0]
    result = zone_runner.run({'type': 'self_hosted', 'name': 'moved', 'domain': 'moved.example.com',
                              'allow_recreate': True})
    assert result['changed'] is True and result['application']['aud'] != app['aud']
    assert [w['method'] for w in writes(fake)] == ['POST', 'DELETE']
    assert stored_apps(fake) == [] and [a['name'] for a in stored_apps(fake, zone=True)] == ['moved']


def test_p13_type_change_is_refused_unless_allowed_and_then_gets_a_new_aud(fake, runner):
    app = seed(fake, {'type': 'self_hosted', 'name': 'rc', 'domain': 'rc.example.com'})[0]
    with pytest.raises(AccessError) as info:
        runner.run({'type': 'ssh', 'name': 'rc', 'domain': 'rc.example.com'})
    assert 'allow_recreate' in info.value.msg and 'aud' in info.value.msg
    assert writes(fake) == []
    result = runner.run({'type': 'ssh', 'name': 'rc', 'domain': 'rc.example.com', 'allow_recreate': True})
    assert result['action'] == 'recreate'
    assert [w['method'] for w in writes(fake)] == ['DELETE', 'POST']
    assert result['application']['id'] != app['id'] and result['application']['aud'] != app['aud']
    assert [a['type'] for a in stored_apps(fake)] == ['ssh']


# --------------------------------------------------------------------------------------------
# Secrets (14-16)
# --------------------------------------------------------------------------------------------

OIDC = {'type': 'saas', 'name': 'oidc', 'saas_app': {'auth_type': 'oidc', 'redirect_uris': ['https://app/cb']}}


def test_p14_oidc_client_secret_is_returned_once_and_never_diffed(fake, runner):
    created = runner.run(OIDC)
    secret = stored_apps(fake)[0]['saas_app']['client_secret']
    assert created['application']['saas_app']['client_secret'] == secret
    assert secret not in text(created['diff'])
    fake.reset(state=False)

    again = runner.run(OIDC)

    assert again['changed'] is False and writes(fake) == []
    assert secret not in text(again)
    # a later change does not bring it back either
    changed = runner.run(dict(OIDC, saas_app=dict(OIDC['saas_app'], redirect_uris=['https://app/cb2'])))
    assert changed['changed'] is True and secret not in text(changed)
    assert 'client_secret' not in writes(fake)[-1]['body']['saas_app']
    assert stored_apps(fake)[0]['saas_app']['client_secret'] == secret  # not rotated by the update


def test_p14_missing_client_secret_is_never_a_change(fake, runner):
    runner.run(OIDC)
    fake.reset(state=False)
    result = runner.run(dict(OIDC, saas_app=dict(OIDC['saas_app'], client_secret=OIDC_SECRET_GIVEN)))
    assert result['changed'] is False and writes(fake) == []
    assert OIDC_SECRET_GIVEN not in text(result)


def test_p14_check_mode_create_predicts_no_secret(fake, runner):
    result = runner.run(OIDC, check_mode=True)
    assert result['changed'] is True and 'client_secret' not in result['application'].get('saas_app', {})
    assert log(fake)['counts'] == {'GET': 1}


SCIM = {'idp_uid': IDP_1, 'remote_uri': 'https://scim.example.com/v2', 'enabled': True,
        'authentication': [{'scheme': 'httpbasic', 'user': 'sync', 'password': SCIM_PASSWORD}]}
SCIM_APP = {'type': 'self_hosted', 'name': 'scim', 'domain': 'scim.example.com', 'scim_config': SCIM}


def stored_scim_auth(fake):
    return stored_apps(fake)[0]['scim_config'].get('authentication')


def test_p15_scim_on_create_rerun_is_no_change(fake, runner):
    created = runner.run(SCIM_APP)
    assert created['changed'] is True
    assert writes(fake)[0]['body']['scim_config']['authentication'] == SCIM['authentication'][0]
    assert stored_scim_auth(fake)['password'] == SCIM_PASSWORD
    fake.reset(state=False)

    again = runner.run(dict(SCIM_APP, update_secrets='on_create'))

    assert again['changed'] is False and writes(fake) == []


def test_p15_scim_always_resends_the_secret_and_reports_changed(fake, runner):
    runner.run(SCIM_APP)
    fake.reset(state=False)
    result = runner.run(dict(SCIM_APP, update_secrets='always'))
    assert result['changed'] is True
    puts = writes(fake)
    assert len(puts) == 1 and puts[0]['body']['scim_config']['authentication']['password'] == SCIM_PASSWORD
    assert SCIM_PASSWORD not in text(result)


def test_p15_manager_level_always_applies_without_the_param(fake, make_client):
    always = Runner(make_client(), account_id=fake.account_id, update_secrets='always')
    always.run(SCIM_APP)
    assert always.run(SCIM_APP)['changed'] is True
    assert always.run({'type': 'self_hosted', 'name': 'scim'})['changed'] is False  # no secret given: nothing to re-send


def test_p15_unrelated_update_does_not_touch_scim_config(fake, runner):
    runner.run(SCIM_APP)
    fake.reset(state=False)
    runner.run({'type': 'self_hosted', 'name': 'scim', 'session_duration': '2h'})
    put = writes(fake)[0]
    assert put['method'] == 'PUT' and 'scim_config' not in put['body']
    assert stored_scim_auth(fake) == {'scheme': 'httpbasic', 'user': 'sync', 'password': SCIM_PASSWORD}


def test_p15_put_carrying_scim_config_resends_the_given_secret(fake, runner):
    runner.run(SCIM_APP)
    fake.reset(state=False)
    runner.run(dict(SCIM_APP, scim_config=dict(SCIM, enabled=False)))
    put = writes(fake)[0]
    assert put['body']['scim_config']['enabled'] is False
    assert put['body']['scim_config'].get('authentication', {}).get('password') == SCIM_PASSWORD
    assert stored_scim_auth(fake) == {'scheme': 'httpbasic', 'user': 'sync', 'password': SCIM_PASSWORD}


def test_p15_scheme_change_sends_the_new_secret(fake, runner):
    runner.run(SCIM_APP)
    fake.reset(state=False)
    result = runner.run(dict(SCIM_APP, scim_config=dict(SCIM, authentication=[
        {'scheme': 'oauthbearertoken', 'token': SCIM_TOKEN}])))
    assert result['changed'] is True
    assert writes(fake)[0]['body']['scim_config']['authentication'] == {'scheme': 'oauthbearertoken', 'token': SCIM_TOKEN}
    assert stored_scim_auth(fake) == {'scheme': 'oauthbearertoken', 'token': SCIM_TOKEN}
    assert SCIM_TOKEN not in text(result) and SCIM_PASSWORD not in text(result)


@pytest.mark.parametrize('check_mode', [True, False])
def test_p16_secrets_never_in_result_diff_or_warnings(fake, runner, check_mode):
    params = dict(SCIM_APP, self_hosted_domains=None, update_secrets='always')
    created = runner.run(params, check_mode=check_mode)
    rerun = runner.run(params, check_mode=check_mode)
    for result in (created, rerun):
        assert SCIM_PASSWORD not in text(result, runner.warnings)
    assert 'password' not in text(created['diff'])
    sent = [w['body']['scim_config']['authentication']['password'] for w in writes(fake)]
    assert sent == ([] if check_mode else [SCIM_PASSWORD, SCIM_PASSWORD])  # sent, never shown


def test_p16_secrets_never_in_exception_text(fake, runner):
    bad = dict(SCIM_APP, session_duration='1 day',
               scim_config=dict(SCIM, authentication=[{'scheme': 'oauthbearertoken', 'token': SCIM_TOKEN}]))
    with pytest.raises(AccessError) as info:
        runner.run(bad)
    assert 'session_duration' in info.value.msg
    assert SCIM_TOKEN not in text(str(info.value), info.value.msg, info.value.details)
    # a type that has no scim_config: the error names the option, never its value
    with pytest.raises(AccessError) as info:
        runner.run({'type': 'bookmark', 'name': 'b', 'scim_config': bad['scim_config']})
    assert 'scim_config' in info.value.msg and SCIM_TOKEN not in text(str(info.value), info.value.details)
    assert log(fake)['total'] == 0


def test_p16_api_error_text_never_contains_the_token(fake, runner):
    fake.faults({'kind': 'status', 'status': 400, 'method': 'GET', 'code': 10000,
                 'message': 'bad credentials: Bearer %s' % TOKEN})
    with pytest.raises(CloudflareAPIError) as info:
        runner.run({'type': 'self_hosted', 'name': 'x', 'domain': 'x.example.com'})
    assert info.value.status == 400
    assert TOKEN not in text(str(info.value), info.value.to_dict())


# --------------------------------------------------------------------------------------------
# Faults (17-20)
# --------------------------------------------------------------------------------------------

def test_p17_429_waits_the_servers_retry_after_even_above_60s(fake, runner, clock):
    fake.faults({'kind': 'status', 'status': 429, 'retry_after': 120, 'method': 'GET', 'path': '/access/apps$'})
    result = runner.run({'type': 'self_hosted', 'name': 'rl', 'domain': 'rl.example.com'})
    assert result['changed'] is True
    assert clock.sleeps and max(clock.sleeps) == pytest.approx(120)
    assert sum(clock.sleeps) == pytest.approx(120, abs=1)
    assert [(e['method'], e['status']) for e in fake.log()['requests']] == [('GET', 429), ('GET', 200), ('POST', 201)]
    assert len(stored_apps(fake)) == 1


def test_p17_429_on_post_is_retried_without_a_duplicate(fake, runner, clock):
    fake.faults({'kind': 'status', 'status': 429, 'retry_after': 30, 'method': 'POST'})
    result = runner.run({'type': 'self_hosted', 'name': 'rl', 'domain': 'rl.example.com'})
    assert result['changed'] is True and len(stored_apps(fake)) == 1
    assert [(e['method'], e['status']) for e in fake.log()['requests']] == [('GET', 200), ('POST', 429), ('POST', 201)]
    assert clock.sleeps == [pytest.approx(30)]


def test_p17_one_request_budget_is_shared_by_a_bulk_run(fake, make_client, clock):
    budget = RequestBudget(limit=3, window=300, clock=clock.clock, sleep=clock.sleep)
    first = Runner(make_client(budget=budget), account_id=fake.account_id)
    second = Runner(make_client(budget=budget), account_id=fake.account_id)
    first.run({'type': 'self_hosted', 'name': 'a', 'domain': 'a.example.com'})   # GET + POST
    assert clock.sleeps == []
    second.run({'type': 'self_hosted', 'name': 'b', 'domain': 'b.example.com'})  # GET, then the 4th request must wait
    assert len(clock.sleeps) == 1 and clock.sleeps[0] == pytest.approx(300)
    assert log(fake)['total'] == 4 and len(stored_apps(fake)) == 2


def test_p18_lost_post_response_means_look_up_not_duplicate(fake, runner):
    fake.faults({'kind': 'commit_then_drop', 'method': 'POST', 'path': '/access/apps$'})
    result = runner.run({'type': 'self_hosted', 'name': 'lost', 'domain': 'lost.example.com'})
    apps = stored_apps(fake)
    assert len(apps) == 1
    assert result['changed'] is True and result['application']['id'] == apps[0]['id']
    assert methods(fake) == ['GET', 'POST', 'GET']
    assert any('lost' in w and apps[0]['id'] in w for w in runner.warnings)


def test_p18_lost_post_of_a_singleton_is_found_by_type(fake, runner):
    fake.faults({'kind': 'commit_then_drop', 'method': 'POST', 'path': '/access/apps$'})
    result = runner.run({'type': 'warp', 'session_duration': '2h'})
    assert len(stored_apps(fake)) == 1 and methods(fake).count('POST') == 1
    assert result['application']['type'] == 'warp'


def test_p18_lost_oidc_creation_warns_that_the_secret_is_lost(fake, runner):
    fake.faults({'kind': 'commit_then_drop', 'method': 'POST', 'path': '/access/apps$'})
    result = runner.run(OIDC)
    secret = stored_apps(fake)[0]['saas_app']['client_secret']
    assert len(stored_apps(fake)) == 1
    assert any('client_secret' in w for w in runner.warnings)
    assert secret not in text(result, runner.warnings)


def test_p18_post_5xx_not_committed_is_sent_again_once(fake, runner):
    fake.faults({'kind': 'status', 'status': 502, 'method': 'POST', 'path': '/access/apps$'})
    result = runner.run({'type': 'self_hosted', 'name': 'p5', 'domain': 'p5.example.com'})
    assert result['changed'] is True and len(stored_apps(fake)) == 1
    assert methods(fake) == ['GET', 'POST', 'GET', 'POST']


def test_p19_5xx_and_resets_on_get_and_put_are_retried(fake, runner, clock):
    app = seed(fake, {'type': 'self_hosted', 'name': 'f', 'domain': 'f.example.com'})[0]
    fake.faults({'kind': 'status', 'status': 503, 'method': 'GET', 'count': 2},
                {'kind': 'reset', 'method': 'PUT'},
                {'kind': 'status', 'status': 500, 'method': 'PUT'})
    result = runner.run({'type': 'self_hosted', 'name': 'f', 'session_duration': '3h'})
    assert result['changed'] is True and result['application']['session_duration'] == '3h'
    assert [(e['method'], e['status']) for e in fake.log()['requests']] == [
        ('GET', 503), ('GET', 503), ('GET', 200), ('PUT', None), ('PUT', 500), ('PUT', 200)]
    assert len(clock.sleeps) == 4 and all(s > 0 for s in clock.sleeps)
    assert stored(fake, app['id'])['session_duration'] == '3h'


def test_p19_5xx_and_reset_on_delete_are_retried(fake, runner):
    seed(fake, {'type': 'self_hosted', 'name': 'f', 'domain': 'f.example.com'})
    fake.faults({'kind': 'status', 'status': 502, 'method': 'DELETE'}, {'kind': 'reset', 'method': 'DELETE'})
    result = runner.run({'type': 'self_hosted', 'name': 'f'}, state='absent')
    assert result['changed'] is True and stored_apps(fake) == []
    assert methods(fake) == ['GET', 'DELETE', 'DELETE', 'DELETE']


def test_p19_lost_put_and_delete_responses_are_retried_safely(fake, runner):
    app = seed(fake, {'type': 'self_hosted', 'name': 'f', 'domain': 'f.example.com', 'tags': ['keep']})[0]
    fake.faults({'kind': 'commit_then_drop', 'method': 'PUT'})
    result = runner.run({'type': 'self_hosted', 'name': 'f', 'session_duration': '3h'})
    assert result['application']['session_duration'] == '3h' and methods(fake) == ['GET', 'PUT', 'PUT']
    assert stored(fake, app['id'])['tags'] == ['keep'] and len(stored_apps(fake)) == 1
    fake.reset(state=False)
    fake.faults({'kind': 'commit_then_drop', 'method': 'DELETE'})
    result = runner.run({'type': 'self_hosted', 'name': 'f'}, state='absent')
    assert result['changed'] is True and stored_apps(fake) == []
    assert [(e['method'], e['status']) for e in fake.log()['requests']] == [('GET', 200), ('DELETE', None), ('DELETE', 404)]


def test_p19_read_timeout_on_get_is_retried(fake, make_client):
    seed(fake, {'type': 'self_hosted', 'name': 'slow', 'domain': 'slow.example.com'})
    runner = Runner(make_client(timeout=0.2), account_id=fake.account_id)
    fake.faults({'kind': 'delay', 'delay_ms': 400, 'method': 'GET'})
    result = runner.run({'type': 'self_hosted', 'name': 'slow'})
    assert result['changed'] is False
    assert len(stored_apps(fake)) == 1
    deadline = time.time() + 5  # let the abandoned slow request finish, so it is not logged in the next test
    while len(fake.log()['requests']) < 2 and time.time() < deadline:
        time.sleep(0.05)
    assert [e['method'] for e in fake.log()['requests']] == ['GET', 'GET']


def test_p20_409_on_put_rereads_before_writing_again(fake, runner):
    app = seed(fake, {'type': 'self_hosted', 'name': 'c', 'domain': 'c.example.com'})[0]
    fake.faults({'kind': 'status', 'status': 409, 'method': 'PUT', 'code': 11010})
    result = runner.run({'type': 'self_hosted', 'name': 'c', 'session_duration': '3h'})
    assert result['application']['session_duration'] == '3h'
    assert [(e['method'], e['status']) for e in fake.log()['requests']] == [
        ('GET', 200), ('PUT', 409), ('GET', 200), ('PUT', 200)]
    assert fake.log()['requests'][2]['path'].endswith(app['id'])


def test_p20_409_after_someone_else_made_the_change_sends_no_second_put(fake, runner):
    app = seed(fake, {'type': 'self_hosted', 'name': 'c', 'domain': 'c.example.com'})[0]
    client = runner.manager.client
    real_put = client.put

    def concurrent_put(path, json=None, params=None):
        # another actor writes the same change first, then our PUT meets a conflict
        current = fake.call('GET', '/accounts/{account_id}/access/apps/' + app['id'])['result']
        body = dict((k, v) for k, v in current.items()
                    if k not in ('id', 'aud', 'created_at', 'updated_at', 'policies', 'self_hosted_domains'))
        body['session_duration'] = '3h'
        fake.call('PUT', '/accounts/{account_id}/access/apps/' + app['id'], body, expect=200)
        fake.faults({'kind': 'status', 'status': 409, 'method': 'PUT'})
        return real_put(path, json=json, params=params)

    client.put = concurrent_put
    result = runner.run({'type': 'self_hosted', 'name': 'c', 'session_duration': '3h'})
    ours = [(e['method'], e['status']) for e in fake.log()['requests']]
    # ours: GET, (theirs: GET, PUT 200), PUT 409, GET - and no blind second PUT
    assert ours == [('GET', 200), ('GET', 200), ('PUT', 200), ('PUT', 409), ('GET', 200)]
    assert result['application']['session_duration'] == '3h'


# --------------------------------------------------------------------------------------------
# Validation before any API call (23-27)
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize('params, option, accepting', [
    ({'type': 'saas', 'name': 's', 'cors_headers': {'allow_all_origins': True}}, 'cors_headers',
     ['self_hosted', 'ssh', 'vnc', 'rdp']),
    ({'type': 'self_hosted', 'name': 's', 'domain': 's.example.com', 'footer_links': [{'name': 'a', 'url': 'https://a'}]},
     'footer_links', ['app_launcher']),
    ({'type': 'ssh', 'name': 's', 'domain': 's.example.com', 'target_criteria': TC_SSH}, 'target_criteria',
     ['infrastructure', 'rdp']),
    ({'type': 'bookmark', 'name': 's', 'session_duration': '1h'}, 'session_duration',
     ['self_hosted', 'ssh', 'vnc', 'rdp', 'app_launcher', 'warp', 'biso', 'proxy_endpoint', 'mcp', 'mcp_portal']),
    ({'type': 'infrastructure', 'name': 's', 'target_criteria': TC_SSH, 'tags': ['x']}, 'tags',
     ['self_hosted', 'ssh', 'vnc', 'rdp', 'saas', 'bookmark', 'mcp', 'mcp_portal']),
])
def test_p23_option_the_type_does_not_have_names_option_and_accepting_types(fake, runner, params, option, accepting):
    with pytest.raises(AccessError) as info:
        runner.run(params)
    message = info.value.msg
    assert option in message and params['type'] in message
    listed = message.split('types that accept it:', 1)[1].split(';')[0]
    assert sorted(t.strip() for t in listed.split(',')) == sorted(accepting)
    assert log(fake)['total'] == 0


def test_p23_zone_scope_names_the_zone_types(fake, zone_runner):
    with pytest.raises(AccessError) as info:
        zone_runner.run({'type': 'self_hosted', 'name': 'z', 'domain': 'z.example.com', 'tags': ['a']})
    assert 'tags' in info.value.msg and 'zone' in info.value.msg
    with pytest.raises(AccessError) as info:
        zone_runner.run({'type': 'mcp', 'name': 'z'})
    assert 'zone' in info.value.msg and 'self_hosted' in info.value.msg
    assert log(fake)['total'] == 0


@pytest.mark.parametrize('extra, words', [
    ({'cors_headers': {'allow_all_origins': True, 'allow_credentials': True}}, ['allow_all_origins', 'allow_credentials']),
    ({'cors_headers': {'allow_all_methods': True, 'allowed_methods': ['GET']}}, ['allow_all_methods', 'allowed_methods']),
    ({'cors_headers': {'allowed_origins': ['https://a']}, 'options_preflight_bypass': True},
     ['options_preflight_bypass', 'cors_headers']),
    ({'cors_headers': {'allowed_methods': ['FETCH']}}, ['cors_headers.allowed_methods[0]']),
    ({'cors_headers': {'max_age': 86401}}, ['cors_headers.max_age']),
])
def test_p24_conflicting_cors_settings_fail_before_any_request(fake, runner, extra, words):
    with pytest.raises(AccessError) as info:
        runner.run(dict({'type': 'self_hosted', 'name': 'c', 'domain': 'c.example.com'}, **extra))
    for word in words:
        assert word in info.value.msg
    assert log(fake)['total'] == 0


@pytest.mark.parametrize('idps', [[], [IDP_1, IDP_2]])
def test_p25_auto_redirect_needs_exactly_one_idp(fake, runner, idps):
    with pytest.raises(AccessError) as info:
        runner.run({'type': 'self_hosted', 'name': 'a', 'domain': 'a.example.com', 'auto_redirect_to_identity': True,
                    'allowed_idps': idps})
    assert 'auto_redirect_to_identity' in info.value.msg and 'exactly one' in info.value.msg
    assert log(fake)['total'] == 0


def test_p25_auto_redirect_checked_against_the_merged_app(fake, runner):
    seed(fake, {'type': 'self_hosted', 'name': 'a', 'domain': 'a.example.com', 'allowed_idps': [IDP_1]},
         {'type': 'self_hosted', 'name': 'b', 'domain': 'b.example.com', 'allowed_idps': [IDP_1, IDP_2]})
    assert runner.run({'type': 'self_hosted', 'name': 'a', 'auto_redirect_to_identity': True})['changed'] is True
    with pytest.raises(AccessError) as info:
        runner.run({'type': 'self_hosted', 'name': 'b', 'auto_redirect_to_identity': True})
    assert 'exactly one' in info.value.msg
    with pytest.raises(AccessError):
        runner.run({'type': 'self_hosted', 'name': 'new', 'domain': 'new.example.com', 'auto_redirect_to_identity': True})
    assert [w['method'] for w in writes(fake)] == ['PUT']


@pytest.mark.parametrize('extra, where', [
    ({'session_duration': '1 day'}, 'session_duration'),
    ({'session_duration': '24'}, 'session_duration'),
    ({'mfa_config': {'session_duration': 'an hour'}}, 'mfa_config.session_duration'),
    ({'oauth_configuration': {'grant': {'access_token_lifetime': '5 min'}}}, 'oauth_configuration.grant.access_token_lifetime'),
    ({'policies': [{'name': 'p', 'decision': 'allow', 'include': [{'everyone': {}}], 'session_duration': '1d'}]},
     'policies[0].session_duration'),
    ({'policies': [{'name': 'p', 'decision': 'permit', 'include': [{'everyone': {}}]}]}, 'policies[0].decision'),
    ({'policies': [{'name': 'p', 'decision': 'allow', 'include': [{'ip': {'ip': '10.0.0.300'}}]}]},
     'policies[0].include[0].ip.ip'),
    ({'policies': [{'name': 'p', 'decision': 'allow', 'include': [{'email': {'email': 'a'}, 'everyone': {}}]}]},
     'policies[0].include[0]'),
    ({'policies': [{'name': 'p', 'decision': 'allow', 'include': [{'everybody': {}}]}]}, 'policies[0].include[0]'),
    ({'policies': [{'name': 'p', 'decision': 'allow'}]}, 'policies[0].include'),
    ({'destinations': [{'type': 'private', 'cidr': '10.0.0.0/8', 'l4_protocol': 'icmp'}]}, 'destinations[0].l4_protocol'),
    ({'destinations': [{'type': 'worker'}]}, 'destinations[0].worker_id'),
    ({'destinations': [{'type': 'public', 'worker_id': 'w'}]}, 'destinations[0].worker_id'),
    ({'mfa_config': {'allowed_authenticators': ['piv_key']}}, 'mfa_config.allowed_authenticators[0]'),
    ({'policies': [{'id': REUSABLE_A['id']}, {'name': 'p', 'decision': 'allow', 'include': [{'everyone': {}}]}]},
     'mixed'),
])
def test_p26_bad_values_fail_before_any_request(fake, runner, extra, where):
    with pytest.raises(AccessError) as info:
        runner.run(dict({'type': 'self_hosted', 'name': 'v', 'domain': 'v.example.com'}, **extra))
    assert where in info.value.msg
    assert log(fake)['total'] == 0


@pytest.mark.parametrize('params, where', [
    ({'type': 'saas', 'name': 's', 'saas_app': {'auth_type': 'oidc'}}, 'saas_app.redirect_uris'),
    ({'type': 'saas', 'name': 's', 'saas_app': {'name_id_format': 'upn'}}, 'saas_app.name_id_format'),
    ({'type': 'saas', 'name': 's', 'saas_app': {'redirect_uris': ['https://x']}}, 'saas_app.redirect_uris'),
    ({'type': 'infrastructure', 'name': 'i', 'target_criteria': [dict(TC_SSH[0], protocol='RDP')]},
     'target_criteria[0].protocol'),
    ({'type': 'infrastructure', 'name': 'i', 'target_criteria': TC_SSH,
      'policies': [{'name': 'p', 'decision': 'allow', 'include': [{'everyone': {}}],
                    'mfa_config': {'allowed_authenticators': ['totp']}}]}, 'policies[0].mfa_config.allowed_authenticators[0]'),
    ({'type': 'proxy_endpoint', 'name': 'p', 'domain': 'proxy.example.com'}, 'domain'),
    ({'type': 'teleport', 'name': 'd'}, 'teleport'),
])
def test_p26_bad_nested_values_per_type_fail_before_any_request(fake, runner, params, where):
    with pytest.raises(AccessError) as info:
        runner.run(params)
    assert where in info.value.msg
    assert log(fake)['total'] == 0


@pytest.mark.parametrize('params, missing', [
    ({'type': 'self_hosted', 'name': 'm'}, 'domain'),
    ({'type': 'ssh', 'name': 'm'}, 'domain'),
    ({'type': 'vnc', 'name': 'm'}, 'domain'),
    ({'type': 'rdp', 'name': 'm', 'target_criteria': TC_RDP}, 'domain'),
    ({'type': 'rdp', 'name': 'm', 'domain': 'm.example.com'}, 'target_criteria'),
    ({'type': 'infrastructure', 'name': 'm'}, 'target_criteria'),
])
def test_p26_missing_required_field_for_a_new_app_never_writes(fake, runner, params, missing):
    with pytest.raises(AccessError) as info:
        runner.run(params)
    assert '%s: is required' % missing in info.value.msg
    assert writes(fake) == []
    assert set(methods(fake)) <= set(['GET'])  # only the lookup that tells "create" from "update"


def test_p26_required_fields_are_not_needed_to_update(fake, runner):
    seed(fake, {'type': 'rdp', 'name': 'r', 'domain': 'r.example.com', 'target_criteria': TC_RDP})
    result = runner.run({'type': 'rdp', 'name': 'r', 'session_duration': '1h'})
    body = writes(fake)[0]['body']
    assert result['changed'] is True and body['domain'] == 'r.example.com' and body['target_criteria'] == TC_RDP


@pytest.mark.parametrize('params', [
    {'type': 'saas', 'name': 'vis', 'app_launcher_visible': False},
    {'type': 'bookmark', 'name': 'vis', 'domain': 'https://vis.example.com', 'app_launcher_visible': False},
    {'type': 'mcp_portal', 'name': 'p', 'domain': 'p.example.com', 'allow_authenticate_via_warp': True},
    {'type': 'proxy_endpoint', 'name': 'p', 'domain': 'abcd123456.proxy.cloudflare-gateway.com',
     'custom_non_identity_deny_url': 'https://deny'},
    {'type': 'warp', 'allowed_idps': [IDP_1], 'auto_redirect_to_identity': True},
    {'type': 'mcp', 'name': 'm', 'scim_config': {'idp_uid': 'i', 'remote_uri': 'https://r'}},
])
def test_p27_no_false_positives_for_options_the_api_accepts(fake, runner, params):
    result = runner.run(params)
    assert result['changed'] is True
    assert [w['method'] for w in writes(fake)] == ['POST']


def test_p27_dash_sso_can_be_adopted_when_nothing_changes(fake, runner):
    app = seed(fake, {'type': 'dash_sso', 'name': 'Cloudflare Dashboard SSO', 'domain': 'dash.example.com'})[0]
    result = runner.run({'app_id': app['id']})
    assert result['changed'] is False and result['application']['id'] == app['id']
    assert writes(fake) == []


def test_p27_dash_sso_is_never_written(fake, runner):
    app = seed(fake, {'type': 'dash_sso', 'name': 'Cloudflare Dashboard SSO', 'domain': 'dash.example.com'})[0]
    with pytest.raises(AccessError) as info:
        runner.run({'app_id': app['id'], 'session_duration': '1h'})
    assert 'dash_sso' in info.value.msg
    with pytest.raises(AccessError) as info:
        runner.run({'type': 'dash_sso', 'name': 'another'})
    assert 'dash_sso' in info.value.msg and 'cannot be created' in info.value.msg
    assert writes(fake) == [] and len(stored_apps(fake)) == 1


def _openapi_path():
    if os.environ.get('ZEROTRUST_CLOUDFLARE_OPENAPI'):  # `make units` runs from a copy and says where it is
        return os.environ['ZEROTRUST_CLOUDFLARE_OPENAPI']
    here = os.path.dirname(os.path.abspath(__file__))
    while here != os.path.dirname(here) and not os.path.exists(os.path.join(here, 'galaxy.yml')):
        here = os.path.dirname(here)
    return os.path.join(os.path.dirname(here), 'shared', 'cloudflare-api', 'access-apps.openapi.json')


def test_p27_every_field_of_every_openapi_variant_is_accepted_for_its_type():
    path = _openapi_path()
    if not os.path.exists(path):
        pytest.skip('OpenAPI extract not available: %s' % path)
    with open(path) as stream:
        schemas = json.load(stream)['components']['schemas']

    def resolve(node):
        while '$ref' in node:
            node = schemas[node['$ref'].rsplit('/', 1)[-1]]
        merged = dict((k, v) for k, v in node.items() if k != 'allOf')
        props = {}
        for part in node.get('allOf', []):
            sub = resolve(part)
            props.update(sub.get('properties', {}))
            merged.update(dict((k, v) for k, v in sub.items() if k != 'properties'))
        props.update(node.get('properties', {}))
        merged['properties'] = props
        return merged

    refused = []
    for variant in schemas['access_app_request']['anyOf']:
        props = resolve(variant)['properties']
        app_type = resolve(props['type'])['example']
        for field, spec in props.items():
            if resolve(spec).get('readOnly') or field == 'type':
                continue
            errors = input_errors({field: None if field != 'policies' else []}, app_type, 'account')
            errors = [e for e in errors if 'not accepted' in e or 'set by Cloudflare' in e]
            if field not in _schema.fields_for(app_type) or errors:
                refused.append('%s.%s %s' % (app_type, field, errors))
    assert refused == []


# --------------------------------------------------------------------------------------------
# Check mode and diff (28-29)
# --------------------------------------------------------------------------------------------

def test_p28_check_mode_create_writes_nothing_and_predicts_the_object(fake, runner):
    params = {'type': 'self_hosted', 'name': 'cm', 'domain': 'cm.example.com', 'tags': ['b', 'a']}
    predicted = runner.run(params, check_mode=True)
    assert predicted['changed'] is True and predicted['action'] == 'create'
    assert writes(fake) == [] and stored_apps(fake) == []
    app = predicted['application']
    assert app['name'] == 'cm' and app['domain'] == 'cm.example.com' and 'id' not in app
    assert app['session_duration'] == '24h' and app['app_launcher_visible'] is True and app['enable_binding_cookie'] is False
    real = runner.run(params)['application']
    for key, value in app.items():
        if key == 'tags':
            assert sorted(real[key]) == sorted(value)
        elif key not in _schema.LINKED_DOMAIN_FIELDS:
            assert real[key] == value, key


def test_p28_check_mode_predicts_the_derived_destinations(fake, runner):
    params = {'type': 'self_hosted', 'name': 'cm', 'domain': 'cm.example.com'}
    predicted = runner.run(params, check_mode=True)['application']
    assert writes(fake) == []
    real = runner.run(params)['application']
    assert predicted['destinations'] == real['destinations'] == [{'type': 'public', 'uri': 'cm.example.com'}]


def test_p28_check_mode_update_and_absent_write_nothing(fake, runner):
    app = seed(fake, {'type': 'self_hosted', 'name': 'cm', 'domain': 'cm.example.com', 'tags': ['keep'],
                      'custom_deny_url': 'https://deny'})[0]
    update = runner.run({'type': 'self_hosted', 'name': 'cm', 'session_duration': '1h'}, check_mode=True)
    assert update['changed'] is True and update['action'] == 'update'
    assert update['application']['id'] == app['id'] and update['application']['session_duration'] == '1h'
    assert update['application']['tags'] == ['keep'] and update['application']['custom_deny_url'] == 'https://deny'
    absent = runner.run({'type': 'self_hosted', 'name': 'cm'}, state='absent', check_mode=True)
    assert absent['changed'] is True and absent['action'] == 'delete'
    unchanged = runner.run({'type': 'self_hosted', 'name': 'cm', 'tags': ['keep']}, check_mode=True)
    assert unchanged['changed'] is False
    assert writes(fake) == []
    assert stored(fake, app['id'])['session_duration'] == '24h'


def test_p29_diff_has_only_managed_fields_and_is_stable(fake, runner):
    seed(fake, {'type': 'self_hosted', 'name': 'df', 'domain': 'df.example.com', 'tags': ['a'],
                'custom_deny_url': 'https://deny', 'logo_url': 'https://logo'})
    params = {'type': 'self_hosted', 'name': 'df', 'session_duration': '2h', 'enable_binding_cookie': True}
    first = runner.run(params, check_mode=True)
    second = runner.run(params, check_mode=True)
    assert text(first['diff']) == text(second['diff'])
    assert set(first['diff']['before']) == set(first['diff']['after']) == set(params)
    assert first['diff']['before']['session_duration'] == '24h' and first['diff']['after']['session_duration'] == '2h'
    assert first['diff']['before']['enable_binding_cookie'] is False and first['diff']['after']['enable_binding_cookie'] is True


def test_p29_diff_of_nested_objects_shows_only_the_sub_fields_the_task_sets(fake, runner):
    seed(fake, {'type': 'self_hosted', 'name': 'df', 'domain': 'df.example.com',
                'cors_headers': {'allowed_methods': ['GET'], 'allowed_origins': ['https://a'], 'max_age': 100}})
    result = runner.run({'type': 'self_hosted', 'name': 'df', 'cors_headers': {'max_age': 200}})
    assert result['diff']['before']['cors_headers'] == {'max_age': 100}
    assert result['diff']['after']['cors_headers'] == {'max_age': 200}
    sent = writes(fake)[0]['body']['cors_headers']
    assert sent == {'allowed_methods': ['GET'], 'allowed_origins': ['https://a'], 'max_age': 200}


def test_p29_diff_of_policies_shows_links_by_id_and_precedence(fake, runner):
    seed(fake, policies=[REUSABLE_A, REUSABLE_B])
    seed(fake, {'type': 'self_hosted', 'name': 'df', 'domain': 'df.example.com', 'policies': [REUSABLE_A['id']]})
    result = runner.run({'type': 'self_hosted', 'name': 'df', 'policies': [REUSABLE_B['id']]}, check_mode=True)
    assert result['diff']['before']['policies'] == [{'id': REUSABLE_A['id'], 'precedence': 1}]
    assert result['diff']['after']['policies'] == [{'id': REUSABLE_B['id'], 'precedence': 1}]


def test_p29_diff_masks_secrets(fake, runner):
    result = runner.run(SCIM_APP, check_mode=True)
    assert SCIM_PASSWORD not in text(result) and writes(fake) == []
    assert result['diff']['after']['scim_config']['authentication']['scheme'] == 'httpbasic'


def test_p29_diff_of_set_like_list_is_order_stable(fake, runner):
    seed(fake, {'type': 'self_hosted', 'name': 'df', 'domain': 'df.example.com', 'tags': ['a', 'b']})
    result = runner.run({'type': 'self_hosted', 'name': 'df', 'tags': ['b', 'a'], 'session_duration': '2h'},
                        check_mode=True)
    assert result['diff']['before']['tags'] == result['diff']['after']['tags']


def test_p29_diff_shows_a_resent_secret_masked(fake, runner):
    runner.run(SCIM_APP)
    result = runner.run(dict(SCIM_APP, update_secrets='always'), check_mode=True)
    assert result['changed'] is True and len(writes(fake)) == 1
    assert result['diff']['before'] != result['diff']['after']
    assert SCIM_PASSWORD not in text(result)


# ----------------------------------------------------------------------- the no-op shortcut of a bulk run (unchanged)
# A declaration that the application already holds value for value is unchanged without the full plan; the shortcut
# never says so where the full plan would find a change.

NOOP_DECLARED = [
    {'name': 'wiki', 'type': 'self_hosted', 'domain': 'wiki.example.com', 'session_duration': '12h', 'tags': ['team']},
    {'name': 'git', 'type': 'self_hosted', 'destinations': [{'uri': 'git.example.com'}, {'uri': 'git2.example.com'}],
     'allowed_idps': [IDP_1], 'cors_headers': {'allowed_origins': ['https://a.example.com'], 'max_age': 600}},
    {'name': 'saml', 'type': 'saas',
     'saas_app': {'sp_entity_id': 'sp', 'consumer_service_url': 'https://sp.example.com/acs', 'name_id_format': 'email'}},
    {'name': 'bm', 'type': 'bookmark', 'domain': 'https://bm.example.com', 'app_launcher_visible': True},
    {'name': 'ssh', 'type': 'ssh', 'domain': 'ssh.example.com', 'options_preflight_bypass': False},
    {'name': 'infra', 'type': 'infrastructure', 'target_criteria': TC_SSH},
]

# one change each, which the full plan sees
NOOP_CHANGED = [
    ('wiki', {'session_duration': '24h'}),
    ('wiki', {'tags': ['team', 'other']}),
    ('git', {'destinations': [{'uri': 'git.example.com'}]}),
    ('saml', {'saas_app': {'sp_entity_id': 'sp2'}}),
    ('bm', {'app_launcher_visible': False}),
    ('ssh', {'options_preflight_bypass': True}),
]


@pytest.fixture
def noop_manager(fake):
    manager = ApplicationManager(CloudflareClient(base_url=fake.base_url, api_token=TOKEN), account_id=fake.account_id)
    created = Bulk(manager).run(copy.deepcopy(NOOP_DECLARED))
    assert [e['action'] for e in created] == ['created'] * len(NOOP_DECLARED), created
    return manager


def current_of(manager, params):
    return manager.find(params, index=AppIndex(manager.list()))


def test_bulk_shortcut_a_declaration_as_stored_is_unchanged_and_the_full_plan_agrees(noop_manager):
    for params in NOOP_DECLARED:
        current = current_of(noop_manager, params)
        plan, dummy = noop_manager.ensure(dict(params), index=AppIndex([current]))
        assert plan.action == 'none', params
        # every type whose declaration holds no name, policy or secret is recognised without the full plan
        assert noop_manager.unchanged(params, current, None) is True, params


@pytest.mark.parametrize('name, change', NOOP_CHANGED)
def test_bulk_shortcut_never_takes_a_change_for_unchanged(noop_manager, name, change):
    params = dict(next(p for p in NOOP_DECLARED if p['name'] == name), **change)
    current = current_of(noop_manager, params)
    assert noop_manager.unchanged(params, current, None) is False
    plan, dummy = noop_manager.ensure(dict(params), index=AppIndex([current]))
    assert plan.action == 'update'


@pytest.mark.parametrize('extra', [
    {'allowed_idps': ['Okta']},  # a name to resolve: the full plan (it resolves to the id the application holds)
    {'policies': []},  # policies are compared by their own rules
    {'self_hosted_domains': ['wiki.example.com']},  # deprecated: converted by the full plan
    {'update_secrets': 'always', 'scim_config': {'enabled': True}},  # nothing secret here, but the plan decides
])
def test_bulk_shortcut_leaves_to_the_full_plan_what_needs_it(noop_manager, extra):
    params = dict(NOOP_DECLARED[0], **extra)
    assert noop_manager.unchanged(params, current_of(noop_manager, params), None) is False


def test_bulk_rerun_writes_nothing_and_a_changed_declaration_is_written(fake, noop_manager):
    fake.reset(state=False)
    again = Bulk(noop_manager).run(copy.deepcopy(NOOP_DECLARED))
    assert [e['action'] for e in again] == ['unchanged'] * len(NOOP_DECLARED)
    assert all(e['id'] for e in again) and fake.log()['writes'] == 0
    changed = [dict(NOOP_DECLARED[0], session_duration='24h')] + copy.deepcopy(NOOP_DECLARED[1:])
    written = Bulk(noop_manager).run(changed)
    assert [e['action'] for e in written] == ['updated'] + ['unchanged'] * (len(NOOP_DECLARED) - 1)
    assert fake.log()['writes'] == 1
