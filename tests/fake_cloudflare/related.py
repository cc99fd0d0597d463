# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Access objects that applications and policies refer to: groups (account and zone scope), tags,
identity providers and service tokens (../shared/cloudflare-api/access-related.openapi.json).

Mixed into server.py's Store (state, checks) and FakeCloudflareApi (routes).  Which fields of an
application, policy or group hold a reference is read from _schema (the `reference` key) through
_references' walkers, like the client side.  Behaviours the reference marks as inferred (I) are
listed in README.md.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import copy
import re
import secrets
import uuid
from collections import OrderedDict
from urllib.parse import unquote

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _models, _references as references

E_REFERENCE = 12130  # the code of the live "unknown tag" answer; used for every unknown reference
E_GROUP_NOT_FOUND = 12140
E_TAG_NOT_FOUND = 12141
E_IDP_NOT_FOUND = 12142
E_TOKEN_NOT_FOUND = 12143
UNKNOWN_TAG = ('access.api.error.invalid_request: tags contain a tag that does not exist, tags must be created '
               'before assigning to an application')
PER_PAGE = {'groups': 1000, 'tags': 50, 'idps': 200, 'service_tokens': 1000}
IDP_TYPES = ('onetimepin', 'azureAD', 'saml', 'centrify', 'facebook', 'github', 'google-apps', 'google', 'linkedin',
             'oidc', 'okta', 'onelogin', 'pingone', 'yandex', 'cloudflare')
GROUP_FIELDS = ('name', 'include', 'exclude', 'require')
READ_ONLY = ('id', 'created_at', 'updated_at')
STORES = ('groups', 'tags', 'idps', 'service_tokens')
NOT_FOUND = {'groups': (E_GROUP_NOT_FOUND, 'Access group with id'), 'tags': (E_TAG_NOT_FOUND, 'tag named'),
             'idps': (E_IDP_NOT_FOUND, 'identity provider with id'), 'service_tokens': (E_TOKEN_NOT_FOUND, 'service token with id')}

ROUTES = [
    (re.compile(r'^/(accounts|zones)/([^/]+)/access/groups$'), 'groups', ('GET', 'POST')),
    (re.compile(r'^/(accounts|zones)/([^/]+)/access/groups/([^/]+)$'), 'group', ('GET', 'PUT', 'DELETE')),
    (re.compile(r'^/(accounts)/([^/]+)/access/tags$'), 'tags', ('GET', 'POST')),
    (re.compile(r'^/(accounts)/([^/]+)/access/tags/([^/]+)$'), 'tag', ('GET', 'PUT', 'DELETE')),
    (re.compile(r'^/(accounts)/([^/]+)/access/identity_providers$'), 'idps', ('GET',)),
    (re.compile(r'^/(accounts)/([^/]+)/access/identity_providers/([^/]+)$'), 'idp', ('GET',)),
    (re.compile(r'^/(accounts)/([^/]+)/access/service_tokens$'), 'service_tokens', ('GET',)),
    (re.compile(r'^/(accounts)/([^/]+)/access/service_tokens/([^/]+)$'), 'service_token', ('GET',)),
]

_server = None  # the server module (bind): ApiError, paginate, now_rfc3339, _normalise_rules, _ordered ...


def bind(server_module):
    global _server  # pylint: disable=global-statement
    _server = server_module


def init_scope(scope):
    for name in STORES:
        setattr(scope, name, OrderedDict())


def dump(scope):
    return dict((name, [copy.deepcopy(o) for o in getattr(scope, name).values()]) for name in STORES
                if scope.kind == 'account' or name == 'groups')


def _invalid(messages, code=E_REFERENCE):
    return _server.ApiError.invalid(messages, code=code)


class RelatedStore:
    """State and rules of groups, tags, IdPs and service tokens (a mixin of server.Store)."""

    def account_of(self, scope):
        """The account a scope belongs to (every fake zone belongs to the first account)."""
        return scope if scope.kind == 'account' else self.scope('account', self.account_ids[0])

    # -- references -----------------------------------------------------------------------------

    def check_references(self, scope, refs):
        """400 for a reference to a tag, group, IdP or service token that does not exist (policies: see _plan_policies)."""
        account = self.account_of(scope)
        tags = [ref for ref in refs if ref.kind == 'tag' and ref.value not in account.tags]
        if tags:
            err = _server.ApiError(400, E_REFERENCE, UNKNOWN_TAG)
            err.errors = [{'code': E_REFERENCE, 'message': UNKNOWN_TAG, 'source': {'pointer': '/' + ref.path.replace('[', '/').rstrip(']')}}
                          for ref in tags]
            raise err
        known = {'group': scope.groups, 'idp': account.idps, 'service_token': account.service_tokens}
        problems = []
        for ref in refs:
            if ref.kind in known and ref.value not in known[ref.kind]:
                problems.append('%s: no %s with id %s' % (ref.path, references.KINDS[ref.kind]['title'], ref.value))
        if problems:
            raise _invalid(problems)

    def tag_users(self, scope, name):
        return [app['name'] for app in self.account_of(scope).apps.values() if name in (app.get('tags') or [])]

    # -- tags -----------------------------------------------------------------------------------

    def tag_view(self, scope, tag):
        out = copy.deepcopy(tag)
        out['app_count'] = len(self.tag_users(scope, tag['name']))
        return out

    @staticmethod
    def get_related(scope, store, key):
        """One group, tag, IdP or service token (store: one of STORES); 404 when there is none."""
        found = getattr(scope, store).get(key)
        if found is None:
            code, what = NOT_FOUND[store]
            raise _server.ApiError(404, code, 'access.api.error.not_found: no %s %s' % (what, key))
        return found

    def _tag_name(self, body, required):
        if not isinstance(body, dict):
            raise _invalid(['(body): must be a JSON object'], _server.E_INVALID)
        unknown = sorted(set(body) - set(('name', 'app_count', 'created_at', 'updated_at')))
        name = body.get('name')
        errors = ['%s: is not a field of a tag' % key for key in unknown]
        if (required or name is not None) and (not isinstance(name, str) or not name.strip()):
            errors.append('name: must be a non-empty string')
        if errors:
            raise _invalid(errors, _server.E_INVALID)
        return name

    def create_tag(self, scope, body):
        name = self._tag_name(body, required=True)
        if name in scope.tags:
            raise _invalid(['name: a tag named %s already exists' % name])
        now = _server.now_rfc3339()
        scope.tags[name] = OrderedDict([('name', name), ('created_at', now), ('updated_at', now)])
        return scope.tags[name]

    def update_tag(self, scope, name, body):
        tag = self.get_related(scope, 'tags', name)
        new = self._tag_name(body, required=True)
        if new != name:
            if new in scope.tags:
                raise _invalid(['name: a tag named %s already exists' % new])
            for app in scope.apps.values():  # a rename: the applications follow
                if name in (app.get('tags') or []):
                    app['tags'] = sorted(new if t == name else t for t in app['tags'])
        tag = OrderedDict([('name', new), ('created_at', tag['created_at']), ('updated_at', _server.now_rfc3339())])
        scope.tags = OrderedDict((new, tag) if key == name else (key, value) for key, value in scope.tags.items())
        return tag

    def delete_tag(self, scope, name):
        self.get_related(scope, 'tags', name)
        users = self.tag_users(scope, name)
        if users:
            raise _invalid(['name: the tag %s is still used by %d application(s) (%s); remove it from them first'
                            % (name, len(users), ', '.join(sorted(users)))])
        del scope.tags[name]

    def ensure_tags(self, scope, names):
        """Seeding: the tags that a seeded application carries exist (as made in the dashboard)."""
        for name in names or []:
            if isinstance(name, str) and name not in scope.tags:
                self.create_tag(scope, {'name': name})

    # -- groups ---------------------------------------------------------------------------------

    def _validate_group(self, scope, body):
        if not isinstance(body, dict):
            raise _invalid(['(body): must be a JSON object'], _server.E_INVALID)
        body = dict((k, v) for k, v in body.items() if k not in READ_ONLY and v is not None)
        allowed = GROUP_FIELDS + (('is_default',) if scope.kind == 'account' else ())
        errors = ['%s: is not a field of an Access group%s' % (key, ' at zone scope' if key == 'is_default' else '')
                  for key in sorted(body) if key not in allowed]
        if not isinstance(body.get('name'), str) or not body['name'].strip():
            errors.append('name: required, a non-empty string')
        if not isinstance(body.get('include'), list) or not body['include']:
            errors.append('include: required, a non-empty list of rules')
        if 'is_default' in body and not isinstance(body['is_default'], bool):
            errors.append('is_default: must be a boolean')
        rules = dict((k, body[k]) for k in _server.RULE_LISTS if isinstance(body.get(k), list))
        if not errors:
            errors = _models.validate_policy_request(dict(rules, name=body['name'], decision='allow'), 'reusable')
        if errors:
            raise _invalid(errors, _server.E_INVALID)
        self.check_references(scope, references.group_references(body))
        return body

    def group_record(self, body, previous=None):
        group = dict((k, copy.deepcopy(v)) for k, v in body.items() if k in GROUP_FIELDS and v is not None)
        for key in _server.RULE_LISTS:
            group.setdefault(key, [])
        _server._normalise_rules(group)  # pylint: disable=protected-access
        now = _server.now_rfc3339()
        group['id'] = body.get('id') or (previous['id'] if previous else str(uuid.uuid4()))
        group['created_at'] = previous['created_at'] if previous else now
        group['updated_at'] = now
        return _server._ordered(group)  # pylint: disable=protected-access

    def create_group(self, scope, body):
        group = self.group_record(self._validate_group(scope, body))
        scope.groups[group['id']] = group
        return group

    def update_group(self, scope, group_id, body):
        previous = self.get_related(scope, 'groups', group_id)
        group = self.group_record(self._validate_group(scope, body), previous)
        scope.groups[group_id] = group
        return group

    def delete_group(self, scope, group_id):
        self.get_related(scope, 'groups', group_id)
        del scope.groups[group_id]

    @staticmethod
    def list_named(items, query):
        """The `name` / `search` filters of the group and service token lists: case-insensitive substrings."""
        for key in ('name', 'search'):
            if key in query:
                needle = query[key].lower()
                items = [o for o in items if needle in str(o.get('name') or '').lower()]
        return items

    # -- identity providers and service tokens (read side; made by seeding) ---------------------

    @staticmethod
    def idp_view(idp):
        out = copy.deepcopy(idp)
        out.get('config', {}).pop('client_secret', None)  # sensitive: never returned (I)
        out.get('scim_config', {}).pop('secret', None)
        return out

    # -- seeding --------------------------------------------------------------------------------

    def seed_related(self, scope, data):
        """Seed tags, groups, identity providers and service tokens (no validation, as in the dashboard)."""
        out = {}
        if scope.kind != 'account' and any(data.get(k) for k in ('tags', 'identity_providers', 'service_tokens')):
            raise ValueError('tags, identity providers and service tokens exist only at account scope')
        self.ensure_tags(scope, [t['name'] if isinstance(t, dict) else t for t in data.get('tags') or []])
        if data.get('tags'):
            out['tags'] = [self.tag_view(scope, t) for t in scope.tags.values()]
        groups = [self.group_record(dict(body)) for body in data.get('groups') or []]
        scope.groups.update((g['id'], g) for g in groups)
        now = _server.now_rfc3339()
        idps = []
        for body in data.get('identity_providers') or []:
            idp = dict(id=str(uuid.uuid4()), type='onetimepin', config={}, scim_config={'enabled': False})
            idp.update(copy.deepcopy(body))
            if idp['type'] not in IDP_TYPES or not idp.get('name'):
                raise ValueError('an identity provider needs a name and a type of %s: %r' % (', '.join(IDP_TYPES), body))
            scope.idps[idp['id']] = _server._ordered(idp)  # pylint: disable=protected-access
            idps.append(self.idp_view(idp))
        tokens = []
        for body in data.get('service_tokens') or []:
            token = dict(id=str(uuid.uuid4()), client_id='%s.access' % secrets.token_hex(16), duration='8760h',
                         expires_at='2099-01-01T00:00:00Z', created_at=now, updated_at=now)
            token.update(copy.deepcopy(body))
            if not token.get('name'):
                raise ValueError('a service token needs a name: %r' % (body,))
            token.pop('client_secret', None)
            scope.service_tokens[token['id']] = _server._ordered(token)  # pylint: disable=protected-access
            tokens.append(copy.deepcopy(token))
        if groups:
            out['groups'] = copy.deepcopy(groups)
        if idps:
            out['identity_providers'] = idps
        if tokens:
            out['service_tokens'] = tokens
        return out


class RelatedRoutes:
    """Route handlers (a mixin of server.FakeCloudflareApi): (method, scope, args, params, body) -> (status, envelope)."""

    def _page(self, items, params, kind):
        chunk, info = _server.paginate(items, params, PER_PAGE[kind])
        return 200, _server.envelope(chunk, info)

    def r_groups(self, method, scope, args, params, body):
        del args
        store = self.store
        if method == 'GET':
            return self._page([copy.deepcopy(g) for g in store.list_named(list(scope.groups.values()), params)], params, 'groups')
        return 201, _server.envelope(copy.deepcopy(store.create_group(scope, body)))

    def r_group(self, method, scope, args, params, body):
        del params
        store = self.store
        if method == 'GET':
            return 200, _server.envelope(copy.deepcopy(store.get_related(scope, 'groups', args[0])))
        if method == 'PUT':
            return 200, _server.envelope(copy.deepcopy(store.update_group(scope, args[0], body)))
        store.delete_group(scope, args[0])
        return 202, _server.envelope({'id': args[0]})

    def r_tags(self, method, scope, args, params, body):
        del args
        store = self.store
        if method == 'GET':
            return self._page([store.tag_view(scope, t) for t in scope.tags.values()], params, 'tags')
        return 201, _server.envelope(store.tag_view(scope, store.create_tag(scope, body)))

    def r_tag(self, method, scope, args, params, body):
        del params
        store = self.store
        args = [unquote(args[0])]
        if method == 'GET':
            return 200, _server.envelope(store.tag_view(scope, store.get_related(scope, 'tags', args[0])))
        if method == 'PUT':
            return 200, _server.envelope(store.tag_view(scope, store.update_tag(scope, args[0], body)))
        store.delete_tag(scope, args[0])
        return 202, _server.envelope({'name': args[0]})

    def r_idps(self, method, scope, args, params, body):
        del method, args, body
        idps = list(scope.idps.values())
        if 'scim_enabled' in params:
            wanted = _server._bool_param('scim_enabled', params['scim_enabled'])  # pylint: disable=protected-access
            idps = [i for i in idps if bool((i.get('scim_config') or {}).get('enabled')) == wanted]
        return self._page([self.store.idp_view(i) for i in idps], params, 'idps')

    def r_idp(self, method, scope, args, params, body):
        del method, params, body
        return 200, _server.envelope(self.store.idp_view(self.store.get_related(scope, 'idps', args[0])))

    def r_service_tokens(self, method, scope, args, params, body):
        del method, args, body
        tokens = self.store.list_named(list(scope.service_tokens.values()), params)
        return self._page([copy.deepcopy(t) for t in tokens], params, 'service_tokens')

    def r_service_token(self, method, scope, args, params, body):
        del method, params, body
        return 200, _server.envelope(copy.deepcopy(self.store.get_related(scope, 'service_tokens', args[0])))
