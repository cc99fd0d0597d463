# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Feature 9: the fake against the official OpenAPI extract (../shared/cloudflare-api/access-apps.openapi.json).

Responses are validated with the spec's own response schemas (OpenAPI 3.0 semantics, `nullable`);
sample request bodies are checked against the spec first, then sent to the fake, which must accept
them, and reject the same bodies made invalid (unknown field, wrong enum, missing required field).
Skipped when the extract (outside the repository) or openapi-schema-validator is not available.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import copy
import json
import os

import pytest

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _schema

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__)))))
# `make units` runs from a copy of the checkout and says where the extract is; else ../shared beside the checkout
SPEC_FILE = os.environ.get('ZEROTRUST_CLOUDFLARE_OPENAPI') or os.path.join(
    os.path.dirname(REPO_ROOT), 'shared', 'cloudflare-api', 'access-apps.openapi.json')
URI = 'urn:fake-cloudflare:access-apps-openapi'

# spec variant title -> application type (the titles of access_app_request / access_app_response / access_apps)
TITLES = {
    'Self Hosted Application': 'self_hosted', 'SaaS Application': 'saas', 'Browser SSH Application': 'ssh',
    'Browser VNC Application': 'vnc', 'App Launcher Application': 'app_launcher',
    'Device Enrollment Permissions Application': 'warp', 'Browser Isolation Permissions Application': 'biso',
    'Gateway Identity Proxy Endpoint Application': 'proxy_endpoint', 'Bookmark application': 'bookmark',
    'Infrastructure application': 'infrastructure', 'Browser RDP Application': 'rdp', 'MCP Server Application': 'mcp',
    'MCP Server Portal Application': 'mcp_portal',
}
INLINE = {'name': 'inline', 'decision': 'allow', 'include': [{'email': {'email': 'a@example.com'}}], 'exclude': [{'ip': {'ip': '10.0.0.1'}}]}
SAMPLES = {
    'self_hosted': {'type': 'self_hosted', 'name': 'sh', 'domain': 'sh.example.com', 'session_duration': '12h', 'tags': ['b', 'a'],
                    'cors_headers': {'allowed_methods': ['GET'], 'max_age': 600}, 'policies': [INLINE],
                    'scim_config': {'idp_uid': 'idp', 'remote_uri': 'https://scim.example.com',
                                    'authentication': {'scheme': 'httpbasic', 'user': 'u', 'password': 'p'}}},
    'saas': {'type': 'saas', 'name': 'saml', 'saas_app': {'sp_entity_id': 'sp', 'consumer_service_url': 'https://sp.example.com/acs',
                                                          'name_id_format': 'email'}},
    'ssh': {'type': 'ssh', 'name': 'ssh', 'domain': 'ssh.example.com'},
    'vnc': {'type': 'vnc', 'name': 'vnc', 'domain': 'vnc.example.com', 'destinations': [{'type': 'public', 'uri': 'vnc.example.com'}]},
    'app_launcher': {'type': 'app_launcher', 'session_duration': '8h', 'footer_links': [{'name': 'help', 'url': 'https://help.example.com'}]},
    'warp': {'type': 'warp', 'session_duration': '8h'},
    'biso': {'type': 'biso'},
    'proxy_endpoint': {'type': 'proxy_endpoint', 'domain': 'abcdefghij.proxy.cloudflare-gateway.com'},
    'bookmark': {'type': 'bookmark', 'name': 'bm', 'domain': 'https://bookmark.example.com'},
    'infrastructure': {'type': 'infrastructure', 'name': 'infra', 'target_criteria': [
        {'port': 22, 'protocol': 'SSH', 'target_attributes': {'hostname': ['db1']}}],
        'policies': [{'name': 'ssh', 'decision': 'allow', 'include': [{'everyone': {}}], 'connection_rules': {'ssh': {'usernames': ['root']}}}]},
    'rdp': {'type': 'rdp', 'name': 'rdp', 'domain': 'rdp.example.com', 'target_criteria': [
        {'port': 3389, 'protocol': 'RDP', 'target_attributes': {'hostname': ['win1']}}]},
    'mcp': {'type': 'mcp', 'name': 'mcp', 'destinations': [{'type': 'public', 'uri': 'mcp.example.com'}]},
    'mcp_portal': {'type': 'mcp_portal', 'name': 'portal', 'domain': 'portal.example.com'},
}
ZONE_SAMPLES = {
    'self_hosted': {'type': 'self_hosted', 'name': 'zsh', 'domain': 'zsh.example.com', 'session_duration': '12h'},
    'saas': {'type': 'saas', 'name': 'zsaas', 'saas_app': {'sp_entity_id': 'sp', 'consumer_service_url': 'https://sp.example.com/acs'}},
    'bookmark': {'type': 'bookmark', 'name': 'zbm', 'domain': 'https://zbm.example.com'},
    'warp': {'type': 'warp'},
}
ACCOUNT_APPS = '/accounts/{account_id}/access/apps'


def unmask(app):
    """Deliberate divergence: the fake never returns SCIM secrets (write-only, see PITFALLS 15), while the
    spec's response schema marks them required.  Put a placeholder back before checking against the spec."""
    app = copy.deepcopy(app)
    auth = (app.get('scim_config') or {}).get('authentication') if isinstance(app, dict) else None
    for item in auth if isinstance(auth, list) else [auth] if auth else []:
        assert not any(p.rsplit('.', maxsplit=1)[-1] in item for p in _schema.SECRET_FIELDS if p.startswith('scim_config.')), item
        for field in _schema.SCIM_AUTH_VARIANTS['required'].get(item.get('scheme'), ()):
            if 'scim_config.authentication.' + field in _schema.SECRET_FIELDS:
                item[field] = '(write-only)'
    return app


def load_spec(path):
    """A Spec of the extract at `path`; skips the test when it or the validator is not available."""
    if not os.path.exists(path):
        pytest.skip('the OpenAPI extract %s is not available' % path)
    pytest.importorskip('openapi_schema_validator')
    pytest.importorskip('referencing')
    with open(path) as stream:
        return Spec(json.load(stream))


@pytest.fixture(scope='module')
def spec():
    return load_spec(SPEC_FILE)


class Spec:
    """The extract in a referencing registry; validators for its schemas by JSON pointer."""

    def __init__(self, document):
        from jsonschema.validators import extend  # pylint: disable=import-outside-toplevel
        from openapi_schema_validator import OAS30Validator  # pylint: disable=import-outside-toplevel
        from referencing import Registry, Resource  # pylint: disable=import-outside-toplevel
        from referencing.jsonschema import DRAFT4  # pylint: disable=import-outside-toplevel
        self.doc = document
        # The extract's oneOf alternatives are not mutually exclusive (no additionalProperties: false, no
        # discriminator): a SAML saas_app or an inline policy also matches the OIDC / link alternative, so a
        # literal oneOf rejects every real body.  Check them as anyOf, as the SDKs effectively do.
        self.validator_class = extend(OAS30Validator, {'oneOf': OAS30Validator.VALIDATORS['anyOf']})
        self.registry = Registry().with_resource(URI, Resource.from_contents(document, default_specification=DRAFT4))

    def errors(self, pointer, instance):
        validator = self.validator_class({'$ref': URI + '#' + pointer}, registry=self.registry)
        return ['%s: %s' % ('/'.join(str(p) for p in e.absolute_path), e.message) for e in validator.iter_errors(instance)]

    def check(self, pointer, instance):
        errors = self.errors(pointer, instance)
        assert not errors, '%s\n%s' % (pointer, '\n'.join(errors[:10]))

    @staticmethod
    def _escape(text):
        return text.replace('~', '~0').replace('/', '~1')

    def response_pointer(self, template, method, status):
        responses = self.doc['paths'][template][method.lower()]['responses']
        key = str(status) if str(status) in responses else '4XX'
        return '/paths/%s/%s/responses/%s/content/application~1json/schema' % (self._escape(template), method.lower(), key)

    def check_response(self, template, method, resp):
        body = resp.json()
        if isinstance(body.get('result'), list):
            body['result'] = [unmask(item) for item in body['result']]
        elif isinstance(body.get('result'), dict):
            body['result'] = unmask(body['result'])
        self.check(self.response_pointer(template, method, resp.status), body)

    def variant_pointer(self, schema_name, app_type):
        for index, variant in enumerate(self.doc['components']['schemas'][schema_name]['anyOf']):
            if TITLES.get(variant.get('title')) == app_type:
                return '/components/schemas/%s/anyOf/%d' % (schema_name, index)
        raise AssertionError('no %s variant for %s' % (schema_name, app_type))

    def required(self, schema_name, app_type):
        """Required top-level fields of the request variant of `app_type` (following allOf and $ref)."""
        found = set()

        def walk(schema):
            if '$ref' in schema:
                schema = self.doc['components']['schemas'][schema['$ref'].split('/')[-1]]
            found.update(schema.get('required', ()))
            for part in schema.get('allOf', ()):
                walk(part)
        walk(self.doc['components']['schemas'][schema_name]['anyOf'][int(self.variant_pointer(schema_name, app_type).split('/')[-1])])
        return sorted(found)


def test_samples_cover_every_creatable_type():
    assert sorted(SAMPLES) == sorted(t for t, info in _schema.APP_TYPES.items() if info['creatable'])
    assert set(ZONE_SAMPLES) <= set(t for t, info in _schema.APP_TYPES.items() if info['zone'])


@pytest.mark.parametrize('app_type', sorted(SAMPLES))
def test_account_app_lifecycle_matches_the_spec(spec, fake_cloudflare, app_type):  # pylint: disable=redefined-outer-name
    fake = fake_cloudflare
    body = SAMPLES[app_type]
    fake.seed(tags=body.get('tags') or [])  # the API refuses tags that do not exist
    spec.check(spec.variant_pointer('access_app_request', app_type), body)
    tpl, item_tpl = '/accounts/{account_id}/access/apps', '/accounts/{account_id}/access/apps/{app_id}'
    created = fake.request('POST', ACCOUNT_APPS, body)
    assert created.status == 201, created
    spec.check_response(tpl, 'POST', created)
    result = created.json()['result']
    spec.check(spec.variant_pointer('access_app_response', app_type), unmask(result))
    item = ACCOUNT_APPS + '/' + result['id']
    for method, path, template, payload, status in (
            ('GET', item, item_tpl, None, 200),
            ('GET', ACCOUNT_APPS, tpl, None, 200),
            ('PUT', item, item_tpl, body, 200),
            ('GET', item + '/policies', tpl + '/{app_id}/policies', None, 200),
            ('DELETE', item, item_tpl, None, 202)):
        resp = fake.request(method, path, payload)
        assert resp.status == status, (method, path, resp)
        spec.check_response(template, method, resp)
    missing = fake.request('GET', item)
    assert missing.status == 404
    spec.check_response(item_tpl, 'GET', missing)


@pytest.mark.parametrize('app_type', sorted(SAMPLES))
def test_invalid_bodies_are_rejected_for_every_type(spec, fake_cloudflare, app_type):  # pylint: disable=redefined-outer-name
    fake = fake_cloudflare
    sample = SAMPLES[app_type]
    policy = dict(INLINE, decision='perhaps') if app_type != 'infrastructure' else dict(SAMPLES[app_type]['policies'][0], decision='perhaps')
    broken = [('unknown field', dict(sample, not_a_field=True)),
              ('wrong enum', dict(sample, policies=[policy]))]
    for field in spec.required('access_app_request', app_type) or ['type']:
        broken.append(('missing ' + field, dict((k, v) for k, v in sample.items() if k != field)))
    if 'type' not in spec.required('access_app_request', app_type):
        broken.append(('missing type', dict((k, v) for k, v in sample.items() if k != 'type')))
    for what, body in broken:
        resp = fake.request('POST', ACCOUNT_APPS, body)
        assert resp.status == 400, (what, resp)
        spec.check_response('/accounts/{account_id}/access/apps', 'POST', resp)
    assert fake.state()['accounts'][fake.account_id]['apps'] == []


@pytest.mark.parametrize('app_type', sorted(ZONE_SAMPLES))
def test_zone_apps_match_the_legacy_spec(spec, fake_cloudflare, app_type):  # pylint: disable=redefined-outer-name
    fake = fake_cloudflare
    body = ZONE_SAMPLES[app_type]
    spec.check(spec.variant_pointer('access_apps', app_type), body)
    tpl, item_tpl = '/zones/{zone_id}/access/apps', '/zones/{zone_id}/access/apps/{app_id}'
    created = fake.request('POST', '/zones/{zone_id}/access/apps', body)
    assert created.status == 201, created
    spec.check_response(tpl, 'POST', created)
    item = '/zones/{zone_id}/access/apps/' + created.json()['result']['id']
    for method, path, template, payload in (('GET', item, item_tpl, None), ('GET', '/zones/{zone_id}/access/apps', tpl, None),
                                            ('PUT', item, item_tpl, body)):
        resp = fake.request(method, path, payload)
        assert resp.status == 200, resp
        spec.check_response(template, method, resp)
    bad = fake.request('POST', '/zones/{zone_id}/access/apps', dict(body, not_a_field=1))
    assert bad.status == 400
    spec.check_response(tpl, 'POST', bad)


def test_policies_and_settings_match_the_spec(spec, fake_cloudflare):  # pylint: disable=redefined-outer-name
    fake = fake_cloudflare
    acc = '/accounts/{account_id}/access'
    reusable_body = {'name': 'shared', 'decision': 'allow', 'include': [{'ip': {'ip': '10.0.0.1'}}], 'session_duration': '1h'}
    spec.check('/components/schemas/access_policy_req', reusable_body)
    created = fake.request('POST', acc + '/policies', reusable_body)
    spec.check_response(acc + '/policies', 'POST', created)
    policy_id = created.json()['result']['id']
    app = fake.call('POST', ACCOUNT_APPS, dict(SAMPLES['ssh'], policies=[{'id': policy_id, 'precedence': 1}]), expect=201)['result']
    spec.check(spec.variant_pointer('access_app_response', 'ssh'), app)
    app_tpl = acc + '/apps/{app_id}'
    app_path = ACCOUNT_APPS + '/' + app['id']
    app_policy = fake.request('POST', app_path + '/policies', dict(INLINE, precedence=2))
    assert app_policy.status == 201
    spec.check_response(app_tpl + '/policies', 'POST', app_policy)
    app_policy_id = app_policy.json()['result']['id']
    checks = [
        ('GET', acc + '/policies', acc + '/policies', None, 200),
        ('GET', acc + '/policies/' + policy_id, acc + '/policies/{policy_id}', None, 200),
        ('PUT', acc + '/policies/' + policy_id, acc + '/policies/{policy_id}', reusable_body, 200),
        ('DELETE', acc + '/policies/' + policy_id, acc + '/policies/{policy_id}', None, 400),
        ('GET', app_path + '/policies', app_tpl + '/policies', None, 200),
        ('GET', app_path + '/policies/' + app_policy_id, app_tpl + '/policies/{policy_id}', None, 200),
        ('PUT', app_path + '/policies/' + app_policy_id, app_tpl + '/policies/{policy_id}', INLINE, 200),
        ('PATCH', app_path + '/settings', app_tpl + '/settings', {'allow_iframe': True}, 202),
        ('PUT', app_path + '/settings', app_tpl + '/settings', {'skip_interstitial': True}, 202),
        ('PUT', app_path + '/settings', app_tpl + '/settings', {'bogus': True}, 400),
        ('DELETE', app_path + '/policies/' + app_policy_id, app_tpl + '/policies/{policy_id}', None, 202),
        ('PUT', app_path, app_tpl, dict(SAMPLES['ssh'], policies=[]), 200),
        ('DELETE', acc + '/policies/' + policy_id, acc + '/policies/{policy_id}', None, 202),
        ('GET', acc + '/policies/' + policy_id, acc + '/policies/{policy_id}', None, 404),
    ]
    for method, path, template, body, status in checks:
        resp = fake.request(method, path, copy.deepcopy(body))
        assert resp.status == status, (method, path, resp)
        spec.check_response(template, method, resp)


def test_error_envelopes_match_the_spec(spec, fake_cloudflare):  # pylint: disable=redefined-outer-name
    fake = fake_cloudflare
    pointer = '/components/schemas/access_api-response-common-failure'
    for resp in (fake.request('GET', ACCOUNT_APPS, auth=False),
                 fake.request('GET', '/accounts/{account_id}/access/nothing'),
                 fake.request('POST', ACCOUNT_APPS, {'type': 'self_hosted'}),
                 fake.request('POST', ACCOUNT_APPS, b'{'),
                 fake.request('GET', '/zones/{zone_id}/access/policies')):
        assert 400 <= resp.status < 500
        spec.check(pointer, resp.json())
    fake.faults({'kind': 'status', 'status': 429, 'retry_after': 3})
    spec.check(pointer, fake.request('GET', ACCOUNT_APPS).json())
