# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""plugins/module_utils/_schema.py against the official OpenAPI extract, the Ansible argument spec
and the pydantic request models.

(a) For every creatable type (account: access_app_request variants; zone: the legacy access_apps
    variants) the top-level request fields, their JSON types, enums, defaults, per-type required
    and read-only fields, and every nested object (destinations, cors_headers, saas_app SAML/OIDC,
    scim_config with its authentication schemes and mappings, policies with the 26 rule kinds,
    connection_rules, mfa_config, oauth_configuration, landing_page_design, footer_links,
    target_criteria) are compared with the OpenAPI file.  Deliberate deviations are listed in
    ACCEPTED with their reason; differences that are bugs are listed in KNOWN_BUGS, each pinned by a
    strict xfail test, so that the general tests stay green and a fix shows up as an XPASS.
(b) The argument spec built from the schema is a valid Ansible argument spec for sample params
    of every type, and every secret is no_log.
(c) Every creatable type has sample bodies that _models.validate_app_request accepts and that
    validate against the OpenAPI variant of that type (OAS 3.0 validator).

The OpenAPI tests are skipped when ../shared/cloudflare-api/access-apps.openapi.json (next to
the repository) is absent.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import copy
import json
import os
import re

import pytest

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _models, _schema


def _repo_root():
    here = os.path.dirname(os.path.abspath(__file__))
    while not os.path.exists(os.path.join(here, 'galaxy.yml')):
        parent = os.path.dirname(here)
        if parent == here:
            raise RuntimeError('no galaxy.yml above %s' % __file__)
        here = parent
    return here


# `make units` runs from a copy of the checkout and says where the extract is; else ../shared beside the checkout
OPENAPI_PATH = os.environ.get('ZEROTRUST_CLOUDFLARE_OPENAPI') or os.path.join(
    os.path.dirname(_repo_root()), 'shared', 'cloudflare-api', 'access-apps.openapi.json')
JSON_TYPES = {'str': 'string', 'bool': 'boolean', 'int': 'integer', 'float': 'number', 'list': 'array', 'dict': 'object'}
PY_TO_JSON = {str: 'string', bool: 'boolean', int: 'integer', float: 'number', list: 'array', dict: 'object'}
INLINE_POLICY_REQUIRED = set(_schema.REUSABLE_POLICY_REQUIRED)  # _models requires them on inline policies

# Deliberate, documented differences (ours is stricter, or the OpenAPI field is server-set).
ACCEPTED = {
    # "The spec puts no required on the saas and bookmark variants, but always send type" (reference §4.4).
    'extra_required_top': {'type'},
    # The discriminator of a destination is required by us: without it an item matches several oneOf members.
    # PITFALLS 26: an OIDC saas_app needs redirect_uris.
    'extra_required_nested': {r'destinations\[\]<[a-z_]+>$': {'type'}, r'saas_app<oidc>$': {'redirect_uris'}},
    # Server-set timestamps inside saas_app are not request options.
    'ignored_keys': {'created_at', 'updated_at'},
    # The API takes a destination without `type` as public, as the Terraform provider's acceptance tests show
    # ({uri} alone): the extract's `required` is stricter than the server.
    'fewer_required_nested': {r'destinations\[\]<public>$': {'type'}},
    # Enums narrowed by the field's own description: "Infrastructure application policies can only use the Allow
    # action" (access_decision).
    'narrowed_enums': {r'^account/infrastructure\.policies\[\]\.decision$': {'allow'}},
    # Formats stated by the descriptions (URLs, CIDR ranges, port ranges), not by a `format` keyword.
    'description_formats': {'url', 'cidr', 'port_range'},
}

# Differences that are bugs: path pattern -> reason.  Each one has a strict xfail test below.
KNOWN_BUGS = {
    'zone_saas': (r'^zone/saas\.saas_app.*name_by_idp', 'zone scope takes name_by_idp in the account shape, not the '
                  'legacy one (a map in legacy SAML, a list in legacy OIDC)'),
}


# --------------------------------------------------------------------------------------------
# OpenAPI reading
# --------------------------------------------------------------------------------------------

@pytest.fixture(scope='module')
def openapi():
    if not os.path.exists(OPENAPI_PATH):
        pytest.skip('OpenAPI extract not available: %s' % OPENAPI_PATH)
    with open(OPENAPI_PATH) as stream:
        return OpenAPI(json.load(stream))


class OpenAPI(object):

    def __init__(self, document):
        self.document = document
        self.schemas = document['components']['schemas']

    def deref(self, node):
        while isinstance(node, dict) and '$ref' in node:
            node = self.schemas[node['$ref'].rsplit('/', 1)[-1]]
        return node

    def flat(self, node):
        """The node with $ref followed and allOf merged (later parts win for scalar keywords)."""
        node = self.deref(node)
        out, props, required = {}, {}, set()
        for part in node.get('allOf', []):
            sub = self.flat(part)
            props.update(sub.get('properties', {}))
            required |= set(sub.get('required', ()))
            out.update(dict((k, v) for k, v in sub.items() if k not in ('properties', 'required')))
        out.update(dict((k, v) for k, v in node.items() if k not in ('allOf', 'properties', 'required')))
        props.update(node.get('properties', {}))
        required |= set(node.get('required', ()))
        if props:
            out['properties'] = props
        out['required'] = required
        return out

    def members(self, node):
        node = self.flat(node)
        return node.get('oneOf') or node.get('anyOf')

    def json_type(self, node):
        node = self.flat(node)
        if 'type' in node:
            return node['type']
        if node.get('properties'):
            return 'object'
        for key in ('default', 'example'):
            if key in node:
                return PY_TO_JSON[type(node[key])]
        return None

    def variants(self, scope):
        """{app type: (index, flat variant)} of the request union of a scope."""
        root = 'access_app_request' if scope == 'account' else 'access_apps'
        out = {}
        for index, variant in enumerate(self.schemas[root]['anyOf']):
            flat = self.flat(variant)
            app_type = self.flat(flat['properties']['type'])['example']
            out[app_type] = (index, flat)
        return out


# --------------------------------------------------------------------------------------------
# Comparison
# --------------------------------------------------------------------------------------------

class Comparison(object):
    """Walks one of our field descriptions and the OpenAPI schema side by side; collects differences."""

    def __init__(self, api, app_type, scope='account'):
        self.api = api
        self.app_type = app_type
        self.scope = scope
        self.differences = []
        self.compared = 0  # fields walked: the comparison is not vacuous

    def differ(self, path, message):
        self.differences.append((path, message))

    def options(self, options, node, path, extra_required=()):
        node = self.api.flat(node)
        props = dict((k, v) for k, v in node.get('properties', {}).items() if k not in ACCEPTED['ignored_keys'])
        # (a name_of option stands in for the id beside it and is never sent: not a field of the API)
        ours = set(k for k, spec in options.items() if _schema.accepts(spec, self.app_type, self.scope) and not spec.get('name_of'))
        if ours != set(props):
            self.differ(path, 'keys only ours %s, only OpenAPI %s' % (sorted(ours - set(props)), sorted(set(props) - ours)))
        required = set(k for k in ours if options[k].get('required')) | set(extra_required)
        expected = set(node['required'])
        for pattern, extra in ACCEPTED['extra_required_nested'].items():
            if re.search(pattern, path):
                expected |= extra
        for pattern, fewer in ACCEPTED['fewer_required_nested'].items():
            if re.search(pattern, path):
                expected -= fewer
        if required != expected:
            self.differ(path, 'required ours %s, OpenAPI %s' % (sorted(required), sorted(expected)))
        for key in sorted(ours & set(props)):
            self.field(options[key], props[key], '%s.%s' % (path, key))

    def field(self, spec, node, path):
        self.compared += 1
        node = self.api.flat(node)
        if bool(spec.get('secret')) != bool(node.get('x-sensitive')) and not (self.scope == 'zone' and spec.get('secret')):
            # (the legacy zone shape does not mark the SCIM credentials x-sensitive: they are secrets all the same)
            self.differ(path, 'secret ours %s, x-sensitive %s' % (bool(spec.get('secret')), bool(node.get('x-sensitive'))))
        if 'server_default' in spec and node.get('default', '<none>') != spec['server_default']:
            self.differ(path, 'default ours %r, OpenAPI %r' % (spec['server_default'], node.get('default', '<none>')))
        if spec.get('single_or_list'):
            members = self.api.members(node) or []
            kinds = sorted(str(self.api.json_type(m)) for m in members)
            if len(kinds) != 2 or 'array' not in kinds:
                self.differ(path, 'single_or_list but OpenAPI members are %s' % kinds)
                return
            node = next(self.api.flat(m) for m in members if self.api.json_type(m) == 'array')
        kind = spec['type']
        json_type = self.api.json_type(node)
        if json_type is not None and JSON_TYPES[kind] != json_type:
            self.differ(path, 'type ours %s, OpenAPI %s' % (kind, json_type))
            return
        if kind == 'list':
            self.items(spec, self.api.flat(node.get('items', {})), path)
        elif kind == 'dict':
            if spec.get('variants'):
                self.union(spec, node, path)
            elif spec.get('free_form'):
                if node.get('properties'):
                    self.differ(path, 'free-form ours, OpenAPI has properties %s' % sorted(node['properties']))
            else:
                self.options(spec['options'], node, path)
        else:
            self.scalar(spec, node, path)

    def items(self, spec, items, path):
        if spec.get('rule_list'):
            self.rules(spec, items, path + '[]')
        elif spec.get('policy_list'):
            self.policies(spec, items, path + '[]')
        elif spec['elements'] == 'dict':
            if spec.get('variants'):
                self.union(spec, items, path + '[]')
            elif self.api.members(items):
                self.differ(path + '[]', 'OpenAPI items are a union of %d variants; ours has no variants'
                            % len(self.api.members(items)))
            else:
                self.options(spec['options'], items, path + '[]')
        else:
            element_type = self.api.json_type(items)
            if element_type is not None and element_type != JSON_TYPES[spec['elements']]:
                self.differ(path, 'elements ours %s, OpenAPI %s' % (spec['elements'], element_type))
            self.enum(spec, items, path)

    def scalar(self, spec, node, path):
        self.enum(spec, node, path)
        for bound in ('minimum', 'maximum'):
            if spec.get(bound) != node.get(bound):
                self.differ(path, '%s ours %s, OpenAPI %s' % (bound, spec.get(bound), node.get(bound)))
        self.constraints(spec, node, path)

    def constraints(self, spec, node, path):
        """maxLength and format of a string: ours must be the extract's (formats from descriptions aside)."""
        if spec.get('max_length') != node.get('maxLength'):
            self.differ(path, 'max_length ours %s, OpenAPI maxLength %s' % (spec.get('max_length'), node.get('maxLength')))
        ours = spec.get('format') if spec.get('format') not in ACCEPTED['description_formats'] else None
        theirs = node.get('format')
        if ours == 'identifier':  # the extract's access_identifier: a string of at most 32 characters
            ours, theirs = ('identifier', 'identifier' if node.get('maxLength') == 32 else theirs)
        if ours != theirs:
            self.differ(path, 'format ours %s, OpenAPI %s' % (spec.get('format'), theirs))

    def enum(self, spec, node, path):
        ours = _schema.choices_for(spec, self.app_type)
        theirs = node.get('enum')
        if path.endswith('/%s.type' % self.app_type) and theirs is None:
            theirs = self.api.schemas['access_type']['enum']  # the legacy variants' `type` has no enum
        for pattern, narrowed in ACCEPTED['narrowed_enums'].items():
            if re.search(pattern, path) and set(ours or []) == narrowed and narrowed <= set(theirs or []):
                return
        if sorted(ours or []) != sorted(theirs or []):
            self.differ(path, 'enum ours %s, OpenAPI %s' % (ours, theirs))

    def union(self, spec, node, path):
        variants = spec['variants']
        key = variants['key']
        members = self.api.members(node)
        if not members:
            self.differ(path, 'ours is a union on %s; OpenAPI is not' % key)
            return
        seen, key_values = set(), set()
        for member in members:
            flat = self.api.flat(member)
            values = self.api.flat(flat['properties'][key]).get('enum') or []
            key_values |= set(values)
            if len(values) == 1:
                value = values[0]
            else:  # SAML and OIDC share auth_type: [saml, oidc]; tell them apart by their fields
                value = 'oidc' if 'redirect_uris' in flat['properties'] else 'saml'
            seen.add(value)
            names = (key,) + tuple(variants['fields'].get(value, ()))
            options = dict((k, v) for k, v in spec['options'].items() if k in names)
            key_required = spec['options'][key].get('required') and value != variants['default']
            # SAML and OIDC members both list auth_type [saml, oidc]: the key's enum is compared once, below
            options[key] = dict(options[key], required=False, choices=[value] if len(values) == 1 else values)
            extra = set(variants['required'].get(value, ())) | ({key} if key_required else set())
            self.options(options, flat, '%s<%s>' % (path, value), extra_required=extra)
        if seen != set(variants['fields']):
            self.differ(path, 'variants ours %s, OpenAPI %s' % (sorted(variants['fields']), sorted(seen)))
        if sorted(spec['options'][key].get('choices') or []) != sorted(key_values):
            self.differ(path + '.' + key, 'enum ours %s, OpenAPI %s' % (spec['options'][key].get('choices'), sorted(key_values)))

    def rules(self, spec, items, path):
        kinds = {}
        for member in self.api.members(items) or []:
            flat = self.api.flat(member)
            (kind,) = list(flat['properties'])
            kinds[kind] = flat
            if flat['required'] != {kind}:
                self.differ(path + '.' + kind, 'wrapper required %s' % sorted(flat['required']))
        if set(kinds) != set(spec['options']):
            self.differ(path, 'rule kinds only ours %s, only OpenAPI %s' % (
                sorted(set(spec['options']) - set(kinds)), sorted(set(kinds) - set(spec['options']))))
        for kind in sorted(set(kinds) & set(spec['options'])):
            self.options(spec['options'][kind]['options'], kinds[kind]['properties'][kind], '%s.%s' % (path, kind))

    def policies(self, spec, items, path):
        members = self.api.members(items)
        if not members:  # infrastructure: inline policies only
            self.options(spec['options'], items, path, extra_required=INLINE_POLICY_REQUIRED)
            return
        shapes = set()
        for member in members:
            flat = self.api.flat(member)
            kind = self.api.json_type(flat)
            if kind == 'string':
                shapes.add('uuid')
            elif set(flat.get('properties', {})) == {'id', 'precedence'}:
                shapes.add('link')
                link = dict((k, v) for k, v in spec['options'].items() if k in ('id', 'precedence'))
                self.options(link, flat, path + '<link>')
            else:
                shapes.add('inline')
                self.options(spec['options'], flat, path + '<inline>', extra_required=INLINE_POLICY_REQUIRED)
        if shapes != {'uuid', 'link', 'inline'}:
            self.differ(path, 'policy item shapes %s' % sorted(shapes))


def top_level_differences(api, scope, app_type):
    index, variant = api.variants(scope)[app_type]
    del index
    compare = Comparison(api, app_type, scope)
    where = '%s/%s' % (scope, app_type)
    props = variant['properties']
    read_only = set(k for k, v in props.items() if api.flat(v).get('readOnly')) - set(_schema.READ_ONLY_FIELDS)
    writable = set(props) - read_only - set(_schema.READ_ONLY_FIELDS)
    ours = set(_schema.fields_for(app_type, scope))
    if ours != writable:
        compare.differ(where, 'fields only ours %s, only OpenAPI %s' % (sorted(ours - writable), sorted(writable - ours)))
    ours_read_only = set(k for k in _schema.fields_for(app_type, scope, writable=False)
                         if app_type in _schema.APP_FIELDS[k].get('readonly_types', ()))
    if ours_read_only != read_only:
        compare.differ(where, 'read-only ours %s, OpenAPI %s' % (sorted(ours_read_only), sorted(read_only)))
    required = set(_schema.required_fields(app_type, scope))
    expected = set(variant['required']) | ACCEPTED['extra_required_top']
    if required != expected:
        compare.differ(where, 'required ours %s, OpenAPI %s' % (sorted(required), sorted(expected)))
    for name in sorted(ours & writable):
        compare.field(_schema.APP_FIELDS[name], props[name], '%s.%s' % (where, name))
    return compare.differences


def _bug_of(path):
    for name, (pattern, dummy) in KNOWN_BUGS.items():
        if re.search(pattern, path):
            return name
    return None


def unexplained(differences):
    return ['%s: %s' % (path, message) for path, message in differences if _bug_of(path) is None]


def all_differences(api):
    out = []
    for scope in ('account', 'zone'):
        for app_type in _schema.scope_types(scope):
            out.extend(top_level_differences(api, scope, app_type))
    return out


# --------------------------------------------------------------------------------------------
# (a) schema versus OpenAPI
# --------------------------------------------------------------------------------------------

def test_the_openapi_unions_have_exactly_our_types(openapi):
    assert sorted(openapi.variants('account')) == sorted(_schema.CREATABLE_TYPES)
    assert sorted(openapi.variants('zone')) == sorted(_schema.ZONE_TYPES)
    assert sorted(openapi.schemas['access_type']['enum']) == sorted(_schema.ALL_TYPES)
    assert [t for t in _schema.ALL_TYPES if not _schema.APP_TYPES[t]['creatable']] == ['dash_sso']


@pytest.mark.parametrize('app_type', _schema.CREATABLE_TYPES)
def test_account_type_matches_access_app_request(openapi, app_type):
    assert unexplained(top_level_differences(openapi, 'account', app_type)) == []


@pytest.mark.parametrize('app_type', _schema.ZONE_TYPES)
def test_zone_type_matches_legacy_access_apps(openapi, app_type):
    assert unexplained(top_level_differences(openapi, 'zone', app_type)) == []


NESTED = [
    ('destinations', 'self_hosted', 'destinations', 'access_destinations'),
    ('cors_headers', 'self_hosted', 'cors_headers', 'access_cors_headers'),
    ('saas_app', 'saas', 'saas_app', None),
    ('scim_config', 'self_hosted', 'scim_config', 'access_scim_config'),
    ('scim_mappings', 'self_hosted', 'scim_config.mappings', 'access_scim_config_mapping'),
    ('mfa_config', 'self_hosted', 'mfa_config', 'access_mfa_config'),
    ('infra_mfa_config', 'infrastructure', 'policies.mfa_config', 'access_infra_mfa_config'),
    ('oauth_configuration', 'mcp', 'oauth_configuration', 'access_oauth_configuration'),
    ('landing_page_design', 'app_launcher', 'landing_page_design', 'access_landing_page_design'),
    ('footer_links', 'app_launcher', 'footer_links', 'access_footer_links'),
    ('target_criteria_infra', 'infrastructure', 'target_criteria', 'access_target_criteria_infra_app'),
    ('target_criteria_rdp', 'rdp', 'target_criteria', 'access_target_criteria_self_hosted_app'),
    ('connection_rules', 'self_hosted', 'policies.connection_rules', 'access_connection_rules'),
    ('connection_rules_infra', 'infrastructure', 'policies.connection_rules', 'access_connection_rules_infra'),
    ('app_policy', 'self_hosted', 'policies', 'access_app_policy_request'),  # + the `id` of the inline member
    ('infra_policy', 'infrastructure', 'policies', 'access_infra_policy_req'),
    ('approval_groups', 'self_hosted', 'policies.approval_groups', 'access_approval_groups'),
]


def _our_spec(dotted):
    spec = _schema.APP_FIELDS[dotted.split('.')[0]]
    for part in dotted.split('.')[1:]:
        spec = spec['options'][part]
    return spec


@pytest.mark.parametrize('case', NESTED, ids=[c[0] for c in NESTED])
def test_nested_object_matches_openapi(openapi, case):
    dummy, app_type, dotted, component = case
    spec = _our_spec(dotted)
    compare = Comparison(openapi, app_type)
    path = 'account/%s.%s' % (app_type, dotted.replace('policies.', 'policies[].'))
    if component is None:  # saas_app is only reachable through its variant
        node = openapi.variants('account')[app_type][1]['properties'][dotted]
    elif component == 'access_app_policy_request':
        node = {'allOf': [{'properties': {'id': {'$ref': '#/components/schemas/access_uuid-2'}}}, {'$ref': '#/components/schemas/' + component}]}
    else:
        node = openapi.schemas[component]
    if dotted == 'policies':
        compare.options(spec['options'], node, path + '[]', extra_required=INLINE_POLICY_REQUIRED)
    elif spec['type'] == 'list' and openapi.json_type(node) != 'array':
        compare.options(spec['options'], node, path + '[]')
    else:
        compare.field(spec, node, path)
    assert compare.compared >= len([k for k, v in (spec.get('options') or {}).items() if _schema.accepts(v, app_type)])
    assert unexplained(compare.differences) == []


def test_the_26_rule_kinds_match_access_rule(openapi):
    members = [openapi.flat(m) for m in openapi.members(openapi.schemas['access_rule'])]
    kinds = sorted(list(m['properties'])[0] for m in members)
    assert len(kinds) == 26
    assert kinds == sorted(_schema.RULE_KINDS)
    compare = Comparison(openapi, 'self_hosted')
    compare.rules(_schema.APP_FIELDS['policies']['options']['include'], openapi.schemas['access_rule'], 'rule')
    assert compare.differences == []
    # the same 26 in every rule list of every policy shape
    for key in ('include', 'exclude', 'require'):
        assert sorted(_schema.APP_FIELDS['policies']['options'][key]['options']) == kinds
        assert sorted(_schema.POLICY_FIELDS[key]['options']) == kinds


def test_secrets_are_exactly_the_x_sensitive_fields(openapi):
    sensitive = set()

    def walk(node, path):
        if isinstance(node, dict):
            if node.get('x-sensitive'):
                sensitive.add(path.rsplit('/', 1)[-1])
            for key, value in node.items():
                walk(value, path + '/' + key)
        elif isinstance(node, list):
            for value in node:
                walk(value, path)
    walk(openapi.schemas, '')
    ours = set(path.rsplit('.', 1)[-1] for path in _schema.SECRET_FIELDS)
    assert sensitive == ours == {'client_secret', 'password', 'token'}
    marked = sorted(path for path, spec in _walk_fields(_schema.APP_FIELDS) if spec.get('secret'))
    assert marked == sorted(_schema.SECRET_FIELDS)


def _walk_fields(options, prefix=''):
    for name, spec in options.items():
        yield prefix + name, spec
        if spec.get('options') and not spec.get('free_form'):
            yield from _walk_fields(spec['options'], prefix + name + '.')


def test_the_general_comparison_finds_nothing_outside_the_known_bugs(openapi):
    """Each known bug still shows (else its xfail test XPASSes) and nothing else does."""
    differences = all_differences(openapi)
    assert unexplained(differences) == []
    found = set(_bug_of(path) for path, dummy in differences) - {None}
    assert found <= set(KNOWN_BUGS)


def _bug_differences(api, name):
    return ['%s: %s' % (p, m) for p, m in all_differences(api) if _bug_of(p) == name]


def test_scim_authentication_is_a_union_of_the_four_schemes(openapi):
    assert [d for d in all_differences(openapi) if 'scim_config.authentication' in d[0]] == []


@pytest.mark.parametrize('authentication, missing_or_foreign', [
    ({'scheme': 'httpbasic', 'user': 'u'}, 'password'),
    ({'scheme': 'oauthbearertoken'}, 'token'),
    ({'scheme': 'oauth2', 'client_id': 'c', 'client_secret': 's'}, 'authorization_url'),
    ({'scheme': 'access_service_token', 'client_id': 'c'}, 'client_secret'),
    ({'scheme': 'oauthbearertoken', 'token': 't', 'password': 'p'}, 'password'),
])
def test_scim_scheme_without_its_fields_is_refused(authentication, missing_or_foreign):
    body = {'type': 'self_hosted', 'domain': 'a.example.com',
            'scim_config': {'idp_uid': 'i', 'remote_uri': 'https://r', 'authentication': authentication}}
    errors = _models.validate_app_request(body)
    assert any(missing_or_foreign in e for e in errors), errors


@pytest.mark.xfail(strict=True, reason='BUG: ' + KNOWN_BUGS['zone_saas'][1] + ' (legacy SAML has no default_relay_state '
                                       'or saml_attribute_transform_jsonata and maps name_by_idp; legacy OIDC lists it)')
def test_bug_zone_saas_app_uses_the_legacy_shape(openapi):
    assert _bug_differences(openapi, 'zone_saas') == []


@pytest.mark.xfail(strict=True, reason='BUG: ' + KNOWN_BUGS['zone_saas'][1])
def test_bug_zone_saml_name_by_idp_is_a_map():
    body = {'type': 'saas', 'name': 'z', 'saas_app': {'custom_attributes': [
        {'name': 'email', 'source': {'name': 'mail', 'name_by_idp': {'idp-1': 'userPrincipalName'}}}]}}
    assert _models.validate_app_request(body, scope='zone') == []


def test_zone_bookmark_requires_domain(openapi):
    assert [d for d in all_differences(openapi) if re.search(r'^zone/bookmark$', d[0])] == []
    assert _models.validate_app_request({'type': 'bookmark', 'name': 'b'}, scope='zone') != []


def test_infrastructure_policy_has_no_id(openapi):
    assert [d for d in all_differences(openapi) if re.search(r'^account/infrastructure\.policies\[\]$', d[0])] == []


# --------------------------------------------------------------------------------------------
# Samples: one or more bodies per creatable type (account) and per zone type
# --------------------------------------------------------------------------------------------

UUID1 = '6f1a3f3e-3d7b-4c39-9d55-6b7d4b9a0001'
UUID2 = '6f1a3f3e-3d7b-4c39-9d55-6b7d4b9a0002'
ALL_RULES = [
    {'group': {'id': 'g'}}, {'any_valid_service_token': {}},
    {'auth_context': {'ac_id': 'c1', 'id': 'i', 'identity_provider_id': 'p'}}, {'auth_method': {'auth_method': 'mfa'}},
    {'azureAD': {'id': 'g', 'identity_provider_id': 'p'}}, {'certificate': {}}, {'common_name': {'common_name': 'cn'}},
    {'geo': {'country_code': 'US'}}, {'device_posture': {'integration_uid': 'u'}}, {'email_domain': {'domain': 'e.com'}},
    {'email_list': {'id': 'l'}}, {'email': {'email': 'a@e.com'}}, {'everyone': {}},
    {'external_evaluation': {'evaluate_url': 'https://e', 'keys_url': 'https://k'}},
    {'github-organization': {'identity_provider_id': 'p', 'name': 'org', 'team': 't'}},
    {'gsuite': {'email': 'g@e.com', 'identity_provider_id': 'p'}}, {'login_method': {'id': 'p'}},
    {'ip_list': {'id': 'l'}}, {'ip': {'ip': '10.0.0.0/8'}}, {'okta': {'identity_provider_id': 'p', 'name': 'g'}},
    {'saml': {'attribute_name': 'n', 'attribute_value': 'v', 'identity_provider_id': 'p'}},
    {'oidc': {'claim_name': 'n', 'claim_value': 'v', 'identity_provider_id': 'p'}},
    {'service_token': {'token_id': 't'}}, {'linked_app_token': {'app_uid': 'a'}},
    {'user_risk_score': {'user_risk_score': ['low', 'high']}}, {'cloudflare_account_member': {'account_id': '023e105f4ecef8ad9ca31a8372d0c353'}},
]
INLINE_POLICY = {
    'name': 'all rules', 'decision': 'allow', 'precedence': 1, 'include': ALL_RULES, 'exclude': [{'geo': {'country_code': 'KP'}}],
    'require': [{'auth_method': {'auth_method': 'hwk'}}], 'approval_required': True,
    'approval_groups': [{'approvals_needed': 1, 'email_addresses': ['a@e.com']}, {'approvals_needed': 0, 'email_list_uuid': 'l'}],
    'connection_rules': {'rdp': {'allowed_clipboard_local_to_remote_formats': ['text'],
                                 'allowed_clipboard_remote_to_local_formats': ['text', 'file']}},
    'isolation_required': False, 'mfa_config': {'allowed_authenticators': ['totp', 'security_key'], 'mfa_disabled': False,
                                                'session_duration': '12h'},
    'purpose_justification_prompt': 'why?', 'purpose_justification_required': True, 'session_duration': '24h',
}
INFRA_POLICY = {'name': 'ops', 'decision': 'allow', 'include': [{'email': {'email': 'a@e.com'}}],
                'exclude': [{'geo': {'country_code': 'KP'}}], 'require': [{'everyone': {}}],
                'connection_rules': {'ssh': {'usernames': ['root'], 'allow_email_alias': True}},
                'mfa_config': {'allowed_authenticators': ['piv_key'], 'session_duration': '1h'}}
LINKS = [{'id': UUID1, 'precedence': 1}, {'id': UUID2, 'precedence': 2}]
SCIM = {'idp_uid': 'idp', 'remote_uri': 'https://scim.example.com', 'enabled': True, 'deactivate_on_delete': True,
        'authentication': [{'scheme': 'httpbasic', 'user': 'u', 'password': 'p'},
                           {'scheme': 'oauth2', 'client_id': 'c', 'client_secret': 's', 'authorization_url': 'https://a',
                            'token_url': 'https://t', 'scopes': ['read']}],
        'mappings': [{'schema': 'urn:ietf:params:scim:schemas:core:2.0:User', 'enabled': True, 'filter': 'x eq 1',
                      'transform_jsonata': '$', 'strictness': 'strict',
                      'operations': {'create': True, 'update': True, 'delete': False}}]}
SELF_HOSTED_EXTRAS = {
    'allow_authenticate_via_warp': True, 'allow_iframe': False, 'allowed_idps': ['idp'], 'app_launcher_visible': True,
    'auto_redirect_to_identity': True, 'custom_deny_message': 'no', 'custom_deny_url': 'https://deny',
    'custom_non_identity_deny_url': 'https://deny2', 'custom_pages': ['page'], 'eager_redirect_cookie_setting': True,
    'enable_binding_cookie': False, 'http_only_cookie_attribute': True, 'logo_url': 'https://logo',
    'cors_headers': {'allow_all_headers': True, 'allowed_methods': ['GET', 'OPTIONS'], 'allowed_origins': ['https://a'],
                     'allow_credentials': True, 'max_age': 600},
    'mfa_config': {'allowed_authenticators': ['biometrics'], 'mfa_disabled': False, 'session_duration': '1h'},
    'oauth_configuration': {'enabled': True, 'dynamic_client_registration': {
        'enabled': True, 'allow_any_on_localhost': True, 'allow_any_on_loopback': False, 'allowed_uris': ['https://cb']},
        'grant': {'access_token_lifetime': '5m', 'session_duration': '24h'}},
    'path_cookie_attribute': False, 'read_service_tokens_from_header': 'cf-token', 'same_site_cookie_attribute': 'lax',
    'service_auth_401_redirect': True, 'session_duration': '2h45m', 'skip_interstitial': True, 'tags': ['a', 'b'],
    'use_clientless_isolation_app_launcher_url': False, 'scim_config': SCIM, 'policies': LINKS,
}
DESTINATIONS = [{'type': 'public', 'uri': 'app.example.com/admin'},
                {'type': 'private', 'cidr': '10.5.0.0/24', 'port_range': '80-90', 'l4_protocol': 'tcp', 'vnet_id': 'v'},
                {'type': 'private', 'hostname': 'sni.example.com'}, {'type': 'worker', 'worker_id': 'w'},
                {'type': 'preview_worker', 'worker_id': 'w'}, {'type': 'all_workers'}, {'type': 'all_preview_workers'}]
TC_RDP = [{'port': 3389, 'protocol': 'RDP', 'target_attributes': {'hostname': ['win1', 'win2']}}]
TC_SSH = [{'port': 22, 'protocol': 'SSH', 'target_attributes': {'hostname': ['db1'], 'env': ['prod']}}]
SAML = {'auth_type': 'saml', 'sp_entity_id': 'sp', 'consumer_service_url': 'https://sp/acs', 'name_id_format': 'email',
        'default_relay_state': 'rs', 'name_id_transform_jsonata': '$', 'saml_attribute_transform_jsonata': '$',
        'idp_entity_id': 'idp', 'sso_endpoint': 'https://sso', 'public_key': 'pk',
        'custom_attributes': [{'name': 'email', 'friendly_name': 'Email', 'required': True,
                               'name_format': 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic',
                               'source': {'name': 'mail', 'name_by_idp': [{'idp_id': 'idp', 'source_name': 'upn'}]}}]}
OIDC = {'auth_type': 'oidc', 'redirect_uris': ['https://app/cb'], 'grant_types': ['authorization_code', 'refresh_tokens'],
        'scopes': ['openid', 'email'], 'access_token_lifetime': '5m', 'allow_pkce_without_client_secret': False,
        'app_launcher_url': 'https://app', 'group_filter_regex': '.*', 'client_id': 'cid', 'client_secret': 'cs',
        'public_key': 'pk',
        'hybrid_and_implicit_options': {'return_access_token_from_authorization_endpoint': True,
                                        'return_id_token_from_authorization_endpoint': False},
        'refresh_token_options': {'lifetime': '720h'},
        'custom_claims': [{'name': 'groups', 'required': False, 'scope': 'groups',
                           'source': {'name': 'groups', 'name_by_idp': {'idp': 'memberOf'}}}]}


MCP = {'type': 'mcp', 'name': 'mcp', 'destinations': [{'type': 'via_mcp_server_portal', 'mcp_server_id': 's'}],
       'allow_authenticate_via_warp': True, 'allowed_idps': ['idp'], 'auto_redirect_to_identity': True,
       'custom_deny_message': 'm', 'custom_deny_url': 'https://d', 'custom_non_identity_deny_url': 'https://d2',
       'custom_pages': ['p'], 'http_only_cookie_attribute': True, 'logo_url': 'https://l',
       'oauth_configuration': {'enabled': False}, 'options_preflight_bypass': True,
       'same_site_cookie_attribute': 'strict', 'scim_config': {'idp_uid': 'i', 'remote_uri': 'https://r'},
       'session_duration': '24h', 'tags': ['t'], 'policies': LINKS}


def _self_hosted_like(app_type, **extra):
    body = dict(copy.deepcopy(SELF_HOSTED_EXTRAS), type=app_type, name=app_type + ' app', domain='app.example.com/admin',
                destinations=copy.deepcopy(DESTINATIONS))
    body.update(extra)
    return body


SAMPLES = {
    'self_hosted': [
        _self_hosted_like('self_hosted'),
        {'type': 'self_hosted', 'domain': 'min.example.com', 'options_preflight_bypass': True},
        {'type': 'self_hosted', 'domain': 'legacy.example.com', 'self_hosted_domains': ['legacy.example.com'],
         'policies': [UUID1, UUID2]},
    ],
    'ssh': [_self_hosted_like('ssh'), {'type': 'ssh', 'domain': 'ssh.example.com', 'options_preflight_bypass': True,
                                       'self_hosted_domains': ['ssh.example.com']}],
    'vnc': [_self_hosted_like('vnc'), {'type': 'vnc', 'domain': 'vnc.example.com', 'options_preflight_bypass': False,
                                       'self_hosted_domains': ['vnc.example.com']}],
    'rdp': [_self_hosted_like('rdp', target_criteria=TC_RDP),
            {'type': 'rdp', 'domain': 'rdp.example.com', 'target_criteria': TC_RDP, 'options_preflight_bypass': True,
             'self_hosted_domains': ['rdp.example.com']}],
    'saas': [
        {'type': 'saas', 'name': 'saml', 'saas_app': SAML, 'allowed_idps': ['idp'], 'app_launcher_visible': True,
         'auto_redirect_to_identity': True, 'custom_pages': ['p'], 'logo_url': 'https://l', 'tags': ['t'],
         'scim_config': SCIM, 'policies': LINKS},
        {'type': 'saas', 'name': 'oidc', 'saas_app': OIDC},
        {'type': 'saas', 'name': 'saml-minimal', 'saas_app': {'sp_entity_id': 'sp'}},
    ],
    'app_launcher': [{'type': 'app_launcher', 'allowed_idps': ['idp'], 'app_launcher_logo_url': 'https://l',
                      'auto_redirect_to_identity': True, 'bg_color': '#000000', 'custom_deny_url': 'https://d',
                      'custom_non_identity_deny_url': 'https://d2', 'custom_pages': ['p'],
                      'footer_links': [{'name': 'Privacy', 'url': 'https://p'}], 'header_bg_color': '#ffffff',
                      'landing_page_design': {'button_color': '#ff0000', 'button_text_color': '#ffffff',
                                              'image_url': 'https://i', 'message': 'hi', 'title': 'Welcome!'},
                      'session_duration': '24h', 'skip_app_launcher_login_page': True, 'policies': LINKS}],
    'warp': [{'type': 'warp', 'allowed_idps': ['idp'], 'auto_redirect_to_identity': True, 'custom_deny_url': 'https://d',
              'custom_non_identity_deny_url': 'https://d2', 'custom_pages': ['p'], 'session_duration': '24h',
              'policies': [UUID1]}],
    'biso': [{'type': 'biso', 'allowed_idps': ['idp'], 'auto_redirect_to_identity': False, 'custom_deny_url': 'https://d',
              'custom_non_identity_deny_url': 'https://d2', 'custom_pages': ['p'], 'session_duration': '1h',
              'policies': [{'id': UUID2}]}],
    'proxy_endpoint': [{'type': 'proxy_endpoint', 'name': 'Gateway Proxy', 'domain': 'abcd123456.proxy.cloudflare-gateway.com',
                        'allowed_idps': ['idp'], 'auto_redirect_to_identity': True, 'custom_deny_url': 'https://d',
                        'custom_non_identity_deny_url': 'https://d2', 'custom_pages': ['p'], 'session_duration': '24h',
                        'policies': LINKS}],
    'bookmark': [{'type': 'bookmark', 'name': 'bm', 'domain': 'https://bm.example.com', 'app_launcher_visible': True,
                  'logo_url': 'https://l', 'tags': ['t'], 'policies': LINKS}],
    'infrastructure': [{'type': 'infrastructure', 'name': 'servers', 'target_criteria': TC_SSH, 'policies': [INFRA_POLICY]}],
    'mcp': [MCP],
    'mcp_portal': [{'type': 'mcp_portal', 'name': 'portal', 'domain': 'portal.example.com',
                    'destinations': [{'type': 'public', 'uri': 'portal.example.com'}], 'tags': ['t'],
                    'session_duration': '24h', 'policies': [UUID1]},
                   dict(MCP, type='mcp_portal', name='portal 2', domain='portal2.example.com')],
}
ZONE_SAMPLES = {
    'self_hosted': [{'type': 'self_hosted', 'name': 'z', 'domain': 'z.example.com', 'allow_iframe': True,
                     'allowed_idps': ['idp'], 'app_launcher_visible': True, 'auto_redirect_to_identity': True,
                     'cors_headers': {'allowed_methods': ['GET'], 'allowed_origins': ['https://a']},
                     'custom_deny_message': 'm', 'custom_deny_url': 'https://d', 'enable_binding_cookie': False,
                     'eager_redirect_cookie_setting': True, 'http_only_cookie_attribute': True, 'logo_url': 'https://l',
                     'same_site_cookie_attribute': 'lax', 'scim_config': {'idp_uid': 'i', 'remote_uri': 'https://r'},
                     'service_auth_401_redirect': True, 'session_duration': '24h', 'skip_interstitial': True,
                     'use_clientless_isolation_app_launcher_url': False}],
    'ssh': [{'type': 'ssh', 'name': 'z', 'domain': 'ssh.example.com', 'session_duration': '1h'}],
    'vnc': [{'type': 'vnc', 'name': 'z', 'domain': 'vnc.example.com', 'options_preflight_bypass': True}],
    'saas': [{'type': 'saas', 'name': 'z', 'saas_app': {'sp_entity_id': 'sp', 'consumer_service_url': 'https://acs'},
              'allowed_idps': ['idp'], 'logo_url': 'https://l'}],
    'app_launcher': [{'type': 'app_launcher', 'session_duration': '24h', 'allowed_idps': ['idp']}],
    'warp': [{'type': 'warp', 'session_duration': '24h'}],
    'biso': [{'type': 'biso', 'auto_redirect_to_identity': False}],
    'bookmark': [{'type': 'bookmark', 'name': 'z', 'domain': 'https://bm.example.com', 'app_launcher_visible': True}],
}


def _samples(table):
    return [(app_type, index) for app_type in sorted(table) for index in range(len(table[app_type]))]


def test_every_creatable_type_has_samples():
    assert sorted(SAMPLES) == sorted(_schema.CREATABLE_TYPES)
    assert sorted(ZONE_SAMPLES) == sorted(_schema.ZONE_TYPES)
    # the samples together use every top-level option of every type
    for app_type in _schema.CREATABLE_TYPES:
        used = set()
        for body in SAMPLES[app_type]:
            used |= set(body)
        assert sorted(set(_schema.fields_for(app_type)) - used) == [], app_type


@pytest.mark.parametrize('app_type, index', _samples(SAMPLES))
def test_c_sample_is_accepted_by_the_models(app_type, index):
    assert _models.validate_app_request(copy.deepcopy(SAMPLES[app_type][index])) == []


@pytest.mark.parametrize('app_type, index', _samples(ZONE_SAMPLES))
def test_c_zone_sample_is_accepted_by_the_models(app_type, index):
    assert _models.validate_app_request(copy.deepcopy(ZONE_SAMPLES[app_type][index]), scope='zone') == []


@pytest.fixture(scope='module')
def oas(openapi):
    validator_module = pytest.importorskip('openapi_schema_validator')
    referencing = pytest.importorskip('referencing')
    from referencing.jsonschema import DRAFT4
    registry = referencing.Registry().with_resource(
        'urn:access-apps', referencing.Resource.from_contents(openapi.document, default_specification=DRAFT4))

    def errors(pointer, instance):
        validator = validator_module.OAS30Validator({'$ref': 'urn:access-apps#' + pointer}, registry=registry)
        return sorted('%s: %s' % ('/'.join(str(p) for p in e.absolute_path), e.message)
                      for e in validator.iter_errors(instance))
    return errors


@pytest.mark.parametrize('app_type, index', _samples(SAMPLES))
def test_c_sample_validates_against_its_openapi_variant(openapi, oas, app_type, index):
    body = copy.deepcopy(SAMPLES[app_type][index])
    variant = openapi.variants('account')[app_type][0]
    # inline policies are checked on their own below: the spec's policy oneOf also matches them as a link
    inline = [p for p in body.get('policies', []) if isinstance(p, dict) and 'name' in p]
    if inline and app_type != 'infrastructure':
        body['policies'] = [p for p in body['policies'] if p not in inline]
    assert set(body) <= set(openapi.variants('account')[app_type][1]['properties'])
    saas_app = body.pop('saas_app', None)
    assert oas('/components/schemas/access_app_request/anyOf/%d' % variant, body) == []
    if saas_app is not None:
        # the spec's saas_app oneOf has two all-optional members, so any object matches both: check the member
        member = 'access_oidc_saas_app' if saas_app.get('auth_type') == 'oidc' else 'access_saml_saas_app'
        assert oas('/components/schemas/' + member, saas_app) == []


@pytest.mark.parametrize('app_type, index', _samples(ZONE_SAMPLES))
def test_c_zone_sample_validates_against_the_legacy_variant(openapi, oas, app_type, index):
    body = copy.deepcopy(ZONE_SAMPLES[app_type][index])
    variant = openapi.variants('zone')[app_type][0]
    assert set(body) <= set(openapi.variants('zone')[app_type][1]['properties'])
    saas_app = body.pop('saas_app', None)
    assert oas('/components/schemas/access_apps/anyOf/%d' % variant, body) == []
    if saas_app is not None:
        assert oas('/components/schemas/access_saml_saas_app-2', saas_app) == []


def test_c_inline_policies_validate_against_the_policy_schemas(oas):
    assert _models.validate_app_request({'type': 'self_hosted', 'domain': 'a.example.com', 'policies': [INLINE_POLICY]}) == []
    assert oas('/components/schemas/access_app_policy_request', INLINE_POLICY) == []
    assert oas('/components/schemas/access_infra_policy_req', INFRA_POLICY) == []
    reusable = dict((k, v) for k, v in INLINE_POLICY.items() if k != 'precedence')
    assert _models.validate_policy_request(reusable) == []
    assert oas('/components/schemas/access_policy_req', reusable) == []


def test_c_openapi_and_models_reject_the_same_wrong_shapes(oas):
    """The validator is not vacuous: a wrong JSON type fails in both."""
    body = {'type': 'self_hosted', 'domain': 'a.example.com', 'session_duration': 24, 'tags': 'a'}
    assert len(_models.validate_app_request(body)) == 2
    assert len(oas('/components/schemas/access_app_request/anyOf/0', body)) == 2


# --------------------------------------------------------------------------------------------
# (b) the Ansible argument spec
# --------------------------------------------------------------------------------------------

def _module_params(body):
    """An API body as module options (option names; scim authentication always a list; policy links as dicts:
    the module documents policies as a list of dicts, the bare-UUID form is API-only)."""
    params = copy.deepcopy(body)
    if params.get('policies'):
        params['policies'] = [{'id': p} if isinstance(p, str) else p for p in params['policies']]
    if hasattr(_schema, 'to_options'):
        params = _schema.to_options(params, _schema.APP_FIELDS)
    scim = params.get('scim_config')
    if scim and isinstance(scim.get('authentication'), dict):
        scim['authentication'] = [scim['authentication']]
    return params


@pytest.fixture(scope='module')
def argspec_validator():
    return ArgumentSpecValidator(_schema.argument_spec())


@pytest.mark.parametrize('app_type, index', _samples(SAMPLES) + [('zone:' + t, i) for t, i in _samples(ZONE_SAMPLES)])
def test_b_samples_are_valid_module_params(argspec_validator, app_type, index):
    table = ZONE_SAMPLES if app_type.startswith('zone:') else SAMPLES
    body = table[app_type.split(':')[-1]][index]
    result = argspec_validator.validate(_module_params(body))
    assert result.error_messages == []
    # nothing lost or re-typed on the way: what the user wrote is what the module sees (None = unset)
    validated = json.loads(json.dumps(result.validated_parameters))

    def strip(value):
        if isinstance(value, dict):
            return dict((k, strip(v)) for k, v in value.items() if v is not None)
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value
    assert strip(validated) == json.loads(json.dumps(_module_params(body)))


def test_b_argument_spec_rejects_what_the_schema_refuses(argspec_validator):
    bad = [
        ({'type': 'teleport'}, 'type'),
        ({'cors_headers': {'allowed_methods': ['FETCH']}}, 'allowed_methods'),
        ({'policies': [{'include': [{'email': {'email': 'a'}, 'everyone': {}}]}]}, 'mutually exclusive'),
        ({'policies': [{'include': [{}]}]}, 'one of the following is required'),
        ({'policies': [{'include': [{'email': {}}]}]}, 'email'),
        ({'footer_links': [{'name': 'x'}]}, 'url'),
        ({'target_criteria': [{'port': 22, 'protocol': 'TELNET', 'target_attributes': {}}]}, 'protocol'),
        ({'scim_config': {'remote_uri': 'https://r'}}, 'idp_uid'),
    ]
    for params, word in bad:
        messages = argspec_validator.validate(params).error_messages
        assert messages and any(word in m for m in messages), (params, messages)


def _walk_argspec(spec, prefix=''):
    for name, option in spec.items():
        yield prefix + name, option
        if option.get('options'):
            yield from _walk_argspec(option['options'], prefix + name + '.')


def test_b_every_secret_is_no_log_and_nothing_else_is():
    options = dict(_walk_argspec(_schema.argument_spec()))
    no_log = sorted(path for path, option in options.items() if option.get('no_log'))
    assert no_log == sorted(_schema.SECRET_FIELDS)  # secrets keep their API names as option names
    # names that look secret (ansible-test's heuristic) but are not say so explicitly
    for path, option in options.items():
        if _schema.NO_LOG_NAME_RE.search(path.rsplit('.', 1)[-1]) and path not in _schema.SECRET_FIELDS:
            assert option.get('no_log') is False, path


def test_b_secret_values_are_collected_as_no_log_values(argspec_validator):
    result = argspec_validator.validate({
        'saas_app': {'auth_type': 'oidc', 'redirect_uris': ['https://cb'], 'client_secret': 'S-oidc'},
        'scim_config': {'idp_uid': 'i', 'remote_uri': 'https://r', 'authentication': [
            {'scheme': 'httpbasic', 'user': 'u', 'password': 'S-basic'}, {'scheme': 'oauthbearertoken', 'token': 'S-bearer'},
            {'scheme': 'access_service_token', 'client_id': 'c', 'client_secret': 'S-service'}]}})
    assert result.error_messages == []
    assert set(result._no_log_values) == {'S-oidc', 'S-basic', 'S-bearer', 'S-service'}


def test_b_top_level_options_are_never_required_by_the_argument_spec():
    # per-type requirements are checked by the models, with the type's name in the message
    spec = _schema.argument_spec()
    assert [name for name, option in spec.items() if option.get('required')] == []
    names = [getattr(_schema, 'option_name', lambda k, v: k)(k, v) for k, v in _schema.APP_FIELDS.items()]
    assert sorted(spec) == sorted(names)
    rule_list = spec['policies']['options']['include']
    kinds = sorted(rule_list['options'])
    assert len(kinds) == 26
    assert sorted(rule_list['mutually_exclusive'][0]) == kinds and sorted(rule_list['required_one_of'][0]) == kinds


@pytest.mark.parametrize('where, key, value, expected', [
    (('cors_headers', 'options', 'max_age'), 'maximum', 86000, 'account/self_hosted.cors_headers.max_age'),
    (('tags',), 'types', ('self_hosted',), 'account/saas'),
    (('policies', 'options', 'include', 'options', 'geo', 'options', 'country_code'), 'required', False,
     'account/self_hosted.policies[]<inline>.include[].geo'),
    (('saas_app', 'options', 'grant_types'), 'choices', ['implicit'], 'account/saas.saas_app<oidc>.grant_types'),
    (('session_duration',), 'server_default', '12h', 'account/self_hosted.session_duration'),
])
def test_the_comparison_sees_a_planted_difference(openapi, monkeypatch, where, key, value, expected):
    """The OpenAPI comparison is not vacuous: change one fact of the schema and it is reported."""
    spec = _schema.APP_FIELDS
    for part in where:
        spec = spec[part]
    monkeypatch.setitem(spec, key, value)
    differences = all_differences(openapi)
    assert any(path.startswith(expected) for path, dummy in differences), differences[:5]
