# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# PRIVATE to the zerotrust.cloudflare collection: not a public API, may change without notice.
#
# Reusable (account) Access policies: find by id or name, compare with the rules of _compare,
# read-merge-write updates, and deletion that can first detach the policy from its applications.

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _compare, _models, _references, _schema
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._access_application import (
    ApplicationError, ApplicationManager, create_once, delete_if_exists, resolve_references)
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._client import CloudflareAPIError, CloudflareError

FIELDS = _schema.POLICY_FIELDS


def _view(desired, obj):
    """The managed fields of a policy (for --diff)."""
    return dict((k, obj.get(k, FIELDS[k].get('server_default'))) for k in desired)


class PolicyManager(object):

    def __init__(self, client, account_id, warn=None):
        self.client = client
        self.account_id = account_id
        self.base = '/accounts/%s/access/policies' % account_id
        self.warn = warn or (lambda msg: None)
        self.resolver = _references.Resolver(client, account_id)

    def find(self, policy_id=None, name=None):
        if policy_id:
            try:
                return self.client.get('%s/%s' % (self.base, policy_id))
            except CloudflareAPIError as exc:
                if exc.status == 404:
                    return None
                raise
        if not name:
            raise ApplicationError('name or policy_id is needed to find the policy')
        matches = [p for p in self.client.paginate(self.base, per_page=100) if p.get('name') == name]
        if len(matches) > 1:
            ids = [p.get('id') for p in matches]
            raise ApplicationError('%d reusable policies are named %r: %s. Give policy_id to pick one.'
                                   % (len(matches), name, ', '.join(ids)), matching_ids=ids)
        return matches[0] if matches else None

    def run(self, params, state='present', check_mode=False, detach=False):
        desired = _schema.to_api(_compare.strip_none(dict((k, params.get(k)) for k in FIELDS if params.get(k) is not None)), FIELDS)
        # group, IdP and service token names in the rules are resolved after this check: checked as ids would be
        errors = _models.validate_policy_request(
            _references.with_placeholder_ids(desired, _references.policy_references), 'reusable', partial=True)
        if errors:
            raise ApplicationError('invalid options: ' + '; '.join(errors), errors=errors)
        current = self.find(params.get('policy_id'), desired.get('name'))
        if state == 'absent':
            return self._absent(current, check_mode, detach)
        desired = resolve_references(self.resolver, desired, _references.policy_references)
        if current is None and params.get('policy_id'):
            raise ApplicationError('no reusable policy with id %s exists' % params['policy_id'])
        if current is None:
            body = desired
            errors = _models.validate_policy_request(body, 'reusable')
            if errors:
                raise ApplicationError('cannot create the policy: ' + '; '.join(errors), errors=errors)
            result = dict(changed=True, diff=dict(before={}, after=_view(desired, body)), policy=body)
            if not check_mode:
                result['policy'] = self._create(body, desired.get('name'))
            return result
        changed = [k for k, v in desired.items() if not _compare.same(v, current.get(k), FIELDS[k])]
        if not changed:
            return dict(changed=False, diff=dict(before=_view(desired, current), after=_view(desired, current)), policy=current)
        body = _compare.merge(_compare.prune(current, FIELDS, 'self_hosted'), desired, FIELDS)
        errors = _models.validate_policy_request(body, 'reusable')
        if errors:
            raise ApplicationError('the updated policy would be invalid: ' + '; '.join(errors), errors=errors)
        predicted = dict(current, **body)
        result = dict(changed=True, diff=dict(before=_view(desired, current), after=_view(desired, predicted)), policy=predicted)
        if not check_mode:
            result['policy'] = self.client.put('%s/%s' % (self.base, current['id']), json=body)
        return result

    def _create(self, body, name):
        return create_once(self.client, self.base, body, lambda: self.find(name=name))

    def _linked_apps(self, policy_id):
        apps = ApplicationManager(self.client, account_id=self.account_id)
        linked = [a for a in apps.list() if any(p.get('id') == policy_id for p in a.get('policies') or [])]
        return apps, linked

    def _absent(self, current, check_mode, detach):
        if current is None:
            return dict(changed=False, diff=dict(before={}, after={}), policy={})
        result = dict(changed=True, diff=dict(before=current, after={}), policy={}, detached_from=[])
        if current.get('app_count'):
            apps, linked = self._linked_apps(current['id'])
            if linked and not detach:
                raise ApplicationError('policy %s (%s) is still used by %d application(s): %s. Set detach=true to remove it '
                                       'from them first.' % (current['id'], current.get('name'), len(linked),
                                                             ', '.join('%s (%s)' % (a.get('name'), a['id']) for a in linked)))
            result['detached_from'] = [a['id'] for a in linked]
            for app in linked:
                remaining = [{'id': p['id'], 'precedence': p.get('precedence')} for p in app['policies']
                             if p.get('id') != current['id']]
                plan = apps.plan_present({'type': app['type'], 'policies': remaining}, app)
                if not check_mode:
                    apps.apply(plan)
        if not check_mode:
            delete_if_exists(self.client, '%s/%s' % (self.base, current['id']))
        return result


def run_module(base):
    module = base.module
    params = module.params
    account_id, dummy = base.scope
    client = base.client()
    try:
        result = PolicyManager(client, account_id, warn=module.warn).run(
            params, state=params['state'], check_mode=module.check_mode, detach=params['detach'])
    except (ApplicationError, CloudflareError) as exc:
        base.fail(exc)
    base.exit(result)
