# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Name resolution of the objects applications, policies and groups refer to (_references.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import copy

import pytest

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _references, _schema
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._client import CloudflareClient, RequestBudget
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._references import ReferenceResolutionError, Resolver
from ansible_collections.zerotrust.cloudflare.tests.fake_cloudflare.harness import FakeCloudflare

ACCOUNT = '0123456789abcdef0123456789abcdef'
ZONE = 'fedcba9876543210fedcba9876543210'
ENG, OPS, DUP1, DUP2 = ('11111111-1111-4111-8111-%012d' % i for i in range(1, 5))
OKTA, GITHUB = '22222222-2222-4222-8222-000000000001', '22222222-2222-4222-8222-000000000002'
CI = '33333333-3333-4333-8333-000000000001'
ALLOW, DENY = '44444444-4444-4444-8444-000000000001', '44444444-4444-4444-8444-000000000002'
# an object whose *name* is the id of another object of its kind
TRAP = '11111111-1111-4111-8111-000000000099'

OBJECTS = {
    'group': [{'id': ENG, 'name': 'Engineers'}, {'id': OPS, 'name': 'Operators'},
              {'id': DUP1, 'name': 'Twins'}, {'id': DUP2, 'name': 'Twins'}],
    'idp': [{'id': OKTA, 'name': 'Okta', 'type': 'okta'}, {'id': GITHUB, 'name': 'GitHub', 'type': 'github'}],
    'service_token': [{'id': CI, 'name': 'ci-runner'}],
    'policy': [{'id': ALLOW, 'name': 'Allow engineers'}, {'id': DENY, 'name': 'Deny contractors'}],
    'tag': [{'name': 'observability'}, {'name': 'docs'}],
}


class ListingClient(object):
    """paginate() over fixed objects, counting the list requests per path."""

    def __init__(self, objects=None):
        self.objects = copy.deepcopy(OBJECTS if objects is None else objects)
        self.calls = []

    def paginate(self, path, params=None, per_page=1000):
        del params
        self.calls.append((path, per_page))
        kind = [k for k, info in _references.KINDS.items() if path.endswith('/' + info['path'])][0]
        return copy.deepcopy(self.objects.get(kind, []))


@pytest.fixture
def client():
    return ListingClient()


@pytest.fixture
def resolver(client):
    return Resolver(client, ACCOUNT)


def _problems(exc_info):
    return exc_info.value.problems


# ---------------------------------------------------------------------------------------- schema data

def test_reference_fields_come_from_the_schema():
    """Every rule field that holds an id of another object is marked, and nothing else is."""
    marked = dict(((kind, key), spec['reference']) for kind, rule in _schema.RULE_KINDS.items()
                  for key, spec in rule['options'].items() if spec.get('reference'))
    assert marked[('group', 'id')] == 'group' and marked[('service_token', 'token_id')] == 'service_token'
    assert marked[('login_method', 'id')] == 'idp'
    holders = sorted(kind for (kind, key), ref in marked.items() if key == 'identity_provider_id')
    assert holders == ['auth_context', 'azureAD', 'github-organization', 'gsuite', 'oidc', 'okta', 'saml']
    assert ('email_list', 'id') not in marked and ('ip_list', 'id') not in marked
    assert _schema.APP_FIELDS['allowed_idps']['reference'] == 'idp' and _schema.APP_FIELDS['tags']['reference'] == 'tag'
    assert _schema.APP_FIELDS['policies']['options']['id']['reference'] == 'policy'


def test_reference_keys_do_not_reach_the_argument_spec():
    spec = _schema.argument_spec()
    assert 'reference' not in spec['tags'] and 'reference' not in spec['policies']['options']['id']


# ---------------------------------------------------------------------------------------- walkers

def test_app_walker_finds_every_kind_with_its_option_path():
    body = {'type': 'self_hosted', 'name': 'a', 'tags': ['docs'], 'allowed_idps': ['Okta', GITHUB],
            'policies': [{'name': 'inline', 'decision': 'allow', 'include': [
                {'group': {'name': 'Engineers'}}, {'service_token': {'token_id': CI}},
                {'login_method': {'id': 'GitHub'}}, {'okta': {'name': 'staff', 'identity_provider_id': 'Okta'}},
                {'email_list': {'id': 'not-a-reference'}}]}]}
    found = [(r.path, r.kind, r.value, r.form) for r in _references.app_references(body)]
    assert sorted(found) == sorted([
        ('tags[0]', 'tag', 'docs', 'id'),
        ('allowed_idps[0]', 'idp', 'Okta', 'name'),
        ('allowed_idps[1]', 'idp', GITHUB, 'id'),
        ('policies[0].include[0].group.name', 'group', 'Engineers', 'name_key'),
        ('policies[0].include[1].service_token.token_id', 'service_token', CI, 'id'),
        ('policies[0].include[2].login_method.id', 'idp', 'GitHub', 'name'),
        ('policies[0].include[3].okta.identity_provider_id', 'idp', 'Okta', 'name'),
    ])


def test_policy_links_by_name_by_id_and_inline_ids():
    body = {'policies': [{'name': 'Allow engineers'}, {'id': DENY, 'precedence': 5}, ALLOW]}
    found = [(r.path, r.kind, r.value, r.form) for r in _references.app_references(body)]
    assert found == [('policies[0].name', 'policy', 'Allow engineers', 'name_key'),
                     ('policies[1].id', 'policy', DENY, 'id'), ('policies[2]', 'policy', ALLOW, 'id')]
    inline = {'policies': [{'id': 'app-policy-id', 'name': 'kept', 'decision': 'allow', 'include': [{'everyone': {}}]}]}
    assert _references.app_references(inline) == []  # the id of an inline policy is not a reusable policy


def test_group_and_policy_walkers():
    group = {'name': 'G', 'include': [{'group': {'name': 'Engineers'}}], 'require': [{'saml': {
        'attribute_name': 'a', 'attribute_value': 'b', 'identity_provider_id': 'Okta'}}]}
    paths = [r.path for r in _references.group_references(group)]
    assert paths == ['include[0].group.name', 'require[0].saml.identity_provider_id']
    policy = {'name': 'P', 'decision': 'allow', 'exclude': [{'github-organization': {'name': 'acme', 'identity_provider_id': GITHUB}}]}
    assert [(r.path, r.form) for r in _references.policy_references(policy)] == [
        ('exclude[0].github-organization.identity_provider_id', 'id')]
    assert [r.path for r in _references.rule_references([{'service_token': {'name': 'ci-runner'}}], 'include')] == [
        'include[0].service_token.name']


# ---------------------------------------------------------------------------------------- resolution

def test_unique_names_resolve_to_ids_and_the_input_is_not_changed(resolver):
    body = {'type': 'self_hosted', 'tags': ['docs'], 'allowed_idps': ['Okta', 'GitHub'],
            'policies': [{'name': 'Allow engineers'}, {'name': 'Deny contractors', 'precedence': 3}]}
    original = copy.deepcopy(body)
    resolved = resolver.resolve_app(body)
    assert body == original
    assert resolved == {'type': 'self_hosted', 'tags': ['docs'], 'allowed_idps': [OKTA, GITHUB],
                        'policies': [{'id': ALLOW}, {'id': DENY, 'precedence': 3}]}


def test_rule_name_forms_resolve(resolver):
    group = resolver.resolve_group({'name': 'G', 'include': [
        {'group': {'name': 'Engineers'}}, {'service_token': {'name': 'ci-runner'}}, {'login_method': {'id': 'Okta'}},
        {'azureAD': {'id': 'azure-group', 'identity_provider_id': 'GitHub'}}]})
    assert group['include'] == [{'group': {'id': ENG}}, {'service_token': {'token_id': CI}}, {'login_method': {'id': OKTA}},
                                {'azureAD': {'id': 'azure-group', 'identity_provider_id': GITHUB}}]


def test_one_list_request_per_kind_for_a_whole_run(client, resolver):
    for index in range(20):
        resolver.resolve_app({'allowed_idps': ['Okta'], 'tags': ['docs'], 'policies': [{'name': 'Allow engineers'}]})
        resolver.resolve_policy({'name': 'p%d' % index, 'include': [{'group': {'name': 'Operators'}}]})
        resolver.missing_tags(_references.app_references({'tags': ['docs', 'new%d' % index]}))
    assert sorted(path for path, dummy in client.calls) == sorted([
        '/accounts/%s/access/identity_providers' % ACCOUNT, '/accounts/%s/access/tags' % ACCOUNT,
        '/accounts/%s/access/policies' % ACCOUNT, '/accounts/%s/access/groups' % ACCOUNT])


def test_ids_cost_no_request_unless_verified(client):
    lazy = Resolver(client, ACCOUNT)
    body = {'allowed_idps': [OKTA], 'policies': [{'id': ALLOW}]}
    assert lazy.resolve_app(body) == body and client.calls == []
    strict = Resolver(client, ACCOUNT, verify_ids=True)
    with pytest.raises(ReferenceResolutionError) as info:
        strict.resolve_app({'allowed_idps': ['99999999-9999-4999-8999-999999999999']})
    assert _problems(info)[0].startswith("allowed_idps[0]: no identity provider with the id or name '99999999-")


def test_missing_name_names_the_option_path_and_the_closest_candidates(resolver):
    with pytest.raises(ReferenceResolutionError) as info:
        resolver.resolve_app({'policies': [{'name': 'Allow engineers'}, {'name': 'Allow engineer'},
                                           {'name': 'Something else entirely'}]})
    problems = _problems(info)
    assert len(problems) == 2  # every problem of the body at once
    assert problems[0] == "policies[1].name: no reusable policy with the name 'Allow engineer'; closest: Allow engineers"
    assert problems[1].startswith("policies[2].name: no reusable policy with the name 'Something else entirely'; known: ")
    assert 'Allow engineers' in problems[1] and 'Deny contractors' in problems[1]


def test_missing_rule_references(resolver):
    with pytest.raises(ReferenceResolutionError) as info:
        resolver.resolve_group({'name': 'G', 'include': [{'group': {'name': 'Engineer'}}],
                                'exclude': [{'login_method': {'id': 'Oktaa'}}]})
    assert _problems(info) == ["include[0].group.name: no Access group with the name 'Engineer'; closest: Engineers",
                               "exclude[0].login_method.id: no identity provider with the name 'Oktaa'; closest: Okta"]


def test_id_and_name_together_are_refused(resolver):
    with pytest.raises(ReferenceResolutionError) as info:
        resolver.resolve_group({'include': [{'group': {'id': ENG, 'name': 'Engineers'}}]})
    assert _problems(info) == ['include[0].group: give the Access group by id or by name, not both']


def test_nothing_of_a_kind_says_so():
    resolver = Resolver(ListingClient({'service_token': []}), ACCOUNT)
    with pytest.raises(ReferenceResolutionError) as info:
        resolver.resolve_policy({'include': [{'service_token': {'name': 'ci'}}]})
    assert _problems(info) == ["include[0].service_token.name: no service token with the name 'ci'; there is no service token"]


def test_ambiguous_name_lists_the_ids(resolver):
    with pytest.raises(ReferenceResolutionError) as info:
        resolver.resolve_group({'include': [{'group': {'name': 'Twins'}}]})
    assert _problems(info) == ["include[0].group.name: 2 Access groups are named 'Twins' (ids %s, %s); give the id instead"
                               % (DUP1, DUP2)]


def test_uuid_looking_values():
    objects = copy.deepcopy(OBJECTS)
    objects['group'].append({'id': TRAP, 'name': ENG})  # named like the id of Engineers
    objects['group'].append({'id': '11111111-1111-4111-8111-000000000098', 'name': 'aaaaaaaa-0000-4000-8000-000000000000'})
    resolver = Resolver(ListingClient(objects), ACCOUNT, verify_ids=True)
    # an id that is also another object's name: ambiguous, refused
    with pytest.raises(ReferenceResolutionError) as info:
        resolver.resolve_group({'include': [{'group': {'id': ENG}}]})
    assert _problems(info) == ["include[0].group.id: %r is the id of Access group 'Engineers' and the name of Access group %s; "
                               "rename one of them or use the other object's id" % (ENG, TRAP)]
    # an id nobody is named after: the id wins
    assert resolver.resolve_group({'include': [{'group': {'id': OPS}}]})['include'] == [{'group': {'id': OPS}}]
    # a UUID-looking name that is no object's id: taken as the name
    found = resolver.resolve_group({'include': [{'group': {'id': 'aaaaaaaa-0000-4000-8000-000000000000'}}]})
    assert found['include'] == [{'group': {'id': '11111111-1111-4111-8111-000000000098'}}]


def test_missing_tags_are_reported_for_creation_not_as_errors(client, resolver):
    refs = _references.app_references({'tags': ['docs', 'new', 'other', 'new']})
    assert resolver.missing_tags(refs) == ['new', 'other']
    assert resolver.resolve_app({'tags': ['docs', 'new']}) == {'tags': ['docs', 'new']}
    assert [path for path, dummy in client.calls] == ['/accounts/%s/access/tags' % ACCOUNT]


def test_created_objects_join_the_cache_without_another_list(client, resolver):
    resolver.objects('group')
    resolver.add('group', {'id': '55555555-5555-4555-8555-000000000001', 'name': 'New group'})
    assert resolver.resolve_group({'include': [{'group': {'name': 'New group'}}]})['include'] == [
        {'group': {'id': '55555555-5555-4555-8555-000000000001'}}]
    assert len(client.calls) == 1
    resolver.forget('group')
    resolver.objects('group')
    assert len(client.calls) == 2


def test_zone_groups_are_listed_at_zone_scope(client):
    resolver = Resolver(client, ACCOUNT, zone_id=ZONE)
    resolver.resolve_group({'include': [{'group': {'name': 'Engineers'}}, {'login_method': {'id': 'Okta'}}]})
    assert sorted(path for path, dummy in client.calls) == [
        '/accounts/%s/access/identity_providers' % ACCOUNT, '/zones/%s/access/groups' % ZONE]


# ---------------------------------------------------------------------------------------- export (id -> name)

def test_export_writes_unique_names_and_keeps_ambiguous_ids(resolver):
    body = {'type': 'self_hosted', 'tags': ['docs'], 'allowed_idps': [OKTA, 'ffffffff-0000-4000-8000-000000000000'],
            'policies': [{'id': ALLOW, 'precedence': 1}, {'id': DENY, 'precedence': 2}]}
    assert resolver.name_app(body) == {'type': 'self_hosted', 'tags': ['docs'],
                                       'allowed_idps': ['Okta', 'ffffffff-0000-4000-8000-000000000000'],
                                       'policies': [{'name': 'Allow engineers', 'precedence': 1},
                                                    {'name': 'Deny contractors', 'precedence': 2}]}
    group = {'name': 'G', 'include': [{'group': {'id': ENG}}, {'group': {'id': DUP1}}, {'service_token': {'token_id': CI}},
                                      {'gsuite': {'email': 'g@example.com', 'identity_provider_id': GITHUB}}]}
    assert resolver.name_group(group)['include'] == [
        {'group': {'name': 'Engineers'}}, {'group': {'id': DUP1}}, {'service_token': {'name': 'ci-runner'}},
        {'gsuite': {'email': 'g@example.com', 'identity_provider_id': 'GitHub'}}]


def test_export_then_resolve_is_the_identity(resolver):
    body = {'allowed_idps': [GITHUB], 'policies': [{'id': DENY, 'precedence': 1}]}
    policy = {'name': 'P', 'decision': 'allow', 'include': [{'group': {'id': OPS}}, {'login_method': {'id': OKTA}}]}
    assert resolver.resolve_app(resolver.name_app(body)) == body
    assert resolver.resolve_policy(resolver.name_policy(policy)) == policy


def test_export_keeps_the_id_of_an_object_named_like_a_uuid():
    objects = {'idp': [{'id': OKTA, 'name': 'bbbbbbbb-0000-4000-8000-000000000000'}]}
    resolver = Resolver(ListingClient(objects), ACCOUNT)
    assert resolver.name_app({'allowed_idps': [OKTA]}) == {'allowed_idps': [OKTA]}


# ---------------------------------------------------------------------------------------- against the fake API

@pytest.fixture(scope='module')
def fake():
    with FakeCloudflare() as server:
        yield server


def test_against_the_fake_api_with_pagination(fake):
    fake.reset()
    fake.seed(tags=['t%03d' % i for i in range(120)],
              identity_providers=[{'name': 'Okta', 'type': 'okta'}, {'name': 'GitHub', 'type': 'github'}],
              service_tokens=[{'name': 'ci-runner'}],
              groups=[{'name': 'g%04d' % i, 'include': [{'everyone': {}}]} for i in range(1001)],
              policies=[{'name': 'p%03d' % i, 'decision': 'allow', 'include': [{'everyone': {}}]} for i in range(150)])
    client = CloudflareClient(base_url=fake.base_url, api_token=fake.token, budget=RequestBudget())
    resolver = Resolver(client, fake.account_id)
    state = fake.state()['accounts'][fake.account_id]
    ids = dict((o['name'], o['id']) for kind in ('groups', 'idps', 'service_tokens', 'policies') for o in state[kind])
    body = {'type': 'self_hosted', 'name': 'a', 'domain': 'a.example.com', 'tags': ['t119', 'fresh'],
            'allowed_idps': ['GitHub'], 'policies': [{'name': 'p149'}]}
    resolved = resolver.resolve_app(body)
    assert resolved['allowed_idps'] == [ids['GitHub']] and resolved['policies'] == [{'id': ids['p149']}]
    assert resolver.missing_tags(_references.app_references(body)) == ['fresh']
    group = resolver.resolve_group({'name': 'x', 'include': [{'group': {'name': 'g1000'}},
                                                             {'service_token': {'name': 'ci-runner'}}]})
    assert group['include'] == [{'group': {'id': ids['g1000']}}, {'service_token': {'token_id': ids['ci-runner']}}]
    gets = [r['path'].rsplit('/', 1)[-1] for r in fake.log()['requests']]
    # each kind once, over all its pages (tags: 120 at 50 a page; groups: 1001 at 1000; policies: 150 at 100)
    assert sorted(gets) == sorted(['tags'] * 3 + ['groups'] * 2 + ['policies'] * 2 + ['identity_providers', 'service_tokens'])
    assert fake.log()['writes'] == 0
