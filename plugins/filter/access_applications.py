# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.collections import is_sequence

from ansible_collections.zerotrust.cloudflare.plugins.module_utils._access_application import apply_defaults, identity_key


_PLAY = '(play variables)'


def _plain(value):
    """A JSON round trip: plain dicts/lists/strings, comparable and hashable as text."""
    return json.loads(json.dumps(value, sort_keys=True, default=str))


def collect(hosts, hostvars, list_var='access_applications_list', defaults_var='access_applications_defaults',
            all_hosts=None, play_vars=None):
    """Aggregate the applications declared by `hosts` (each host: `list_var` plus every `list_var`_* variable,
    `defaults_var` merged under each item), once per application.  `play_vars`: the same variables as the
    play sees them (play, role and extra vars are not host variables)."""
    if not is_sequence(hosts):
        raise AnsibleFilterError('access_applications_collect: expects a list of host names, got %s' % type(hosts).__name__)
    pattern = re.compile(r'^%s(_.+)?$' % re.escape(list_var))
    declared, order, conflicts, declaring = {}, [], [], set()

    def declarations(host):
        variables = play_vars if host == _PLAY else hostvars[host]
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

    for host in ([_PLAY] if play_vars else []) + list(hosts):
        for variable, item in declarations(host):
            declaring.add(host)
            key = identity_key(item)
            text = json.dumps(item, sort_keys=True)
            if key not in declared:
                declared[key] = {'text': text, 'item': item, 'hosts': [host], 'variable': variable}
                order.append(key)
            elif declared[key]['text'] == text:
                if host not in declared[key]['hosts']:
                    declared[key]['hosts'].append(host)
            else:
                conflicts.append('%s is declared differently by %s (%s) and by %s (%s)' % (
                    key, ', '.join(declared[key]['hosts']), declared[key]['variable'], host, variable))
    outside = []
    for host in all_hosts or []:
        if host in hosts:
            continue
        if any(True for dummy in declarations(host)):
            outside.append(host)
    return {
        'applications': [declared[k]['item'] for k in order],
        'declared_by': dict((k, declared[k]['hosts']) for k in order),
        'conflicts': conflicts,
        'declaring_hosts_outside_play': outside,
        'declaring_hosts': sorted(h for h in declaring if h != _PLAY),
    }


class FilterModule(object):

    def filters(self):
        return {'access_applications_collect': collect}
