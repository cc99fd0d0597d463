# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# PRIVATE to the zerotrust.cloudflare collection: not a public API, may change without notice.
#
# access_application_info: the listing of applications with the API's filters, and their export as
# access_application options (format=module_args) with names instead of ids where the name is unique.

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _compare, _schema
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._access_application import API_FIELDS, ApplicationManager
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._client import CloudflareError
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._engine import AccessError, drop_defaults


def to_module_args(app, scope='account', reusable_ids=()):
    """An application as access_application options: no server-computed fields, defaults or secrets.
    `reusable_ids`: the account's reusable policies, which the API returns expanded in the application.

    Feeding the result back to access_application (in the same account) changes nothing."""
    app_type = app.get('type')
    if app_type not in _schema.CREATABLE_TYPES:
        return {'type': app_type, 'name': app.get('name')}
    writable = dict((k, API_FIELDS[k]) for k in _schema.fields_for(app_type, scope))
    args = drop_defaults(_compare.prune(app, writable, app_type), writable)
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
                policies.append(drop_defaults(inline, _compare.POLICY_ITEM['options']))
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
    except (AccessError, CloudflareError) as exc:
        base.fail(exc)
    module.exit_json(changed=False, applications=applications)
