# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# PRIVATE to the zerotrust.cloudflare collection: not a public API, may change without notice.
#
# One engine for the Access objects besides applications (as hetzner.hcloud's base class): a Resource is
# a description (list path, fields from _schema, how an object is identified, which references its body
# holds); a ResourceManager finds an object by id or by its natural key (name), plans with _compare
# (only the fields a task sets, merged over the current object for a full-replacement PUT), applies with
# create_once / PUT / delete_if_exists, and exports an object as module options with names where unique.
# Adding a resource is a Resource entry and a thin module.  No Ansible import.

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import uuid

try:
    from urllib.parse import quote
except ImportError:  # Python 2 (never a target of this collection, but sanity imports the file everywhere)
    from urllib import quote  # pylint: disable=no-name-in-module

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _compare, _models, _references, _schema
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._access_application import (
    ApplicationError, ApplicationManager, _drop_defaults, create_once, delete_if_exists, resolve_references)
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._client import CloudflareAPIError, CloudflareError


class Resource(object):
    """A kind of Access object.

    path: below /accounts/{id}/ (or /zones/{id}/ when zone_scope); key: the field that addresses an object in
    its path (id, or name for tags); fields: the writable fields (_schema descriptions); walker: the
    _references walker of its body (names of other objects resolved before comparison); required: fields a
    creation needs; result: the key of the module result."""

    def __init__(self, kind, title, path, fields, result, key='id', zone_scope=False, walker=None, required=(),
                 per_page=1000, namer=None, server_fields=('id', 'created_at', 'updated_at'), validate=None):
        self.kind = kind
        self.title = title
        self.path = path
        self.fields = fields
        self.result = result
        self.key = key
        self.zone_scope = zone_scope
        self.walker = walker
        self.required = required
        self.per_page = per_page
        self.namer = namer  # the Resolver method that writes unique names for ids in an exported body
        self.server_fields = server_fields  # set by Cloudflare: returned, never exported
        # validate(body, partial) -> errors: the task's options before any request (partial, names as ids would be),
        # and the whole body before it is written
        self.validate = validate


def _policy_errors(body, partial):
    return _models.validate_policy_request(body, 'reusable', partial=partial)


def _group_errors(body, partial):
    """A group's rules are a policy's: checked as those of a reusable policy."""
    rules = dict((k, body[k]) for k in ('include', 'exclude', 'require') if k in body)
    return _models.validate_policy_request(dict(rules, name='-', decision='allow'), 'reusable', partial=partial)


TAG = Resource('tag', 'tag', 'access/tags', _schema.TAG_FIELDS, 'tag', key='name', required=('name',), per_page=50)
GROUP = Resource('group', 'Access group', 'access/groups', _schema.GROUP_FIELDS, 'group', zone_scope=True,
                 walker=_references.group_references, required=_schema.GROUP_REQUIRED, namer='name_group',
                 validate=_group_errors)
POLICY = Resource('policy', 'reusable policy', 'access/policies', _schema.POLICY_FIELDS, 'policy',
                  walker=_references.policy_references, required=_schema.REUSABLE_POLICY_REQUIRED, per_page=100,
                  namer='name_policy', server_fields=('id', 'created_at', 'updated_at', 'reusable', 'app_count'),
                  validate=_policy_errors)


class ResourceManager(object):

    def __init__(self, client, resource, account_id=None, zone_id=None, warn=None, resolver=None):
        if zone_id and not resource.zone_scope:
            raise ApplicationError('%ss exist only at account scope: give account_id, not zone_id' % resource.title)
        if bool(account_id) == bool(zone_id):
            raise ApplicationError('exactly one of account_id or zone_id is needed')
        self.client = client
        self.resource = resource
        self.account_id = account_id
        self.zone_id = zone_id
        self.base = ('/zones/%s/%s' % (zone_id, resource.path)) if zone_id else ('/accounts/%s/%s' % (account_id, resource.path))
        self.warn = warn or (lambda msg: None)
        # a bulk run shares one Resolver with the applications: each kind is listed once for the whole run
        self.resolver = resolver or _references.Resolver(client, account_id, zone_id)

    # -- reading ------------------------------------------------------------------------------

    def path_of(self, key):
        return '%s/%s' % (self.base, quote(str(key), safe=''))

    def list(self):
        return list(self.client.paginate(self.base, per_page=self.resource.per_page) or [])

    def get(self, key):
        try:
            return self.client.get(self.path_of(key))
        except CloudflareAPIError as exc:
            if exc.status == 404:
                return None
            raise

    def find(self, object_id=None, name=None):
        """The object with this id (or key), else the one object of this name; None when there is none."""
        if object_id:
            return self.get(object_id)
        if not name:
            raise ApplicationError('a name or an id is needed to find the %s' % self.resource.title)
        if self.resource.key == 'name':
            return self.get(name)
        matches = [o for o in self.list() if o.get('name') == name]
        if len(matches) > 1:
            ids = [o.get('id') for o in matches]
            raise ApplicationError('%d %ss are named %r: %s. Give the id to pick one.'
                                   % (len(matches), self.resource.title, name, ', '.join(ids)), matching_ids=ids)
        return matches[0] if matches else None

    # -- planning -----------------------------------------------------------------------------

    def options(self, params):
        """The API fields a task sets (None: not managed), checked before any request."""
        fields = self.resource.fields
        desired = _schema.to_api(_compare.strip_none(dict((k, params.get(_schema.option_name(k, s)))
                                                          for k, s in fields.items()
                                                          if params.get(_schema.option_name(k, s)) is not None)), fields)
        if self.resource.validate:
            checked = _references.with_placeholder_ids(desired, self.resource.walker) if self.resource.walker else desired
            self._check(checked, partial=True, what='invalid options')
        return desired

    def desired(self, params):
        desired = self.options(params)
        if self.resource.walker:
            desired = resolve_references(self.resolver, desired, self.resource.walker)
        return desired

    def _check(self, body, partial, what):
        errors = self.resource.validate(body, partial) if self.resource.validate else []
        if errors:
            raise ApplicationError('%s: %s' % (what, '; '.join(errors)), errors=errors)

    def view(self, desired, obj):
        fields = self.resource.fields
        return dict((k, _compare.project(obj.get(k, fields[k].get('server_default')), desired[k], fields[k])) for k in desired)

    def plan(self, desired, current):
        """(action, body, before, after): create, update or none."""
        if current is None:
            missing = [k for k in self.resource.required if desired.get(k) in (None, [], '')]
            if missing:
                raise ApplicationError('cannot create the %s: %s %s required' % (
                    self.resource.title, ', '.join(missing), 'is' if len(missing) == 1 else 'are'))
            self._check(desired, partial=False, what='cannot create the %s' % self.resource.title)
            return 'create', copy.deepcopy(desired), {}, self.view(desired, desired)
        fields = self.resource.fields
        # write-only fields (is_default) are sent with a write, never compared: Cloudflare does not return them
        changed = [k for k, v in desired.items() if not fields[k].get('write_only') and not _compare.same(v, current.get(k), fields[k])]
        before = self.view(desired, current)
        if not changed:
            return 'none', None, before, before
        # (the fields of the self_hosted context: every policy option but the infrastructure-only ones)
        body = _compare.merge(_compare.prune(current, fields, 'self_hosted'), desired, fields)
        self._check(body, partial=False, what='the updated %s would be invalid' % self.resource.title)
        return 'update', body, before, self.view(desired, dict(current, **body))

    # -- applying -----------------------------------------------------------------------------

    def create(self, body):
        return create_once(self.client, self.base, body, lambda: self.find(name=body.get('name')))

    def update(self, current, body):
        return self.client.put(self.path_of(current[self.resource.key]), json=body)

    def delete(self, current):
        delete_if_exists(self.client, self.path_of(current[self.resource.key]))

    def export(self, obj):
        """An object as the options of its module: no server fields, defaults or write-only fields; the objects it
        refers to by name where the name is unique (feeding the result back changes nothing)."""
        fields = dict((k, v) for k, v in self.resource.fields.items() if not v.get('write_only'))
        args = _drop_defaults(dict((k, v) for k, v in obj.items() if k in fields), fields)
        if self.resource.namer:
            args = getattr(self.resolver, self.resource.namer)(args)
        return _schema.to_options(args, fields)

    def info(self, object_id=None, name=None, export=False):
        """Objects for an info module: one by id, those of a name (exact), or all."""
        if object_id:
            found = self.get(object_id)
            objects = [found] if found else []
        else:
            objects = [o for o in self.list() if name is None or o.get('name') == name]
        if export:
            return [self.export(o) for o in objects]
        return objects

    def run(self, params, state='present', check_mode=False, object_id=None, before_delete=None):
        """One task: present (create or update what differs) or absent; returns the module result."""
        result_key = self.resource.result
        name = params.get('name')
        self.options(params)  # every option checked before the first request, whatever the state
        if state == 'absent':
            current = self.find(object_id, name)
            if current is None:
                return {'changed': False, 'diff': {'before': {}, 'after': {}}, result_key: {}}
            result = {'changed': True, 'diff': {'before': current, 'after': {}}, result_key: {}}
            if before_delete:
                result.update(before_delete(current, check_mode) or {})
            if not check_mode:
                self.delete(current)
            return result
        desired = self.desired(params)
        current = self.find(object_id, name)
        if current is None and object_id:
            raise ApplicationError('no %s with id %s exists' % (self.resource.title, object_id))
        action, body, before, after = self.plan(desired, current)
        result = {'changed': action != 'none', 'diff': {'before': before, 'after': after}}
        if action == 'none':
            result[result_key] = current
        elif check_mode:
            result[result_key] = dict(current or {}, **body)
        elif action == 'create':
            result[result_key] = self.create(body)
        else:
            result[result_key] = self.update(current, body)
        return result


class ResourceBulk(object):
    """Many objects of one resource in one run, as BulkRun for applications: one list of the kind (the Resolver's,
    shared with name resolution), plans in memory, writes only what differs.  Created objects join the Resolver, so
    that later stages (policies naming groups, applications naming policies) resolve them without another list; in
    check mode they join with a placeholder id."""

    def __init__(self, manager, check_mode=False):
        self.manager = manager
        self.check_mode = check_mode
        self.kind = manager.resource.kind
        self.id_option = self.kind + '_id'

    def _objects(self):
        return self.manager.resolver.objects(self.kind)

    def label(self, params):
        return params.get('name') or params.get(self.id_option)

    def match(self, items):
        """(current or None, error or None) of each declaration: by id, else by its unique name; no request beyond the list."""
        objects = self._objects()
        out = []
        for params in items:
            object_id = params.get(self.id_option)
            if object_id:
                found = [o for o in objects if o.get('id') == object_id]
                error = None if found else 'no %s with id %s exists' % (self.manager.resource.title, object_id)
            else:
                found = [o for o in objects if params.get('name') is not None and o.get('name') == params.get('name')]
                error = None if len(found) < 2 else '%d %ss are named %r: %s. Give the id to pick one.' % (
                    len(found), self.manager.resource.title, params.get('name'), ', '.join(o.get('id') for o in found))
            out.append((found[0] if len(found) == 1 else None, error))
        return out

    def undeclared(self, matches):
        """The objects that no declaration matches (the purge candidates)."""
        declared = set(current['id'] for current, dummy in matches if current is not None)
        return [o for o in self._objects() if o.get('id') not in declared]

    def _entry(self, params, action, **extra):
        return dict({'name': self.label(params), 'type': self.kind, 'kind': self.kind, 'action': action,
                     'changed': action not in ('unchanged', 'failed')}, **extra)

    def run(self, items, matches):
        """Plan and (unless check mode) write each declaration in order; one result entry each."""
        entries = []
        for params, (current, error) in zip(items, matches):
            try:
                if error:
                    raise ApplicationError(error)
                if (params.get('state') or 'present') == 'absent':
                    entries.append(self._remove(params, current))
                    continue
                action, body, dummy, dummy = self.manager.plan(self.manager.desired(params), current)
                entries.append(self._write(params, action, body, current))
            except (ApplicationError, CloudflareError) as exc:
                entries.append(self._entry(params, 'failed', msg=str(getattr(exc, 'msg', None) or exc)))
        return entries

    def _write(self, params, action, body, current):
        if action == 'none':
            return self._entry(params, 'unchanged', id=current.get('id'))
        if action == 'create':
            written = dict(body, id=str(uuid.uuid4())) if self.check_mode else self.manager.create(body)
            self.manager.resolver.add(self.kind, written)
            return self._entry(params, 'created', id=None if self.check_mode else written.get('id'))
        if not self.check_mode:
            written = self.manager.update(current, body)
            current.clear()
            current.update(written or dict(current, **body))  # the Resolver's cached object: renamed objects resolve
        return self._entry(params, 'updated', id=current.get('id'))

    def _remove(self, params, current):
        if current is None:
            return self._entry(params, 'unchanged')
        if not self.check_mode:
            self.manager.delete(current)
        return self._entry(params, 'deleted', id=current['id'])

    def purge(self, objects):
        """Delete undeclared objects (after the applications were written, so that none still uses them)."""
        entries = []
        for obj in objects:
            params = {'name': obj.get('name'), self.id_option: obj['id']}
            try:
                entries.append(dict(self._remove(params, obj), purged=True))
            except (ApplicationError, CloudflareError) as exc:
                entries.append(self._entry(params, 'failed', purged=True, msg=str(getattr(exc, 'msg', None) or exc)))
        return entries


class AccessSetup(object):
    """The groups and reusable policies of a bulk run around its applications: groups, then policies are written
    before the applications (which name them), undeclared ones are purged after the applications (so that no
    application uses them any more).  Every declaration is rehearsed in memory first: an unknown or ambiguous name,
    an invalid option or a purge above purge_max fails the run before any write."""

    def __init__(self, resolver, client, account_id=None, zone_id=None, check_mode=False, purge_max=10, warn=None):
        self.resolver = resolver
        self.check_mode = check_mode
        self.purge_max = purge_max
        self.plan = []  # (ResourceBulk, declarations, matches, purge candidates) per kind, groups first
        self._managers = {}
        self._args = (client, account_id, zone_id, warn)

    def _manager(self, resource):
        client, account_id, zone_id, warn = self._args
        if resource.kind not in self._managers:
            self._managers[resource.kind] = ResourceManager(
                client, resource, account_id=None if (zone_id and resource.zone_scope) else account_id,
                zone_id=zone_id if resource.zone_scope else None, warn=warn, resolver=self.resolver)
        return self._managers[resource.kind]

    def prepare(self, groups, policies, purge_groups=False, purge_policies=False, app_bodies=()):
        """Match every declaration, find the purge candidates, rehearse; raises ApplicationError before any write."""
        self.plan = []
        for resource, items, purge in ((GROUP, groups, purge_groups), (POLICY, policies, purge_policies)):
            if not items and not purge:
                continue
            bulk = ResourceBulk(self._manager(resource), check_mode=self.check_mode)
            matches = bulk.match(items)
            candidates = bulk.undeclared(matches) if purge else []
            if len(candidates) > self.purge_max:
                raise ApplicationError('purge would delete %d %ss, more than purge_max=%d; nothing was changed. %ss: %s' % (
                    len(candidates), resource.title, self.purge_max, resource.title.capitalize(),
                    ', '.join('%s (%s)' % (o.get('name'), o['id']) for o in candidates)))
            self.plan.append((bulk, items, matches, candidates))
        problems = self._rehearse(app_bodies)
        if problems:
            raise ApplicationError('nothing was changed: %s' % '; '.join(problems), errors=problems)

    def _rehearse(self, app_bodies):
        saved = self.resolver.mark()
        problems = []
        try:
            for bulk, items, matches, dummy in self.plan:
                rehearsal = ResourceBulk(bulk.manager, check_mode=True)
                problems.extend('%s %s: %s' % (bulk.kind, e['name'], e['msg'])
                                for e in rehearsal.run(items, matches) if e['action'] == 'failed')
            for label, body in app_bodies:
                try:
                    resolve_references(self.resolver, body, _references.app_references)
                except ApplicationError as exc:
                    problems.append('application %s: %s' % (label, exc.msg))
        finally:
            self.resolver.rewind(saved)
        return problems

    def write(self):
        """Groups then policies (created, updated); returns their result entries."""
        return [e for bulk, items, matches, dummy in self.plan for e in bulk.run(items, matches)]

    def purge(self):
        """Purged policies, then purged groups (after the applications)."""
        return [e for bulk, dummy, dummy, candidates in reversed(self.plan) for e in bulk.purge(candidates)]


def run_info_module(base, resource, id_option):
    """access_group_info, access_policy_info: list, get, or export (format=module_args) objects of a resource."""
    module = base.module
    params = module.params
    account_id, zone_id = base.scope
    client = base.client()
    try:
        manager = ResourceManager(client, resource, account_id=None if zone_id else account_id, zone_id=zone_id,
                                  warn=module.warn)
        if zone_id:
            manager.resolver.account_id = account_id
        objects = manager.info(params.get(id_option), params.get('name'), export=params['format'] == 'module_args')
    except (ApplicationError, CloudflareError) as exc:
        base.fail(exc)
    plural = resource.result[:-1] + 'ies' if resource.result.endswith('y') else resource.result + 's'
    module.exit_json(changed=False, **{plural: objects})


# ------------------------------------------------------------------------------------------- groups

def group_errors(params, zone):
    """Errors of an access_group task that depend on its scope (the rules are checked by the engine)."""
    if zone and params.get('is_default') is not None:
        return ['is_default: Access groups at zone scope have no default group (account scope only)']
    return []


def run_group_module(base):
    module = base.module
    params = module.params
    account_id, zone_id = base.scope
    client = base.client()
    try:
        errors = group_errors(params, bool(zone_id))
        if errors:
            raise ApplicationError('invalid options: ' + '; '.join(errors), errors=errors)
        manager = ResourceManager(client, GROUP, account_id=None if zone_id else account_id, zone_id=zone_id, warn=module.warn)
        if zone_id:
            manager.resolver.account_id = account_id  # IdPs and service tokens named in rules are the account's
        result = manager.run(params, state=params['state'], check_mode=module.check_mode, object_id=params.get('group_id'))
    except (ApplicationError, CloudflareError) as exc:
        base.fail(exc)
    base.exit(result)


# ------------------------------------------------------------------------------------------- tags

def tag_users(client, account_id, name):
    """The applications (account scope) that carry a tag."""
    apps = ApplicationManager(client, account_id=account_id)
    return apps, [a for a in apps.list() if name in (a.get('tags') or [])]


def run_tag_module(base):
    module = base.module
    params = module.params
    account_id, dummy = base.scope
    client = base.client()

    def untag_first(current, check_mode):
        """Deleting a tag that applications carry is refused (by Cloudflare too) unless force: then it is taken off them."""
        apps, users = tag_users(client, account_id, current['name'])
        if users and not params['force']:
            raise ApplicationError('tag %r is still used by %d application(s): %s. Set force=true to remove it from them '
                                   'first.' % (current['name'], len(users), ', '.join(
                                       '%s (%s)' % (a.get('name'), a.get('id')) for a in users)))
        for app in users:
            plan = apps.plan_present({'type': app['type'], 'tags': [t for t in app['tags'] if t != current['name']]}, app)
            if not check_mode:
                apps.apply(plan)
        return {'untagged': [a['id'] for a in users]}
    try:
        manager = ResourceManager(client, TAG, account_id=account_id, warn=module.warn)
        result = manager.run(params, state=params['state'], check_mode=module.check_mode, before_delete=untag_first)
    except (ApplicationError, CloudflareError) as exc:
        base.fail(exc)
    base.exit(result)
