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

import os
import threading

from ansible.module_utils.common.arg_spec import ModuleArgumentSpecValidator
from ansible.module_utils.common.parameters import remove_values
from ansible.module_utils.errors import UnsupportedError
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _client
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._bulk import bulk_argument_spec, run_bulk_module
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._module import (
    HAS_PYDANTIC, CloudflareModule, drop_type_errors)

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


def progress_interval(params):
    """Seconds between progress lines: the option, else ZEROTRUST_CLOUDFLARE_PROGRESS_INTERVAL, else 15; 0 is silent."""
    if params.get('progress_interval') is not None:
        return params['progress_interval']
    try:
        return float(os.environ.get(PROGRESS_ENV) or DEFAULT_PROGRESS_INTERVAL)
    except ValueError:
        return DEFAULT_PROGRESS_INTERVAL


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
        del tmp  # tmp no longer has any effect
        result = super(ActionModule, self).run(task_vars=task_vars)
        reason = self._in_process()
        if reason is not None:
            display.vvv('%s runs as a module on %s: %s' % (MODULE, self._play_context.remote_addr, reason))
            result.update(self._execute_module(module_name=MODULE, module_args=self._task.args, task_vars=task_vars))
            return result
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
            out = remove_values(out, holder[0].no_log_values)
        out.setdefault('changed', False)
        result.update(out)
        return result
