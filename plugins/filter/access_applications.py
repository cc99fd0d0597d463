# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.collections import is_sequence

from ansible_collections.zerotrust.cloudflare.plugins.module_utils._access_application import identity_key
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._bulk import apply_defaults


def _plain(value):
    """A JSON round trip: plain dicts/lists/strings, comparable and hashable as text."""
    return json.loads(json.dumps(value, sort_keys=True, default=str))


def collect(hosts, hostvars, list_var='access_applications_list', defaults_var='access_applications_defaults',
            all_hosts=None, play_vars=None, play_host=None):
    """Aggregate the applications declared by `hosts` (each host: `list_var` plus every `list_var`_* variable,
    `defaults_var` merged under each item), once per application.

    `play_vars`: the same variables as `play_host` sees them, play, role and extra vars included (those are not
    host variables); they stand for that host's own."""
    if not is_sequence(hosts):
        raise AnsibleFilterError('access_applications_collect: expects a list of host names, got %s' % type(hosts).__name__)
    pattern = re.compile(r'^%s(_.+)?$' % re.escape(list_var))

    def declarations(host):
        variables = play_vars if (play_vars is not None and host == play_host) else hostvars[host]
        names = sorted(k for k in variables.keys() if pattern.match(k))
        defaults = _plain(variables.get(defaults_var) or {}) if defaults_var in variables else {}
        for name in names:
            items = variables[name] or []
            if not is_sequence(items):
                raise AnsibleFilterError('%s of host %s must be a list of applications, got %s' % (name, host, type(items).__name__))
            for item in items:
                if not isinstance(item, dict):
                    raise AnsibleFilterError('%s of host %s: every item must be a dict of access_application options, got %r'
                                             % (name, host, item))
                yield name, apply_defaults(_plain(item), defaults)

    # key -> {declaration text -> {'item', 'hosts', 'variables'}}, in order of first appearance
    declared, order, declaring = {}, [], set()
    for host in hosts:
        for variable, item in declarations(host):
            declaring.add(host)
            key = identity_key(item)
            if key not in declared:
                declared[key] = {}
                order.append(key)
            variant = declared[key].setdefault(json.dumps(item, sort_keys=True), {'item': item, 'hosts': [], 'variables': []})
            if host not in variant['hosts']:
                variant['hosts'].append(host)
            if variable not in variant['variables']:
                variant['variables'].append(variable)
    conflicts = []
    for key in order:
        if len(declared[key]) > 1:
            conflicts.append('%s is declared differently (%d ways): %s' % (key, len(declared[key]), '; '.join(
                'by %s (%s)' % (', '.join(v['hosts']), ', '.join(v['variables'])) for v in declared[key].values())))
    outside = [host for host in all_hosts or [] if host not in hosts and any(True for dummy in declarations(host))]
    return {
        'applications': [list(declared[k].values())[0]['item'] for k in order if len(declared[k]) == 1],
        'declared_by': dict((k, [h for v in declared[k].values() for h in v['hosts']]) for k in order),
        'conflicts': conflicts,
        'declaring_hosts_outside_play': outside,
        'declaring_hosts': sorted(declaring),
    }


class FilterModule(object):

    def filters(self):
        return {'access_applications_collect': collect}
