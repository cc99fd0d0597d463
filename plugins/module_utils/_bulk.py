# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# PRIVATE to the zerotrust.cloudflare collection: not a public API, may change without notice.
#
# access_application_bulk (the module and its action plugin): a whole Access setup with one list sweep per
# kind, on the engine's Bulk.  The work is ordered: tags and groups -> policies -> applications -> purged
# applications -> purged policies -> purged groups.  No Ansible import.

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _references, _schema
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._access_application import (
    API_FIELDS, ApplicationManager, desired_from_params, entry_of, item_errors, label_of, module_argument_spec)
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._client import CloudflareError
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._engine import (
    AccessError, Bulk, Manager, resolve_references)
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._resource import GROUP, POLICY


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


class AccessSetup(object):
    """The groups and reusable policies of a bulk run around its applications: groups, then policies are written
    before the applications (which name them), undeclared ones are purged after the applications (so that no
    application uses them any more).  Every declaration is rehearsed in memory first: an unknown or ambiguous name,
    an invalid option or a purge above purge_max fails the run before any write."""

    def __init__(self, resolver, client, account_id=None, zone_id=None, check_mode=False, purge_max=10, warn=None):
        self.resolver = resolver
        self.check_mode = check_mode
        self.purge_max = purge_max
        self.stages = []  # one prepared Bulk per kind, groups first
        self._args = (client, account_id, zone_id, warn)

    def _manager(self, resource):
        client, account_id, zone_id, warn = self._args
        return Manager(client, resource, account_id=None if (zone_id and resource.zone_scope) else account_id,
                       zone_id=zone_id if resource.zone_scope else None, warn=warn, resolver=self.resolver)

    def prepare(self, groups, policies, purge_groups=False, purge_policies=False, app_bodies=()):
        """Match every declaration, find the purge candidates, rehearse; raises AccessError before any write."""
        self.stages = []
        for resource, items, purge in ((GROUP, groups, purge_groups), (POLICY, policies, purge_policies)):
            if not items and not purge:
                continue
            # every undeclared object of the kind is a candidate (the role's guards decide whether purge is on)
            bulk = Bulk(self._manager(resource), check_mode=self.check_mode, purge=purge, purge_max=self.purge_max,
                        purge_unmanaged=True, concurrency=1, purge_later=True)
            self.stages.append(bulk.prepare(items))
        problems = self._rehearse(app_bodies)
        if problems:
            raise AccessError('nothing was changed: %s' % '; '.join(problems), errors=problems)

    def _rehearse(self, app_bodies):
        saved = self.resolver.mark()
        problems = []
        try:
            for bulk in self.stages:
                problems.extend('%s %s: %s' % (bulk.manager.resource.kind, e['name'], e['msg'])
                                for e in bulk.rehearsal().run() if e['action'] == 'failed')
            for label, body in app_bodies:
                try:
                    resolve_references(self.resolver, body, _references.app_references)
                except AccessError as exc:
                    problems.append('application %s: %s' % (label, exc.msg))
        finally:
            self.resolver.rewind(saved)
        return problems

    def write(self):
        """Groups then policies (created, updated); returns their result entries."""
        return [e for bulk in self.stages for e in bulk.run()]

    def purge(self):
        """Purged policies, then purged groups (after the applications)."""
        return [e for bulk in reversed(self.stages) for e in bulk.purge_run()]


def summarize(results):
    counts = dict((k, 0) for k in ('created', 'updated', 'recreated', 'unchanged', 'deleted', 'failed'))
    for entry in results:
        counts[entry['action']] = counts.get(entry['action'], 0) + 1
    return counts


def prevalidate(items, scope, failures, first_valid=None):
    """The (position, params) items without input errors; the others go to `failures` (position -> result entry).
    Every item is checked before the list sweep, so that invalid items never cost a request.  `first_valid()`:
    called once, at the first valid item (the list sweep may start: a request is needed)."""
    valid = []
    for position, params in items:
        errors = item_errors(params, scope)
        if errors:
            failures[position] = dict(entry_of(params), action='failed', changed=False,
                                      msg='invalid options: ' + '; '.join(errors))
        else:
            if not valid and first_valid is not None:
                first_valid()
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
    `progress`: see _engine.Bulk (the action plugin shows it; a module cannot print while it runs)."""
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
    manager = ApplicationManager(client, account_id=account_id, zone_id=zone_id,
                                 update_secrets=params['update_secrets'], warn=module.warn)
    bulk = Bulk(manager, check_mode=module.check_mode, purge=params['purge'], purge_max=params['purge_max'],
                purge_tag=params['purge_tag'], purge_unmanaged=params['purge_unmanaged'],
                concurrency=params['concurrency'], with_diff=module._diff, progress=progress, checked=True)
    # the list sweep runs while the other items are checked (not with purge: an invalid item stops it before any request)
    items = prevalidate(items, scope, results_by_position, None if params['purge'] else bulk.sweep_ahead)
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
            setup = None
            if with_setup:
                # groups and policies share the applications' Resolver: each kind is listed once for the whole run
                setup = AccessSetup(manager.resolver, client, account_id=account_id, zone_id=zone_id,
                                    check_mode=module.check_mode, purge_max=params['purge_max'], warn=module.warn)
                setup.prepare(params['groups'], params['policies'], params['purge_groups'], params['purge_policies'],
                              [(label_of(item), desired_from_params(item)[0]) for dummy, item in items
                               if item.get('state') != 'absent'])
                setup_entries = setup.write()
            if items or params['purge']:
                done = bulk.run([item for dummy, item in items])
                created_tags = bulk.created_tags
            if setup is not None:
                purged_entries = setup.purge()
    except (AccessError, CloudflareError) as exc:
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
        if any(e.get('kind') for e in results):  # groups and policies too: each failure says what failed
            what, failures = 'items', ['%s %s: %s' % (e.get('kind') or 'application', e['name'], e['msg']) for e in failed]
        else:
            what, failures = 'applications', ['%s: %s' % (e['name'], e['msg']) for e in failed]
        module.fail_json(msg='%d of %d %s failed: %s' % (len(failed), len(results), what, '; '.join(failures)), **out)
    module.exit_json(**out)
