# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# PRIVATE to the zerotrust.cloudflare collection: not a public API, may change without notice.
#
# What the hosts of a play declare in their variables (access_applications_list and every access_applications_list_*,
# the same for groups and policies, with the host's *_defaults merged under each item), once per object, with the
# conflicts.  Shared by the access_applications_collect filter (over `hostvars`) and by the access_application_bulk
# action plugin (the role's path), which reads the variables without templating what holds no template.

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

from ansible.errors import AnsibleError
from ansible.module_utils.common.collections import is_sequence

from ansible_collections.zerotrust.cloudflare.plugins.module_utils._access_application import identity_key
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._bulk import apply_defaults

# (bulk option, list variable, defaults variable, prefix of a conflict message)
KINDS = (
    ('applications', 'access_applications_list', 'access_applications_defaults', ''),
    ('groups', 'access_applications_groups_list', 'access_applications_groups_defaults', 'group '),
    ('policies', 'access_applications_policies_list', 'access_applications_policies_defaults', 'policy '),
)
_TEMPLATE_MARKERS = ('{{', '{%', '{#')


def plain(value):
    """A JSON round trip: plain dicts/lists/strings, comparable and hashable as text."""
    return json.loads(json.dumps(value, sort_keys=True, default=str))


def plain_unless_templated(value):
    """(True, plain value) when `value` holds no template and only JSON types (it is then its own templated value,
    without the cost of the templating engine: about 1 s for 10,000 items on ansible-core 2.19); else (False, None).
    A vaulted string is not a JSON type: it goes to the templating engine, which decrypts it."""
    try:
        text = json.dumps(value)
    except (TypeError, ValueError):
        return False, None
    if any(marker in text for marker in _TEMPLATE_MARKERS):
        return False, None
    return True, json.loads(text)


def collect(hosts, variables_of, list_var='access_applications_list', defaults_var='access_applications_defaults',
            all_hosts=None):
    """Aggregate the objects declared by `hosts` (each host: `list_var` plus every `list_var`_* variable,
    `defaults_var` merged under each item), once per object.

    `variables_of(host)`: that host's variables as a mapping of plain (templated) values; a missing name is absent."""
    if not is_sequence(hosts):
        raise AnsibleError('access_applications_collect: expects a list of host names, got %s' % type(hosts).__name__)
    pattern = re.compile(r'^%s(_.+)?$' % re.escape(list_var))

    def declarations(host):
        variables = variables_of(host)
        names = sorted(k for k in variables.keys() if pattern.match(k))
        if not names:
            return
        defaults = (variables[defaults_var] or {}) if defaults_var in variables else {}
        if not isinstance(defaults, dict):
            raise AnsibleError('%s of host %s must be a dict of options, got %s' % (defaults_var, host, type(defaults).__name__))
        for name in names:
            items = variables[name] or []
            if not is_sequence(items):
                raise AnsibleError('%s of host %s must be a list, got %s' % (name, host, type(items).__name__))
            for item in items:
                if not isinstance(item, dict):
                    raise AnsibleError('%s of host %s: every item must be a dict of module options, got %r' % (name, host, item))
                yield name, apply_defaults(item, defaults) if defaults else item

    # key -> [{'item', 'hosts', 'variables'} per distinct declaration], in order of first appearance
    declared, order, declaring = {}, [], set()
    for host in hosts:
        for variable, item in declarations(host):
            declaring.add(host)
            key = identity_key(item)
            variants = declared.get(key)
            if variants is None:
                variants = declared[key] = []
                order.append(key)
            variant = next((v for v in variants if v['item'] == item), None)
            if variant is None:
                variant = {'item': item, 'hosts': [], 'variables': []}
                variants.append(variant)
            if host not in variant['hosts']:
                variant['hosts'].append(host)
            if variable not in variant['variables']:
                variant['variables'].append(variable)
    conflicts = []
    for key in order:
        if len(declared[key]) > 1:
            conflicts.append('%s is declared differently (%d ways): %s' % (key, len(declared[key]), '; '.join(
                'by %s (%s)' % (', '.join(v['hosts']), ', '.join(v['variables'])) for v in declared[key])))
    in_play = set(hosts)
    outside = [host for host in all_hosts or [] if host not in in_play and any(True for dummy in declarations(host))]
    return {
        'applications': [declared[k][0]['item'] for k in order if len(declared[k]) == 1],
        'declared_by': dict((k, [h for v in declared[k] for h in v['hosts']]) for k in order),
        'conflicts': conflicts,
        'declaring_hosts_outside_play': outside,
        'declaring_hosts': sorted(declaring),
    }
