# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Feature 7: the control plane (/__fake__/): log, reset, seed, state, faults, config, rate limit headers."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import http.client
import re
import time

import pytest

APPS = '/accounts/{account_id}/access/apps'
POLICIES = '/accounts/{account_id}/access/policies'
SH = {'type': 'self_hosted', 'name': 'app', 'domain': 'app.example.com'}
EVERYONE = [{'everyone': {}}]
RATELIMIT = re.compile(r'^"default";r=(\d+);t=(\d+)$')
POLICY_HEADER = re.compile(r'^"default";q=(\d+);w=(\d+)$')


def test_log_counts_requests_and_writes(fake_cloudflare):
    fake = fake_cloudflare
    fake.request('GET', APPS, query={'name': 'x'})
    created = fake.call('POST', APPS, SH, expect=201)['result']
    fake.request('PUT', APPS + '/' + created['id'], SH)
    fake.request('DELETE', APPS + '/' + created['id'])
    fake.request('GET', APPS, auth=False)
    log = fake.log()
    assert log['counts'] == {'GET': 2, 'POST': 1, 'PUT': 1, 'DELETE': 1} and log['writes'] == 3 and log['total'] == 5
    first = log['requests'][0]
    assert first['method'] == 'GET' and first['path'] == '/client/v4' + APPS.format(account_id=fake.account_id)
    assert first['query'] == 'name=x' and first['status'] == 200 and first['fault'] is None
    assert log['requests'][1]['body'] == SH and log['requests'][-1]['status'] == 403
    later = fake.log(since=log['requests'][2]['seq'])
    assert [r['method'] for r in later['requests']] == ['DELETE', 'GET'] and later['writes'] == 1
    fake.state()
    fake.config()
    assert fake.log()['total'] == 5  # the control plane is not logged


def test_reset_selectively(fake_cloudflare):
    fake = fake_cloudflare
    fake.call('POST', APPS, SH, expect=201)
    fake.faults({'kind': 'status', 'status': 500, 'path': 'nothing-matches-this'})
    assert fake.reset(state=False, faults=False, config=False) == {'reset': ['log']}
    assert fake.log()['total'] == 0 and len(fake.state()['accounts'][fake.account_id]['apps']) == 1
    assert len(fake.control('GET', 'faults')['faults']) == 1
    assert fake.reset() == {'reset': ['state', 'log', 'faults', 'config']}
    assert fake.state()['accounts'][fake.account_id]['apps'] == [] and fake.control('GET', 'faults')['faults'] == []


def test_seed_bypasses_validation_and_fills_server_fields(fake_cloudflare):
    fake = fake_cloudflare
    seeded = fake.seed(
        policies=[{'id': '22222222-2222-4222-8222-222222222222', 'name': 'shared', 'decision': 'allow', 'include': EVERYONE}],
        apps=[
            {'type': 'self_hosted', 'name': 'dash', 'domain': 'dash.example.com', 'dashboard_only': 1, 'tags': ['b', 'a'],
             'policies': [{'id': '22222222-2222-4222-8222-222222222222', 'precedence': 3}]},
            {'type': 'warp', 'id': '33333333-3333-4333-8333-333333333333', 'aud': 'a' * 64,
             'policies': [{'name': 'inline', 'decision': 'allow', 'include': [{'ip': {'ip': '10.0.0.1'}}]}]},
        ])
    dash, warp = seeded['apps']
    assert dash['dashboard_only'] == 1 and dash['session_duration'] == '24h' and dash['tags'] == ['a', 'b']
    assert re.match(r'^[0-9a-f]{64}$', dash['aud']) and dash['created_at'] and dash['id']
    assert dash['policies'][0]['name'] == 'shared' and dash['policies'][0]['precedence'] == 3
    assert warp['id'] == '33333333-3333-4333-8333-333333333333' and warp['aud'] == 'a' * 64
    assert warp['name'] == 'Warp Login App' and warp['domain'].endswith('/warp')
    assert warp['policies'][0]['include'] == [{'ip': {'ip': '10.0.0.1/32'}}] and warp['policies'][0]['precedence'] == 1
    assert seeded['policies'][0]['app_count'] == 1
    assert fake.call('GET', APPS + '/33333333-3333-4333-8333-333333333333', expect=200)['result']['type'] == 'warp'
    assert fake.log()['writes'] == 0
    with pytest.raises(RuntimeError):
        fake.seed(apps=[{'type': 'self_hosted', 'domain': 'y.example.com'},
                        {'type': 'self_hosted', 'domain': 'x.example.com', 'policies': ['no-such-policy']}])
    assert len(fake.state()['accounts'][fake.account_id]['apps']) == 2  # all or nothing
    zone = fake.seed(zone_id=fake.zone_id, apps=[{'type': 'self_hosted', 'domain': 'z.example.com'}])['apps']
    assert zone[0]['domain'] == 'z.example.com' and 'policies' not in zone[0]


def test_state_holds_secrets(fake_cloudflare):
    fake = fake_cloudflare
    fake.call('POST', APPS, {'type': 'saas', 'name': 'o', 'saas_app': {'auth_type': 'oidc', 'redirect_uris': ['https://x']}},
              expect=201)
    state = fake.state()
    assert set(state) == set(('accounts', 'zones'))
    account = state['accounts'][fake.account_id]
    assert set(account) == set(('apps', 'app_policies', 'links', 'policies', 'groups', 'tags', 'idps', 'service_tokens'))
    assert account['apps'][0]['saas_app']['client_secret']
    assert set(state['zones'][fake.zone_id]) == set(('apps', 'app_policies', 'links', 'groups'))


def test_fault_status_with_retry_after(fake_cloudflare):
    fake = fake_cloudflare
    queue = fake.faults({'kind': 'status', 'status': 429, 'retry_after': 120, 'method': 'GET', 'path': '/access/apps$', 'count': 2})
    assert queue[0]['count'] == 2
    for dummy in range(2):
        resp = fake.request('GET', APPS)
        assert resp.status == 429 and resp.headers['retry-after'] == '120'
        assert resp.json()['success'] is False and resp.json()['errors'][0]['code'] >= 1000
    assert fake.request('GET', APPS).status == 200
    assert [r['fault'] for r in fake.log()['requests']] == ['status', 'status', None]


@pytest.mark.parametrize('status', [500, 502, 503])
def test_fault_server_errors(fake_cloudflare, status):
    fake = fake_cloudflare
    fake.faults({'kind': 'status', 'status': status, 'method': 'POST'})
    assert fake.request('GET', APPS).status == 200
    resp = fake.request('POST', APPS, SH)
    assert resp.status == status and 'retry-after' not in resp.headers
    assert fake.state()['accounts'][fake.account_id]['apps'] == []
    assert fake.request('POST', APPS, SH).status == 201


def test_fault_reset_drops_before_processing(fake_cloudflare):
    fake = fake_cloudflare
    fake.faults({'kind': 'reset', 'method': 'POST', 'path': '/access/apps$'})
    with pytest.raises((http.client.HTTPException, ConnectionError)):
        fake.request('POST', APPS, SH)
    assert fake.state()['accounts'][fake.account_id]['apps'] == []
    assert fake.log()['requests'][-1]['status'] is None and fake.log()['requests'][-1]['fault'] == 'reset'


def test_fault_commit_then_drop(fake_cloudflare):
    fake = fake_cloudflare
    fake.faults({'kind': 'commit_then_drop', 'method': 'POST'})
    with pytest.raises((http.client.HTTPException, ConnectionError)):
        fake.request('POST', APPS, SH)
    apps = fake.call('GET', APPS, query={'name': 'app', 'exact': 'true'}, expect=200)['result']
    assert len(apps) == 1
    assert fake.request('POST', APPS, SH).status == 409  # the retry without a lookup collides


def test_fault_delay_and_latency(fake_cloudflare):
    fake = fake_cloudflare
    fake.faults({'kind': 'delay', 'delay_ms': 300, 'method': 'GET'})
    started = time.time()
    assert fake.request('GET', APPS).status == 200
    assert time.time() - started >= 0.3
    started = time.time()
    fake.request('GET', APPS)
    assert time.time() - started < 0.3
    assert fake.config(latency_ms=200)['latency_ms'] == 200
    started = time.time()
    fake.request('GET', APPS)
    assert time.time() - started >= 0.2


def test_fault_malformed(fake_cloudflare):
    fake = fake_cloudflare
    fake.faults({'kind': 'malformed', 'path': 'apps'})
    resp = fake.request('GET', APPS)
    assert resp.status == 200
    with pytest.raises(ValueError):
        resp.json()


def test_fault_rules_are_validated_and_unlimited_count(fake_cloudflare):
    fake = fake_cloudflare
    with pytest.raises(RuntimeError):
        fake.faults({'kind': 'explode'})
    with pytest.raises(RuntimeError):
        fake.faults({'kind': 'status', 'path': '('})
    fake.faults({'kind': 'status', 'status': 503, 'count': None})
    assert [fake.request('GET', APPS).status for dummy in range(3)] == [503, 503, 503]
    fake.clear_faults()
    assert fake.request('GET', APPS).status == 200


def test_rate_limit_headers_and_429(fake_cloudflare):
    fake = fake_cloudflare
    resp = fake.request('GET', APPS)
    assert RATELIMIT.match(resp.headers['ratelimit']) and POLICY_HEADER.match(resp.headers['ratelimit-policy'])
    assert POLICY_HEADER.match(resp.headers['ratelimit-policy']).groups() == ('1200', '300')
    fake.config(rate_limit={'limit': 3, 'window': 60})
    remaining = [int(RATELIMIT.match(fake.request('GET', APPS).headers['ratelimit']).group(1)) for dummy in range(3)]
    assert remaining == [2, 1, 0]
    limited = fake.request('GET', APPS)
    assert limited.status == 429 and 1 <= int(limited.headers['retry-after']) <= 60
    assert limited.headers['ratelimit-policy'] == '"default";q=3;w=60'
    assert limited.json()['errors'][0]['code'] >= 1000
    fake.config(rate_limit=None)
    assert fake.request('GET', APPS).status == 200


def test_rate_limit_window_expires(fake_cloudflare):
    fake = fake_cloudflare
    fake.config(rate_limit={'limit': 1, 'window': 1})
    assert fake.request('GET', APPS).status == 200
    assert fake.request('GET', APPS).status == 429
    time.sleep(1.05)
    assert fake.request('GET', APPS).status == 200


def test_team_domain(fake_cloudflare):
    fake = fake_cloudflare
    biso = fake.call('POST', APPS, {'type': 'biso'}, expect=201)['result']
    assert biso['domain'] == 'fake-team.cloudflareaccess.com/browser'
    assert fake.config(team_domain='acme')['team_domain'] == 'acme.cloudflareaccess.com'
    assert fake.call('GET', APPS + '/' + biso['id'], expect=200)['result']['domain'] == 'acme.cloudflareaccess.com/browser'
    assert fake.call('POST', APPS, {'type': 'app_launcher'}, expect=201)['result']['domain'] == 'acme.cloudflareaccess.com'
    with pytest.raises(RuntimeError):
        fake.config(colour='red')


def test_health_and_unknown_control_endpoint(fake_cloudflare):
    fake = fake_cloudflare
    assert fake.control('GET', 'health')['ok'] is True
    assert fake.raw('GET', '/__fake__/nope').status == 404
    assert fake.raw('POST', '/__fake__/seed', b'{bad').status == 400
