# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Feature 3: stored state, list filters, pagination and ordering."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import re
import time
import uuid

APPS = '/accounts/{account_id}/access/apps'
ZONE_APPS = '/zones/{zone_id}/access/apps'
RFC3339 = re.compile(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$')


def _names(fake, query=None, path=APPS):
    return [a['name'] for a in fake.call('GET', path, query=query, expect=200)['result']]


def _seed_three(fake):
    return fake.seed(apps=[
        {'type': 'self_hosted', 'name': 'Wiki', 'domain': 'wiki.example.com'},
        {'type': 'self_hosted', 'name': 'wiki admin', 'domain': 'admin.example.com/wiki'},
        {'type': 'infrastructure', 'name': 'servers', 'target_criteria': [
            {'port': 22, 'protocol': 'SSH', 'target_attributes': {'hostname': ['db1', 'db2']}}]},
    ])['apps']


def test_identity_fields(fake_cloudflare):
    fake = fake_cloudflare
    app = fake.call('POST', APPS, {'type': 'self_hosted', 'domain': 'a.example.com'}, expect=201)['result']
    assert str(uuid.UUID(app['id'])) == app['id']
    assert re.match(r'^[0-9a-f]{64}$', app['aud'])
    assert RFC3339.match(app['created_at']) and app['created_at'] == app['updated_at']
    time.sleep(0.01)
    updated = fake.call('PUT', APPS + '/' + app['id'], {'type': 'self_hosted', 'domain': 'a.example.com'}, expect=200)['result']
    assert updated['created_at'] == app['created_at'] and updated['updated_at'] > app['updated_at']
    assert updated['aud'] == app['aud']


def test_scopes_are_separate(fake_cloudflare):
    fake = fake_cloudflare
    fake.call('POST', APPS, {'type': 'self_hosted', 'name': 'acct', 'domain': 'a.example.com'}, expect=201)
    fake.call('POST', ZONE_APPS, {'type': 'self_hosted', 'name': 'zone', 'domain': 'a.example.com'}, expect=201)
    assert _names(fake) == ['acct']
    assert _names(fake, path=ZONE_APPS) == ['zone']
    state = fake.state()
    assert len(state['accounts'][fake.account_id]['apps']) == 1 and len(state['zones'][fake.zone_id]['apps']) == 1


def test_list_filters(fake_cloudflare):
    fake = fake_cloudflare
    apps = _seed_three(fake)
    assert _names(fake, {'name': 'wiki'}) == ['Wiki', 'wiki admin']
    assert _names(fake, {'name': 'Wiki', 'exact': 'true'}) == ['Wiki']
    assert _names(fake, {'name': 'wiki', 'exact': 'true'}) == []
    assert _names(fake, {'domain': 'EXAMPLE.com'}) == ['Wiki', 'wiki admin']
    assert _names(fake, {'domain': 'wiki.example.com', 'exact': 'true'}) == ['Wiki']
    assert _names(fake, {'aud': apps[1]['aud']}) == ['wiki admin']
    assert _names(fake, {'search': 'ADMIN'}) == ['wiki admin']
    assert _names(fake, {'search': apps[2]['aud'][:20]}) == ['servers']
    assert _names(fake, {'target_attributes': 'hostname=db2'}) == ['servers']
    assert _names(fake, {'target_attributes': 'hostname=db3'}) == []
    assert _names(fake, {'name': 'wiki', 'domain': 'admin'}) == ['wiki admin']
    assert fake.request('GET', APPS, query={'exact': 'maybe'}).status == 400


def test_pagination_and_stable_order(fake_cloudflare):
    fake = fake_cloudflare
    fake.seed(generate={'count': 25, 'app': {'type': 'bookmark', 'name': 'bm-{i}', 'domain': 'https://{i}.example.com'}})
    first = fake.call('GET', APPS, query={'per_page': 10}, expect=200)
    assert first['result_info'] == {'count': 10, 'page': 1, 'per_page': 10, 'total_count': 25, 'total_pages': 3}
    last = fake.call('GET', APPS, query={'per_page': 10, 'page': 3}, expect=200)
    assert [a['name'] for a in last['result']] == ['bm-%d' % i for i in range(21, 26)]
    beyond = fake.call('GET', APPS, query={'per_page': 10, 'page': 4}, expect=200)
    assert beyond['result'] == [] and beyond['result_info']['count'] == 0
    everything = fake.call('GET', APPS, expect=200)
    assert everything['result_info']['per_page'] == 1000
    assert [a['name'] for a in everything['result']] == ['bm-%d' % i for i in range(1, 26)]
    assert fake.request('GET', APPS, query={'per_page': 1001}).status == 400
    assert fake.request('GET', APPS, query={'page': 0}).status == 400
    assert fake.call('GET', APPS, query={'per_page': 1000}, expect=200)['result_info']['total_pages'] == 1


def test_policy_list_defaults(fake_cloudflare):
    fake = fake_cloudflare
    app = fake.call('POST', APPS, {'type': 'self_hosted', 'domain': 'a.example.com'}, expect=201)['result']
    assert fake.call('GET', APPS + '/' + app['id'] + '/policies', expect=200)['result_info']['per_page'] == 200
    assert fake.call('GET', '/accounts/{account_id}/access/policies', expect=200)['result_info']['per_page'] == 100


def test_zone_list_ignores_filters(fake_cloudflare):
    fake = fake_cloudflare
    fake.seed(zone_id=fake.zone_id, apps=[{'type': 'self_hosted', 'name': 'one', 'domain': 'one.example.com'},
                                          {'type': 'self_hosted', 'name': 'two', 'domain': 'two.example.com'}])
    assert _names(fake, {'name': 'one', 'exact': 'true'}, path=ZONE_APPS) == ['one', 'two']
    assert _names(fake, {'per_page': 1, 'page': 2}, path=ZONE_APPS) == ['two']
