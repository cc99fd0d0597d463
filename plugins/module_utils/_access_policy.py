# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# PRIVATE to the zerotrust.cloudflare collection: not a public API, may change without notice.
#
# Reusable (account) Access policies: the POLICY resource on the engine of _engine.py (find by id or name, compare
# with the rules of _compare, read-merge-write updates), plus deletion that can first detach the policy from its
# applications.

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.zerotrust.cloudflare.plugins.module_utils._access_application import ApplicationManager
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._client import CloudflareError
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._engine import AccessError, Manager
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._resource import POLICY


class PolicyManager(Manager):

    def __init__(self, client, account_id, warn=None):
        super(PolicyManager, self).__init__(client, POLICY, account_id=account_id, warn=warn)

    def _linked_apps(self, policy_id):
        apps = ApplicationManager(self.client, account_id=self.account_id)
        linked = [a for a in apps.list() if any(p.get('id') == policy_id for p in a.get('policies') or [])]
        return apps, linked

    def before_delete(self, current, check_mode, params):
        """PITFALLS 22: a policy that applications still link is removed from them first (detach), or refused."""
        if not current.get('app_count'):
            return {'detached_from': []}
        apps, linked = self._linked_apps(current['id'])

        def without_it(app):
            return {'type': app['type'], 'policies': [{'id': p['id'], 'precedence': p.get('precedence')}
                                                      for p in app['policies'] if p.get('id') != current['id']]}
        detached = apps.take_off(linked, 'policy %s (%s)' % (current['id'], current.get('name')), 'detach',
                                 params.get('detach'), without_it, check_mode)
        return {'detached_from': detached}


def run_module(base):
    module = base.module
    params = module.params
    try:
        result = PolicyManager(base.client(), base.scope[0], warn=module.warn).run(
            params, state=params['state'], check_mode=module.check_mode)
    except (AccessError, CloudflareError) as exc:
        base.fail(exc)
    base.exit(result)
