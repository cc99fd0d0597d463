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

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _compare, _schema
from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _models
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._client import (
    CloudflareAPIError, CloudflareError, CloudflareOutcomeUnknownError)

API_FIELDS = _schema.APP_FIELDS


class ApplicationError(Exception):
    """A problem with the task's input or with what exists, reported as one clear message."""

    def __init__(self, msg, **details):
        super(ApplicationError, self).__init__(msg)
        self.msg = msg
        self.details = details


def desired_from_params(params):
    """The API fields a task sets (None = not managed), with deprecated shapes converted."""
    desired = _compare.strip_none(dict((k, params.get(k)) for k in API_FIELDS if params.get(k) is not None))
    warnings = []
    if 'self_hosted_domains' in desired and 'destinations' not in desired:
        warnings.append('self_hosted_domains is deprecated by Cloudflare; it was converted to public destinations. '
                        'Use destinations instead.')
        desired['destinations'] = [{'type': 'public', 'uri': d} for d in desired.pop('self_hosted_domains')]
    scim = desired.get('scim_config')
    if scim and isinstance(scim.get('authentication'), list) and len(scim['authentication']) == 1:
        scim['authentication'] = scim['authentication'][0]
    return desired, warnings


def input_errors(desired, app_type, scope):
    """Errors in what the task sets, before any API call."""
    if app_type is None:
        return []
    if app_type not in _schema.APP_TYPES:
        return ['type: %r is not an application type' % app_type]
    if not _schema.APP_TYPES[app_type]['creatable']:
        return []
    body = dict(desired, type=app_type)
    return _models.validate_app_request(body, scope, partial=True)


def _first_public_uri(destinations):
    for item in destinations or []:
        if item.get('type') == 'public' and item.get('uri'):
            return item['uri']
    return None


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

    @property
    def changed(self):
        return self.action != 'none'


class ApplicationManager(object):

    def __init__(self, client, account_id=None, zone_id=None, update_secrets='on_create', warn=None):
        if bool(account_id) == bool(zone_id):
            raise ApplicationError('exactly one of account_id or zone_id is needed (CLOUDFLARE_ACCOUNT_ID sets account_id)')
        self.client = client
        self.scope = 'zone' if zone_id else 'account'
        self.base = ('/zones/%s/access/apps' % zone_id) if zone_id else ('/accounts/%s/access/apps' % account_id)
        self.update_secrets = update_secrets
        self.warn = warn or (lambda msg: None)

    # ------------------------------------------------------------------------------- reading

    def list(self, filters=None):
        params = dict((k, v) for k, v in (filters or {}).items() if v is not None)
        if self.scope == 'zone':
            params = {}  # the zone list has no filters: filter on this side
        return self.client.paginate(self.base, params=params or None, per_page=1000)

    def get(self, app_id):
        try:
            return self.client.get('%s/%s' % (self.base, app_id))
        except CloudflareAPIError as exc:
            if exc.status == 404:
                return None
            raise

    def find(self, app_type=None, name=None, domain=None, app_id=None, index=None):
        """The current application, or None.  `index`: a list of every application (bulk runs), so no request is made."""
        if app_id:
            if index is not None:
                return next((a for a in index if a.get('id') == app_id), None)
            return self.get(app_id)
        if app_type in _schema.SINGLETONS:
            apps = index if index is not None else self.list()
            matches = [a for a in apps if a.get('type') == app_type]
            key = 'type %s' % app_type
        elif name:
            apps = index if index is not None else self.list({'name': name, 'exact': 'true'})
            matches = [a for a in apps if a.get('name') == name]
            key = 'name %r' % name
            if len(matches) > 1 and domain:
                # names are not unique: the domain tells same-named applications apart
                matches = [a for a in matches if a.get('domain') == domain]
                key += ' and domain %r' % domain
        else:
            raise ApplicationError('name is needed to find the application (or app_id; or type for app_launcher, warp and biso)')
        if len(matches) > 1:
            ids = [a.get('id') for a in matches]
            raise ApplicationError('%d applications match %s: %s. Names are not unique in Cloudflare Access: give app_id '
                                   '(or domain) to pick one.' % (len(matches), key, ', '.join(ids)), matching_ids=ids)
        return matches[0] if matches else None

    # ------------------------------------------------------------------------------- planning

    def plan_present(self, desired, current, allow_recreate=False):
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
            raise ApplicationError('%s applications cannot be changed through the API (no request shape); they can only be '
                                   'read' % app_type)
        return self._plan_update(desired, current, app_type)

    def _check(self, body, app_type, what):
        errors = _models.validate_app_request(body, self.scope)
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
        if app_type in _schema.SELF_HOSTED_FAMILY and not body.get('domain') and _first_public_uri(body.get('destinations')):
            body['domain'] = _first_public_uri(body['destinations'])
        if 'policies' in body:
            body['policies'] = _compare.policies_body(body['policies'], [], app_type)
        self._check(body, app_type, 'cannot create the %s application' % app_type)
        predicted = dict(_schema.server_defaults(app_type, self.scope))
        predicted.update(_compare.remove_secrets(body))
        return Plan('create', body=body, predicted=predicted, before={},
                    after=_compare.mask_secrets(dict((k, predicted.get(k)) for k in desired)),
                    changed_fields=sorted(desired))

    def _changed_fields(self, desired, current, app_type):
        changed = []
        for key, value in desired.items():
            if key == 'type':
                continue
            if key == 'policies':
                if not _compare.same_policies(value, current.get('policies'), app_type):
                    changed.append(key)
            elif not _compare.same(value, current.get(key), API_FIELDS[key]):
                changed.append(key)
            elif self.update_secrets == 'always' and _compare.has_secret({key: value}, API_FIELDS):
                changed.append(key)  # write-only secret re-sent on request
        return changed

    def _plan_update(self, desired, current, app_type):
        changed = self._changed_fields(desired, current, app_type)
        before = self._view(desired, current, app_type)
        if not changed:
            return Plan('none', current=current, predicted=current, before=before, after=before)
        body = self._update_body(desired, current, app_type)
        self._check(body, app_type, 'the updated application %s would be invalid' % current.get('id'))
        predicted = dict(_schema.server_defaults(app_type, self.scope))
        predicted.update(dict((k, v) for k, v in current.items() if k != 'policies'))
        predicted.update(_compare.remove_secrets(body))
        if 'policies' not in body and 'policies' in current:
            predicted['policies'] = current['policies']
        return Plan('update', current=current, body=body, predicted=predicted, before=before,
                    after=self._view(desired, predicted, app_type), changed_fields=changed)

    def _view(self, desired, obj, app_type):
        """The managed fields of `obj`, secrets masked, policies as compared (for --diff)."""
        view = {}
        for key in desired:
            if key == 'policies':
                view[key] = _compare.policy_summary(obj.get('policies'), app_type)
            else:
                value = obj.get(key)
                if value is None and 'server_default' in API_FIELDS[key]:
                    value = API_FIELDS[key]['server_default']
                view[key] = value
        return _compare.mask_secrets(view)

    def _update_body(self, desired, current, app_type):
        writable = dict((k, API_FIELDS[k]) for k in _schema.fields_for(app_type, self.scope))
        base = _compare.prune(current, writable, app_type)
        base.pop('policies', None)  # absent policies are kept by the API; [] would detach them all
        if isinstance(base.get('scim_config'), dict):
            base['scim_config'].pop('authentication', None)  # write-only: the API keeps it when absent
        want = copy.deepcopy(desired)
        want.pop('policies', None)
        if self.update_secrets != 'always':
            scim = want.get('scim_config') or {}
            current_scim = current.get('scim_config') or {}
            if 'authentication' in scim and _compare.same(
                    scim['authentication'], current_scim.get('authentication'),
                    _schema.SCIM_OPTIONS['authentication']):
                scim.pop('authentication')  # unchanged apart from its secrets: not re-sent (update_secrets=on_create)
            saas = want.get('saas_app') or {}
            saas.pop('client_secret', None)
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
        if body.get('destinations'):
            body.pop('self_hosted_domains', None)
        if 'destinations' in desired and 'domain' not in desired and app_type in _schema.SELF_HOSTED_FAMILY:
            body['domain'] = _first_public_uri(desired['destinations']) or body.get('domain')
        elif 'domain' in desired and 'destinations' not in desired and body.get('destinations'):
            for item in body['destinations']:
                if item.get('type') == 'public':
                    item['uri'] = desired['domain']
                    break

    def plan_absent(self, current, force=False):
        if current is None:
            return Plan('none')
        if current.get('type') in _schema.SINGLETONS and not force:
            raise ApplicationError('%s is an account singleton (%s); deleting it turns the feature off for the whole '
                                   'account. Set force=true to delete it.'
                                   % (current.get('type'), _schema.APP_TYPES[current['type']]['fixed_name']))
        return Plan('delete', current=current, predicted=None, before=_compare.remove_secrets(current), after={})

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
            return self._create(plan.body, lookup)
        return self._update(plan)

    def _delete(self, app_id):
        try:
            self.client.delete('%s/%s' % (self.base, app_id))
        except CloudflareAPIError as exc:
            if exc.status != 404:  # already gone: the goal is reached
                raise

    def _create(self, body, lookup):
        try:
            return self.client.post(self.base, json=body)
        except CloudflareOutcomeUnknownError:
            # The POST may have been committed although its response was lost: look before re-sending it.
            found = lookup() if lookup else None
            if found is not None:
                self.warn('the response to creating the application was lost, but the application was created (id %s); '
                          'any secret returned only on creation (OIDC client_secret) was lost with it' % found.get('id'))
                return found
            return self.client.post(self.base, json=body)

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
        again = self._plan_update(plan.desired, fresh, fresh.get('type'))
        if not again.changed:
            return fresh
        return self.client.put(path, json=again.body)

    # ------------------------------------------------------------------------------- one task

    def ensure(self, params, state='present', index=None):
        """Plan and (unless check_mode) apply one task's parameters; returns a result dict."""
        desired, warnings = desired_from_params(params)
        for warning in warnings:
            self.warn(warning)
        app_type = params.get('type')
        errors = input_errors(desired, app_type, self.scope)
        if errors:
            raise ApplicationError('invalid options: ' + '; '.join(errors), errors=errors)
        if state == 'present' and not params.get('app_id') and not app_type:
            raise ApplicationError('type is needed with state=present unless app_id is given')
        if app_type in _schema.SINGLETONS:
            name, domain = None, None
        else:
            name, domain = desired.get('name'), desired.get('domain')

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
            plan = self.plan_present(desired, current, allow_recreate=params.get('allow_recreate'))
        plan.desired = desired
        return plan, lookup

    def run(self, params, state='present', check_mode=False, index=None):
        plan, lookup = self.ensure(params, state, index)
        result = {'changed': plan.changed, 'action': plan.action, 'diff': {'before': plan.before, 'after': plan.after}}
        if check_mode or not plan.changed:
            application = plan.predicted if plan.changed else plan.current
            result['application'] = _compare.remove_secrets(application) if application else {}
            return result
        written = self.apply(plan, lookup)
        if written is None:
            result['application'] = {}
        else:
            keep = written.get('saas_app', {}).get('client_secret') if plan.action in ('create', 'recreate') else None
            result['application'] = _compare.remove_secrets(written)
            if keep:
                result['application'].setdefault('saas_app', {})['client_secret'] = keep  # returned once, on creation
        return result


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
    diff = result.pop('diff')
    result.pop('action', None)
    if module._diff:
        result['diff'] = diff
    module.exit_json(**result)
