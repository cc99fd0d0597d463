# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# PRIVATE to the zerotrust.cloudflare collection: not a public API, may change without notice.
#
# The Access objects besides applications, as Resource entries of the engine (_engine.py): tags (addressed by
# name), Access groups, reusable policies; and the thin entry points of access_tag, access_group and the info
# modules of groups and policies.  Adding a resource is a Resource entry here and a thin module.  No Ansible import.

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _models, _references, _schema
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._access_application import ApplicationManager
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._client import CloudflareError
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._engine import AccessError, Manager, Resource


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


def scoped_manager(base, resource, manager_class=Manager):
    """A manager of a resource for a module's scope: at zone scope, the names its rules hold (IdPs, service tokens)
    are still the account's."""
    account_id, zone_id = base.scope
    manager = manager_class(base.client(), resource, account_id=None if zone_id else account_id, zone_id=zone_id,
                            warn=base.module.warn)
    if zone_id:
        manager.resolver.account_id = account_id
    return manager


def run_info_module(base, resource, id_option):
    """access_group_info, access_policy_info: list, get, or export (format=module_args) objects of a resource."""
    module = base.module
    params = module.params
    try:
        manager = scoped_manager(base, resource)
        objects = manager.info(params.get(id_option), params.get('name'), export=params['format'] == 'module_args')
    except (AccessError, CloudflareError) as exc:
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
    try:
        errors = group_errors(params, bool(base.scope[1]))
        if errors:
            raise AccessError('invalid options: ' + '; '.join(errors), errors=errors)
        result = scoped_manager(base, GROUP).run(params, state=params['state'], check_mode=module.check_mode)
    except (AccessError, CloudflareError) as exc:
        base.fail(exc)
    base.exit(result)


# ------------------------------------------------------------------------------------------- tags

def tag_users(client, account_id, name):
    """The applications (account scope) that carry a tag."""
    apps = ApplicationManager(client, account_id=account_id)
    return apps, [a for a in apps.list() if name in (a.get('tags') or [])]


class TagManager(Manager):
    """Tags are addressed by their name; deleting one that applications carry is refused (by Cloudflare too) unless
    force: then it is taken off them first."""

    def __init__(self, client, account_id, warn=None):
        super(TagManager, self).__init__(client, TAG, account_id=account_id, warn=warn)

    def before_delete(self, current, check_mode, params):
        name = current['name']
        apps, users = tag_users(self.client, self.account_id, name)
        untagged = apps.take_off(users, 'tag %r' % name, 'force', params.get('force'),
                                 lambda app: {'type': app['type'], 'tags': [t for t in app['tags'] if t != name]}, check_mode)
        return {'untagged': untagged}


def run_tag_module(base):
    module = base.module
    params = module.params
    try:
        manager = TagManager(base.client(), base.scope[0], warn=module.warn)
        result = manager.run(params, state=params['state'], check_mode=module.check_mode)
    except (AccessError, CloudflareError) as exc:
        base.fail(exc)
    base.exit(result)
