# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# PRIVATE to the zerotrust.cloudflare collection: not a public API, may change without notice.
#
# The Access application engine: find, plan (compare, merge, predict) and apply.  Shared by the
# access_application module (one application, looked up with the API's filters) and by the bulk
# module behind the access_applications role (many applications, one list sweep).  No Ansible
# import: results are plain dicts and errors are exceptions.

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import threading

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _compare, _schema, _validate
from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _models, _references
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._client import (
    CloudflareAPIError, CloudflareError, CloudflareOutcomeUnknownError)

API_FIELDS = _schema.APP_FIELDS
_OPTION_NAMES = tuple(_schema.option_name(k, v) for k, v in API_FIELDS.items())
_OPTION_ORDER = dict((name, position) for position, name in enumerate(_OPTION_NAMES))


class ApplicationError(Exception):
    """A problem with the task's input or with what exists, reported as one clear message."""

    def __init__(self, msg, **details):
        super(ApplicationError, self).__init__(msg)
        self.msg = msg
        self.details = details


def desired_from_params(params):
    """The API fields a task sets (None = not managed), with deprecated shapes converted."""
    # (the options the task sets, in the schema's order: a bulk item sets a few of the ~80)
    names = sorted((k for k, v in params.items() if v is not None and k in _OPTION_ORDER), key=_OPTION_ORDER.get)
    desired = _schema.to_api(_compare.strip_none(dict((name, params[name]) for name in names)), API_FIELDS)
    warnings = []
    if 'self_hosted_domains' in desired:
        warnings.append('self_hosted_domains is deprecated by Cloudflare; it is sent as public destinations. '
                        'Use destinations instead.')
    scim = desired.get('scim_config')
    if scim and isinstance(scim.get('authentication'), list) and len(scim['authentication']) == 1:
        scim['authentication'] = scim['authentication'][0]
    variants = _schema.DESTINATION_VARIANTS
    for destination in desired.get('destinations') or []:
        if isinstance(destination, dict) and destination.get(variants['key']) is None:
            destination[variants['key']] = variants['default']  # what the API stores for a destination without type
    return desired, warnings


def natural_key(params, desired):
    """(name, domain) that find an application without app_id.  Without a name, the domain (or the first public
    destination) identifies the types that have one; singletons are found by their type."""
    if params.get('type') in _schema.SINGLETONS:
        return None, None
    domain = desired.get('domain')
    if not desired.get('name') and not domain and params.get('type') in _schema.DOMAIN_KEY_TYPES + (None,):
        domain = _first_public_uri(desired.get('destinations'))
    return desired.get('name'), domain


def item_errors(params, scope):
    """Everything wrong with one task's (or bulk item's) options that is known before any request."""
    desired, dummy = desired_from_params(params)
    app_type = params.get('type')
    errors = []
    reason = _validate.value_error(params.get('app_id'), _schema.ID_OPTIONS['app_id'])
    if reason:
        errors.append('app_id: %s' % reason)
    errors.extend(input_errors(desired, app_type, scope))
    state = params.get('state') or 'present'
    if state == 'present' and not params.get('app_id') and not app_type:
        errors.append('type: is needed with state=present unless app_id is given')
    if not params.get('app_id') and app_type not in _schema.SINGLETONS and app_type in _schema.APP_TYPES:
        name, domain = natural_key(params, desired)
        if not name and not domain:
            if app_type in _schema.DOMAIN_KEY_TYPES:
                errors.append('name: is needed to find the application (or domain, a public destination, or app_id)')
            else:
                errors.append('name: is needed to find the application: %s applications have no domain that could '
                              'identify them (or give app_id)' % app_type)
    return errors


def input_errors(desired, app_type, scope):
    """Errors in what the task sets, before any API call."""
    if app_type is None:
        return []
    if app_type not in _schema.APP_TYPES:
        return ['type: %r is not an application type' % app_type]
    if not _schema.APP_TYPES[app_type]['creatable']:
        return []
    # names of tags, policies, groups, IdPs and service tokens are resolved later: checked here as ids would be
    body = _references.with_placeholder_ids(dict(desired, type=app_type), _references.app_references)
    return _models.validate_app_request(body, scope, partial=True)


def delete_if_exists(client, path):
    """DELETE; an object already gone (404, also after a retried DELETE that had gone through) is the goal reached."""
    try:
        client.delete(path)
    except CloudflareAPIError as exc:
        if exc.status != 404:
            raise


def resolve_references(resolver, body, walker):
    """`body` with the names it refers to replaced by ids (one list request per kind, shared by a run)."""
    try:
        return resolver.resolve(body, walker)
    except _references.ReferenceResolutionError as exc:
        raise ApplicationError('unknown or ambiguous references: ' + '; '.join(exc.problems), errors=exc.problems)


def create_missing_tags(client, resolver, names, check_mode):
    """Create the tags that applications name and that do not exist yet (one POST each); check mode only reports."""
    for name in names:
        if check_mode:
            continue

        def lookup(name=name):
            resolver.forget('tag')
            return ([t for t in resolver.objects('tag') if t.get('name') == name] or [None])[0]
        created = create_once(client, resolver.path('tag'), {'name': name}, lookup)
        if not any(t.get('name') == name for t in resolver.objects('tag')):
            resolver.add('tag', created or {'name': name})
    return list(names)


def create_once(client, path, body, lookup, on_found=None, attempts=3):
    """POST that never makes a duplicate: when the outcome of a POST is unknown (its response was lost), the
    object is looked up before the POST is sent again (PITFALLS 18)."""
    for attempt in range(1, attempts + 1):
        try:
            return client.post(path, json=body)
        except CloudflareOutcomeUnknownError:
            existing = lookup() if lookup else None
            if existing is not None:
                if on_found:
                    on_found(existing)
                return existing
            if attempt == attempts or lookup is None:
                raise
    return None  # not reached: the last attempt returns or raises


def _public_uris(destinations):
    return [d['uri'] for d in destinations or [] if d.get('type', 'public') == 'public' and d.get('uri')]


def app_domains(app):
    """The hostnames that identify an application: its domain and its public destinations."""
    return set([app.get('domain')] + _public_uris(app.get('destinations'))) - set([None])


def _first_public_uri(destinations):
    return (_public_uris(destinations) or [None])[0]


def _derive_domains(app, app_type, scope):
    """domain, destinations and self_hosted_domains as the API derives them from one another (predictions)."""
    if app_type not in _schema.SELF_HOSTED_FAMILY:
        return
    fields = _schema.fields_for(app_type, scope)
    if app.get('destinations'):
        public = _public_uris(app['destinations'])
        if public:
            app['domain'] = public[0]
            if 'self_hosted_domains' in fields:
                app['self_hosted_domains'] = public
    elif app.get('domain'):
        if 'destinations' in fields:
            app['destinations'] = [{'type': 'public', 'uri': app['domain']}]
        if 'self_hosted_domains' in fields:
            app['self_hosted_domains'] = [app['domain']]


class AppIndex(object):
    """Every application of a scope, from one list sweep, looked up by id, name and type in constant time."""

    def __init__(self, apps):
        self.apps = list(apps)
        self.by_id, self.by_name, self.by_type, self.by_domain = {}, {}, {}, {}
        for app in self.apps:
            self.by_id[app.get('id')] = app
            self.by_name.setdefault(app.get('name'), []).append(app)
            self.by_type.setdefault(app.get('type'), []).append(app)
            for domain in app_domains(app):
                self.by_domain.setdefault(domain, []).append(app)


class Plan(object):
    """What ensure_present/ensure_absent would do: action, body to send, before/after, predicted object."""

    def __init__(self, action, current=None, body=None, predicted=None, before=None, after=None, changed_fields=None):
        self.action = action  # create | update | delete | recreate | none
        self.current = current
        self.body = body
        self.predicted = predicted
        self.before = before or {}
        self.after = after or {}
        self.changed_fields = changed_fields or []
        self.desired = {}
        self.missing_tags = []  # tags the body names that do not exist yet: created before it is written
        self.update_secrets = None
        self.move_from = None  # path of the same application at the other scope, deleted after the creation

    @property
    def changed(self):
        return self.action != 'none'


class ApplicationManager(object):

    def __init__(self, client, account_id=None, zone_id=None, update_secrets='on_create', warn=None):
        if bool(account_id) == bool(zone_id):
            raise ApplicationError('exactly one of account_id or zone_id is needed (CLOUDFLARE_ACCOUNT_ID sets account_id)')
        self.client = client
        self.scope = 'zone' if zone_id else 'account'
        self.account_id = account_id
        self.zone_id = zone_id
        self.base = ('/zones/%s/access/apps' % zone_id) if zone_id else ('/accounts/%s/access/apps' % account_id)
        self.update_secrets = update_secrets
        self.warn = warn or (lambda msg: None)
        # names -> ids of tags, policies, groups, IdPs and service tokens: each kind listed at most once per run
        self.resolver = _references.Resolver(client, account_id, zone_id)

    # ------------------------------------------------------------------------------- reading

    def list(self, filters=None, concurrency=1):
        """`concurrency`: pages read in parallel once the first one tells how many there are (bulk runs)."""
        params = dict((k, v) for k, v in (filters or {}).items() if v is not None)
        if self.scope == 'zone':
            params = {}  # the zone list has no filters: filter on this side
        return self.client.paginate(self.base, params=params or None, per_page=1000, concurrency=concurrency)

    def get(self, app_id):
        try:
            return self.client.get('%s/%s' % (self.base, app_id))
        except CloudflareAPIError as exc:
            if exc.status == 404:
                return None
            raise

    def find(self, app_type=None, name=None, domain=None, app_id=None, index=None):
        """The current application, or None.  `index`: an AppIndex of every application (bulk runs): no request."""
        if app_id:
            if index is not None:
                return index.by_id.get(app_id)
            return self.get(app_id)
        if app_type in _schema.SINGLETONS:
            apps = index.by_type.get(app_type, []) if index is not None else self.list()
            matches = [a for a in apps if a.get('type') == app_type]
            key = 'type %s' % app_type
        elif name:
            apps = index.by_name.get(name, []) if index is not None else self.list({'name': name, 'exact': 'true'})
            matches = [a for a in apps if a.get('name') == name]
            key = 'name %r' % name
            if len(matches) > 1 and domain:
                # names are not unique: the domain tells same-named applications apart
                matches = [a for a in matches if a.get('domain') == domain]
                key += ' and domain %r' % domain
        elif domain:
            # no name: the domain identifies it (self-hosted family, bookmark, proxy endpoint, MCP public URI)
            apps = index.by_domain.get(domain, []) if index is not None else self.list({'domain': domain, 'exact': 'true'})
            matches = [a for a in apps if domain in app_domains(a) and app_type in (None, a.get('type'))]
            key = 'domain %r' % domain
        else:
            raise ApplicationError('name is needed to find the application (or app_id; or type for app_launcher, warp and biso)')
        if len(matches) > 1:
            ids = [a.get('id') for a in matches]
            raise ApplicationError('%d applications match %s: %s. Names are not unique in Cloudflare Access: give app_id '
                                   '(or domain) to pick one.' % (len(matches), key, ', '.join(ids)), matching_ids=ids)
        return matches[0] if matches else None

    # ------------------------------------------------------------------------------- planning

    def plan_present(self, desired, current, allow_recreate=False, update_secrets=None):
        update_secrets = update_secrets or self.update_secrets
        app_type = desired.get('type') or (current or {}).get('type')
        if current is None:
            return self._plan_create(desired, app_type)
        if desired.get('type') and current.get('type') != desired['type']:
            if not allow_recreate:
                raise ApplicationError(
                    'application %s is of type %s, the task asks for %s. The type cannot change in place: the application '
                    'would be deleted and re-created with a new id and a new aud (services that validate the JWT audience '
                    'break). Set allow_recreate=true to do it.' % (current.get('id'), current.get('type'), desired['type']))
            create = self._plan_create(desired, app_type)
            create.action, create.current = 'recreate', current
            create.before = _compare.mask_secrets(dict((k, current.get(k)) for k in desired))
            return create
        if not _schema.APP_TYPES.get(app_type, {}).get('creatable'):
            changed = self._changed_fields(desired, current, app_type, update_secrets)
            if changed:
                raise ApplicationError('%s applications cannot be changed through the API (no request shape); they can only '
                                       'be read and adopted. Options that differ: %s' % (app_type, ', '.join(changed)))
            view = self._view(desired, current, app_type)
            return Plan('none', current=current, predicted=current, before=view, after=view)
        return self._plan_update(desired, current, app_type, update_secrets)

    def _check(self, body, app_type, what):
        # fields newer than the schema, kept from the current object, are the API's own: not checked here
        known = _compare.without_paths(body, _compare.unknown_paths(body, API_FIELDS))
        errors = _models.validate_app_request(known, self.scope)
        if errors:
            raise ApplicationError('%s: %s' % (what, '; '.join(errors)), errors=errors)

    def _plan_create(self, desired, app_type):
        if app_type is None:
            raise ApplicationError('type is needed to create the application')
        if not _schema.APP_TYPES[app_type]['creatable']:
            raise ApplicationError('%s applications cannot be created: the API has no request shape for them; they can '
                                   'only be read (access_application_info) or adopted with app_id' % app_type)
        body = copy.deepcopy(desired)
        body['type'] = app_type
        self._link_domain_fields(body, desired, app_type)
        if 'policies' in body:
            body['policies'] = _compare.policies_body(body['policies'], [], app_type)
        self._check(body, app_type, 'cannot create the %s application' % app_type)
        predicted = dict(_schema.server_defaults(app_type, self.scope))
        predicted.update(_compare.remove_secrets(body))
        _derive_domains(predicted, app_type, self.scope)
        return Plan('create', body=body, predicted=predicted, before={},
                    after=self._view(desired, predicted, app_type),
                    changed_fields=sorted(desired))

    def _changed_fields(self, desired, current, app_type, update_secrets):
        changed = []
        for key, value in desired.items():
            if key == 'type':
                continue
            if key == 'policies':
                if not _compare.same_policies(value, current.get('policies'), app_type):
                    changed.append(key)
            elif not _compare.same(value, current.get(key), API_FIELDS[key]):
                changed.append(key)
            elif update_secrets == 'always' and _compare.has_secret({key: value}, API_FIELDS):
                changed.append(key)  # write-only secret re-sent on request
        return changed

    def _plan_update(self, desired, current, app_type, update_secrets):
        changed = self._changed_fields(desired, current, app_type, update_secrets)
        before = self._view(desired, current, app_type)
        if not changed:
            return Plan('none', current=current, predicted=current, before=before, after=before)
        body = self._update_body(desired, current, app_type, update_secrets)
        self._check(body, app_type, 'the updated application %s would be invalid' % current.get('id'))
        predicted = dict(_schema.server_defaults(app_type, self.scope))
        predicted.update(dict((k, v) for k, v in current.items() if k != 'policies'))
        predicted.update(_compare.remove_secrets(body))
        _derive_domains(predicted, app_type, self.scope)
        if 'policies' not in body and 'policies' in current:
            predicted['policies'] = current['policies']
        # the diff: what changes as the API will hold it; unchanged fields as they are; re-sent secrets masked
        after = self._view(desired, dict(predicted, **_compare.mask_secrets(body)), app_type)
        for key in desired:
            if key not in changed:
                after[key] = before.get(key)
        return Plan('update', current=current, body=body, predicted=predicted, before=before, after=after,
                    changed_fields=changed)

    def _view(self, desired, obj, app_type):
        """The managed fields of `obj`, secrets masked, policies as compared (for --diff)."""
        view = {}
        for key in desired:
            if key == 'policies':
                if desired[key] and all(_validate.is_link(p) for p in desired[key]):
                    links = set(p.get('id') for p in obj.get('policies') or [])  # the task links: show links
                else:
                    links = set()
                view[key] = _compare.policy_summary(obj.get('policies'), app_type, links)
            else:
                value = obj.get(key)
                if value is None and 'server_default' in API_FIELDS[key]:
                    value = API_FIELDS[key]['server_default']
                view[key] = _compare.project(value, desired[key], API_FIELDS[key])
        return _compare.mask_secrets(view)

    def _update_body(self, desired, current, app_type, update_secrets):
        writable = dict((k, API_FIELDS[k]) for k in _schema.fields_for(app_type, self.scope))
        known_elsewhere = set(API_FIELDS) - set(writable)  # known fields this type does not take: not kept
        base = _compare.prune(dict((k, v) for k, v in current.items() if k not in known_elsewhere), writable, app_type,
                              keep_unknown=True)
        base.pop('policies', None)  # absent policies are kept by the API; [] would detach them all
        if 'scim_config' not in desired:
            base.pop('scim_config', None)  # it needs its write-only secret: not touched unless the task gives it
        elif isinstance(base.get('scim_config'), dict):
            base['scim_config'].pop('authentication', None)  # write-only: the API keeps it when absent
        want = copy.deepcopy(desired)
        want.pop('policies', None)
        if update_secrets != 'always':
            # write-only secrets are compared by nobody; a scim_config that is sent carries the credentials the
            # task gives (the API needs them), the OIDC client secret is the server's own
            (want.get('saas_app') or {}).pop('client_secret', None)
        body = _compare.merge(base, want, writable)
        self._link_domain_fields(body, desired, app_type)
        if 'policies' in desired:
            body['policies'] = _compare.policies_body(desired['policies'], current.get('policies'), app_type)
        body['type'] = app_type
        return body

    @staticmethod
    def _link_domain_fields(body, desired, app_type):
        """domain, destinations and self_hosted_domains are derived from one another by the API: send one consistent set."""
        if app_type not in _schema.SELF_HOSTED_FAMILY + _schema.MCP_FAMILY:
            return
        hostnames = desired.get('self_hosted_domains')
        if hostnames and 'destinations' not in desired:
            # the deprecated set of hostnames, sent as public destinations, the domain first (the API derives the
            # domain from the first one); the other kinds of destination are kept
            domain = desired.get('domain') if desired.get('domain') in hostnames else body.get('domain')
            ordered = ([domain] if domain in hostnames else []) + [h for h in hostnames if h != domain]
            others = [d for d in body.get('destinations') or [] if d.get('type') != 'public']
            body['destinations'] = [{'type': 'public', 'uri': h} for h in ordered] + others
            body['domain'] = ordered[0]
            body.pop('self_hosted_domains', None)
            return
        if body.get('destinations'):
            body.pop('self_hosted_domains', None)
        if 'destinations' in desired and 'domain' not in desired and app_type in _schema.SELF_HOSTED_FAMILY:
            body['domain'] = _first_public_uri(desired['destinations']) or body.get('domain')
        elif 'domain' in desired and 'destinations' not in desired and body.get('destinations'):
            for item in body['destinations']:
                if item.get('type') == 'public':
                    item['uri'] = desired['domain']
                    break

    def _check_scope_move(self, plan, app_type, name, domain, allow_recreate):
        """PITFALLS 13: creating at zone scope an application that exists at the zone's account scope would give
        it a new id and aud.  Refused unless allowed; when allowed, the account one is deleted after the creation."""
        if self.scope != 'zone' or not name:
            return
        try:
            account_id = ((self.client.get('/zones/%s' % self.zone_id) or {}).get('account') or {}).get('id')
            if not account_id:
                return
            twins = [a for a in self.client.paginate('/accounts/%s/access/apps' % account_id,
                                                     params={'name': name, 'exact': 'true'}, per_page=1000)
                     if a.get('name') == name and a.get('type') == app_type and (domain is None or a.get('domain') == domain)]
        except CloudflareError as exc:
            self.warn('could not check whether the application exists at account scope (%s)' % exc)
            return
        if not twins:
            return
        twin = twins[0]
        if not allow_recreate:
            raise ApplicationError(
                'application %r exists at account scope (id %s, aud %s). Creating it at zone scope makes a new '
                'application with a new id and a new aud (services that validate the JWT audience break). Set '
                'allow_recreate=true to move it: the account-scoped one is deleted once the zone-scoped one exists.'
                % (name, twin.get('id'), twin.get('aud')))
        plan.move_from = '/accounts/%s/access/apps/%s' % (account_id, twin['id'])

    def plan_absent(self, current, force=False):
        if current is None:
            return Plan('none')
        if current.get('type') in _schema.SINGLETONS and not force:
            raise ApplicationError('%s is an account singleton (%s); deleting it turns the feature off for the whole '
                                   'account. Set force=true to delete it.'
                                   % (current.get('type'), _schema.APP_TYPES[current['type']]['fixed_name']))
        shown = dict((k, current.get(k)) for k in ('id', 'type', 'name', 'domain') if current.get(k) is not None)
        return Plan('delete', current=current, predicted=None, before=shown, after={})

    # ------------------------------------------------------------------------------- applying

    def apply(self, plan, lookup=None):
        """Carry out a plan; returns the application object as the API returned it (or None after a delete)."""
        if plan.action == 'none':
            return plan.current
        if plan.action == 'delete':
            self._delete(plan.current['id'])
            return None
        if plan.action == 'recreate':
            self._delete(plan.current['id'])
            return self._create(plan.body, lookup)
        if plan.action == 'create':
            created = self._create(plan.body, lookup)
            if plan.move_from:
                delete_if_exists(self.client, plan.move_from)
            return created
        return self._update(plan)

    def _delete(self, app_id):
        delete_if_exists(self.client, '%s/%s' % (self.base, app_id))

    def _create(self, body, lookup):
        def found(app):
            self.warn('the response to creating the application was lost, but the application was created (id %s); '
                      'any secret returned only on creation (OIDC client_secret) was lost with it' % app.get('id'))
        return create_once(self.client, self.base, body, lookup, found)

    def _update(self, plan):
        path = '%s/%s' % (self.base, plan.current['id'])
        try:
            return self.client.put(path, json=plan.body)
        except CloudflareAPIError as exc:
            if exc.status != 409:
                raise
        # 409: someone else changed it. Re-read and decide again; never blindly re-send the write.
        fresh = self.get(plan.current['id'])
        if fresh is None:
            raise ApplicationError('application %s disappeared while it was being updated' % plan.current['id'])
        again = self._plan_update(plan.desired, fresh, fresh.get('type'), plan.update_secrets)
        if not again.changed:
            return fresh
        return self.client.put(path, json=again.body)

    # ------------------------------------------------------------------------------- one task

    def ensure(self, params, state='present', index=None, checked=False):
        """Plan and (unless check_mode) apply one task's parameters; returns a result dict.
        `checked`: item_errors() found nothing in `params` already (bulk runs check every item before the sweep)."""
        desired, warnings = desired_from_params(params)
        for warning in warnings:
            self.warn(warning)
        app_type = params.get('type')
        errors = [] if checked else item_errors(dict(params, state=state), self.scope)
        if errors:
            raise ApplicationError('invalid options: ' + '; '.join(errors), errors=errors)
        name, domain = natural_key(params, desired)

        def lookup():
            return self.find(app_type, name, domain, params.get('app_id'))
        current = self.find(app_type, name, domain, params.get('app_id'), index=index)
        if state == 'absent':
            plan = self.plan_absent(current, force=params.get('force'))
        else:
            if current is None and params.get('app_id'):
                raise ApplicationError('no application with id %s exists in this %s' % (params['app_id'], self.scope))
            if current is not None and not app_type:
                errors = input_errors(desired, current.get('type'), self.scope)
                if errors:
                    raise ApplicationError('invalid options: ' + '; '.join(errors), errors=errors)
            desired = resolve_references(self.resolver, desired, _references.app_references)
            plan = self.plan_present(desired, current, allow_recreate=params.get('allow_recreate'),
                                     update_secrets=params.get('update_secrets'))
            if plan.action == 'create' and index is None:
                self._check_scope_move(plan, app_type, name, domain, params.get('allow_recreate'))
            new_tags = [t for t in desired.get('tags') or [] if t not in ((current or {}).get('tags') or [])]
            if plan.changed and new_tags:  # the tags the application has exist: listed only for new ones
                plan.missing_tags = self.resolver.missing_tags(_references.app_references({'tags': new_tags}))
        plan.desired = desired
        plan.update_secrets = params.get('update_secrets') or self.update_secrets
        return plan, lookup

    def run(self, params, state='present', check_mode=False, index=None):
        plan, lookup = self.ensure(params, state, index)
        result = {'changed': plan.changed, 'action': plan.action, 'diff': {'before': plan.before, 'after': plan.after}}
        if plan.missing_tags:
            result['created_tags'] = create_missing_tags(self.client, self.resolver, plan.missing_tags, check_mode)
        if check_mode or not plan.changed:
            application = plan.predicted if plan.changed else plan.current
            result['application'] = _compare.remove_secrets(application) if application else {}
            return result
        written = self.apply(plan, lookup)
        if written is None:
            result['application'] = {}
        else:
            keep = created_secret(plan, written)
            result['application'] = _compare.remove_secrets(written)
            if keep:
                result['application'].setdefault('saas_app', {})['client_secret'] = keep  # returned once, on creation
        return result


def as_it_is(params, current, desired=None):
    """True when the application already holds exactly what a declaration sets: every option the same value (_compare.holds;
    ids and tag names as stored: a name of another object never equals the id stored), no secret to re-send, nothing
    deprecated to convert.  Then it is unchanged, whatever the full plan would find (equal values are the same under
    every rule of _compare), and the bulk run of a no-op rerun skips the planning, the resolution and the diff of
    thousands of applications.  Anything else goes through the full plan.  `desired`: desired_from_params(params)."""
    if params.get('type') != current.get('type') or params.get('app_id') not in (None, current.get('id')):
        return False
    if desired is None:
        desired = desired_from_params(params)[0]
    if 'policies' in desired or 'self_hosted_domains' in desired:
        return False  # (links and inline policies are compared by their own rules; the deprecated field is converted)
    for key, value in desired.items():
        if not _compare.holds(value, current.get(key), API_FIELDS[key]):
            return False
    return params.get('update_secrets') != 'always' or not _compare.has_secret(desired, API_FIELDS)


def created_secret(plan, written):
    """The OIDC client secret that Cloudflare returns once, in the response that created the application."""
    if plan.action not in ('create', 'recreate') or not isinstance(written, dict):
        return None
    return (written.get('saas_app') or {}).get('client_secret')


def module_argument_spec():
    """The argument spec of access_application: the API fields of the schema and a few module options."""
    spec = _schema.argument_spec()
    spec.update(
        state=dict(type='str', choices=['present', 'absent'], default='present'),
        app_id=dict(type='str'),
        update_secrets=dict(type='str', choices=['always', 'on_create'], default='on_create', no_log=False),
        allow_recreate=dict(type='bool', default=False),
        force=dict(type='bool', default=False),
    )
    return spec


def run_module(base):
    """access_application: one task, one application."""
    module = base.module
    params = module.params
    account_id, zone_id = base.scope
    client = base.client()
    try:
        manager = ApplicationManager(client, account_id=account_id, zone_id=zone_id,
                                     update_secrets=params['update_secrets'], warn=module.warn)
        result = manager.run(params, state=params['state'], check_mode=module.check_mode)
    except (ApplicationError, CloudflareError) as exc:
        base.fail(exc)
    base.exit(result)


# ----------------------------------------------------------------------------------- export

def _drop_defaults(value, options):
    """Remove what Cloudflare would fill in anyway: empty values, server defaults, computed fields."""
    out = {}
    for key, item in value.items():
        spec = options.get(key) or {}
        if spec.get('computed') or key in ('created_at', 'updated_at'):
            continue
        if 'server_default' in spec and item == spec['server_default']:
            continue
        if spec.get('options') and not spec.get('free_form') and spec.get('type') == 'dict' and isinstance(item, dict):
            item = _drop_defaults(item, spec['options'])
        if spec.get('single_or_list') and isinstance(item, dict):
            item = [item]  # the option is a list (the API also takes one object)
        if item is None or item == [] or item == {} or item == '':
            continue
        out[key] = item
    return out


def to_module_args(app, scope='account', reusable_ids=()):
    """An application as access_application options: no server-computed fields, defaults or secrets.
    `reusable_ids`: the account's reusable policies, which the API returns expanded in the application.

    Feeding the result back to access_application (in the same account) changes nothing."""
    app_type = app.get('type')
    if app_type not in _schema.CREATABLE_TYPES:
        return {'type': app_type, 'name': app.get('name')}
    writable = dict((k, API_FIELDS[k]) for k in _schema.fields_for(app_type, scope))
    args = _drop_defaults(_compare.prune(app, writable, app_type), writable)
    if args.get('destinations'):
        args.pop('self_hosted_domains', None)  # deprecated: derived from destinations
    if isinstance(args.get('scim_config'), dict):
        # write-only credentials cannot be exported; without them the module leaves the stored ones alone
        args['scim_config'].pop('authentication', None)
    if app.get('policies'):
        policies = []
        for item in _compare.policy_summary(app['policies'], app_type, reusable_ids):
            if set(item) <= set(('id', 'precedence')):
                policies.append(item)  # a link to a reusable policy
            else:  # an inline policy: its id is this application's own, not exported
                inline = _compare.prune(item, _compare.POLICY_ITEM['options'], app_type)
                inline.pop('id', None)
                policies.append(_drop_defaults(inline, _compare.POLICY_ITEM['options']))
        args['policies'] = policies
    args['type'] = app_type
    return _schema.to_options(args, API_FIELDS)


def _loose(wanted, value, exact):
    if wanted is None:
        return True
    if exact:
        return value == wanted
    return wanted.lower() in (value or '').lower()


def list_applications(manager, params):
    """Applications matching the info module's filters (all pages)."""
    if params.get('app_id'):
        app = manager.get(params['app_id'])
        apps = [app] if app else []
    else:
        apps = manager.list({'name': params.get('name'), 'domain': params.get('domain'), 'aud': params.get('aud'),
                             'search': params.get('search'), 'exact': 'true' if params.get('exact') else None})
        # the zone list has no filters, and the account filters are loose: apply them here too
        apps = [a for a in apps if _loose(params.get('name'), a.get('name'), params.get('exact'))
                and _loose(params.get('domain'), a.get('domain'), params.get('exact'))
                and (params.get('aud') is None or a.get('aud') == params['aud'])]
        if params.get('search') and manager.scope == 'zone':
            text = params['search'].lower()
            apps = [a for a in apps if any(text in str(a.get(k) or '').lower() for k in ('name', 'domain', 'aud'))]
    if params.get('type'):
        apps = [a for a in apps if a.get('type') in params['type']]
    if params.get('format') == 'module_args':
        reusable = set()
        if manager.scope == 'account' and any(a.get('policies') for a in apps):
            reusable = set(p.get('id') for p in manager.resolver.objects('policy'))
        # policies, identity providers, groups and service tokens by their names where unique (one list per kind)
        return [manager.resolver.name_app(to_module_args(a, manager.scope, reusable)) for a in apps]
    return [_compare.remove_secrets(a) for a in apps]


def run_info_module(base):
    module = base.module
    account_id, zone_id = base.scope
    client = base.client()
    try:
        manager = ApplicationManager(client, account_id=account_id, zone_id=zone_id)
        applications = list_applications(manager, module.params)
    except (ApplicationError, CloudflareError) as exc:
        base.fail(exc)
    module.exit_json(changed=False, applications=applications)


# ----------------------------------------------------------------------------------- bulk

def apply_defaults(item, defaults, scope='account'):
    """`defaults` under `item`: an API field only where the item's type has it (a default session_duration
    must not break the bookmarks), other options always."""
    app_type = item.get('type')
    merged = {}
    for key, value in (defaults or {}).items():
        if key in API_FIELDS and app_type in _schema.APP_TYPES and app_type not in _schema.field_types(key, scope):
            continue
        if key in API_FIELDS and app_type in _schema.APP_TYPES and app_type in API_FIELDS[key].get('readonly_types', ()):
            continue
        merged[key] = value
    merged.update(item)
    return merged


def label_of(item):
    """How a declared application is named in results and messages."""
    return item.get('name') or item.get('domain') or item.get('app_id') or item.get('type')


def identity_key(item):
    """How a declared application is told apart from the others (for de-duplication)."""
    if item.get('app_id'):
        return 'id:%s' % item['app_id']
    if item.get('type') in _schema.SINGLETONS:
        return 'type:%s' % item['type']
    if not item.get('name'):
        domain = item.get('domain') or _first_public_uri([d for d in item.get('destinations') or [] if isinstance(d, dict)])
        if domain:
            return 'domain:%s' % domain
    return 'name:%s%s' % (item.get('name'), '|domain:%s' % item['domain'] if item.get('domain') else '')


READ_CONCURRENCY = 8


class BulkRun(object):
    """Many applications with one list sweep: every lookup is made in memory, only changes are written.

    The comparison, merge and validation are ApplicationManager's, so a bulk run and a single task
    always agree on what "changed" means."""

    def __init__(self, manager, check_mode=False, purge=False, purge_max=10, purge_tag=None, purge_unmanaged=False,
                 concurrency=4, with_diff=False, progress=None, checked=False):
        self.manager = manager
        self.checked = checked  # the items passed item_errors() (prevalidate): not checked a second time
        self.check_mode = check_mode
        self.purge = purge
        self.purge_max = purge_max
        self.purge_tag = purge_tag
        self.purge_unmanaged = purge_unmanaged
        self.concurrency = max(1, concurrency)
        self.with_diff = with_diff
        # progress(written, total, failed): called when the writes to make are known and after each of them (from the
        # write threads; written + failed = done); the action plugin shows it while the run goes on
        self.progress = progress
        self._progress_lock = threading.Lock()
        self._written = self._failed = self._to_write = 0
        self.created_tags = []

    def _report(self, failed=False, done=True):
        if self.progress is None:
            return
        with self._progress_lock:
            self._written += 1 if done and not failed else 0
            self._failed += 1 if failed else 0
            self.progress(self._written, self._to_write, self._failed)

    def _label(self, item):
        return label_of(item)

    def _tagged(self, params, current):
        """Add the ownership tag (kept with the tags the application already has when tags are not managed)."""
        app_type = params.get('type') or (current or {}).get('type')
        if not self.purge_tag or app_type not in _schema.field_types('tags', self.manager.scope):
            return params
        params = dict(params)
        tags = params.get('tags')
        if tags is None:
            tags = list((current or {}).get('tags') or [])
        if self.purge_tag not in tags:
            tags = list(tags) + [self.purge_tag]
        params['tags'] = tags
        return params

    def _resolve(self, params, index, desired):
        """The current application of a declaration (None when it does not exist)."""
        name, domain = natural_key(params, desired)
        return self.manager.find(params.get('type'), name, domain, params.get('app_id'), index=index)

    def _plan(self, params, index, current, desired=None):
        """(result entry, plan, lookup) of one declaration; in memory only.  `desired`: desired_from_params(params)."""
        label = self._label(params)
        entry = {'name': label, 'type': params.get('type'), 'key': identity_key(params)}
        try:
            state = params.get('state') or 'present'
            if state == 'present':
                tagged = self._tagged(params, current)
                desired = None if tagged is not params else desired
                params = tagged
                if current is not None and as_it_is(params, current, desired):
                    entry.update(action='unchanged', changed=False, id=current.get('id'))
                    return entry, None, None
            plan, lookup = self.manager.ensure(params, state, index=index, checked=self.checked)
        except (ApplicationError, CloudflareError) as exc:
            entry.update(action='failed', changed=False, msg=str(getattr(exc, 'msg', None) or exc))
            return entry, None, None
        entry['action'] = {'create': 'created', 'update': 'updated', 'recreate': 'recreated', 'delete': 'deleted',
                           'none': 'unchanged'}[plan.action]
        entry['changed'] = plan.changed
        entry['id'] = (plan.current or {}).get('id')
        if self.with_diff and plan.changed:
            entry['diff'] = {'before': plan.before, 'after': plan.after, 'before_header': label, 'after_header': label}
        return entry, plan, lookup

    def _apply(self, job):
        entry, plan, lookup = job
        try:
            written = self.manager.apply(plan, lookup)
            if written:
                entry['id'] = written.get('id')
                secret = created_secret(plan, written)
                if secret:
                    entry['client_secret'] = secret  # shown once, by the response that created the application
                    # ansible-core shows the `results` of a no_log task unless each entry says no_log itself
                    entry['_ansible_no_log'] = True
        except (ApplicationError, CloudflareError) as exc:
            entry.update(action='failed', changed=False, msg=str(getattr(exc, 'msg', None) or exc))
        self._report(failed=entry['action'] == 'failed')

    def _purge_candidates(self, declared_ids, index):
        out = []
        for app in index.apps:
            if app.get('id') in declared_ids or app.get('type') in _schema.SINGLETONS or app.get('type') == 'dash_sso':
                continue
            if self.purge_tag and self.purge_tag in (app.get('tags') or []):
                out.append(app)
            elif self.purge_unmanaged:
                out.append(app)
        return out

    def run(self, items):
        # the pages of the list are read in parallel once the first tells how many (GETs: up to 8 whatever concurrency)
        index = AppIndex(self.manager.list(concurrency=max(self.concurrency, READ_CONCURRENCY)))
        currents, owners, desireds = [], {}, []
        for position, item in enumerate(items):
            desireds.append(desired_from_params(item)[0])
            try:
                current = self._resolve(item, index, desireds[-1])
            except ApplicationError:
                current = None  # reported by the item's own plan
            currents.append(current)
            if current is not None:
                owners.setdefault(current['id'], []).append(position)
        clashes = dict((position, ids) for ids in owners.values() if len(ids) > 1 for position in ids)
        candidates = self._purge_candidates(set(owners), index) if self.purge else []
        if len(candidates) > self.purge_max:
            raise ApplicationError(
                'purge would delete %d applications, more than purge_max=%d; nothing was changed. Applications: %s'
                % (len(candidates), self.purge_max, ', '.join('%s (%s)' % (a.get('name'), a['id']) for a in candidates)))
        jobs = []
        for position, item in enumerate(items):
            if position in clashes:
                others = ', '.join(self._label(items[p]) for p in clashes[position] if p != position)
                jobs.append(({'name': self._label(item), 'type': item.get('type'), 'key': identity_key(item),
                              'action': 'failed', 'changed': False,
                              'msg': 'this declaration and %s resolve to the same application; declare it once' % others},
                             None, None))
            else:
                jobs.append(self._plan(item, index, currents[position], desireds[position]))
        for app in candidates:
            entry, plan, lookup = self._plan({'app_id': app['id'], 'name': app.get('name'), 'type': app.get('type'),
                                              'state': 'absent'}, index, app)
            entry['purged'] = True
            jobs.append((entry, plan, lookup))
        missing = []
        for job in jobs:
            for name in (job[1].missing_tags if job[1] is not None else []):
                if name not in missing:
                    missing.append(name)
        # every tag that an application to write names exists before the first write (one POST per missing tag)
        self.created_tags = create_missing_tags(self.manager.client, self.manager.resolver, missing, self.check_mode)
        writes = [job for job in jobs if job[1] is not None and job[1].changed] if not self.check_mode else []
        self._to_write = len(writes)
        self._report(done=False)
        if self.concurrency == 1 or len(writes) < 2:
            for job in writes:
                self._apply(job)
        else:
            from concurrent.futures import ThreadPoolExecutor
            with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
                list(pool.map(self._apply, writes))
        return [job[0] for job in jobs]


def summarize(results):
    counts = dict((k, 0) for k in ('created', 'updated', 'recreated', 'unchanged', 'deleted', 'failed'))
    for entry in results:
        counts[entry['action']] = counts.get(entry['action'], 0) + 1
    return counts


def prevalidate(items, scope, failures):
    """The (position, params) items without input errors; the others go to `failures` (position -> result entry).
    Every item is checked before the list sweep, so that invalid items never cost a request."""
    valid = []
    for position, params in items:
        errors = item_errors(params, scope)
        if errors:
            failures[position] = {'name': label_of(params), 'type': params.get('type'), 'key': identity_key(params),
                                  'action': 'failed', 'changed': False, 'msg': 'invalid options: ' + '; '.join(errors)}
        else:
            valid.append((position, params))
    return valid


def bulk_argument_spec():
    """The options of access_application_bulk (the module and its action plugin), besides the connection."""
    return dict(
        applications=dict(type='list', elements='dict'),
        from_hosts=dict(type='list', elements='str'),
        defaults=dict(type='dict', default={}),
        state=dict(type='str', choices=['present', 'absent'], default='present'),
        update_secrets=dict(type='str', choices=['always', 'on_create'], default='on_create', no_log=False),
        purge=dict(type='bool', default=False),
        purge_max=dict(type='int', default=10),
        purge_tag=dict(type='str'),
        purge_unmanaged=dict(type='bool', default=False),
        concurrency=dict(type='int', default=4),
        progress_interval=dict(type='float'),
        groups=dict(type='list', elements='dict', default=[]),
        policies=dict(type='list', elements='dict', default=[]),
        purge_groups=dict(type='bool', default=False),
        purge_policies=dict(type='bool', default=False),
    )


def run_bulk_module(base, progress=None):
    """access_application_bulk: every declared application with one list sweep.
    `progress`: see BulkRun (the action plugin shows it; a module cannot print while it runs)."""
    module = base.module
    params = module.params
    if params.get('from_hosts') is not None:
        module.fail_json(msg='from_hosts is read on the controller, by the action plugin of this module: the module was '
                             'called without it (as a raw module?); give applications instead')
    if params.get('applications') is None:
        module.fail_json(msg='one of the following is required: applications, from_hosts')
    account_id, zone_id = base.scope
    client = base.client()
    items, results_by_position = [], {}
    spec = module_argument_spec()
    raw = []
    scope = 'zone' if zone_id else 'account'
    for item in params['applications']:
        merged = apply_defaults(item or {}, params['defaults'], scope)
        merged.setdefault('state', params['state'])
        merged.setdefault('update_secrets', params['update_secrets'])
        raw.append(merged)
    for position, (validated, error) in enumerate(base.validate_items(spec, raw)):
        if error:
            results_by_position[position] = {'name': label_of(raw[position]), 'type': raw[position].get('type'),
                                             'action': 'failed', 'changed': False, 'msg': error}
        else:
            items.append((position, validated))
    items = prevalidate(items, scope, results_by_position)
    if results_by_position and params['purge']:
        # an invalid item would look undeclared and its application would be purged: nothing is sent
        invalid = [e for dummy, e in sorted(results_by_position.items())]
        module.fail_json(msg='purge needs every item to be valid; nothing was changed. %s' % '; '.join(
            '%s: %s' % (e['name'], e['msg']) for e in invalid), changed=False, results=invalid, summary=summarize(invalid))
    done = []  # no valid item and no purge: not even the list sweep
    created_tags = []
    setup_entries, purged_entries = [], []
    with_setup = params['groups'] or params['policies'] or params['purge_groups'] or params['purge_policies']
    try:
        if items or params['purge'] or with_setup:
            manager = ApplicationManager(client, account_id=account_id, zone_id=zone_id,
                                         update_secrets=params['update_secrets'], warn=module.warn)
            setup = None
            if with_setup:
                # (imported here: _resource builds on this file) groups and policies share the applications' Resolver
                from ansible_collections.zerotrust.cloudflare.plugins.module_utils._resource import AccessSetup
                setup = AccessSetup(manager.resolver, client, account_id=account_id, zone_id=zone_id,
                                    check_mode=module.check_mode, purge_max=params['purge_max'], warn=module.warn)
                setup.prepare(params['groups'], params['policies'], params['purge_groups'], params['purge_policies'],
                              [(label_of(item), desired_from_params(item)[0]) for dummy, item in items
                               if item.get('state') != 'absent'])
                setup_entries = setup.write()
            if items or params['purge']:
                bulk = BulkRun(manager, check_mode=module.check_mode, purge=params['purge'], purge_max=params['purge_max'],
                               purge_tag=params['purge_tag'], purge_unmanaged=params['purge_unmanaged'],
                               concurrency=params['concurrency'], with_diff=module._diff, progress=progress,
                               checked=True)
                done = bulk.run([item for dummy, item in items])
                created_tags = bulk.created_tags
            if setup is not None:
                purged_entries = setup.purge()
    except (ApplicationError, CloudflareError) as exc:
        base.fail(exc)
    for (position, dummy), entry in zip(items, done):
        results_by_position[position] = entry
    results = (setup_entries + [results_by_position[p] for p in sorted(results_by_position)] + done[len(items):]
               + purged_entries)
    diffs = [entry.pop('diff') for entry in results if 'diff' in entry]
    summary = summarize(results)
    out = dict(changed=any(e.get('changed') for e in results), results=results, summary=summary)
    if created_tags:
        out['created_tags'] = created_tags
    if module._diff:
        out['diff'] = diffs
    failed = [e for e in results if e['action'] == 'failed']
    if failed:
        module.fail_json(msg='%d of %d applications failed: %s' % (
            len(failed), len(results), '; '.join('%s: %s' % (e['name'], e['msg']) for e in failed)), **out)
    module.exit_json(**out)
