# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleError, AnsibleFilterError

from ansible_collections.zerotrust.cloudflare.plugins.plugin_utils import _declarations


class _HostVariables(object):
    """A host's variables as the filter sees them (templated by `hostvars`), plain; `play_vars` for `play_host`."""

    def __init__(self, variables):
        self.variables = variables

    def keys(self):
        return self.variables.keys()

    def __contains__(self, name):
        return name in self.variables

    def __getitem__(self, name):
        return _declarations.plain(self.variables[name])


def collect(hosts, hostvars, list_var='access_applications_list', defaults_var='access_applications_defaults',
            all_hosts=None, play_vars=None, play_host=None):
    """Aggregate the applications declared by `hosts` (each host: `list_var` plus every `list_var`_* variable,
    `defaults_var` merged under each item), once per application.

    `play_vars`: the same variables as `play_host` sees them, play, role and extra vars included (those are not
    host variables); they stand for that host's own."""
    def variables_of(host):
        return _HostVariables(play_vars if (play_vars is not None and host == play_host) else hostvars[host])
    try:
        return _declarations.collect(hosts, variables_of, list_var=list_var, defaults_var=defaults_var, all_hosts=all_hosts)
    except AnsibleError as exc:
        raise AnsibleFilterError(str(exc))


class FilterModule(object):

    def filters(self):
        return {'access_applications_collect': collect}
