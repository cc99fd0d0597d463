# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The engine (_engine.py) through a resource other than applications (Access groups), against the fake API.

What the applications' tests pin for them holds for every resource: one Plan, the 409 re-read and re-plan, a lost
POST response looked up instead of repeated, and in bulk one sweep, declarations resolving to the same object
refused, purge candidates above purge_max refused before any write."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import pytest

from ansible_collections.zerotrust.cloudflare.plugins.module_utils._client import CloudflareClient
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._engine import AccessError, Bulk, Manager, Plan
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._resource import GROUP
from ansible_collections.zerotrust.cloudflare.tests.fake_cloudflare.pytest_fixtures import fake_api_fixtures

TOKEN = 'cf-UNIT-token-engine-7e41c0'
WRITE_METHODS = ('POST', 'PUT', 'PATCH', 'DELETE')
EVERYONE = [{'everyone': {}}]
SEEDED = [{'name': 'Engineers', 'include': [{'email_domain': {'domain': 'example.com'}}]},
          {'name': 'Contractors', 'include': [{'email_domain': {'domain': 'example.org'}}]},
          {'name': 'Interns', 'include': EVERYONE}]

fake, clean = fake_api_fixtures(TOKEN, seed={'groups': SEEDED})


@pytest.fixture
def groups(fake):
    return Manager(CloudflareClient(base_url=fake.base_url, api_token=TOKEN), GROUP, account_id=fake.account_id)


def calls(fake):
    return [(e['method'], e['path'].split('/access/')[-1].split('/')[0], e['status']) for e in fake.log()['requests']]


def writes(fake):
    return [(method, path) for method, path, dummy in calls(fake) if method in WRITE_METHODS]


def stored_groups(fake):
    return dict((g['name'], g) for g in fake.state()['accounts'][fake.account_id]['groups'])


# ------------------------------------------------------------------------------------------- one task

def test_one_plan_object_for_every_action(fake, groups):
    current = groups.find({'name': 'Engineers'})
    same = groups.plan_present({'name': 'Engineers', 'include': [{'email_domain': {'domain': 'example.com'}}]}, current)
    assert isinstance(same, Plan) and same.action == 'none' and not same.changed and same.body is None
    update = groups.plan_present({'name': 'Engineers', 'exclude': EVERYONE}, current)
    assert update.action == 'update' and update.changed_fields == ['exclude']
    assert update.body['include'] == current['include'] and update.body['exclude'] == EVERYONE  # merged over current
    assert update.predicted['id'] == current['id'] and update.before == {'name': 'Engineers', 'exclude': []}
    create = groups.plan_present({'name': 'New', 'include': EVERYONE}, None)
    assert create.action == 'create' and create.predicted == create.body == {'name': 'New', 'include': EVERYONE}
    delete = groups.plan_absent(current)
    assert delete.action == 'delete' and delete.before == current and delete.after == {}
    assert groups.plan_absent(None).action == 'none'
    assert writes(fake) == []


def test_a_409_on_put_is_re_read_and_re_planned(fake, groups):
    fake.faults({'kind': 'status', 'status': 409, 'method': 'PUT', 'code': 11010})
    result = groups.run({'name': 'Engineers', 'exclude': EVERYONE})
    assert result['changed'] is True and result['group']['exclude'] == EVERYONE
    assert calls(fake)[-3:] == [
        ('PUT', 'groups', 409), ('GET', 'groups', 200), ('PUT', 'groups', 200)]
    assert stored_groups(fake)['Engineers']['exclude'] == EVERYONE


def test_a_lost_post_response_is_looked_up_not_repeated(fake, groups):
    fake.faults({'kind': 'commit_then_drop', 'method': 'POST', 'path': '/access/groups$'})
    result = groups.run({'name': 'Lost', 'include': EVERYONE})
    assert result['changed'] is True and result['group']['name'] == 'Lost'
    names = [g['name'] for g in fake.state()['accounts'][fake.account_id]['groups']]
    assert writes(fake) == [('POST', 'groups')] and names.count('Lost') == 1


def test_an_unknown_id_is_an_error_naming_the_scope(fake, groups):
    with pytest.raises(AccessError) as caught:
        groups.run({'group_id': '99999999-9999-4999-8999-999999999999', 'name': 'X', 'include': EVERYONE})
    assert 'no Access group with id 99999999-9999-4999-8999-999999999999 exists in this account' == caught.value.msg
    assert writes(fake) == []


# ------------------------------------------------------------------------------------------- bulk

def bulk(groups, **kwargs):
    return Bulk(groups, concurrency=kwargs.pop('concurrency', 1), **kwargs)


def test_bulk_matches_by_name_and_id_with_one_sweep_and_writes_only_changes(fake, groups):
    contractors = stored_groups(fake)['Contractors']['id']
    results = bulk(groups, concurrency=2).run([
        {'name': 'Engineers', 'include': [{'email_domain': {'domain': 'example.com'}}]},
        {'group_id': contractors, 'name': 'Contractors', 'exclude': EVERYONE},
        {'name': 'New', 'include': EVERYONE},
        {'name': 'Interns', 'state': 'absent'}])
    assert [(r['name'], r['kind'], r['action']) for r in results] == [
        ('Engineers', 'group', 'unchanged'), ('Contractors', 'group', 'updated'), ('New', 'group', 'created'),
        ('Interns', 'group', 'deleted')]
    assert [c for c in calls(fake) if c[0] == 'GET'] == [('GET', 'groups', 200)]  # the one sweep
    assert sorted(writes(fake)) == [('DELETE', 'groups'), ('POST', 'groups'), ('PUT', 'groups')]
    assert results[2]['id'] == stored_groups(fake)['New']['id']


def test_bulk_refuses_two_declarations_of_the_same_group(fake, groups):
    engineers = stored_groups(fake)['Engineers']['id']
    results = bulk(groups).run([{'name': 'Engineers', 'exclude': EVERYONE},
                                {'group_id': engineers, 'name': 'Engineers again', 'include': EVERYONE},
                                {'name': 'Interns', 'include': EVERYONE}])
    assert [r['action'] for r in results] == ['failed', 'failed', 'unchanged']
    assert 'Engineers again resolve to the same Access group' in results[0]['msg']
    assert 'this declaration and Engineers resolve' in results[1]['msg']
    assert writes(fake) == []


def test_bulk_purge_above_purge_max_changes_nothing(fake, groups):
    run = bulk(groups, purge=True, purge_unmanaged=True, purge_max=1)
    with pytest.raises(AccessError) as caught:
        run.run([{'name': 'Engineers', 'include': [{'email_domain': {'domain': 'example.com'}}]}])
    assert caught.value.msg.startswith('purge would delete 2 Access groups, more than purge_max=1; nothing was changed.')
    assert 'Contractors (' in caught.value.msg and 'Interns (' in caught.value.msg
    assert writes(fake) == []


def test_bulk_purge_later_deletes_the_undeclared_after_the_writes(fake, groups):
    run = bulk(groups, purge=True, purge_unmanaged=True, purge_max=2, purge_later=True)
    run.prepare([{'name': 'Engineers', 'exclude': EVERYONE}])
    assert sorted(o['name'] for o in run.candidates) == ['Contractors', 'Interns'] and writes(fake) == []
    assert [r['action'] for r in run.run()] == ['updated'] and writes(fake) == [('PUT', 'groups')]
    purged = run.purge_run()
    assert [(r['action'], r.get('purged')) for r in purged] == [('deleted', True), ('deleted', True)]
    assert sorted(stored_groups(fake)) == ['Engineers']


def test_bulk_check_mode_writes_nothing_and_the_created_join_the_resolver(fake, groups):
    results = bulk(groups, check_mode=True).run([{'name': 'New', 'include': EVERYONE}, {'name': 'Interns', 'exclude': EVERYONE}])
    assert [(r['action'], r['id'] is None) for r in results] == [('created', True), ('updated', False)]
    assert writes(fake) == []
    # a later stage (policies naming groups) resolves the group that check mode would create
    assert [g['name'] for g in groups.resolver.objects('group')].count('New') == 1


def test_bulk_progress_counts_the_writes(fake, groups):
    reported = []
    bulk(groups, concurrency=2, progress=lambda *state: reported.append(state)).run(
        [{'name': 'A', 'include': EVERYONE}, {'name': 'B', 'include': EVERYONE}, {'name': 'Interns', 'include': EVERYONE}])
    assert reported[0] == (0, 2, 0) and sorted(reported[1:]) == [(1, 2, 0), (2, 2, 0)]
