# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""access_application_bulk with groups and reusable policies (the role's whole setup) against the fake API."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import contextlib
import io
import json

import pytest

from ansible_collections.zerotrust.cloudflare.plugins.modules import access_application_bulk
from ansible_collections.zerotrust.cloudflare.tests.fake_cloudflare.pytest_fixtures import fake_api_fixtures
from ansible_collections.zerotrust.cloudflare.tests.unit.compat.module_args import patch_module_args

TOKEN = 'cf-UNIT-token-setup-7c41'
OKTA = '22222222-2222-4222-8222-000000000001'
WRITE_METHODS = ('POST', 'PUT', 'PATCH', 'DELETE')
GROUPS = [{'name': 'Engineers', 'include': [{'email_domain': {'domain': 'example.com'}}]},
          {'name': 'Okta users', 'include': [{'login_method': {'id': 'Okta'}}]}]
POLICIES = [{'name': 'Allow engineers', 'decision': 'allow', 'include': [{'group': {'name': 'Engineers'}}]},
            {'name': 'Allow Okta', 'decision': 'allow', 'include': [{'group': {'name': 'Okta users'}}],
             'require': [{'login_method': {'id': 'Okta'}}]}]
APPS = [{'type': 'self_hosted', 'name': 'app%d' % n, 'domain': 'app%d.example.com' % n, 'allowed_idps': ['Okta'],
         'policies': [{'name': 'Allow engineers'}, {'name': 'Allow Okta'}], 'tags': ['new-tag']} for n in range(3)]


# (one name a statement: ansible-doc reads this folder's files as modules and warns on a tuple assignment)
FIXTURES = fake_api_fixtures(TOKEN, seed={'identity_providers': [{'id': OKTA, 'name': 'Okta', 'type': 'okta'}]})
fake = FIXTURES[0]
clean = FIXTURES[1]


def run(fake, check_mode=False, **args):
    args = dict(dict(api_token=TOKEN, api_base_url=fake.base_url, account_id=fake.account_id,
                     applications=APPS, groups=GROUPS, policies=POLICIES), **args)
    if check_mode:
        args['_ansible_check_mode'] = True
    out = io.StringIO()
    with patch_module_args(args), contextlib.redirect_stdout(out):
        with pytest.raises(SystemExit):
            access_application_bulk.main()
    return json.loads(out.getvalue())


def requests(fake):
    return [(e['method'], e['path'].split('/access/')[-1]) for e in fake.log()['requests']]


def writes(fake):
    return [r for r in requests(fake) if r[0] in WRITE_METHODS]


def lists(fake):
    return sorted(path for method, path in requests(fake) if method == 'GET' and '/' not in path)


def state(fake, kind):
    return fake.state()['accounts'][fake.account_id][kind]


def test_the_whole_setup_is_created_in_dependency_order_and_a_rerun_is_a_no_op(fake):
    check = run(fake, check_mode=True)
    assert check.get('failed') is not True, check
    assert writes(fake) == [] and check['summary']['created'] == len(GROUPS) + len(POLICIES) + len(APPS)
    fake.reset(state=False, faults=False, config=False)
    first = run(fake)
    assert first.get('failed') is not True, first
    order = [path.split('/')[0] for method, path in writes(fake)]
    assert order == ['groups'] * 2 + ['policies'] * 2 + ['tags'] + ['apps'] * 3
    policy_ids = dict((p['name'], p['id']) for p in state(fake, 'policies'))
    links = list(fake.state()['accounts'][fake.account_id]['links'].values())
    assert len(links) == len(APPS) and all([link['id'] for link in sorted(app_links, key=lambda p: p['precedence'])] == [
        policy_ids['Allow engineers'], policy_ids['Allow Okta']] for app_links in links)
    fake.reset(state=False, faults=False, config=False)
    again = run(fake)
    assert again['changed'] is False and writes(fake) == []
    # one list request per kind
    assert lists(fake) == ['apps', 'groups', 'identity_providers', 'policies']


def test_an_unknown_name_fails_before_any_write(fake):
    policies = POLICIES + [{'name': 'Bad', 'decision': 'allow', 'include': [{'group': {'name': 'Nobody'}}]}]
    apps = APPS + [{'type': 'self_hosted', 'name': 'x', 'domain': 'x.example.com', 'policies': [{'name': 'Missing'}]}]
    result = run(fake, policies=policies, applications=apps)
    assert result['failed'] is True and writes(fake) == []
    assert 'Nobody' in result['msg'] and 'Missing' in result['msg'] and 'nothing was changed' in result['msg']


def test_a_renamed_policy_leaves_a_rerun_a_no_op_when_linked_by_id(fake):
    run(fake)
    policy = [p for p in state(fake, 'policies') if p['name'] == 'Allow Okta'][0]
    apps = [dict(a, policies=[{'name': 'Allow engineers'}, {'id': policy['id']}]) for a in APPS]
    fake.reset(state=False, faults=False, config=False)
    assert run(fake, applications=apps, policies=POLICIES[:1])['changed'] is False
    assert writes(fake) == []


def test_a_purged_policy_is_deleted_after_the_applications_stop_using_it(fake):
    run(fake)
    fake.reset(state=False, faults=False, config=False)
    apps = [dict(a, policies=[{'name': 'Allow engineers'}]) for a in APPS]
    refused = run(fake, applications=apps, policies=POLICIES[:1], purge_policies=True, purge_max=0)
    assert refused['failed'] is True and 'purge_max' in refused['msg'] and writes(fake) == []
    result = run(fake, applications=apps, policies=POLICIES[:1], purge_policies=True, groups=GROUPS[:1], purge_groups=True)
    assert result.get('failed') is not True, result
    order = [(m, path.split('/')[0]) for m, path in writes(fake)]
    assert order == [('PUT', 'apps')] * 3 + [('DELETE', 'policies'), ('DELETE', 'groups')]
    assert [p['name'] for p in state(fake, 'policies')] == ['Allow engineers']
    assert [g['name'] for g in state(fake, 'groups')] == ['Engineers']


def test_a_failure_is_worded_by_what_failed(fake):
    # the first group is refused by the API at its creation: the run goes on and says which item of which kind failed
    fake.faults({'kind': 'status', 'status': 400, 'method': 'POST', 'path': '/access/groups$', 'code': 12130})
    result = run(fake)
    assert result['failed'] is True and result['summary']['failed'] >= 1
    total = len(result['results'])
    assert result['msg'].startswith('%d of %d items failed: group Engineers: ' % (result['summary']['failed'], total))
    assert 'applications failed' not in result['msg']
