# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Names instead of ids in access_application and in a bulk run of applications, against the fake API.

Policies, identity providers, Access groups and service tokens named in a task are resolved with one
list request per kind (per run in bulk); comparison is on ids; tags that do not exist are created
first (check mode only reports them); an unknown name fails before any write."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import copy

import pytest

from ansible_collections.zerotrust.cloudflare.plugins.module_utils._access_application import ApplicationManager
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._client import CloudflareClient
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._engine import AccessError, Bulk
from ansible_collections.zerotrust.cloudflare.tests.fake_cloudflare.pytest_fixtures import fake_api_fixtures

TOKEN = 'cf-UNIT-token-names-5b1c9e'
WRITE_METHODS = ('POST', 'PUT', 'PATCH', 'DELETE')
OKTA, GITHUB = '22222222-2222-4222-8222-000000000001', '22222222-2222-4222-8222-000000000002'
CI = '33333333-3333-4333-8333-000000000001'
RELATED = {
    'identity_providers': [{'id': OKTA, 'name': 'Okta', 'type': 'okta'}, {'id': GITHUB, 'name': 'GitHub', 'type': 'github'}],
    'service_tokens': [{'id': CI, 'name': 'ci-runner'}],
    'tags': ['existing'],
}
ALLOW = {'name': 'Allow engineers', 'decision': 'allow', 'include': [{'email_domain': {'domain': 'example.com'}}]}
DENY = {'name': 'Deny contractors', 'decision': 'deny', 'include': [{'email_domain': {'domain': 'example.org'}}]}


def seed(server):
    seeded = server.seed(policies=[copy.deepcopy(ALLOW), copy.deepcopy(DENY)], **copy.deepcopy(RELATED))
    server.ids = dict((p['name'], p['id']) for p in seeded['policies'])
    group = {'name': 'Engineers', 'include': [{'email_domain': {'domain': 'example.com'}}]}
    server.ids['Engineers'] = server.seed(groups=[group])['groups'][0]['id']


fake, clean = fake_api_fixtures(TOKEN, seed=seed)


@pytest.fixture
def client(fake):
    return CloudflareClient(base_url=fake.base_url, api_token=TOKEN)


def manager(fake, client):
    return ApplicationManager(client, account_id=fake.account_id)


def requests(fake):
    return [(entry['method'], entry['path'].split('/access/')[-1]) for entry in fake.log()['requests']]


def writes(fake):
    return [entry for entry in fake.log()['requests'] if entry['method'] in WRITE_METHODS]


def lists(fake):
    """The list requests of the related kinds (not of applications)."""
    return sorted(path for method, path in requests(fake) if method == 'GET' and '/' not in path and path != 'apps')


APP = {'type': 'self_hosted', 'name': 'wiki', 'domain': 'wiki.example.com',
       'policies': [{'name': 'Allow engineers'}, {'name': 'Deny contractors'}],
       'allowed_idps': ['Okta', 'GitHub'], 'tags': ['existing', 'new-tag']}


def test_names_are_resolved_tags_created_and_a_rerun_is_a_no_op(fake, client):
    result = manager(fake, client).run(copy.deepcopy(APP))
    assert result['changed'] is True and result['created_tags'] == ['new-tag']
    posts = [(e['path'].split('/access/')[-1], e['body']) for e in writes(fake)]
    assert posts[0] == ('tags', {'name': 'new-tag'})  # the tag first, then the application
    body = posts[1][1]
    assert body['policies'] == [{'id': fake.ids['Allow engineers'], 'precedence': 1},
                                {'id': fake.ids['Deny contractors'], 'precedence': 2}]
    assert sorted(body['allowed_idps']) == sorted([OKTA, GITHUB])
    assert lists(fake) == ['identity_providers', 'policies', 'tags']

    fake.reset(state=False, faults=False, config=False)
    again = manager(fake, client).run(copy.deepcopy(APP))
    assert again['changed'] is False and 'created_tags' not in again and writes(fake) == []
    # names cost one list per kind; the tags the application carries are not listed again
    assert lists(fake) == ['identity_providers', 'policies']


def test_a_renamed_policy_linked_by_id_is_no_change(fake, client):
    by_id = dict(APP, policies=[{'id': fake.ids['Allow engineers']}], tags=['existing'])
    assert manager(fake, client).run(copy.deepcopy(by_id))['changed'] is True
    client.put('/accounts/%s/access/policies/%s' % (fake.account_id, fake.ids['Allow engineers']),
               json=dict(ALLOW, name='Allow all engineers'))
    fake.reset(state=False, faults=False, config=False)
    assert manager(fake, client).run(copy.deepcopy(by_id))['changed'] is False
    assert writes(fake) == []


def test_check_mode_reports_missing_tags_and_writes_nothing(fake, client):
    result = manager(fake, client).run(copy.deepcopy(APP), check_mode=True)
    assert result['changed'] is True and result['created_tags'] == ['new-tag']
    assert writes(fake) == []
    assert [t['name'] for t in fake.state()['accounts'][fake.account_id]['tags']] == ['existing']


@pytest.mark.parametrize('change, path', [
    ({'policies': [{'name': 'Allow enginers'}]}, 'policies[0].name'),
    ({'allowed_idps': ['Okta', 'Gitlab']}, 'allowed_idps[1]'),
    ({'policies': [{'name': 'inline', 'decision': 'allow', 'include': [{'group': {'name': 'Engineer'}}]}]},
     'policies[0].include[0].group.name'),
    ({'policies': [{'name': 'inline', 'decision': 'allow', 'include': [{'service_token': {'name': 'ci-runer'}}]}]},
     'policies[0].include[0].service_token.name'),
])
def test_an_unknown_name_fails_before_any_write_naming_the_option_and_candidates(fake, client, change, path):
    with pytest.raises(AccessError) as caught:
        manager(fake, client).run(dict(copy.deepcopy(APP), **change))
    assert path in caught.value.msg and 'closest' in caught.value.msg
    assert writes(fake) == []


def test_group_and_service_token_by_name_in_inline_rules(fake, client):
    app = dict(APP, tags=['existing'], policies=[{'name': 'inline', 'decision': 'allow', 'include': [
        {'group': {'name': 'Engineers'}}, {'service_token': {'name': 'ci-runner'}}, {'login_method': {'id': 'Okta'}}]}])
    assert manager(fake, client).run(copy.deepcopy(app))['changed'] is True
    sent = writes(fake)[0]['body']['policies'][0]['include']
    assert sent == [{'group': {'id': fake.ids['Engineers']}}, {'service_token': {'token_id': CI}}, {'login_method': {'id': OKTA}}]
    fake.reset(state=False, faults=False, config=False)
    assert manager(fake, client).run(copy.deepcopy(app))['changed'] is False and writes(fake) == []


def test_bulk_lists_each_kind_once_and_creates_each_missing_tag_once(fake, client):
    items = [dict(APP, name='app%02d' % i, domain='app%02d.example.com' % i, tags=['shared-new', 'own-%d' % (i % 2)])
             for i in range(12)]
    bulk = Bulk(manager(fake, client), concurrency=2)
    results = bulk.run(copy.deepcopy(items))
    assert [r['action'] for r in results] == ['created'] * 12
    assert bulk.created_tags == ['shared-new', 'own-0', 'own-1']
    tag_posts = [e['body']['name'] for e in writes(fake) if e['path'].endswith('/access/tags')]
    assert tag_posts == ['shared-new', 'own-0', 'own-1']
    assert lists(fake) == ['identity_providers', 'policies', 'tags']

    fake.reset(state=False, faults=False, config=False)
    again = Bulk(manager(fake, client), concurrency=2)
    assert [r['action'] for r in again.run(copy.deepcopy(items))] == ['unchanged'] * 12
    assert writes(fake) == [] and again.created_tags == []
    assert lists(fake) == ['identity_providers', 'policies']


def test_bulk_check_mode_creates_no_tag(fake, client):
    bulk = Bulk(manager(fake, client), check_mode=True)
    results = bulk.run([copy.deepcopy(APP)])
    assert results[0]['action'] == 'created' and bulk.created_tags == ['new-tag'] and writes(fake) == []
