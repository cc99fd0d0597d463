# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The resources of _resource.py (tags, Access groups) on the engine, against the fake API."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import pytest

from ansible_collections.zerotrust.cloudflare.plugins.module_utils._client import CloudflareClient
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._engine import AccessError, Manager
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._resource import GROUP, TagManager, group_errors, tag_users
from ansible_collections.zerotrust.cloudflare.tests.fake_cloudflare.pytest_fixtures import fake_api_fixtures

TOKEN = 'cf-UNIT-token-resource-2a7d'
WRITE_METHODS = ('POST', 'PUT', 'PATCH', 'DELETE')


fake, clean = fake_api_fixtures(TOKEN)


@pytest.fixture
def tags(fake):
    return TagManager(CloudflareClient(base_url=fake.base_url, api_token=TOKEN), fake.account_id)


def writes(fake):
    return [(e['method'], e['path'].split('/access/')[-1]) for e in fake.log()['requests'] if e['method'] in WRITE_METHODS]


def stored_tags(fake):
    return [t['name'] for t in fake.state()['accounts'][fake.account_id]['tags']]


def test_a_tag_is_created_once_and_a_rerun_is_a_no_op(fake, tags):
    check = tags.run({'name': 'team a'}, check_mode=True)
    assert check['changed'] is True and check['tag'] == {'name': 'team a'} and writes(fake) == []
    created = tags.run({'name': 'team a'})
    assert created['changed'] is True and created['tag']['name'] == 'team a'
    assert writes(fake) == [('POST', 'tags')] and stored_tags(fake) == ['team a']
    again = tags.run({'name': 'team a'})
    assert again['changed'] is False and writes(fake) == [('POST', 'tags')]
    # one request to find it: by name, in its path (a space encoded)
    assert [e['path'].split('/access/')[-1] for e in fake.log()['requests']][-1] == 'tags/team%20a'


def test_absent_tag_is_no_change(fake, tags):
    assert tags.run({'name': 'nothing'}, state='absent') == {'changed': False, 'diff': {'before': {}, 'after': {}}, 'tag': {}}
    assert writes(fake) == []


def test_a_tag_in_use_is_found_with_its_applications(fake, tags):
    fake.seed(apps=[{'type': 'self_hosted', 'name': 'wiki', 'domain': 'wiki.example.com', 'tags': ['docs']},
                    {'type': 'bookmark', 'name': 'handbook', 'domain': 'handbook.example.com', 'tags': ['docs', 'hr']}])
    dummy, users = tag_users(tags.client, fake.account_id, 'docs')
    assert sorted(a['name'] for a in users) == ['handbook', 'wiki']

    with pytest.raises(AccessError) as caught:  # force is not set: the tag stays on its applications
        tags.run({'name': 'docs'}, state='absent')
    assert 'still used by 2 application(s)' in caught.value.msg
    assert writes(fake) == [] and 'docs' in stored_tags(fake)


# ------------------------------------------------------------------------------------------- groups

@pytest.fixture
def groups(fake):
    return Manager(CloudflareClient(base_url=fake.base_url, api_token=TOKEN), GROUP, account_id=fake.account_id)


ENGINEERS = {'name': 'Engineers', 'include': [{'email_domain': {'domain': 'example.com'}}, {'ip': {'ip': '10.0.0.1'}}],
             'require': [{'login_method': {'id': 'Okta'}}]}


def test_a_group_is_compared_on_ids_as_sets_with_normalised_ips(fake, groups):
    okta = fake.seed(identity_providers=[{'name': 'Okta', 'type': 'okta'}])['identity_providers'][0]['id']
    created = groups.run(dict(ENGINEERS))
    assert created['changed'] is True and created['group']['require'] == [{'login_method': {'id': okta}}]
    # the rules in another order, the IP as the API stores it, is_default (write-only) set: no change
    again = groups.run(dict(ENGINEERS, include=list(reversed(ENGINEERS['include'])), is_default=True))
    assert again['changed'] is False
    assert [m for m, dummy in writes(fake)] == ['POST']


def test_a_group_update_merges_over_the_group_and_keeps_the_other_rules(fake, groups):
    fake.seed(identity_providers=[{'name': 'Okta', 'type': 'okta'}])
    groups.run(dict(ENGINEERS))
    updated = groups.run({'name': 'Engineers', 'exclude': [{'email': {'email': 'intern@example.com'}}]})
    assert updated['changed'] is True and updated['diff']['before'] == {'name': 'Engineers', 'exclude': []}
    put = [e for e in fake.log()['requests'] if e['method'] == 'PUT'][0]['body']
    assert put['include'] and put['require'] and put['exclude'] == [{'email': {'email': 'intern@example.com'}}]


def test_same_named_groups_are_not_picked_at_random(fake, groups):
    fake.seed(groups=[{'name': 'Twins', 'include': [{'everyone': {}}]}, {'name': 'Twins', 'include': [{'everyone': {}}]}])
    with pytest.raises(AccessError) as caught:
        groups.run({'name': 'Twins', 'include': [{'everyone': {}}]})
    assert len(caught.value.details['matching_ids']) == 2 and writes(fake) == []


def test_zone_groups_live_at_the_zone(fake):
    zone = Manager(CloudflareClient(base_url=fake.base_url, api_token=TOKEN), GROUP, zone_id=fake.zone_id)
    assert zone.run({'name': 'Zone people', 'include': [{'everyone': {}}]})['changed'] is True
    assert writes(fake) == [('POST', 'groups')] and '/zones/' in fake.log()['requests'][-1]['path']
    assert group_errors({'is_default': True}, zone=True) and not group_errors({'is_default': True}, zone=False)
    with pytest.raises(AccessError) as caught:  # the rules are checked before any request
        zone.run({'name': 'Bad', 'include': [{'ip': {'ip': 'not an ip'}}]})
    assert 'include[0].ip.ip' in caught.value.msg and writes(fake) == [('POST', 'groups')]


# ------------------------------------------------------------------------------------------- export

def test_export_writes_unique_names_and_feeding_it_back_changes_nothing(fake, groups):
    seeded = fake.seed(groups=[{'name': 'Engineers', 'include': [{'email_domain': {'domain': 'example.com'}}]},
                               {'name': 'Twins', 'include': [{'everyone': {}}]}, {'name': 'Twins', 'include': [{'everyone': {}}]}],
                       service_tokens=[{'name': 'ci-runner'}])
    ids = dict((g['name'], g['id']) for g in seeded['groups'])
    token = seeded['service_tokens'][0]['id']
    twin = seeded['groups'][1]['id']
    groups.run({'name': 'Deployers', 'include': [{'group': {'id': ids['Engineers']}}, {'group': {'id': twin}},
                                                 {'service_token': {'token_id': token}}]})
    exported = [g for g in groups.info(export=True) if g['name'] == 'Deployers'][0]
    assert sorted(exported) == ['include', 'name']  # no id, timestamps or empty lists
    assert {'group': {'name': 'Engineers'}} in exported['include']
    assert {'group': {'id': twin}} in exported['include']  # a name shared by two groups keeps the id
    assert {'service_token': {'name': 'ci-runner'}} in exported['include']
    before = len(writes(fake))
    fresh = Manager(groups.client, GROUP, account_id=fake.account_id)
    assert fresh.run(exported)['changed'] is False and len(writes(fake)) == before
