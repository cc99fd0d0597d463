# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# PRIVATE to the zerotrust.cloudflare collection: not a public API, may change without notice.
#
# The Access application on the engine of _engine.py: what is application-specific (the natural key: name,
# domain or singleton type; type-specific fields and validation; policy links vs inline policies; the linked
# domain fields; write-only secrets; a type change that re-creates; a scope move; the OIDC secret returned on
# creation), and the access_application module's entry point.  The info listing and the export are in
# _access_application_info.py, the bulk entry point in _bulk.py.  No Ansible import.

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _compare, _schema, _validate
from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _models, _references
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._client import CloudflareError
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._engine import (
    AccessError, Index, Manager, Plan, Resource)

API_FIELDS = _schema.APP_FIELDS
_OPTION_NAMES = tuple(_schema.option_name(k, v) for k, v in API_FIELDS.items())
_OPTION_ORDER = dict((name, position) for position, name in enumerate(_OPTION_NAMES))

APPLICATION = Resource('application', 'application', 'access/apps', API_FIELDS, 'application', zone_scope=True,
                       walker=_references.app_references, id_option='app_id')


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


def entry_of(item):
    """The first keys of a declared application's result entry in a bulk run."""
    return {'name': label_of(item), 'type': item.get('type'), 'key': identity_key(item)}


class AppIndex(Index):
    """Every application of a scope, from one list sweep, looked up by id, name, type and domain in constant time."""

    def __init__(self, apps):
        super(AppIndex, self).__init__(apps)
        self.apps = self.objects
        self.by_type, self.by_domain = {}, {}
        for app in self.objects:
            self.by_type.setdefault(app.get('type'), []).append(app)
            for domain in app_domains(app):
                self.by_domain.setdefault(domain, []).append(app)


class ApplicationManager(Manager):

    def __init__(self, client, account_id=None, zone_id=None, update_secrets='on_create', warn=None, resolver=None):
        super(ApplicationManager, self).__init__(client, APPLICATION, account_id=account_id, zone_id=zone_id, warn=warn,
                                                 resolver=resolver)
        self.update_secrets = update_secrets

    # ------------------------------------------------------------------------------- reading

    def list(self, filters=None, concurrency=1):
        params = dict((k, v) for k, v in (filters or {}).items() if v is not None)
        if self.scope == 'zone':
            params = {}  # the zone list has no filters: filter on this side
        return super(ApplicationManager, self).list(params, concurrency)

    def sweep(self, concurrency=1):
        return AppIndex(self.list(concurrency=concurrency))

    def find_by_key(self, params, index=None, desired=None):
        """By name (and domain, where names are shared), by domain, or by type for the singletons."""
        if desired is None:
            desired = desired_from_params(params)[0]
        name, domain = natural_key(params, desired)
        return self.find_app(params.get('type'), name, domain, index)

    def find_app(self, app_type=None, name=None, domain=None, index=None):
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
            raise AccessError('name is needed to find the application (or app_id; or type for app_launcher, warp and biso)')
        return self.one_of(matches, key, 'give app_id (or domain) to pick one')

    # ------------------------------------------------------------------------------- planning

    def options(self, params, checked=False):
        desired, warnings = desired_from_params(params)
        for warning in warnings:
            self.warn(warning)
        errors = [] if checked else item_errors(params, self.scope)
        if errors:
            raise AccessError('invalid options: ' + '; '.join(errors), errors=errors)
        return desired

    def options_for(self, desired, current):
        if current is not None and not desired.get('type'):
            errors = input_errors(desired, current.get('type'), self.scope)
            if errors:
                raise AccessError('invalid options: ' + '; '.join(errors), errors=errors)
        return desired

    def plan_present(self, desired, current, params=None, index=None):
        params = params or {}
        update_secrets = params.get('update_secrets') or self.update_secrets
        allow_recreate = params.get('allow_recreate')
        app_type = desired.get('type') or (current or {}).get('type')
        if current is None:
            plan = self.plan_create(desired)
            if index is None:
                name, domain = natural_key(params, desired)
                self._check_scope_move(plan, app_type, name, domain, allow_recreate)
        elif desired.get('type') and current.get('type') != desired['type']:
            if not allow_recreate:
                raise AccessError(
                    'application %s is of type %s, the task asks for %s. The type cannot change in place: the application '
                    'would be deleted and re-created with a new id and a new aud (services that validate the JWT audience '
                    'break). Set allow_recreate=true to do it.' % (current.get('id'), current.get('type'), desired['type']))
            plan = self.plan_create(desired)
            plan.action, plan.current = 'recreate', current
            plan.before = _compare.mask_secrets(dict((k, current.get(k)) for k in desired))
        elif not _schema.APP_TYPES.get(app_type, {}).get('creatable'):
            changed = self.changed_fields(desired, current, update_secrets)
            if changed:
                raise AccessError('%s applications cannot be changed through the API (no request shape); they can only '
                                  'be read and adopted. Options that differ: %s' % (app_type, ', '.join(changed)))
            view = self.view(desired, current)
            plan = Plan('none', current=current, predicted=current, before=view, after=view)
        else:
            plan = self.plan_update(desired, current, update_secrets)
        new_tags = [t for t in desired.get('tags') or [] if t not in ((current or {}).get('tags') or [])]
        if plan.changed and new_tags:  # the tags the application has exist: listed only for new ones
            plan.missing_tags = self.resolver.missing_tags(_references.app_references({'tags': new_tags}))
        return plan

    def check(self, body, what):
        # fields newer than the schema, kept from the current object, are the API's own: not checked here
        known = _compare.without_paths(body, _compare.unknown_paths(body, API_FIELDS))
        errors = _models.validate_app_request(known, self.scope)
        if errors:
            raise AccessError('%s: %s' % (what, '; '.join(errors)), errors=errors)

    def describe(self, current):
        return 'application %s' % current.get('id')

    def describe_new(self, body):
        return '%s application' % body.get('type')

    def create_body(self, desired):
        app_type = desired.get('type')
        if app_type is None:
            raise AccessError('type is needed to create the application')
        if not _schema.APP_TYPES[app_type]['creatable']:
            raise AccessError('%s applications cannot be created: the API has no request shape for them; they can '
                              'only be read (access_application_info) or adopted with app_id' % app_type)
        body = copy.deepcopy(desired)
        body['type'] = app_type
        self._link_domain_fields(body, desired, app_type)
        if 'policies' in body:
            body['policies'] = _compare.policies_body(body['policies'], [], app_type)
        return body

    def predict(self, body, current):
        app_type = body['type']
        predicted = dict(_schema.server_defaults(app_type, self.scope))
        if current is not None:
            predicted.update(dict((k, v) for k, v in current.items() if k != 'policies'))
        predicted.update(_compare.remove_secrets(body))
        _derive_domains(predicted, app_type, self.scope)
        if current is not None and 'policies' not in body and 'policies' in current:
            predicted['policies'] = current['policies']
        return predicted

    def shown_after(self, predicted, body):
        return dict(predicted, **_compare.mask_secrets(body))  # re-sent secrets masked

    def changed_fields(self, desired, current, update_secrets=None):
        app_type = current.get('type')
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

    def view(self, desired, obj):
        """The managed fields of `obj`, secrets masked, policies as compared (for --diff)."""
        app_type = obj.get('type') or desired.get('type')
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

    def update_body(self, desired, current, update_secrets=None):
        app_type = current.get('type')
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
            raise AccessError(
                'application %r exists at account scope (id %s, aud %s). Creating it at zone scope makes a new '
                'application with a new id and a new aud (services that validate the JWT audience break). Set '
                'allow_recreate=true to move it: the account-scoped one is deleted once the zone-scoped one exists.'
                % (name, twin.get('id'), twin.get('aud')))
        plan.move_from = '/accounts/%s/access/apps/%s' % (account_id, twin['id'])

    def plan_absent(self, current, params=None):
        if current is None:
            return Plan('none')
        if current.get('type') in _schema.SINGLETONS and not (params or {}).get('force'):
            raise AccessError('%s is an account singleton (%s); deleting it turns the feature off for the whole '
                              'account. Set force=true to delete it.'
                              % (current.get('type'), _schema.APP_TYPES[current['type']]['fixed_name']))
        shown = dict((k, current.get(k)) for k in ('id', 'type', 'name', 'domain') if current.get(k) is not None)
        return Plan('delete', current=current, predicted=None, before=shown, after={})

    def take_off(self, apps, what, option, allowed, change, check_mode):
        """Take an object that applications refer to (a tag, a reusable policy) off them before it is deleted: refused
        unless `allowed` (the task's `option`); `change(app)` gives the options that leave it out.  Their ids."""
        if apps and not allowed:
            raise AccessError('%s is still used by %d application(s): %s. Set %s=true to remove it from them first.'
                              % (what, len(apps), ', '.join('%s (%s)' % (a.get('name'), a.get('id')) for a in apps), option))
        for app in apps:
            plan = self.plan_present(change(app), app)
            if not check_mode:
                self.apply(plan)
        return [a['id'] for a in apps]

    # ------------------------------------------------------------------------------- applying and results

    def found_after_lost_response(self, obj):
        self.warn('the response to creating the application was lost, but the application was created (id %s); '
                  'any secret returned only on creation (OIDC client_secret) was lost with it' % obj.get('id'))

    def before_write(self, plan, check_mode, params):
        return dict(super(ApplicationManager, self).before_write(plan, check_mode, params), action=plan.action)

    def returned(self, plan, obj):
        if not obj:
            return {}
        returned = _compare.remove_secrets(obj)
        keep = created_secret(plan, obj)
        if keep:
            returned.setdefault('saas_app', {})['client_secret'] = keep  # returned once, on creation
        return returned

    # ------------------------------------------------------------------------------- bulk

    def label(self, params):
        return label_of(params)

    def entry(self, params):
        return entry_of(params)

    def declaration_of(self, obj):
        return {'app_id': obj['id'], 'name': obj.get('name'), 'type': obj.get('type'), 'state': 'absent'}

    def purgeable(self, obj):
        return obj.get('type') not in _schema.SINGLETONS and obj.get('type') != 'dash_sso'

    def owned(self, params, current, purge_tag):
        """Add the ownership tag (kept with the tags the application already has when tags are not managed)."""
        app_type = params.get('type') or (current or {}).get('type')
        if not purge_tag or app_type not in _schema.field_types('tags', self.scope):
            return params
        params = dict(params)
        tags = params.get('tags')
        if tags is None:
            tags = list((current or {}).get('tags') or [])
        if purge_tag not in tags:
            tags = list(tags) + [purge_tag]
        params['tags'] = tags
        return params

    def declared(self, params):
        return desired_from_params(params)[0]

    def unchanged(self, params, current, desired):
        """True when the application already holds exactly what a declaration sets: every option the same value
        (_compare.holds; ids and tag names as stored: a name of another object never equals the id stored), no secret
        to re-send, nothing deprecated to convert.  Then it is unchanged, whatever the full plan would find (equal
        values are the same under every rule of _compare).  Anything else goes through the full plan."""
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

    def written(self, plan, obj, check_mode):
        secret = None if check_mode else created_secret(plan, obj)
        if secret:
            # shown once, by the response that created the application; ansible-core shows the `results` of a no_log
            # task unless each entry says no_log itself
            return {'client_secret': secret, '_ansible_no_log': True}
        return {}


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
    except (AccessError, CloudflareError) as exc:
        base.fail(exc)
    base.exit(result)
