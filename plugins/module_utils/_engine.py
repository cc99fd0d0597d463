# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# PRIVATE to the zerotrust.cloudflare collection: not a public API, may change without notice.
#
# The one engine of every Access object (as hetzner.hcloud's base class).  A Resource describes a kind (list
# path, fields from _schema, the option that carries its id, the references its body holds); a Manager finds
# an object by id or by its natural key, plans with _compare (only the fields a task sets, merged over the
# current object for a full-replacement PUT), applies with create_once / PUT (a 409 is re-read and re-planned)
# / delete_if_exists, runs one task and exports objects as module options; a Bulk runs many declarations of a
# kind with one list sweep.  A resource overrides the hooks where it really differs (_access_application.py,
# _resource.py, _access_policy.py).  No Ansible import: results are plain dicts and errors are exceptions.

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import threading
import uuid

try:
    from urllib.parse import quote
except ImportError:  # Python 2 (never a target of this collection, but sanity imports the file everywhere)
    from urllib import quote  # pylint: disable=no-name-in-module

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _compare, _references, _schema
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._client import (
    CloudflareAPIError, CloudflareError, CloudflareOutcomeUnknownError)

ACTION_WORDS = {'create': 'created', 'update': 'updated', 'recreate': 'recreated', 'delete': 'deleted', 'none': 'unchanged'}


class AccessError(Exception):
    """A problem with the task's input or with what exists, reported as one clear message."""

    def __init__(self, msg, **details):
        super(AccessError, self).__init__(msg)
        self.msg = msg
        self.details = details


def message_of(exc):
    return str(getattr(exc, 'msg', None) or exc)


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
        raise AccessError('unknown or ambiguous references: ' + '; '.join(exc.problems), errors=exc.problems)


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


def drop_defaults(value, options):
    """Remove what Cloudflare would fill in anyway: empty values, server defaults, computed fields (export)."""
    out = {}
    for key, item in value.items():
        spec = options.get(key) or {}
        if spec.get('computed') or key in ('created_at', 'updated_at'):
            continue
        if 'server_default' in spec and item == spec['server_default']:
            continue
        if spec.get('options') and not spec.get('free_form') and spec.get('type') == 'dict' and isinstance(item, dict):
            item = drop_defaults(item, spec['options'])
        if spec.get('single_or_list') and isinstance(item, dict):
            item = [item]  # the option is a list (the API also takes one object)
        if item is None or item == [] or item == {} or item == '':
            continue
        out[key] = item
    return out


class Resource(object):
    """A kind of Access object.

    path: below /accounts/{id}/ (or /zones/{id}/ when zone_scope); key: the field that addresses an object in
    its path (id, or name for tags); id_option: the module option that selects an object by id; fields: the
    writable fields (_schema descriptions); walker: the _references walker of its body (names of other objects
    resolved before comparison); required: fields a creation needs; result: the key of the module result."""

    def __init__(self, kind, title, path, fields, result, key='id', zone_scope=False, walker=None, required=(),
                 per_page=1000, namer=None, server_fields=('id', 'created_at', 'updated_at'), validate=None,
                 id_option=None):
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
        self.id_option = id_option or kind + '_id'


class Index(object):
    """Every object of a kind, from one list sweep, looked up by id and by name in constant time."""

    def __init__(self, objects):
        self.objects = list(objects)
        self.by_id, self.by_name = {}, {}
        for obj in self.objects:
            self.by_id[obj.get('id')] = obj
            self.by_name.setdefault(obj.get('name'), []).append(obj)


class Plan(object):
    """What a task would do to one object: action, body to send, before/after, predicted object."""

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
        self.move_from = None  # path of the same object at the other scope, deleted after the creation

    @property
    def changed(self):
        return self.action != 'none'


class Manager(object):
    """Find, plan, apply, run, export one kind of object.  The hooks a resource overrides: find_by_key (its natural
    key), options (its fields and their checks), check, changed_fields, update_body, predict, view, plan_present /
    plan_absent (what it refuses), before_delete, returned (the module result), and the bulk hooks below."""

    def __init__(self, client, resource, account_id=None, zone_id=None, warn=None, resolver=None):
        if zone_id and not resource.zone_scope:
            raise AccessError('%ss exist only at account scope: give account_id, not zone_id' % resource.title)
        if bool(account_id) == bool(zone_id):
            raise AccessError('exactly one of account_id or zone_id is needed (CLOUDFLARE_ACCOUNT_ID sets account_id)')
        self.client = client
        self.resource = resource
        self.scope = 'zone' if zone_id else 'account'
        self.account_id = account_id
        self.zone_id = zone_id
        self.base = ('/zones/%s/%s' % (zone_id, resource.path)) if zone_id else ('/accounts/%s/%s' % (account_id, resource.path))
        self.warn = warn or (lambda msg: None)
        self.update_secrets = None  # write-only secrets: re-sent on every write (always) or on creation (on_create)
        # names -> ids of tags, policies, groups, IdPs and service tokens: each kind listed at most once per run (a bulk
        # run shares one Resolver between its kinds)
        self.resolver = resolver or _references.Resolver(client, account_id, zone_id)

    # -- reading ------------------------------------------------------------------------------

    def path_of(self, key):
        return '%s/%s' % (self.base, quote(str(key), safe=''))

    def list(self, filters=None, concurrency=1):
        """`filters`: the API's query filters (name, exact ...); `concurrency`: pages read in parallel once the first
        one tells how many there are (bulk runs)."""
        return list(self.client.paginate(self.base, params=filters or None, per_page=self.resource.per_page,
                                         concurrency=concurrency) or [])

    def get(self, key):
        try:
            return self.client.get(self.path_of(key))
        except CloudflareAPIError as exc:
            if exc.status == 404:
                return None
            raise

    def sweep(self, concurrency=1):
        """The Index of a bulk run: the Resolver's list of the kind (shared with name resolution)."""
        return Index(self.resolver.objects(self.resource.kind))

    def find(self, params, index=None, desired=None):
        """The current object of a task (None when there is none): by id, else by its natural key.
        `index`: an Index of every object (bulk runs): no request; `desired`: the task's options, when known."""
        object_id = params.get(self.resource.id_option)
        if object_id:
            if index is not None:
                return index.by_id.get(object_id)
            return self.get(object_id)
        return self.find_by_key(params, index, desired)

    def find_by_key(self, params, index=None, desired=None):  # pylint: disable=unused-argument
        """The one object of this name (hook: a resource with another natural key overrides it)."""
        name = params.get('name')
        if not name:
            raise AccessError('a name or an id is needed to find the %s' % self.resource.title)
        if index is None and self.resource.key == 'name':
            return self.get(name)
        candidates = index.by_name.get(name, []) if index is not None else self.list()
        return self.one_of([o for o in candidates if o.get('name') == name], 'name %r' % name)

    def one_of(self, matches, key, hint='give the id to pick one'):
        if len(matches) > 1:
            ids = [o.get('id') for o in matches]
            raise AccessError('%d %ss match %s: %s. Names are not unique in Cloudflare Access: %s.'
                              % (len(matches), self.resource.title, key, ', '.join(ids), hint), matching_ids=ids)
        return matches[0] if matches else None

    # -- planning -----------------------------------------------------------------------------

    def options(self, params, checked=False):
        """The API fields a task sets (None: not managed), checked before any request (names as ids would be)."""
        fields = self.resource.fields
        desired = _schema.to_api(_compare.strip_none(dict((k, params.get(_schema.option_name(k, s)))
                                                          for k, s in fields.items()
                                                          if params.get(_schema.option_name(k, s)) is not None)), fields)
        if self.resource.validate and not checked:
            shown = _references.with_placeholder_ids(desired, self.resource.walker) if self.resource.walker else desired
            errors = self.resource.validate(shown, True)
            if errors:
                raise AccessError('invalid options: %s' % '; '.join(errors), errors=errors)
        return desired

    def resolve(self, desired):
        """The options with the names they refer to resolved (one list request per kind)."""
        if self.resource.walker:
            return resolve_references(self.resolver, desired, self.resource.walker)
        return desired

    def check(self, body, what):
        """Errors in a whole body before it is written."""
        errors = self.resource.validate(body, False) if self.resource.validate else []
        if errors:
            raise AccessError('%s: %s' % (what, '; '.join(errors)), errors=errors)

    def describe(self, current):
        """How an existing object is named in messages."""
        return self.resource.title

    def describe_new(self, body):
        """How an object to create is named in messages."""
        return self.resource.title

    def view(self, desired, obj):
        """The managed fields of `obj` as compared (for --diff)."""
        fields = self.resource.fields
        return dict((k, _compare.project(obj.get(k, fields[k].get('server_default')), desired[k], fields[k])) for k in desired)

    def changed_fields(self, desired, current, update_secrets=None):
        # write-only fields (is_default) are sent with a write, never compared: Cloudflare does not return them
        fields = self.resource.fields
        return [k for k, v in desired.items() if not fields[k].get('write_only') and not _compare.same(v, current.get(k), fields[k])]

    def create_body(self, desired):
        missing = [k for k in self.resource.required if desired.get(k) in (None, [], '')]
        if missing:
            raise AccessError('cannot create the %s: %s %s required' % (
                self.resource.title, ', '.join(missing), 'is' if len(missing) == 1 else 'are'))
        return copy.deepcopy(desired)

    def update_body(self, desired, current, update_secrets=None):
        fields = self.resource.fields
        # (the fields of the self_hosted context: every policy option but the infrastructure-only ones)
        return _compare.merge(_compare.prune(current, fields, 'self_hosted'), desired, fields)

    def predict(self, body, current):
        """The object as the API will hold it after `body` is written (current None: a creation)."""
        return dict(current or {}, **body)

    def shown_after(self, predicted, body):
        return predicted

    def plan_present(self, desired, current, params=None, index=None):
        if current is None:
            return self.plan_create(desired)
        return self.plan_update(desired, current, (params or {}).get('update_secrets'))

    def plan_create(self, desired):
        body = self.create_body(desired)
        self.check(body, 'cannot create the %s' % self.describe_new(body))
        predicted = self.predict(body, None)
        return Plan('create', body=body, predicted=predicted, before={}, after=self.view(desired, predicted),
                    changed_fields=sorted(desired))

    def plan_update(self, desired, current, update_secrets=None):
        changed = self.changed_fields(desired, current, update_secrets)
        before = self.view(desired, current)
        if not changed:
            return Plan('none', current=current, predicted=current, before=before, after=before)
        body = self.update_body(desired, current, update_secrets)
        self.check(body, 'the updated %s would be invalid' % self.describe(current))
        predicted = self.predict(body, current)
        # the diff: what changes as the API will hold it; unchanged fields as they are
        after = self.view(desired, self.shown_after(predicted, body))
        for key in desired:
            if key not in changed:
                after[key] = before.get(key)
        plan = Plan('update', current=current, body=body, predicted=predicted, before=before, after=after,
                    changed_fields=changed)
        plan.desired, plan.update_secrets = desired, update_secrets  # a 409 re-plans from them
        return plan

    def plan_absent(self, current, params=None):
        if current is None:
            return Plan('none')
        return Plan('delete', current=current, predicted=None, before=current, after={})

    def ensure(self, params, state='present', index=None, checked=False):
        """(plan, lookup) of one task's parameters; `lookup` finds the object again (after a lost POST response).
        `checked`: the options were checked already (bulk runs check every item before the sweep)."""
        desired = self.options(dict(params, state=state), checked)

        def lookup():
            return self.find(params)
        current = self.find(params, index=index, desired=desired)
        if state == 'absent':
            plan = self.plan_absent(current, params)
        else:
            object_id = params.get(self.resource.id_option)
            if current is None and object_id:
                raise AccessError('no %s with id %s exists in this %s' % (self.resource.title, object_id, self.scope))
            desired = self.resolve(self.options_for(desired, current))
            plan = self.plan_present(desired, current, params, index)
        plan.desired = desired
        plan.update_secrets = params.get('update_secrets') or self.update_secrets
        return plan, lookup

    def options_for(self, desired, current):
        """Hook: the options checked again against the current object (applications whose type the task omits)."""
        return desired

    # -- applying -----------------------------------------------------------------------------

    def apply(self, plan, lookup=None):
        """Carry out a plan; returns the object as the API returned it (or None after a delete)."""
        if plan.action == 'none':
            return plan.current
        if plan.action == 'delete':
            self.delete(plan.current)
            return None
        if plan.action == 'recreate':
            self.delete(plan.current)
            return self.create(plan.body, lookup)
        if plan.action == 'create':
            created = self.create(plan.body, lookup)
            if plan.move_from:
                delete_if_exists(self.client, plan.move_from)
            return created
        return self.update(plan)

    def create(self, body, lookup=None):
        return create_once(self.client, self.base, body, lookup, self.found_after_lost_response)

    def found_after_lost_response(self, obj):
        """Hook: the object that a POST whose response was lost did create."""

    def update(self, plan):
        path = self.path_of(plan.current[self.resource.key])
        try:
            return self.client.put(path, json=plan.body)
        except CloudflareAPIError as exc:
            if exc.status != 409:
                raise
        # 409: someone else changed it. Re-read and decide again; never blindly re-send the write.
        fresh = self.get(plan.current[self.resource.key])
        if fresh is None:
            raise AccessError('%s %s disappeared while it was being updated' % (self.resource.title, plan.current.get('id')))
        again = self.plan_update(plan.desired, fresh, plan.update_secrets)
        if not again.changed:
            return fresh
        return self.client.put(path, json=again.body)

    def delete(self, current):
        delete_if_exists(self.client, self.path_of(current[self.resource.key]))

    # -- one task -----------------------------------------------------------------------------

    def before_delete(self, current, check_mode, params):
        """Hook: what must happen before an object is deleted (detach, untag); returns result keys."""
        return {}

    def before_write(self, plan, check_mode, params):
        """Result keys of what a write needs first: the tags the body names, then before_delete."""
        out = {}
        if plan.missing_tags:
            out['created_tags'] = create_missing_tags(self.client, self.resolver, plan.missing_tags, check_mode)
        if plan.action == 'delete':
            out.update(self.before_delete(plan.current, check_mode, params) or {})
        return out

    def returned(self, plan, obj):
        """The object as the module returns it."""
        return obj or {}

    def run(self, params, state='present', check_mode=False):
        """One task: plan and (unless check_mode) apply; returns the module result."""
        plan, lookup = self.ensure(params, state)
        result = {'changed': plan.changed, 'diff': {'before': plan.before, 'after': plan.after}}
        result.update(self.before_write(plan, check_mode, params))
        if check_mode or not plan.changed:
            obj = plan.predicted if plan.changed else plan.current
        else:
            obj = self.apply(plan, lookup)
        result[self.resource.result] = self.returned(plan, obj)
        return result

    # -- export and info ----------------------------------------------------------------------

    def export(self, obj):
        """An object as the options of its module: no server fields, defaults or write-only fields; the objects it
        refers to by name where the name is unique (feeding the result back changes nothing)."""
        fields = dict((k, v) for k, v in self.resource.fields.items() if not v.get('write_only'))
        args = drop_defaults(dict((k, v) for k, v in obj.items() if k in fields), fields)
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

    # -- bulk hooks ---------------------------------------------------------------------------

    def label(self, params):
        """How a declaration is named in results and messages."""
        return params.get('name') or params.get(self.resource.id_option)

    def entry(self, params):
        """The first keys of a declaration's result entry."""
        return {'name': self.label(params), 'type': self.resource.kind, 'kind': self.resource.kind}

    def declaration_of(self, obj):
        """The parameters of a task that deletes `obj` (purge)."""
        return {'name': obj.get('name'), self.resource.id_option: obj['id'], 'state': 'absent'}

    def purgeable(self, obj):
        return True

    def declared(self, params):
        """The API fields a declaration sets, not checked (a bulk run computes them once per item: prevalidate checked)."""
        return self.options(params, checked=True)

    def unchanged(self, params, current, desired):
        """Hook: True when `current` holds the declaration as it is, so that a bulk run reports it unchanged without
        the full plan (a no-op rerun of thousands); it must never say so where the plan would find a change."""
        return False

    def owned(self, params, current, purge_tag):
        """Hook: the parameters with the ownership tag of a purge (resources that carry tags)."""
        return params

    def written(self, plan, obj, check_mode):
        """After a bulk write (or its rehearsal in check mode): keep the Resolver's objects as the API now holds them,
        so that later stages (policies naming groups, applications naming policies) resolve without another list;
        returns keys for the result entry."""
        if plan.action == 'create':
            self.resolver.add(self.resource.kind, dict(plan.body, id=str(uuid.uuid4())) if check_mode else obj)
        elif plan.action == 'update' and not check_mode:
            current = plan.current  # the Resolver's cached object: renamed objects resolve
            fresh = obj or dict(current, **plan.body)
            current.clear()
            current.update(fresh)
        return {}


READ_CONCURRENCY = 8


class Ahead(object):
    """A call started in a thread ahead of the time its result is needed (a bulk run's list sweep, while the
    declarations are still being checked); get() waits for it and returns its result or raises its error."""

    def __init__(self, function):
        self._outcome = None
        self._thread = threading.Thread(target=self._run, args=(function,), name='zerotrust.cloudflare sweep')
        self._thread.daemon = True
        self._thread.start()

    def _run(self, function):
        try:
            self._outcome = (True, function())
        except Exception as exc:  # pylint: disable=broad-except
            self._outcome = (False, exc)  # raised by get(), in the thread that needs the result

    def get(self):
        self._thread.join()
        done, value = self._outcome
        if not done:
            raise value
        return value


class Bulk(object):
    """Many declarations of one kind with one list sweep: every lookup is made in memory, only changes are written.

    The comparison, merge and validation are the Manager's, so a bulk run and a single task always agree on what
    "changed" means.  prepare() matches every declaration and finds the purge candidates before any write; run()
    plans and writes (and purges now, unless purge_later: the setup's groups and policies are purged after the
    applications, with purge_run())."""

    def __init__(self, manager, check_mode=False, purge=False, purge_max=10, purge_tag=None, purge_unmanaged=False,
                 concurrency=4, with_diff=False, progress=None, checked=False, purge_later=False):
        self.manager = manager
        self.title = manager.resource.title
        self.checked = checked  # the items passed their checks (prevalidate): not checked a second time
        self.check_mode = check_mode
        self.purge = purge
        self.purge_max = purge_max
        self.purge_tag = purge_tag
        self.purge_unmanaged = purge_unmanaged
        self.purge_later = purge_later
        self.concurrency = max(1, concurrency)
        self.with_diff = with_diff
        # progress(written, total, failed): called when the writes to make are known and after each of them (from the
        # write threads; written + failed = done); the action plugin shows it while the run goes on
        self.progress = progress
        self._progress_lock = threading.Lock()
        self._written = self._failed = self._to_write = 0
        self.created_tags = []
        self.items = None
        self.index = None
        self.currents = []
        self.desireds = []
        self._ahead = None
        self.clashes = {}
        self.candidates = []

    def _report(self, failed=False, done=True):
        if self.progress is None:
            return
        with self._progress_lock:
            self._written += 1 if done and not failed else 0
            self._failed += 1 if failed else 0
            self.progress(self._written, self._to_write, self._failed)

    def prepare(self, items):
        """Match every declaration by id or natural key (no request beyond the sweep), find the declarations that
        resolve to the same object and the purge candidates; raises AccessError above purge_max."""
        self.items = list(items)
        self.index = self._ahead.get() if self._ahead is not None else self._sweep()
        self.currents, owners = [], {}
        self.desireds = [self._declared(item) for item in self.items]
        for position, item in enumerate(self.items):
            try:
                current = self.manager.find(item, index=self.index, desired=self.desireds[position])
            except AccessError:
                current = None  # reported by the item's own plan
            self.currents.append(current)
            if current is not None:
                owners.setdefault(current['id'], []).append(position)
        self.clashes = dict((position, ids) for ids in owners.values() if len(ids) > 1 for position in ids)
        self.candidates = self._purge_candidates(set(owners)) if self.purge else []
        if len(self.candidates) > self.purge_max:
            raise AccessError('purge would delete %d %ss, more than purge_max=%d; nothing was changed. %ss: %s' % (
                len(self.candidates), self.title, self.purge_max, self.title[0].upper() + self.title[1:],
                ', '.join('%s (%s)' % (o.get('name'), o['id']) for o in self.candidates)))
        return self

    def _sweep(self):
        # the pages of the list are read in parallel once the first tells how many (GETs: up to 8 whatever concurrency)
        return self.manager.sweep(max(self.concurrency, READ_CONCURRENCY))

    def sweep_ahead(self):
        """Start the list sweep now, in a thread (prepare() takes its result): the caller still has declarations to
        check.  Only once a request is sure to be needed (a valid declaration, and no purge still to be refused)."""
        if self._ahead is None:
            self._ahead = Ahead(self._sweep)

    def _declared(self, item):
        try:
            return self.manager.declared(item)
        except (AccessError, TypeError, ValueError, AttributeError):
            return None  # (a declaration that is not even shaped right is reported by its own plan)

    def _purge_candidates(self, declared_ids):
        out = []
        for obj in self.index.objects:
            if obj.get('id') in declared_ids or not self.manager.purgeable(obj):
                continue
            if self.purge_tag and self.purge_tag in (obj.get('tags') or []):
                out.append(obj)
            elif self.purge_unmanaged:
                out.append(obj)
        return out

    def rehearsal(self):
        """A check-mode twin that shares this run's matches (AccessSetup rehearses every stage before any write)."""
        twin = Bulk(self.manager, check_mode=True, checked=self.checked, purge_later=True)
        twin.items, twin.index, twin.currents, twin.clashes = self.items, self.index, self.currents, self.clashes
        twin.desireds = self.desireds
        return twin

    def _failed_entry(self, params, msg, **extra):
        return dict(self.manager.entry(params), action='failed', changed=False, msg=msg, **extra)

    def _plan(self, params, current, desired=None):
        """(result entry, plan, lookup) of one declaration; in memory only.  `desired`: manager.declared(params)."""
        try:
            state = params.get('state') or 'present'
            if state == 'present':
                owned = self.manager.owned(params, current, self.purge_tag)
                desired, params = (desired if owned is params else None), owned
                if current is not None and self.manager.unchanged(params, current, desired):
                    return dict(self.manager.entry(params), action='unchanged', changed=False, id=current.get('id')), None, None
            plan, lookup = self.manager.ensure(params, state, index=self.index, checked=self.checked)
        except (AccessError, CloudflareError) as exc:
            return self._failed_entry(params, message_of(exc)), None, None
        entry = self.manager.entry(params)
        label = entry['name']
        entry.update(action=ACTION_WORDS[plan.action], changed=plan.changed, id=(plan.current or {}).get('id'))
        if self.with_diff and plan.changed:
            entry['diff'] = {'before': plan.before, 'after': plan.after, 'before_header': label, 'after_header': label}
        return entry, plan, lookup

    def _apply(self, job):
        entry, plan, lookup = job
        try:
            written = self.manager.apply(plan, lookup)
            if written:
                entry['id'] = written.get('id')
            entry.update(self.manager.written(plan, written, False))
        except (AccessError, CloudflareError) as exc:
            entry.update(action='failed', changed=False, msg=message_of(exc))
        self._report(failed=entry['action'] == 'failed')

    def plan_all(self):
        jobs = []
        for position, item in enumerate(self.items):
            if position in self.clashes:
                others = ', '.join(self.manager.label(self.items[p]) for p in self.clashes[position] if p != position)
                jobs.append((self._failed_entry(item, 'this declaration and %s resolve to the same %s; declare it once'
                                                % (others, self.title)), None, None))
            else:
                jobs.append(self._plan(item, self.currents[position], self.desireds[position] if self.desireds else None))
        return jobs

    def plan_purge(self):
        jobs = []
        for obj in self.candidates:
            entry, plan, lookup = self._plan(self.manager.declaration_of(obj), obj)
            entry['purged'] = True
            jobs.append((entry, plan, lookup))
        return jobs

    def write(self, jobs):
        """Create the tags the plans name, then write the changes (`concurrency` threads); returns the entries."""
        missing = []
        for job in jobs:
            for name in (job[1].missing_tags if job[1] is not None else []):
                if name not in missing:
                    missing.append(name)
        # every tag that an object to write names exists before the first write (one POST per missing tag)
        self.created_tags = create_missing_tags(self.manager.client, self.manager.resolver, missing, self.check_mode)
        changes = [job for job in jobs if job[1] is not None and job[1].changed]
        if self.check_mode:
            for entry, plan, dummy in changes:
                entry.update(self.manager.written(plan, None, True))
            changes = []
        self._to_write = len(changes)
        self._report(done=False)
        if self.concurrency == 1 or len(changes) < 2:
            for job in changes:
                self._apply(job)
        else:
            from concurrent.futures import ThreadPoolExecutor
            with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
                list(pool.map(self._apply, changes))
        return [job[0] for job in jobs]

    def run(self, items=None):
        """Plan every declaration (and, unless purge_later, every purge candidate) and write the changes."""
        if items is not None or self.items is None:
            self.prepare(items or [])
        jobs = self.plan_all()
        if not self.purge_later:
            jobs += self.plan_purge()
        return self.write(jobs)

    def purge_run(self):
        """Delete the purge candidates found by prepare() (after the applications, for groups and policies)."""
        return self.write(self.plan_purge())
