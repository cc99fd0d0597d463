# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""access_application_bulk on the controller: the bulk engine runs in the Ansible worker process itself.

Why: a module cannot print while it runs, and passing thousands of applications to a module costs a JSON
transfer and an argument-spec validation of every item. On a local connection (the role delegates to
localhost) the engine runs here, shows where it is through Ansible's display every `progress_interval` seconds,
and returns exactly what the module returns. On any other connection (a remote delegate_to, become), or when
requests or pydantic are missing on the controller, the module runs as usual on the target.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import gc
import json
import os
import re
import threading

from ansible.errors import AnsibleError

from ansible.module_utils.common.arg_spec import ModuleArgumentSpecValidator
from ansible.module_utils.common.parameters import remove_values
from ansible.module_utils.errors import UnsupportedError
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _client
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._bulk import bulk_argument_spec, run_bulk_module
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._module import (
    HAS_PYDANTIC, CloudflareModule, drop_type_errors)
from ansible_collections.zerotrust.cloudflare.plugins.plugin_utils import _declarations

display = Display()

MODULE = 'zerotrust.cloudflare.access_application_bulk'
PROGRESS_ENV = 'ZEROTRUST_CLOUDFLARE_PROGRESS_INTERVAL'
DEFAULT_PROGRESS_INTERVAL = 15.0


class _Exit(Exception):
    """exit_json / fail_json of the stand-in module: carries the result out of the engine."""

    def __init__(self, result):
        super(_Exit, self).__init__('module exit')
        self.result = result


def _is_plain_list_of_dicts(value):
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


class ControllerModule(object):
    """The part of AnsibleModule's interface that the collection's base module uses, over the task's arguments.

    Validation is AnsibleModule's (ModuleArgumentSpecValidator, same messages), except that a list of dicts
    without sub-options (`applications`) is checked for its shape only and not deep-copied: its items are
    validated one by one by the engine, as in the module."""

    def __init__(self, action, argument_spec, mutually_exclusive=None, supports_check_mode=False, **kwargs):
        self.argument_spec = argument_spec
        self.check_mode = bool(action._task.check_mode)
        self._diff = bool(action._task.diff)
        self.warnings = []
        self.no_log_values = set()
        args = dict(action._task.args)
        passed = {}
        for name, spec in argument_spec.items():
            if (spec.get('type') == 'list' and spec.get('elements') == 'dict' and not spec.get('options')
                    and _is_plain_list_of_dicts(args.get(name))):
                passed[name] = args[name]
                args[name] = []
        # named as the module names them: Ansible's own message does not name a nested option
        errors = drop_type_errors(argument_spec, args)
        result = ModuleArgumentSpecValidator(argument_spec, mutually_exclusive, **kwargs).validate(args)
        self.params = result.validated_parameters
        self.params.update(passed)
        self.no_log_values.update(result._no_log_values)
        if result.error_messages:
            msg = result.errors.msg
            if isinstance(result.errors[0], UnsupportedError):
                msg = 'Unsupported parameters for (%s) module: %s' % (MODULE, msg)
            errors.append(msg)
        if errors:
            self.fail_json(msg='; '.join(errors))

    def warn(self, warning):
        self.warnings.append(warning)

    def debug(self, msg):
        display.debug(msg)

    def exit_json(self, **result):
        raise _Exit(result)

    def fail_json(self, msg, **result):
        result.update(failed=True, msg=msg)
        raise _Exit(result)


class Progress(object):
    """Where the run is, shown every `interval` seconds from a timer thread (a write that waits for the rate
    limit does not hold it back) in normal verbosity: a terminal and an AWX job log both show it."""

    def __init__(self, interval, host, show=None):
        self.interval = interval
        self.host = host
        self.show = show or display.display
        self.lines = 0
        self.state = None  # (written, total, failed) once the writes are known
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = None

    def update(self, written, total, failed):
        with self._lock:
            self.state = (written, total, failed)

    def text(self):
        with self._lock:
            state = self.state
        if state is None:
            return 'reading the applications of the account'
        return '%d/%d applications written, %d failed' % state

    def _say(self):
        self.lines += 1
        self.show('%s: %s' % (self.host, self.text()))

    def _tick(self):
        while not self._stop.wait(self.interval):
            self._say()

    def __enter__(self):
        if self.interval and self.interval > 0:
            self._thread = threading.Thread(target=self._tick, name='access_application_bulk progress')
            self._thread.daemon = True
            self._thread.start()
        return self

    def __exit__(self, *exc_info):
        if self._thread is not None:
            self._stop.set()
            self._thread.join()
            if self.lines and self.state is not None:
                self._say()  # the last word, when the run was long enough to speak at all
        return False


_JSON_ESCAPED = re.compile(r'["\\\x00-\x1f\x7f-\x9f\u2028\u2029]')


def censored(result, no_log_values):
    """remove_values(result, no_log_values), which walks every string of the result (seconds for 10,000 entries), only
    when one of the values occurs in the result's JSON text; a value that JSON would escape is always walked for."""
    values = [str(v) for v in no_log_values if v is not None and str(v)]
    if not values:
        return result
    try:
        text = json.dumps(result, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return remove_values(result, no_log_values)
    if any(_JSON_ESCAPED.search(v) or v in text for v in values):
        return remove_values(result, no_log_values)
    return result


def hide_secrets(result):
    """The whole result no_log when it carries the one-time client secret of an OIDC application the run created:
    each such entry says no_log, but Ansible shows a task's result (at -v) unless the result itself says it."""
    if any(isinstance(e, dict) and e.get('client_secret') for e in result.get('results') or []):
        result['_ansible_no_log'] = True
    return result


def progress_interval(params):
    """Seconds between progress lines: the option, else ZEROTRUST_CLOUDFLARE_PROGRESS_INTERVAL, else 15; 0 is silent."""
    if params.get('progress_interval') is not None:
        return params['progress_interval']
    try:
        return float(os.environ.get(PROGRESS_ENV) or DEFAULT_PROGRESS_INTERVAL)
    except ValueError:
        return DEFAULT_PROGRESS_INTERVAL


class _Declarations(object):
    """A host's variables for _declarations.collect, read without the templating engine where nothing needs it.

    The play host's are the task's variables (play, role and extra vars included); another host's are its raw host
    variables.  A variable holding a template (or a vaulted value) is templated as `hostvars` would (the play host's
    with the task's templar), the others are used as they are: templating 10,000 plain items would cost seconds."""

    def __init__(self, action, task_vars, host):
        self.action = action
        self.task_vars = task_vars
        self.host = host
        self.own = host == task_vars.get('inventory_hostname')
        self.raw = task_vars if self.own else task_vars['hostvars'].raw_get(host)

    def keys(self):
        return self.raw.keys()

    def __contains__(self, name):
        return name in self.raw

    def __getitem__(self, name):
        done, value = _declarations.plain_unless_templated(self.raw[name])
        if done:
            return value
        if self.own:
            return _declarations.plain(self.action._templar.template(self.raw[name]))
        return _declarations.plain(self.task_vars['hostvars'][self.host][name])


def _partial_run(task_vars, outside):
    """Why this run does not see the whole inventory ('' when it does): purging would take declared objects for
    undeclared ones."""
    reasons = []
    if task_vars.get('ansible_limit'):
        reasons.append('the --limit %s' % task_vars['ansible_limit'])
    try:
        slices = int(task_vars.get('awx_job_slice_count', task_vars.get('tower_job_slice_count', 1)) or 1)
    except (TypeError, ValueError):
        slices = 1
    if slices > 1:
        reasons.append('an AWX/AAP sliced job')
    if outside:
        reasons.append('hosts that declare applications, groups or policies are not in the play: %s' % ', '.join(outside))
    return '; '.join(reasons)


def from_hosts(action, args, task_vars):
    """The task's arguments with `from_hosts` replaced by what those hosts declare (applications, groups, policies),
    as the access_applications role documents it; an error message when the declarations cannot be used."""
    hosts = args.pop('from_hosts')
    if not isinstance(hosts, list) or not all(isinstance(h, str) for h in hosts):
        return 'from_hosts: expected a list of host names, got %s' % type(hosts).__name__
    given = [k for k, dummy, dummy, dummy in _declarations.KINDS if args.get(k)]
    if given:
        return 'from_hosts and %s are mutually exclusive: the declarations come from the hosts\' variables' % ', '.join(given)
    purging = any(boolean(args.get(k) or False, strict=False) for k in ('purge', 'purge_groups', 'purge_policies'))
    views = {}

    def variables_of(host):
        if host not in views:
            views[host] = _Declarations(action, task_vars, host)
        return views[host]
    conflicts, outside = [], []
    for option, list_var, defaults_var, prefix in _declarations.KINDS:
        try:
            found = _declarations.collect(hosts, variables_of, list_var=list_var, defaults_var=defaults_var,
                                          all_hosts=(task_vars.get('groups') or {}).get('all') if purging else None)
        except AnsibleError as exc:
            return str(exc)
        args[option] = found['applications']
        conflicts.extend(prefix + c for c in found['conflicts'])
        outside.extend(h for h in found['declaring_hosts_outside_play'] if h not in outside)
    if conflicts:
        return '; '.join(conflicts)
    partial = _partial_run(task_vars, outside) if purging else ''
    if partial:
        return ('purge (and purge_policies, purge_groups) needs the whole inventory, so that no declared object is taken '
                'for an undeclared one. This run is partial: %s' % partial)
    return None


class ActionModule(ActionBase):

    TRANSFERS_FILES = False

    def _in_process(self):
        """Why the engine cannot run here (None when it can)."""
        if getattr(self._connection, 'transport', None) != 'local':
            return 'the connection is not local'
        if self._play_context.become:
            return 'become is set'
        if not _client.HAS_REQUESTS or not HAS_PYDANTIC:
            return 'requests or pydantic is missing on the controller'
        return None

    def run(self, tmp=None, task_vars=None):
        # The worker holds the inventory's objects (hundreds of thousands for 10,000 declared applications): each
        # full garbage collection walks them all, several times during a bulk run that makes no garbage cycles worth
        # collecting before it ends (a quarter of a 10,000-application no-op run).  Collected after it instead.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._run(task_vars)
        finally:
            if collecting:
                gc.enable()

    def _run(self, task_vars):
        result = super(ActionModule, self).run(task_vars=task_vars)
        if self._task.args.get('from_hosts') is not None:
            args = dict(self._task.args)
            error = from_hosts(self, args, task_vars or {})
            if error:
                result.update(failed=True, changed=False, msg=error)
                return result
            self._task.args = args
        reason = self._in_process()
        if reason is not None:
            display.vvv('%s runs as a module on %s: %s' % (MODULE, self._play_context.remote_addr, reason))
            result.update(self._execute_module(module_name=MODULE, module_args=self._task.args, task_vars=task_vars))
            return hide_secrets(result)
        host = (task_vars or {}).get('inventory_hostname') or self._play_context.remote_addr
        holder = []

        def module_class(**kwargs):
            holder.append(ControllerModule(self, **kwargs))
            return holder[0]

        try:
            base = CloudflareModule(bulk_argument_spec(), supports_check_mode=True, module_class=module_class)
            with Progress(progress_interval(base.params), host) as progress:
                run_bulk_module(base, progress=progress.update)
            out = dict(failed=True, msg='the bulk engine returned without a result')  # not reached: it always exits
        except _Exit as done:
            out = done.result
        if holder:
            if holder[0].warnings:
                out['warnings'] = list(out.get('warnings') or []) + holder[0].warnings
            out = censored(out, holder[0].no_log_values)
        out.setdefault('changed', False)
        result.update(out)
        return hide_secrets(result)
