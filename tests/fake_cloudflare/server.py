# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A strict, stateful fake of the Cloudflare v4 Access applications API.

Run it:  python tests/fake_cloudflare/server.py --port 0 --port-file /tmp/cf.port [--timeout 900]

The API lives under /client/v4 (account and zone scoped /access/apps, app policies, account
reusable /access/policies).  Request bodies are validated with the collection's own single source
of truth (plugins/module_utils/_schema.py and _models.py): the fake never describes application
types itself.  It reproduces the server behaviours listed in PITFALLS.md (defaults, sorted
set-like lists, IP normalisation, linked domain fields, expanded reusable policies, write-only
secrets, PUT = full replacement except `policies`).

A control plane without auth lives under /__fake__/ (log, reset, seed, state, faults, config,
health, shutdown); see README-like notes in harness.py and the docstrings below.
Standard library only, plus the collection's module_utils (which need pydantic).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import argparse
import atexit
import base64
import copy
import hmac
import importlib
import ipaddress
import json
import math
import os
import re
import secrets
import shutil
import signal
import socket
import struct
import sys
import tempfile
import threading
import time
import traceback
import uuid
from collections import OrderedDict
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BASE_PATH = '/client/v4'
CONTROL_PATH = '/__fake__'
DEFAULT_ACCOUNT_ID = '0123456789abcdef0123456789abcdef'
DEFAULT_ZONE_ID = 'fedcba9876543210fedcba9876543210'
DEFAULT_TOKEN = 'fake-token'
DEFAULT_TEAM_DOMAIN = 'fake-team.cloudflareaccess.com'
NOMINAL_RATE_LIMIT = 1200  # what the headers announce when no limit is enforced (the real default)
NOMINAL_RATE_WINDOW = 300


def _import_project():
    """Import the collection's _schema, _models and _compare; put a temporary ansible_collections tree on sys.path if needed."""
    try:
        from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _compare as compare, _models as models, _schema as schema
        return schema, models, compare
    except ImportError:
        pass
    tree = tempfile.mkdtemp(prefix='fake_cloudflare_')
    atexit.register(shutil.rmtree, tree, True)
    os.makedirs(os.path.join(tree, 'ansible_collections', 'zerotrust'))
    os.symlink(REPO_ROOT, os.path.join(tree, 'ansible_collections', 'zerotrust', 'cloudflare'))
    sys.path.insert(0, tree)
    for name in list(sys.modules):
        if name == 'ansible_collections' or name.startswith('ansible_collections.'):
            del sys.modules[name]
    importlib.invalidate_caches()
    from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _compare as compare, _models as models, _schema as schema
    return schema, models, compare


_schema, _models, _compare = _import_project()
_related = importlib.import_module('ansible_collections.zerotrust.cloudflare.tests.fake_cloudflare.related')

# Error codes.  7003, 10000, 11010, 12045 and 12130 are codes seen from the real API; the others
# are stand-ins (any code >= 1000 is valid in the failure envelope).
E_NO_ROUTE = 7003
E_METHOD = 10405
E_AUTH = 10000
E_RATE_LIMIT = 10429
E_FAULT = 10500
E_BAD_JSON = 6007
E_INVALID = 12000
E_ALREADY_EXISTS = 11010
E_APP_NOT_FOUND = 12045
E_POLICY_NOT_FOUND = 12046
E_PRECEDENCE = 12130
E_POLICY_IN_USE = 12131
E_TYPE_CHANGE = 12132
E_PAGING = 12133

READ_ONLY_APP_FIELDS = _schema.READ_ONLY_FIELDS
READ_ONLY_POLICY_FIELDS = ('id', 'created_at', 'updated_at', 'reusable', 'app_count')
SORTED_APP_FIELDS = ('tags', 'allowed_idps', 'custom_pages')  # returned sorted by the real API
SETTINGS_FIELDS = ('allow_iframe', 'skip_interstitial')
RULE_LISTS = ('include', 'exclude', 'require')
FIRST_KEYS = ('id', 'aud', 'type', 'name', 'domain')
PER_PAGE_MAX = 1000
WRITE_METHODS = ('POST', 'PUT', 'PATCH', 'DELETE')
HEX32 = re.compile(r'^[0-9a-f]{32}$')
COUPLED_TYPES = _schema.SELF_HOSTED_FAMILY


def now_rfc3339():
    return datetime.now(timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.%fZ')


def _same(given, expected):
    return hmac.compare_digest(given.encode('utf-8', 'replace'), expected.encode('utf-8', 'replace'))


def _fake_public_key():
    return base64.b64encode(b'0\x82\x01\n\x02\x82\x01\x01\x00' + secrets.token_bytes(256)).decode('ascii')


class ApiError(Exception):
    """An API failure: HTTP status plus Cloudflare errors [{code, message}]."""

    def __init__(self, status, code, message, headers=None):
        super(ApiError, self).__init__(message)
        self.status = status
        self.errors = [{'code': code, 'message': message}]
        self.headers = headers or {}

    @classmethod
    def invalid(cls, messages, code=E_INVALID, status=400):
        err = cls(status, code, 'invalid request')
        err.errors = []
        for message in messages:
            item = {'code': code, 'message': 'access.api.error.invalid_request: %s' % message}
            pointer = _pointer(message)
            if pointer:
                item['source'] = {'pointer': pointer}
            if item not in err.errors:
                err.errors.append(item)
        return err


def _pointer(message):
    path = message.split(': ', 1)[0]
    if not path or path.startswith('(') or ' ' in path:
        return None
    return '/' + re.sub(r'\[(\d+)\]', r'/\1', path).replace('.', '/')


def envelope(result, result_info=None):
    out = {'success': True, 'errors': [], 'messages': [], 'result': result}
    if result_info is not None:
        out['result_info'] = result_info
    return out


def failure(errors):
    return {'success': False, 'errors': errors, 'messages': [], 'result': None}


def _ordered(obj):
    out = OrderedDict()
    for key in FIRST_KEYS:
        if key in obj:
            out[key] = obj[key]
    for key in sorted(obj):
        if key not in out:
            out[key] = obj[key]
    return out


def _normalise_ip(value):
    """10.0.0.1 -> 10.0.0.1/32, ::1 -> ::1/128; ranges and garbage are left alone."""
    if not isinstance(value, str) or '/' in value:
        return value
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return value
    return '%s/%d' % (address, address.max_prefixlen)


def _normalise_rules(policy):
    for key in RULE_LISTS:
        for rule in policy.get(key) or []:
            if isinstance(rule, dict) and isinstance(rule.get('ip'), dict) and 'ip' in rule['ip']:
                rule['ip']['ip'] = _normalise_ip(rule['ip']['ip'])


def _strip_path(obj, parts):
    if isinstance(obj, list):
        for item in obj:
            _strip_path(item, parts)
        return
    if not isinstance(obj, dict) or parts[0] not in obj:
        return
    if len(parts) == 1:
        del obj[parts[0]]
    else:
        _strip_path(obj[parts[0]], parts[1:])


def strip_secrets(obj, keep=()):
    for path in _schema.SECRET_FIELDS:
        if path not in keep:
            _strip_path(obj, path.split('.'))
    return obj


def _public_uris(app):
    return [d.get('uri') for d in app.get('destinations') or []
            if isinstance(d, dict) and d.get('type', 'public') == 'public' and d.get('uri')]


def _hostnames(app):
    names = set()
    if app.get('domain'):
        names.add(str(app['domain']).lower())
    for value in (app.get('self_hosted_domains') or []) + _public_uris(app):
        names.add(str(value).lower())
    return names


def _type_fields(app_type, scope_kind):
    return set(_schema.fields_for(app_type, scope_kind, writable=False))


def _bool_param(name, value):
    lowered = value.strip().lower()
    if lowered in ('true', '1', 'yes'):
        return True
    if lowered in ('false', '0', 'no', ''):
        return False
    raise ApiError(400, E_PAGING, '%s: %r is not a boolean (true or false)' % (name, value))


def _int_param(name, value, default, maximum=None):
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ApiError(400, E_PAGING, '%s: %r is not an integer' % (name, value))
    if number < 1 or (maximum is not None and number > maximum):
        raise ApiError(400, E_PAGING, '%s: must be between 1 and %s, got %d' % (name, maximum or 'inf', number))
    return number


def paginate(items, query, default_per_page):
    page = _int_param('page', query.get('page'), 1)
    per_page = _int_param('per_page', query.get('per_page'), default_per_page, PER_PAGE_MAX)
    start = (page - 1) * per_page
    chunk = items[start:start + per_page]
    info = {'count': len(chunk), 'page': page, 'per_page': per_page, 'total_count': len(items),
            'total_pages': int(math.ceil(len(items) / float(per_page)))}
    return chunk, info


class Scope:
    """Storage of one account or zone."""

    def __init__(self, kind, scope_id):
        self.kind = kind
        self.id = scope_id  # pylint: disable=invalid-name
        self.apps = OrderedDict()          # app id -> stored app (secrets included, no `policies`)
        self.app_policies = {}             # app id -> OrderedDict(policy id -> app-scoped policy, with precedence)
        self.links = {}                    # app id -> [{'id': reusable policy id, 'precedence': n}]
        self.policies = OrderedDict()      # reusable policies (accounts only)
        _related.init_scope(self)          # groups; tags, idps, service_tokens (accounts only)

    def dump(self):
        out = {'apps': [copy.deepcopy(a) for a in self.apps.values()],
               'app_policies': dict((k, [copy.deepcopy(p) for p in v.values()]) for k, v in self.app_policies.items() if v),
               'links': dict((k, copy.deepcopy(v)) for k, v in self.links.items() if v)}
        if self.kind == 'account':
            out['policies'] = [copy.deepcopy(p) for p in self.policies.values()]
        out.update(_related.dump(self))
        return out


class Store(_related.RelatedStore):
    """All state of the fake, guarded by one lock."""

    def __init__(self, account_ids, zone_ids, team_domain=DEFAULT_TEAM_DOMAIN):
        self.lock = threading.RLock()
        self.account_ids = list(account_ids)
        self.zone_ids = list(zone_ids)
        self.team_domain = team_domain
        self.scopes = {}
        self.reset()

    def reset(self):
        with self.lock:
            self.scopes = {}
            for account_id in self.account_ids:
                self.scopes[('account', account_id)] = Scope('account', account_id)
            for zone_id in self.zone_ids:
                self.scopes[('zone', zone_id)] = Scope('zone', zone_id)

    def scope(self, kind, scope_id):
        return self.scopes.get((kind, scope_id))

    def set_team_domain(self, team_domain):
        with self.lock:
            self.team_domain = team_domain
            for scope in self.scopes.values():
                for app in scope.apps.values():
                    suffix = _schema.APP_TYPES.get(app.get('type'), {}).get('domain_suffix')
                    if suffix is not None:
                        app['domain'] = team_domain + suffix

    def dump(self):
        with self.lock:
            out = {'accounts': {}, 'zones': {}}
            for (kind, scope_id), scope in self.scopes.items():
                out['accounts' if kind == 'account' else 'zones'][scope_id] = scope.dump()
            return out

    # -- applications -----------------------------------------------------------------------

    def _materialize(self, scope, body, previous=None):
        """The stored form of an application from an (already valid) request body."""
        app_type = body.get('type') or (previous or {}).get('type')
        info = _schema.APP_TYPES.get(app_type, {})
        app = dict((k, copy.deepcopy(v)) for k, v in body.items() if k != 'policies' and k not in READ_ONLY_APP_FIELDS and v is not None)
        app['type'] = app_type
        if info.get('singleton') and info.get('fixed_name'):
            app['name'] = info['fixed_name']
        elif info.get('fixed_name') and not app.get('name'):
            app['name'] = info['fixed_name']
        if info.get('domain_suffix') is not None:
            app['domain'] = self.team_domain + info['domain_suffix']
        self._derive_domains(app, scope.kind)
        for key, value in _schema.server_defaults(app_type, scope.kind).items():
            if app.get(key) is None:
                app[key] = value
        for key in SORTED_APP_FIELDS:
            if isinstance(app.get(key), list):
                app[key] = sorted(app[key], key=lambda item: json.dumps(item, sort_keys=True) if not isinstance(item, str) else item)
        for dest in app.get('destinations') or []:
            if isinstance(dest, dict) and dest.get('type') is None:
                dest['type'] = _schema.DESTINATION_VARIANTS['default']  # the API stores the default kind
            if isinstance(dest, dict) and dest.get('type') == 'private' and dest.get('cidr'):
                dest['cidr'] = _normalise_ip(dest['cidr'])
        new_secret = self._saas_computed(app, previous)
        now = now_rfc3339()
        app['id'] = previous['id'] if previous else str(uuid.uuid4())
        app['aud'] = previous['aud'] if previous else secrets.token_hex(32)
        app['created_at'] = previous['created_at'] if previous else now
        app['updated_at'] = now
        return _ordered(app), new_secret

    @staticmethod
    def _derive_domains(app, scope_kind):
        """domain <-> destinations <-> self_hosted_domains, as the server derives them."""
        if app.get('type') not in COUPLED_TYPES:
            return
        fields = _type_fields(app['type'], scope_kind)
        has_dest = 'destinations' in fields
        has_shd = 'self_hosted_domains' in fields
        dests = app.get('destinations') or []
        shd = app.get('self_hosted_domains') or []
        if dests:
            public = _public_uris(app)
            if public:
                app['domain'] = public[0]
            if has_shd:
                app['self_hosted_domains'] = public or ([app['domain']] if app.get('domain') else [])
        elif shd:
            if has_dest:
                app['destinations'] = [{'type': 'public', 'uri': uri} for uri in shd]
            if not app.get('domain'):
                app['domain'] = shd[0]
        elif app.get('domain'):
            if has_dest:
                app['destinations'] = [{'type': 'public', 'uri': app['domain']}]
            if has_shd:
                app['self_hosted_domains'] = [app['domain']]

    def _saas_computed(self, app, previous):
        """Fill the server-computed saas_app fields; True when a new OIDC client secret was made."""
        saas = app.get('saas_app')
        if not isinstance(saas, dict):
            return False
        saas.setdefault('auth_type', 'saml')
        prev = ((previous or {}).get('saas_app') or {})
        same_kind = bool(prev) and prev.get('auth_type', 'saml') == saas['auth_type']
        makers = {
            'client_id': lambda: secrets.token_hex(32),
            'client_secret': lambda: secrets.token_hex(32),
            'public_key': _fake_public_key,
        }
        if saas['auth_type'] == 'saml':
            endpoint = 'https://%s/cdn-cgi/access/sso/saml/%s' % (self.team_domain, secrets.token_hex(32))
            makers = {'idp_entity_id': lambda: endpoint, 'sso_endpoint': lambda: endpoint, 'public_key': _fake_public_key}
        new_secret = False
        for key, maker in makers.items():
            if saas.get(key) is None:
                if same_kind and prev.get(key) is not None:
                    saas[key] = prev[key]
                else:
                    saas[key] = maker()
                    new_secret = new_secret or key == 'client_secret'
        if saas['auth_type'] == 'oidc':
            saas.setdefault('access_token_lifetime', '5m')
            saas.setdefault('allow_pkce_without_client_secret', False)
        return new_secret

    def _check_domain_conflict(self, scope, app, exclude_id=None):
        if app.get('type') not in COUPLED_TYPES:
            return
        mine = _hostnames(app)
        for other in scope.apps.values():
            if other['id'] == exclude_id or other.get('type') not in COUPLED_TYPES:
                continue
            clash = sorted(mine & _hostnames(other))
            if clash:
                raise ApiError(409, E_ALREADY_EXISTS, 'access.api.error.application_already_exists: an application with '
                               'domain %s already exists (id %s)' % (clash[0], other['id']))

    def _validate_app(self, scope, body, previous=None):
        if not isinstance(body, dict):
            raise ApiError.invalid(['(body): must be a JSON object'])
        # null is "absent" (as for Go's JSON decoding); read-only fields are ignored
        body = dict((k, v) for k, v in body.items() if k not in READ_ONLY_APP_FIELDS and v is not None)
        if previous is not None:
            if 'type' in body and body['type'] != previous['type']:
                raise ApiError(400, E_TYPE_CHANGE, 'access.api.error.invalid_request: type: cannot change the type of '
                               'an application from %s to %s; delete it and create a new one' % (previous['type'], body['type']))
        self._check_precedences(body.get('policies'))
        checked = body
        unknown = _compare.unknown_paths(body, _schema.APP_FIELDS)
        if previous is not None and unknown:
            # A client may send back, unchanged, what it read (fields newer than its schema); it may not invent.
            echoed = [path for path in unknown if _compare.get_path(body, path) == _compare.get_path(previous, path)]
            checked = _compare.without_paths(body, echoed)
        errors = _models.validate_app_request(checked, scope.kind)
        if errors:
            raise ApiError.invalid(errors)
        info = _schema.APP_TYPES[body['type']]
        if not info.get('creatable', True):
            raise ApiError.invalid(['type: %s applications cannot be created through the API' % body['type']])
        if scope.kind == 'zone' and not info.get('zone', True):
            raise ApiError.invalid(['type: %s applications cannot be created at zone scope' % body['type']])
        self.check_references(scope, _related.references.app_references(body))
        return body

    @staticmethod
    def _check_precedences(items):
        if not isinstance(items, list):
            return
        seen = set()
        for index, item in enumerate(items):
            precedence = item.get('precedence') if isinstance(item, dict) else None
            if precedence is None:
                precedence = index + 1
            if isinstance(precedence, int) and precedence in seen:
                raise ApiError(400, E_PRECEDENCE, 'access.api.error.invalid_request: policies[%d].precedence: %s is '
                               'used twice; precedences must be unique' % (index, precedence))
            seen.add(precedence)

    def _plan_policies(self, scope, app_id, items):
        """Resolve the `policies` items of an app body into (links, inline actions); raises ApiError."""
        current = scope.app_policies.get(app_id, {}) if app_id else {}
        links, inline = [], []
        for index, item in enumerate(items):
            if isinstance(item, str):
                item = {'id': item}
            precedence = item.get('precedence') or index + 1
            pid = item.get('id')
            if pid is not None and set(item) <= set(('id', 'precedence')):
                if pid in scope.policies:
                    links.append({'id': pid, 'precedence': precedence})
                elif pid in current:
                    inline.append(('keep', pid, precedence, None))
                else:
                    raise ApiError.invalid(['policies[%d].id: no reusable policy (or policy of this application) '
                                            'with id %s' % (index, pid)])
                continue
            body = dict((k, v) for k, v in item.items() if k not in ('id', 'precedence'))
            if pid is not None and pid in scope.policies:
                raise ApiError.invalid(['policies[%d].id: %s is a reusable policy: link it with id and precedence '
                                        'only' % (index, pid)])
            inline.append(('update' if pid in current else 'create', pid, precedence, body))
        if links and inline:
            raise ApiError.invalid(['policies: reusable and inline policies are mutually exclusive'])
        return links, inline

    def _apply_policies(self, scope, app, plan):
        links, inline = plan
        current = scope.app_policies.get(app['id'], OrderedDict())
        fresh = OrderedDict()
        for action, pid, precedence, body in inline:
            if action == 'keep':
                policy = copy.deepcopy(current[pid])
                if policy.get('precedence') != precedence:
                    policy['precedence'] = precedence
                    policy['updated_at'] = now_rfc3339()
            else:
                policy = self.policy_record(body, 'app', app['type'], current.get(pid) if action == 'update' else None)
                policy['precedence'] = precedence
            fresh[policy['id']] = policy
        scope.app_policies[app['id']] = fresh
        scope.links[app['id']] = links

    def policy_record(self, body, kind, app_type=None, previous=None):
        """Stored form of a policy body (app-scoped, zone or reusable)."""
        policy = dict((k, copy.deepcopy(v)) for k, v in body.items() if k not in READ_ONLY_POLICY_FIELDS and v is not None)
        for key in RULE_LISTS:
            policy.setdefault(key, [])
        if kind != 'zone':
            for key, spec in _schema.POLICY_FIELDS.items():
                if 'server_default' in spec and policy.get(key) is None and _schema.accepts(spec, app_type or 'self_hosted'):
                    policy[key] = copy.deepcopy(spec['server_default'])
        _normalise_rules(policy)
        now = now_rfc3339()
        policy['id'] = previous['id'] if previous else str(uuid.uuid4())
        policy['created_at'] = previous['created_at'] if previous else now
        policy['updated_at'] = now
        return _ordered(policy)

    def create_app(self, scope, body):
        body = self._validate_app(scope, body)
        info = _schema.APP_TYPES[body['type']]
        if info.get('singleton'):
            for other in scope.apps.values():
                if other.get('type') == body['type']:
                    raise ApiError(409, E_ALREADY_EXISTS, 'access.api.error.application_already_exists: an application '
                                   'of type %s already exists (id %s); update it instead' % (body['type'], other['id']))
        app, new_secret = self._materialize(scope, body)
        self._check_domain_conflict(scope, app)
        plan = None
        if scope.kind == 'account':
            plan = self._plan_policies(scope, None, body.get('policies') or [])
        scope.apps[app['id']] = app
        if plan is not None:
            self._apply_policies(scope, app, plan)
        return app, new_secret

    def update_app(self, scope, app_id, body):
        previous = self.get_app(scope, app_id)
        body = self._validate_app(scope, body, previous)
        app, new_secret = self._materialize(scope, body, previous)
        self._keep_scim(app, body, previous)
        self._check_domain_conflict(scope, app, exclude_id=app_id)
        plan = None
        if scope.kind == 'account' and body.get('policies') is not None:
            plan = self._plan_policies(scope, app_id, body['policies'])
        scope.apps[app_id] = app
        if plan is not None:
            self._apply_policies(scope, app, plan)
        return app, new_secret

    @staticmethod
    def _keep_scim(app, body, previous):
        """SCIM credentials are write-only, so the API cannot expect them back on every PUT: an absent
        `scim_config` keeps the current one (PITFALLS 15), and a `scim_config` without `authentication`
        keeps the stored credentials."""
        old = previous.get('scim_config')
        if old is None:
            return
        if body.get('scim_config') is None:
            app['scim_config'] = copy.deepcopy(old)
        elif 'authentication' not in body['scim_config'] and 'authentication' in old:
            app['scim_config']['authentication'] = copy.deepcopy(old['authentication'])

    def delete_app(self, scope, app_id):
        self.get_app(scope, app_id)
        del scope.apps[app_id]
        scope.app_policies.pop(app_id, None)
        scope.links.pop(app_id, None)

    @staticmethod
    def get_app(scope, app_id):
        app = scope.apps.get(app_id)
        if app is None:
            raise ApiError(404, E_APP_NOT_FOUND, 'access.api.error.invalid_application_id: no application with id %s' % app_id)
        return app

    def list_apps(self, scope, query):
        apps = list(scope.apps.values())
        if scope.kind == 'zone':
            return apps  # the zone list documents no filters
        exact = _bool_param('exact', query['exact']) if 'exact' in query else False

        def text_match(value, wanted):
            if value is None:
                return False
            return value == wanted if exact else wanted.lower() in str(value).lower()
        if 'name' in query:
            apps = [a for a in apps if text_match(a.get('name'), query['name'])]
        if 'domain' in query:
            apps = [a for a in apps if any(text_match(d, query['domain'])
                                           for d in [a.get('domain')] + list(a.get('self_hosted_domains') or []) + _public_uris(a))]
        if 'aud' in query:
            apps = [a for a in apps if a.get('aud') == query['aud']]
        if 'search' in query:
            needle = query['search'].lower()
            apps = [a for a in apps if any(needle in str(a.get(k) or '').lower() for k in ('name', 'domain', 'aud'))]
        if 'target_attributes' in query:
            key, sep, value = query['target_attributes'].partition('=')
            if not sep:
                raise ApiError(400, E_PAGING, 'target_attributes: must be key=value, got %r' % query['target_attributes'])
            apps = [a for a in apps if any(value in (c.get('target_attributes') or {}).get(key, [])
                                           for c in a.get('target_criteria') or [] if isinstance(c, dict))]
        return apps

    def app_view(self, scope, app, keep_client_secret=False):
        out = strip_secrets(copy.deepcopy(app), keep=('saas_app.client_secret',) if keep_client_secret else ())
        if scope.kind == 'account':
            out['policies'] = self.app_policy_views(scope, app['id'])
        return out

    def app_policy_views(self, scope, app_id, inline_only=False):
        views = [copy.deepcopy(p) for p in scope.app_policies.get(app_id, {}).values()]
        if not inline_only:
            for link in scope.links.get(app_id, []):
                policy = scope.policies.get(link['id'])
                if policy is not None:
                    view = copy.deepcopy(policy)
                    view['precedence'] = link['precedence']
                    views.append(view)
        return sorted(views, key=lambda p: (p.get('precedence') or 0))

    def set_settings(self, scope, app_id, body):
        app = self.get_app(scope, app_id)
        if not isinstance(body, dict):
            raise ApiError.invalid(['(body): must be a JSON object'])
        errors = []
        for key, value in body.items():
            if key not in SETTINGS_FIELDS:
                errors.append('%s: is not accepted here; the settings endpoint takes only %s' % (key, ', '.join(SETTINGS_FIELDS)))
            elif not isinstance(value, bool):
                errors.append('%s: must be a boolean' % key)
        if not body:
            errors.append('(body): give at least one of %s' % ', '.join(SETTINGS_FIELDS))
        fields = _type_fields(app['type'], scope.kind)
        for key in body:
            if key in SETTINGS_FIELDS and key not in fields:
                errors.append('%s: is not accepted for type %s' % (key, app['type']))
        if errors:
            raise ApiError.invalid(errors)
        app.update(body)
        app['updated_at'] = now_rfc3339()
        return dict((k, app[k]) for k in SETTINGS_FIELDS if k in app)

    # -- policies -----------------------------------------------------------------------------

    def _validate_policy(self, body, kind, scope):
        if not isinstance(body, dict):
            raise ApiError.invalid(['(body): must be a JSON object'])
        body = dict((k, v) for k, v in body.items() if k not in READ_ONLY_POLICY_FIELDS)
        errors = _models.validate_policy_request(body, kind)
        if errors:
            raise ApiError.invalid(errors)
        self.check_references(scope, _related.references.policy_references(body))
        return body

    @staticmethod
    def _used_precedences(scope, app_id, exclude_id=None):
        used = set(p.get('precedence') for pid, p in scope.app_policies.get(app_id, {}).items() if pid != exclude_id)
        used.update(link['precedence'] for link in scope.links.get(app_id, []) if link['id'] != exclude_id)
        return used

    def create_app_policy(self, scope, app_id, body):
        app = self.get_app(scope, app_id)
        body = self._validate_policy(body, 'zone' if scope.kind == 'zone' else 'app', scope)
        used = self._used_precedences(scope, app_id)
        precedence = body.pop('precedence', None)
        if precedence is None:
            precedence = max(used or [0]) + 1
        elif precedence in used:
            raise ApiError(400, E_PRECEDENCE, 'access.api.error.invalid_request: precedence: %s is already used in this '
                           'application; precedences must be unique' % precedence)
        policy = self.policy_record(body, scope.kind if scope.kind == 'zone' else 'app', app['type'])
        policy['precedence'] = precedence
        scope.app_policies.setdefault(app_id, OrderedDict())[policy['id']] = policy
        app['updated_at'] = now_rfc3339()
        return policy

    def get_app_policy(self, scope, app_id, policy_id):
        self.get_app(scope, app_id)
        policy = scope.app_policies.get(app_id, {}).get(policy_id)
        if policy is None:
            raise ApiError(404, E_POLICY_NOT_FOUND, 'access.api.error.invalid_policy_id: application %s has no policy %s '
                           '(reusable policies live under /access/policies)' % (app_id, policy_id))
        return policy

    def update_app_policy(self, scope, app_id, policy_id, body):
        app = self.get_app(scope, app_id)
        previous = self.get_app_policy(scope, app_id, policy_id)
        body = self._validate_policy(body, 'zone' if scope.kind == 'zone' else 'app', scope)
        precedence = body.pop('precedence', None)
        if precedence is None:
            precedence = previous.get('precedence')
        elif precedence in self._used_precedences(scope, app_id, exclude_id=policy_id):
            raise ApiError(400, E_PRECEDENCE, 'access.api.error.invalid_request: precedence: %s is already used in this '
                           'application; precedences must be unique' % precedence)
        policy = self.policy_record(body, scope.kind if scope.kind == 'zone' else 'app', app['type'], previous)
        policy['precedence'] = precedence
        scope.app_policies[app_id][policy_id] = policy
        return policy

    def delete_app_policy(self, scope, app_id, policy_id):
        self.get_app_policy(scope, app_id, policy_id)
        del scope.app_policies[app_id][policy_id]

    def make_reusable(self, scope, app_id, policy_id):
        policy = copy.deepcopy(self.get_app_policy(scope, app_id, policy_id))
        precedence = policy.pop('precedence', None)
        policy['updated_at'] = now_rfc3339()
        del scope.app_policies[app_id][policy_id]
        scope.policies[policy_id] = policy
        scope.links.setdefault(app_id, []).append({'id': policy_id, 'precedence': precedence})
        return policy

    def get_policy(self, scope, policy_id):
        policy = scope.policies.get(policy_id)
        if policy is None:
            raise ApiError(404, E_POLICY_NOT_FOUND, 'access.api.error.invalid_policy_id: no reusable policy with id %s' % policy_id)
        return policy

    def create_policy(self, scope, body):
        body = self._validate_policy(body, 'reusable', scope)
        policy = self.policy_record(body, 'reusable')
        scope.policies[policy['id']] = policy
        return policy

    def update_policy(self, scope, policy_id, body):
        previous = self.get_policy(scope, policy_id)
        body = self._validate_policy(body, 'reusable', scope)
        policy = self.policy_record(body, 'reusable', previous=previous)
        scope.policies[policy_id] = policy
        return policy

    def delete_policy(self, scope, policy_id):
        self.get_policy(scope, policy_id)
        users = self.policy_users(scope, policy_id)
        if users:
            raise ApiError(400, E_POLICY_IN_USE, 'access.api.error.policy_in_use: the policy %s is still used by %d '
                           'application(s) (%s); remove it from them before deleting it'
                           % (policy_id, len(users), ', '.join(users)))
        del scope.policies[policy_id]

    @staticmethod
    def policy_users(scope, policy_id):
        return [app_id for app_id, links in scope.links.items() if any(link['id'] == policy_id for link in links)]

    def policy_view(self, scope, policy):
        out = copy.deepcopy(policy)
        out['reusable'] = True
        out['app_count'] = len(self.policy_users(scope, policy['id']))
        return out

    # -- seeding (as if made in the dashboard: no validation) --------------------------------

    def seed(self, data):
        with self.lock:
            if data.get('zone_id'):
                scope = self.scope('zone', data['zone_id'])
            else:
                scope = self.scope('account', data.get('account_id') or self.account_ids[0])
            if scope is None:
                raise ValueError('unknown account_id/zone_id %s' % (data.get('zone_id') or data.get('account_id')))
            saved = copy.deepcopy(scope.__dict__)
            try:
                return self._seed(scope, data)
            except Exception:
                scope.__dict__.update(saved)  # all or nothing
                raise

    def _seed(self, scope, data):
        related = self.seed_related(scope, data)
        policies = []
        for body in data.get('policies') or []:
            if scope.kind != 'account':
                raise ValueError('reusable policies exist only at account scope')
            policy = self.policy_record(body, 'reusable')
            policy.update(dict((k, body[k]) for k in ('id', 'created_at', 'updated_at') if body.get(k)))
            scope.policies[policy['id']] = policy
            policies.append(policy)
        bodies = list(data.get('apps') or [])
        generate = data.get('generate')
        if generate:
            template = json.dumps(generate.get('app') or {})
            start = int(generate.get('start', 1))
            for number in range(start, start + int(generate.get('count', 0))):
                bodies.append(json.loads(template.replace('{i}', str(number))))
        apps = [self._seed_app(scope, body) for body in bodies]
        return dict(related, apps=[self.app_view(scope, app) for app in apps],
                    policies=[self.policy_view(scope, policy) for policy in policies])

    def _seed_app(self, scope, body):
        if not isinstance(body, dict) or not body.get('type'):
            raise ValueError('every seeded app needs a type: %r' % (body,))
        self.ensure_tags(scope, body.get('tags') if scope.kind == 'account' else None)
        app, dummy = self._materialize(scope, body)
        app.update(dict((k, body[k]) for k in READ_ONLY_APP_FIELDS if body.get(k)))
        scope.apps[app['id']] = app
        if scope.kind == 'account' and body.get('policies'):
            links, inline = [], []
            for index, item in enumerate(body['policies']):
                item = {'id': item} if isinstance(item, str) else dict(item)
                precedence = item.get('precedence') or index + 1
                if set(item) <= set(('id', 'precedence')):
                    if item['id'] not in scope.policies:
                        raise ValueError('seeded app %s links unknown reusable policy %s' % (app.get('name'), item['id']))
                    links.append({'id': item['id'], 'precedence': precedence})
                else:
                    inline.append(('create', None, precedence, item))
            self._apply_policies(scope, app, (links, []))
            for dummy_action, dummy_pid, precedence, item in inline:
                policy = self.policy_record(item, 'app', app['type'])
                if item.get('id'):
                    policy['id'] = item['id']
                policy['precedence'] = precedence
                scope.app_policies[app['id']][policy['id']] = policy
        return app


class Faults:
    """Queue of fault rules: {kind, method, path (regex), count, status, retry_after, delay_ms, code, message, headers}."""

    KINDS = ('status', 'reset', 'commit_then_drop', 'delay', 'malformed')

    def __init__(self):
        self.lock = threading.Lock()
        self.rules = []

    def add(self, rules, replace=False):
        parsed = []
        for rule in rules:
            if not isinstance(rule, dict) or rule.get('kind') not in self.KINDS:
                raise ValueError('each fault needs kind: one of %s (got %r)' % (', '.join(self.KINDS), rule))
            rule = dict(rule)
            rule.setdefault('method', '*')
            rule['method'] = str(rule['method']).upper()
            rule.setdefault('path', '.*')
            re.compile(rule['path'])
            rule.setdefault('count', 1)
            if rule['kind'] == 'status':
                rule.setdefault('status', 500)
                if rule['status'] == 429:
                    rule.setdefault('retry_after', 1)
            parsed.append(rule)
        with self.lock:
            if replace:
                self.rules = []
            self.rules.extend(parsed)
            return self.snapshot()

    def clear(self):
        with self.lock:
            self.rules = []

    def snapshot(self):
        return [dict(rule) for rule in self.rules]

    def take(self, method, path):
        with self.lock:
            for rule in self.rules:
                if rule['method'] not in ('*', method) or not re.search(rule['path'], path):
                    continue
                fired = dict(rule)
                if rule['count'] is not None:
                    rule['count'] -= 1
                    if rule['count'] <= 0:
                        self.rules.remove(rule)
                return fired
        return None


class Outcome:
    """What the handler must do: send (status, payload, headers), drop the connection, or send garbage."""

    def __init__(self, status=None, payload=None, headers=None, action='send'):
        self.status = status
        self.payload = payload
        self.headers = headers or {}
        self.action = action


class FakeCloudflareApi(_related.RelatedRoutes):
    """Request processing: faults, latency, rate limit, auth, routing; plus the control plane."""

    ROUTES = [
        (re.compile(r'^/(accounts|zones)/([^/]+)/access/apps$'), 'apps', ('GET', 'POST')),
        (re.compile(r'^/(accounts|zones)/([^/]+)/access/apps/([^/]+)$'), 'app', ('GET', 'PUT', 'DELETE')),
        (re.compile(r'^/(accounts|zones)/([^/]+)/access/apps/([^/]+)/settings$'), 'settings', ('PUT', 'PATCH')),
        (re.compile(r'^/(accounts|zones)/([^/]+)/access/apps/([^/]+)/policies$'), 'app_policies', ('GET', 'POST')),
        (re.compile(r'^/(accounts|zones)/([^/]+)/access/apps/([^/]+)/policies/([^/]+)$'), 'app_policy', ('GET', 'PUT', 'DELETE')),
        (re.compile(r'^/(accounts)/([^/]+)/access/apps/([^/]+)/policies/([^/]+)/make_reusable$'), 'make_reusable', ('PUT',)),
        (re.compile(r'^/(accounts)/([^/]+)/access/policies$'), 'policies', ('GET', 'POST')),
        (re.compile(r'^/(accounts)/([^/]+)/access/policies/([^/]+)$'), 'policy', ('GET', 'PUT', 'DELETE')),
        (re.compile(r'^/(zones)/([^/]+)$'), 'zone', ('GET',)),
    ] + _related.ROUTES

    def __init__(self, args):
        self.args = args
        self.store = Store(args.account_id, args.zone_id, args.team_domain)
        self.faults = Faults()
        self.log_lock = threading.Lock()
        self.entries = []
        self.seq = 0
        self.rate_lock = threading.Lock()
        self.config = {}
        self.window_start = time.time()
        self.window_used = 0
        self.shutdown_hook = None
        self.reset_config()

    # -- configuration ----------------------------------------------------------------------

    def reset_config(self):
        with self.rate_lock:
            self.config = {
                'latency_ms': int(self.args.latency_ms or 0),
                'rate_limit': {'limit': self.args.rate_limit or None, 'window': int(self.args.rate_window)},
            }
            self.window_start, self.window_used = time.time(), 0
        self.store.set_team_domain(self.args.team_domain)

    def config_view(self):
        with self.rate_lock:
            out = copy.deepcopy(self.config)
        out.update(team_domain=self.store.team_domain, account_ids=list(self.store.account_ids),
                   zone_ids=list(self.store.zone_ids), base_path=BASE_PATH)
        return out

    def set_config(self, body):
        if not isinstance(body, dict):
            raise ValueError('config body must be an object')
        unknown = set(body) - set(('latency_ms', 'rate_limit', 'team_domain'))
        if unknown:
            raise ValueError('unknown config keys: %s' % ', '.join(sorted(unknown)))
        with self.rate_lock:
            if 'latency_ms' in body:
                self.config['latency_ms'] = max(0, int(body['latency_ms'] or 0))
            if 'rate_limit' in body:
                limit = body['rate_limit'] or {}
                if not isinstance(limit, dict):
                    raise ValueError('rate_limit must be {limit, window} or null')
                self.config['rate_limit'] = {'limit': int(limit['limit']) if limit.get('limit') else None,
                                             'window': int(limit.get('window') or NOMINAL_RATE_WINDOW)}
                self.window_start, self.window_used = time.time(), 0
        if body.get('team_domain'):
            domain = str(body['team_domain'])
            self.store.set_team_domain(domain if '.' in domain else domain + '.cloudflareaccess.com')
        return self.config_view()

    def _rate(self):
        """Count one API request; (limited, headers)."""
        with self.rate_lock:
            limit = self.config['rate_limit']['limit']
            window = self.config['rate_limit']['window']
            now = time.time()
            if now >= self.window_start + window:
                self.window_start, self.window_used = now, 0
            self.window_used += 1
            reset = max(1, int(math.ceil(self.window_start + window - now)))
            if limit is None:
                headers = {'Ratelimit': '"default";r=%d;t=%d' % (NOMINAL_RATE_LIMIT, reset),
                           'Ratelimit-Policy': '"default";q=%d;w=%d' % (NOMINAL_RATE_LIMIT, window)}
                return False, headers
            remaining = max(0, limit - self.window_used)
            headers = {'Ratelimit': '"default";r=%d;t=%d' % (remaining, reset),
                       'Ratelimit-Policy': '"default";q=%d;w=%d' % (limit, window)}
            limited = self.window_used > limit
            if limited:
                headers['Retry-After'] = str(reset)
            return limited, headers

    # -- request log --------------------------------------------------------------------------

    def record(self, method, path, query, status, fault, body):
        with self.log_lock:
            self.seq += 1
            self.entries.append({'seq': self.seq, 'time': now_rfc3339(), 'method': method, 'path': path, 'query': query,
                                 'status': status, 'fault': fault, 'body': body})

    def log_view(self, since=0):
        with self.log_lock:
            entries = [dict(e) for e in self.entries if e['seq'] > since]
        counts = {}
        for entry in entries:
            counts[entry['method']] = counts.get(entry['method'], 0) + 1
        writes = sum(counts.get(m, 0) for m in WRITE_METHODS)
        return {'requests': entries, 'counts': counts, 'writes': writes, 'total': len(entries)}

    # -- control plane --------------------------------------------------------------------------

    def control(self, method, path, query, raw):
        """(status, payload) of a /__fake__/ request."""
        name = path[len(CONTROL_PATH):].strip('/')
        try:
            body = json.loads(raw.decode('utf-8')) if raw else {}
        except ValueError as exc:
            return 400, {'error': 'invalid JSON: %s' % exc}
        try:
            return self._control(method, name, query, body)
        except (ValueError, KeyError, TypeError, AttributeError, re.error) as exc:
            return 400, {'error': '%s: %s' % (type(exc).__name__, exc)}

    def _control(self, method, name, query, body):
        routes = {
            ('GET', 'health'): lambda: {'ok': True, 'base_path': BASE_PATH, 'module_utils': os.path.dirname(_schema.__file__)},
            ('GET', 'log'): lambda: self.log_view(int((parse_qs(query).get('since') or ['0'])[0])),
            ('GET', 'state'): self.store.dump,
            ('GET', 'config'): self.config_view,
            ('POST', 'config'): lambda: self.set_config(body),
            ('GET', 'faults'): lambda: {'faults': self.faults.snapshot()},
            ('DELETE', 'faults'): lambda: self.faults.clear() or {'faults': []},
            ('POST', 'faults'): lambda: {'faults': self._add_faults(body)},
            ('POST', 'seed'): lambda: self.store.seed(body),
            ('POST', 'reset'): lambda: self._reset(body),
            ('POST', 'shutdown'): self._shutdown,
        }
        handler = routes.get((method, name))
        if handler is None:
            return 404, {'error': 'no control endpoint %s %s/%s' % (method, CONTROL_PATH, name)}
        return 200, handler()

    def _add_faults(self, body):
        if isinstance(body, list):
            return self.faults.add(body)
        if isinstance(body, dict) and 'faults' in body:
            return self.faults.add(body['faults'], replace=bool(body.get('replace')))
        return self.faults.add([body])

    def _reset(self, body):
        body = body or {}
        done = []
        if body.get('state', True):
            self.store.reset()
            done.append('state')
        if body.get('log', True):
            with self.log_lock:
                self.entries = []
            done.append('log')
        if body.get('faults', True):
            self.faults.clear()
            done.append('faults')
        if body.get('config', True):
            self.reset_config()
            done.append('config')
        return {'reset': done}

    def _shutdown(self):
        if self.shutdown_hook:
            timer = threading.Timer(0.2, self.shutdown_hook)  # after this response is sent
            timer.daemon = True
            timer.start()
        return {'shutting_down': True}

    # -- API ------------------------------------------------------------------------------------

    def authenticated(self, headers):
        auth = headers.get('Authorization')
        if auth is not None:
            scheme, dummy, token = auth.partition(' ')
            return bool(self.args.token) and scheme.lower() == 'bearer' and _same(token.strip(), self.args.token)
        email, key = headers.get('X-Auth-Email'), headers.get('X-Auth-Key')
        if self.args.email and self.args.key and email is not None and key is not None:
            return _same(email, self.args.email) and _same(key, self.args.key)
        return False

    def process(self, method, path, query, raw, headers):
        """Outcome of one API request (anything outside /__fake__/)."""
        limited, rate_headers = self._rate()
        fault = self.faults.take(method, path)
        kind = fault['kind'] if fault else None
        if kind == 'reset':
            return Outcome(action='drop'), kind
        if kind == 'malformed':
            return Outcome(200, None, rate_headers, action='malformed'), kind
        if kind == 'status':
            extra = dict(rate_headers)
            if fault.get('retry_after') is not None:
                extra['Retry-After'] = str(fault['retry_after'])
            extra.update(dict((str(k), str(v)) for k, v in (fault.get('headers') or {}).items()))
            message = fault.get('message') or 'fake fault: HTTP %s' % fault['status']
            return Outcome(int(fault['status']), failure([{'code': int(fault.get('code') or E_FAULT), 'message': message}]), extra), kind
        delay = self.config['latency_ms'] + (int(fault.get('delay_ms') or 0) if kind == 'delay' else 0)
        if delay:
            time.sleep(delay / 1000.0)
        if limited:
            return Outcome(429, failure([{'code': E_RATE_LIMIT, 'message': 'Rate limited: please wait and consider '
                                          'throttling your request speed'}]), rate_headers), kind
        if not self.authenticated(headers):
            return Outcome(403, failure([{'code': E_AUTH, 'message': 'Authentication error'}]), rate_headers), kind
        try:
            status, payload = self.route(method, path, query, raw)
        except ApiError as exc:
            rate_headers.update(exc.headers)
            return Outcome(exc.status, failure(exc.errors), rate_headers), kind
        return Outcome(status, payload, rate_headers, action='drop' if kind == 'commit_then_drop' else 'send'), kind

    def route(self, method, path, query, raw):
        if not path.startswith(BASE_PATH + '/'):
            raise ApiError(404, E_NO_ROUTE, 'No route for the URI')
        rel = path[len(BASE_PATH):]
        for pattern, name, methods in self.ROUTES:
            match = pattern.match(rel)
            if not match:
                continue
            if method not in methods:
                raise ApiError(405, E_METHOD, 'Method %s not allowed for %s' % (method, rel))
            kind = 'account' if match.group(1) == 'accounts' else 'zone'
            scope_id = match.group(2)
            if not HEX32.match(scope_id):
                raise ApiError(400, E_NO_ROUTE, 'Could not route to %s, perhaps your object identifier is invalid?' % rel)
            body = None
            if method in ('POST', 'PUT', 'PATCH') and name != 'make_reusable':
                body = self._json_body(raw)
            args = match.groups()[2:]
            params = dict((k, v[0]) for k, v in parse_qs(query, keep_blank_values=True).items())
            with self.store.lock:
                scope = self.store.scope(kind, scope_id)
                if scope is None:
                    raise ApiError(403, E_AUTH, 'Authentication error')
                return getattr(self, 'r_' + name)(method, scope, args, params, body)
        raise ApiError(404, E_NO_ROUTE, 'No route for the URI')

    @staticmethod
    def _json_body(raw):
        if not raw:
            raise ApiError(400, E_BAD_JSON, 'Malformed JSON in request body: the body is empty')
        try:
            return json.loads(raw.decode('utf-8'))
        except ValueError as exc:
            raise ApiError(400, E_BAD_JSON, 'Malformed JSON in request body: %s' % exc)

    # Route handlers: (method, scope, path args, query params, body) -> (status, envelope)

    def r_apps(self, method, scope, args, params, body):
        del args
        if method == 'GET':
            apps = self.store.list_apps(scope, params)
            chunk, info = paginate(apps, params, PER_PAGE_MAX)
            return 200, envelope([self.store.app_view(scope, a) for a in chunk], info)
        app, new_secret = self.store.create_app(scope, body)
        return 201, envelope(self.store.app_view(scope, app, keep_client_secret=new_secret))

    def r_app(self, method, scope, args, params, body):
        del params
        app_id = args[0]
        if method == 'GET':
            return 200, envelope(self.store.app_view(scope, self.store.get_app(scope, app_id)))
        if method == 'PUT':
            app, new_secret = self.store.update_app(scope, app_id, body)
            return 200, envelope(self.store.app_view(scope, app, keep_client_secret=new_secret))
        self.store.delete_app(scope, app_id)
        return 202, envelope({'id': app_id})

    def r_zone(self, method, scope, args, params, body):
        """The zone details the modules read: its account (every fake zone belongs to the first account)."""
        del method, args, params, body
        return 200, envelope({'id': scope.id, 'name': 'zone-%s.example.com' % scope.id[:8], 'status': 'active',
                              'account': {'id': self.store.account_ids[0], 'name': 'Fake account'}})

    def r_settings(self, method, scope, args, params, body):
        del method, params
        return 202, envelope(self.store.set_settings(scope, args[0], body))

    def r_app_policies(self, method, scope, args, params, body):
        app_id = args[0]
        if method == 'GET':
            self.store.get_app(scope, app_id)
            chunk, info = paginate(self.store.app_policy_views(scope, app_id, inline_only=True), params, 200)
            return 200, envelope(chunk, info)
        return 201, envelope(copy.deepcopy(self.store.create_app_policy(scope, app_id, body)))

    def r_app_policy(self, method, scope, args, params, body):
        del params
        app_id, policy_id = args
        if method == 'GET':
            return 200, envelope(copy.deepcopy(self.store.get_app_policy(scope, app_id, policy_id)))
        if method == 'PUT':
            return 200, envelope(copy.deepcopy(self.store.update_app_policy(scope, app_id, policy_id, body)))
        self.store.delete_app_policy(scope, app_id, policy_id)
        return 202, envelope({'id': policy_id})

    def r_make_reusable(self, method, scope, args, params, body):
        del method, params, body
        policy = self.store.make_reusable(scope, args[0], args[1])
        return 200, envelope(self.store.policy_view(scope, policy))

    def r_policies(self, method, scope, args, params, body):
        del args
        if method == 'GET':
            chunk, info = paginate(list(scope.policies.values()), params, 100)
            return 200, envelope([self.store.policy_view(scope, p) for p in chunk], info)
        return 201, envelope(self.store.policy_view(scope, self.store.create_policy(scope, body)))

    def r_policy(self, method, scope, args, params, body):
        del params
        policy_id = args[0]
        if method == 'GET':
            return 200, envelope(self.store.policy_view(scope, self.store.get_policy(scope, policy_id)))
        if method == 'PUT':
            return 200, envelope(self.store.policy_view(scope, self.store.update_policy(scope, policy_id, body)))
        self.store.delete_policy(scope, policy_id)
        return 202, envelope({'id': policy_id})


class Handler(BaseHTTPRequestHandler):
    """HTTP/1.1 keep-alive handler; all logic is in FakeCloudflareApi."""

    protocol_version = 'HTTP/1.1'
    # headers and body are written separately: without this, Nagle + delayed ACK add ~40 ms per request
    disable_nagle_algorithm = True
    server_version = 'fake-cloudflare/1.0'
    sys_version = ''

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        if self.server.verbose:
            sys.stderr.write('%s - %s\n' % (self.address_string(), format % args))

    def _read_body(self):
        if self.headers.get('Transfer-Encoding', '').lower() == 'chunked':
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b';')[0].strip() or b'0', 16)
                if size == 0:
                    while self.rfile.readline() not in (b'\r\n', b'\n', b''):
                        pass
                    return b''.join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get('Content-Length') or 0)
        return self.rfile.read(length) if length > 0 else b''

    def _dispatch(self):
        api = self.server.api
        split = urlsplit(self.path)
        raw = self._read_body()
        if split.path == CONTROL_PATH or split.path.startswith(CONTROL_PATH + '/'):
            status, payload = api.control(self.command, split.path, split.query, raw)
            self._send(status, json.dumps(payload).encode('utf-8'), {})
            return
        try:
            outcome, fault = api.process(self.command, split.path, split.query, raw, self.headers)
        except Exception as exc:  # pylint: disable=broad-exception-caught
            # a bug of the fake: answer (rather than drop the connection) so that the test shows it
            message = 'fake server bug: %s' % ''.join(traceback.format_exception_only(type(exc), exc)).strip()
            outcome, fault = Outcome(500, failure([{'code': E_FAULT, 'message': message}])), None
        try:
            logged_body = json.loads(raw.decode('utf-8')) if raw else None
        except ValueError:
            logged_body = raw.decode('utf-8', 'replace')
        api.record(self.command, split.path, split.query, outcome.status if outcome.action == 'send' else None, fault, logged_body)
        if outcome.action == 'drop':
            self._drop()
        elif outcome.action == 'malformed':
            self._send(200, b'{"success": true, "errors": [], "result": {"id": ', outcome.headers)
        else:
            self._send(outcome.status, json.dumps(outcome.payload).encode('utf-8'), outcome.headers)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _dispatch

    def _send(self, status, data, headers):
        self.send_response(status)
        if self.close_connection:
            # the client asked to close (or spoke HTTP/1.0): say so, or it may reuse the socket this side closes
            self.send_header('Connection', 'close')
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(data)))
        self.send_header('CF-RAY', secrets.token_hex(8) + '-FAKE')
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def _drop(self):
        """Close the socket without any response (RST)."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
            self.connection.close()
        except OSError:
            pass


class FakeServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address, api, verbose=False):
        ThreadingHTTPServer.__init__(self, address, Handler)
        self.api = api
        self.verbose = verbose

    def handle_error(self, request, client_address):
        if self.verbose:
            ThreadingHTTPServer.handle_error(self, request, client_address)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description='Strict, stateful fake of the Cloudflare v4 Access applications API.')
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, default=0, help='0 picks a free port (see --port-file)')
    parser.add_argument('--port-file', help='write the chosen port here (atomically) once listening; removed on exit')
    parser.add_argument('--timeout', type=float, default=900, help='exit by itself after this many seconds (0: never)')
    parser.add_argument('--latency-ms', type=int, default=0, help='added to every API request')
    parser.add_argument('--token', default=DEFAULT_TOKEN, help='accepted API token (Authorization: Bearer)')
    parser.add_argument('--email', help='accepted X-Auth-Email (with --key)')
    parser.add_argument('--key', help='accepted X-Auth-Key (with --email)')
    parser.add_argument('--account-id', action='append', help='known account id (repeatable; default %s)' % DEFAULT_ACCOUNT_ID)
    parser.add_argument('--zone-id', action='append', help='known zone id (repeatable; default %s)' % DEFAULT_ZONE_ID)
    parser.add_argument('--team-domain', default=DEFAULT_TEAM_DOMAIN, help='auth domain used for singleton apps')
    parser.add_argument('--rate-limit', type=int, default=0, help='requests per window before 429 (0: unlimited)')
    parser.add_argument('--rate-window', type=int, default=NOMINAL_RATE_WINDOW, help='rate limit window in seconds')
    parser.add_argument('--seed', help='JSON file with the body of POST /__fake__/seed (or a list of such bodies)')
    parser.add_argument('--parent-pid', type=int, help='exit when this process is gone (the harness passes its own pid)')
    parser.add_argument('--verbose', action='store_true', help='log requests to stderr')
    args = parser.parse_args(argv)
    args.account_id = [a.lower() for a in (args.account_id or [DEFAULT_ACCOUNT_ID])]
    args.zone_id = [z.lower() for z in (args.zone_id or [DEFAULT_ZONE_ID])]
    for value in args.account_id + args.zone_id:
        if not HEX32.match(value):
            parser.error('account and zone ids must be 32 hex characters: %r' % value)
    return args


def _write_port_file(path, port):
    directory = os.path.dirname(os.path.abspath(path))
    handle, tmp = tempfile.mkstemp(prefix='.port-', dir=directory)
    with os.fdopen(handle, 'w') as stream:
        stream.write('%d\n' % port)
    os.replace(tmp, path)


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _watch_parent(pid, stop):
    while _alive(pid):
        time.sleep(0.5)
    stop()


_related.bind(sys.modules[__name__])


def main(argv=None):
    args = parse_args(argv)
    api = FakeCloudflareApi(args)
    if args.seed:
        with open(args.seed) as stream:
            seeds = json.load(stream)
        for seed in seeds if isinstance(seeds, list) else [seeds]:
            api.store.seed(seed)
    server = FakeServer((args.host, args.port), api, verbose=args.verbose)
    port = server.server_address[1]

    def stop(*dummy):
        threading.Thread(target=server.shutdown, daemon=True).start()

    api.shutdown_hook = stop
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if args.timeout:
        timer = threading.Timer(args.timeout, stop)
        timer.daemon = True
        timer.start()
    if args.parent_pid:
        watcher = threading.Thread(target=_watch_parent, args=(args.parent_pid, stop))
        watcher.daemon = True
        watcher.start()
    if args.port_file:
        _write_port_file(args.port_file, port)
    sys.stdout.write('fake cloudflare listening on http://%s:%d%s\n' % (args.host, port, BASE_PATH))
    sys.stdout.flush()
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        if args.port_file:
            try:
                os.remove(args.port_file)
            except OSError:
                pass
    return 0


if __name__ == '__main__':
    sys.exit(main())
