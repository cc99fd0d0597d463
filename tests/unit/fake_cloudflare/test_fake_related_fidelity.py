# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fake's Access groups, tags, identity providers and service tokens against the official OpenAPI extract
(../shared/cloudflare-api/access-related.openapi.json): paths and methods, response schemas, required request
fields, list page sizes and object fields.  Skipped when the extract (outside the repository) or
openapi-schema-validator is not available.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import os
import re

import pytest

from ansible_collections.zerotrust.cloudflare.tests.fake_cloudflare import related
from ansible_collections.zerotrust.cloudflare.tests.unit.fake_cloudflare.test_fake_fidelity import REPO_ROOT, load_spec

# `make units` says where the extract is (ZEROTRUST_CLOUDFLARE_RELATED_OPENAPI); else beside the applications extract
# it names, else ../shared beside the checkout
SPEC_FILE = os.environ.get('ZEROTRUST_CLOUDFLARE_RELATED_OPENAPI') or os.path.join(
    os.path.dirname(os.environ.get('ZEROTRUST_CLOUDFLARE_OPENAPI') or os.path.join(
        os.path.dirname(REPO_ROOT), 'shared', 'cloudflare-api', 'access-apps.openapi.json')),
    'access-related.openapi.json')
METHODS = ('get', 'post', 'put', 'delete')
RULES = [{'email_domain': {'domain': 'example.com'}}]
# path templates -> the object schema of their results
OBJECT_SCHEMAS = {'groups': ('access_groups-2', 'access_groups-3'), 'tags': ('access_tag',),
                  'identity_providers': ('access_identity-provider',), 'service_tokens': ('access_service-tokens',)}


@pytest.fixture(scope='module')
def spec():
    return load_spec(SPEC_FILE)


@pytest.fixture
def fake(fake_cloudflare):
    fake_cloudflare.seed(identity_providers=[{'name': 'Okta', 'type': 'okta'}], service_tokens=[{'name': 'ci'}],
                         tags=['existing'])
    return fake_cloudflare


def _ids(fake):
    state = fake.state()['accounts'][fake.account_id]
    return {'idp': state['idps'][0]['id'], 'token': state['service_tokens'][0]['id']}


def _concrete(template, fake, ids):
    return (template.replace('{account_id}', fake.account_id).replace('{zone_id}', fake.zone_id)
            .replace('{identity_provider_id}', ids.get('idp', 'x')).replace('{service_token_id}', ids.get('token', 'x'))
            .replace('{group_id}', ids.get('group', 'x')).replace('{tag_name}', ids.get('tag', 'x')))


def _template(regex):
    """The extract path a route of related.ROUTES serves (as a regular expression over templates)."""
    text = regex.pattern.replace('^/(accounts|zones)/([^/]+)', '/(accounts/{account_id}|zones/{zone_id})')
    return re.compile(text.replace('([^/]+)', r'\{[a-z_]+\}'))


def test_the_fake_serves_exactly_the_documented_paths_and_methods(spec):
    documented = set((path, method.upper()) for path, item in spec.doc['paths'].items() for method in item if method in METHODS)
    served = set()
    for regex, dummy, methods in related.ROUTES:
        pattern = _template(regex)
        paths = [p for p in spec.doc['paths'] if pattern.match(p)]
        assert paths, 'route %s serves no documented path' % regex.pattern
        served.update((path, method) for path in paths for method in methods)
    assert served == documented


def test_every_documented_operation_answers_per_its_response_schema(spec, fake):
    ids = _ids(fake)
    group = fake.call('POST', '/accounts/{account_id}/access/groups', {'name': 'g', 'include': RULES}, expect=201)['result']
    zone_group = fake.call('POST', '/zones/{zone_id}/access/groups', {'name': 'z', 'include': RULES}, expect=201)['result']
    bodies = {'groups': {'name': 'g2', 'include': RULES, 'exclude': [{'login_method': {'id': ids['idp']}}],
                         'require': [{'service_token': {'token_id': ids['token']}}]},
              'tags': {'name': 'fresh'}}
    checked = 0
    for template, item in sorted(spec.doc['paths'].items()):
        zone = template.startswith('/zones/')
        for method in ('get', 'post', 'put', 'delete'):
            if method not in item:
                continue
            kind = template.split('/')[4]
            here = dict(ids, group=(zone_group if zone else group)['id'], tag='existing')
            body = None
            if method in ('post', 'put'):
                body = dict(bodies[kind], is_default=False) if kind == 'groups' and not zone else bodies[kind]
                if method == 'put' and kind == 'tags':
                    body = {'name': 'renamed'}
                spec.check('/paths/%s/%s/requestBody/content/application~1json/schema' % (
                    template.replace('~', '~0').replace('/', '~1'), method), body)
            if method == 'delete':
                continue  # after the other methods (below)
            resp = fake.request(method.upper(), _concrete(template, fake, here), body)
            assert resp.status < 300, (method, template, resp)
            spec.check_response(template, method, resp)
            checked += 1
            if method == 'put' and kind == 'tags':
                fake.call('PUT', '/accounts/{account_id}/access/tags/renamed', {'name': 'existing'})
        if 'delete' in item:
            target = {'groups': (zone_group if zone else group)['id'], 'tags': 'fresh'}[template.split('/')[4]]
            resp = fake.request('DELETE', _concrete(template, fake, {'group': target, 'tag': target}))
            assert resp.status == 202, (template, resp)
            spec.check_response(template, 'delete', resp)
            checked += 1
    assert checked == sum(1 for item in spec.doc['paths'].values() for method in item if method in METHODS)


def test_failures_answer_per_the_4xx_schema(spec, fake):
    for template, method, body in (('/accounts/{account_id}/access/groups/{group_id}', 'get', None),
                                   ('/accounts/{account_id}/access/identity_providers/{identity_provider_id}', 'get', None),
                                   ('/accounts/{account_id}/access/tags', 'post', {'name': 'existing'}),
                                   ('/zones/{zone_id}/access/groups', 'post', {'name': 'z', 'include': RULES, 'is_default': True})):
        resp = fake.request(method.upper(), _concrete(template, fake, {'idp': '99999999-9999-4999-8999-999999999999'}), body)
        assert 400 <= resp.status < 500, (template, resp)
        spec.check_response(template, method, resp)


def _schema(spec, ref):
    return spec.doc['components']['schemas'][ref.split('/')[-1]]


def test_required_request_fields_are_required(spec, fake):
    groups = {'/accounts/': fake.call('POST', '/accounts/{account_id}/access/groups', {'name': 'g', 'include': RULES})['result']['id'],
              '/zones/': fake.call('POST', '/zones/{zone_id}/access/groups', {'name': 'z', 'include': RULES})['result']['id']}
    for template, item in spec.doc['paths'].items():
        for method in ('post', 'put'):
            if method not in item:
                continue
            schema = item[method]['requestBody']['content']['application/json']['schema']
            schema = _schema(spec, schema['$ref']) if '$ref' in schema else schema
            full = {'name': 'req', 'include': RULES} if '/groups' in template else {'name': 'req'}
            for field in schema.get('required', ()):
                broken = dict((k, v) for k, v in full.items() if k != field)
                path = _concrete(template, fake, {'tag': 'existing', 'group': groups['/zones/' if '/zones/' in template else '/accounts/']})
                resp = fake.request(method.upper(), path, broken)
                assert resp.status == 400, (method, template, field, resp)


def test_list_page_sizes_default_as_documented(spec, fake):
    fake.seed(tags=['t%02d' % i for i in range(60)])
    for template, item in spec.doc['paths'].items():
        if 'get' not in item or template.endswith('}'):
            continue
        default = None
        for param in item['get'].get('parameters', ()):
            if '$ref' in param:
                param = spec.doc['components']['parameters'][param['$ref'].split('/')[-1]]
            if param.get('name') == 'per_page':
                default = param['schema']['default']
        info = fake.call('GET', _concrete(template, fake, {}))['result_info']
        if default is None:
            continue  # the zone list documents no paging: the fake uses the account one's
        assert info['per_page'] == default, template
    assert fake.call('GET', '/accounts/{account_id}/access/tags')['result_info']['total_pages'] == 2


def test_objects_have_only_documented_fields(spec, fake):
    fake.call('POST', '/accounts/{account_id}/access/groups', {'name': 'g', 'include': RULES, 'is_default': True}, expect=201)
    fake.call('POST', '/zones/{zone_id}/access/groups', {'name': 'z', 'include': RULES}, expect=201)
    for template in ('/accounts/{account_id}/access/groups', '/zones/{zone_id}/access/groups', '/accounts/{account_id}/access/tags',
                     '/accounts/{account_id}/access/identity_providers', '/accounts/{account_id}/access/service_tokens'):
        kind = template.rsplit('/', maxsplit=1)[-1]
        schema = _schema(spec, OBJECT_SCHEMAS[kind][1 if template.startswith('/zones/') and kind == 'groups' else 0])
        objects = fake.call('GET', _concrete(template, fake, {}))['result']
        assert objects, template
        for obj in objects:
            assert set(obj) <= set(schema['properties']), (template, sorted(set(obj) - set(schema['properties'])))
            assert set(schema.get('required', ())) <= set(obj), template
            assert 'is_default' not in obj  # write-only in the fake: the response schema declares a list of rules (I)
