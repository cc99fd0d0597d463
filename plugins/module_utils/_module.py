# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# PRIVATE to the zerotrust.cloudflare collection: not a public API, may change without notice.
#
# The base of every module: the shared connection options (documented once, in the
# zerotrust.cloudflare.auth doc fragment), the library check, the client, and one shape for
# failures (msg + failure with HTTP status and Cloudflare error codes).

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import os
import re
import traceback

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.parameters import DEFAULT_TYPE_VALIDATORS

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _client, _schema, _validate

try:
    from ansible_collections.zerotrust.cloudflare.plugins.module_utils._models import HAS_PYDANTIC, PYDANTIC_IMPORT_ERROR
except ImportError:  # pragma: no cover - _models guards its own imports
    HAS_PYDANTIC, PYDANTIC_IMPORT_ERROR = False, traceback.format_exc()

CONNECTION_ARGS = dict(
    api_token=dict(type='str', no_log=True, fallback=(env_fallback, ['CLOUDFLARE_API_TOKEN'])),
    api_email=dict(type='str', fallback=(env_fallback, ['CLOUDFLARE_EMAIL'])),
    api_key=dict(type='str', no_log=True, fallback=(env_fallback, ['CLOUDFLARE_API_KEY'])),
    api_base_url=dict(type='str', fallback=(env_fallback, ['CLOUDFLARE_BASE_URL'])),
    account_id=dict(type='str'),
    zone_id=dict(type='str'),
    validate_certs=dict(type='bool', default=True),
    request_timeout=dict(type='float', default=30.0),
    max_retries=dict(type='int', default=5),
    retry_max_delay=dict(type='float', default=300.0),
    rate_limit=dict(type='int', default=1200),
    rate_limit_window=dict(type='float', default=300.0),
)


_TYPE_NAMES = {'dict': 'a dictionary', 'list': 'a list', 'str': 'a string', 'int': 'an integer', 'float': 'a number',
               'bool': 'a boolean'}


def _type_name(value):
    for kind, python in (('bool', bool), ('dict', dict), ('list', list), ('str', str), ('int', int), ('float', float)):
        if isinstance(value, python):
            return _TYPE_NAMES[kind]
    return type(value).__name__


def _converts(value, kind):
    try:
        DEFAULT_TYPE_VALIDATORS[kind](value)
    except (TypeError, ValueError):
        return False
    return True


def type_errors(spec, params, path=''):
    """'option.path: expected X, got Y' for values that Ansible cannot convert, nested options included.

    ansible-core reports a failed conversion of a nested dict with a message that does not name the option
    ("dictionary requested, could not parse JSON or key=value"): this names it, before Ansible converts."""
    errors = []
    if not isinstance(params, dict):
        return errors
    for name, option in spec.items():
        keys = [name] + list(option.get('aliases') or [])
        key = next((k for k in keys if params.get(k) is not None), None)
        if key is None:
            continue
        value, here, kind = params[key], path + key, option.get('type', 'str')
        if kind == 'dict':
            if isinstance(value, dict):
                errors.extend(type_errors(option.get('options') or {}, value, here + '.'))
            elif not (isinstance(value, str) and _converts(value, 'dict')):
                errors.append('%s: expected a dictionary, got %s' % (here, _type_name(value)))
        elif kind == 'list':
            if not isinstance(value, list):
                if option.get('elements') in ('dict', 'list') or isinstance(value, dict):
                    errors.append('%s: expected a list, got %s' % (here, _type_name(value)))
                continue
            element = option.get('elements')
            for index, item in enumerate(value):
                where = '%s[%d]' % (here, index)
                if element == 'dict':
                    if isinstance(item, dict):
                        errors.extend(type_errors(option.get('options') or {}, item, where + '.'))
                    else:
                        errors.append('%s: expected a dictionary, got %s' % (where, _type_name(item)))
                elif element in _TYPE_NAMES and element != 'str' and not _converts(item, element):
                    errors.append('%s: expected %s, got %s' % (where, _TYPE_NAMES[element], _type_name(item)))
                elif element == 'str' and isinstance(item, (dict, list)):
                    errors.append('%s: expected a string, got %s' % (where, _type_name(item)))
        elif kind in _TYPE_NAMES and kind != 'str' and not _converts(value, kind):
            errors.append('%s: expected %s, got %s' % (here, _TYPE_NAMES[kind], _type_name(value)))
        elif kind == 'str' and isinstance(value, (dict, list)):
            errors.append('%s: expected a string, got %s' % (here, _type_name(value)))
    return errors


def top_options(errors):
    """The top-level options of 'path: reason' errors."""
    return set(re.split(r'[.\[:]', error, 1)[0] for error in errors)


def drop_type_errors(spec, params):
    """The 'option: expected X, got Y' errors of `params`, whose options are taken out of `params` (Ansible would
    refuse them without naming them, or fail on a nested one); a required option is left empty instead, so that
    Ansible does not also call it missing."""
    errors = type_errors(spec, params)
    for name in top_options(errors):
        option = spec.get(name) or {}
        if option.get('required') and option.get('type') in ('list', 'dict'):
            params[name] = [] if option['type'] == 'list' else {}
        else:
            params.pop(name, None)
    return errors


def id_errors(params, names=None):
    """Ids given as options (account_id, zone_id, app_id, policy_id) that the API cannot take."""
    errors = []
    for name, constraints in _schema.ID_OPTIONS.items():
        if names is not None and name not in names:
            continue
        reason = _validate.value_error(params.get(name), constraints)
        if reason:
            errors.append('%s: %s' % (name, reason))
    return errors


class _AnsibleModule(AnsibleModule):
    """AnsibleModule whose argument validation names the option that could not be converted."""

    def __init__(self, *args, **kwargs):
        self._type_errors = []
        super(_AnsibleModule, self).__init__(*args, **kwargs)
        errors, self._type_errors = self._type_errors, []
        if errors:
            self.fail_json(msg='; '.join(errors))  # after the validation: the no_log values are known

    def _load_params(self):
        super(_AnsibleModule, self)._load_params()
        self._type_errors = drop_type_errors(self.argument_spec, self.params)  # reported in __init__

    def fail_json(self, msg, **kwargs):
        if self._type_errors:  # a validation failure of AnsibleModule itself while some values were dropped
            msg = '; '.join(self._type_errors + [msg])
            self._type_errors = []
        super(_AnsibleModule, self).fail_json(msg=msg, **kwargs)


_PLAIN_TYPES = {'str': str, 'bool': bool}


def _plain(value, spec):
    """True when the argument spec would take `value` as it is: the right type already, a valid choice, nothing
    secret (no_log values must be collected), no sub-options, aliases or conversions to check."""
    if value is None:
        return True
    if spec.get('no_log') or spec.get('options') or spec.get('aliases') or spec.get('fallback'):
        return False
    kind = spec.get('type', 'str')
    choices = spec.get('choices')
    if kind == 'list':
        element = _PLAIN_TYPES.get(spec.get('elements'))
        return (isinstance(value, list) and element is not None and all(isinstance(v, element) for v in value)
                and (not choices or all(v in choices for v in value)))
    if kind not in _PLAIN_TYPES or not isinstance(value, _PLAIN_TYPES[kind]):
        return False
    return not choices or value in choices


class CloudflareModule(object):
    """An AnsibleModule with the connection options, a client and uniform failures."""

    def __init__(self, argument_spec, zone_scope=True, module_class=None, **kwargs):
        """`module_class`: an AnsibleModule that names the option of a value it cannot convert (the default), or a
        stand-in with its interface (the action plugin that runs the bulk engine on the controller)."""
        spec = dict(CONNECTION_ARGS)
        if not zone_scope:
            spec.pop('zone_id')
        spec.update(argument_spec)
        mutually_exclusive = list(kwargs.pop('mutually_exclusive', []))
        if zone_scope:
            mutually_exclusive.append(('account_id', 'zone_id'))
        self.module = (module_class or _AnsibleModule)(argument_spec=spec, mutually_exclusive=mutually_exclusive, **kwargs)
        self.params = self.module.params
        errors = id_errors(self.params)
        if errors:
            self.module.fail_json(msg='; '.join(errors))
        if not _client.HAS_REQUESTS:
            self.module.fail_json(msg=missing_required_lib('requests'), exception=_client.REQUESTS_IMPORT_ERROR)
        if not HAS_PYDANTIC:
            self.module.fail_json(msg=missing_required_lib('pydantic (v2)'), exception=PYDANTIC_IMPORT_ERROR)

    @property
    def scope(self):
        """(account_id, zone_id): zone_id wins over CLOUDFLARE_ACCOUNT_ID, so an AWX credential can serve zone tasks."""
        zone_id = self.params.get('zone_id')
        account_id = self.params.get('account_id')
        if not zone_id and not account_id:
            account_id = os.environ.get('CLOUDFLARE_ACCOUNT_ID')
        if not zone_id and not account_id:
            self.module.fail_json(msg='account_id is required (or zone_id for zone-scoped applications); it can also '
                                      'come from the CLOUDFLARE_ACCOUNT_ID environment variable')
        errors = id_errors({'account_id': account_id, 'zone_id': zone_id})
        if errors:
            self.module.fail_json(msg='; '.join(errors))
        return account_id, zone_id

    def client(self):
        params = self.params
        try:
            budget = _client.get_shared_budget(limit=params['rate_limit'], window=params['rate_limit_window'])
            return _client.CloudflareClient(
                base_url=params.get('api_base_url') or _client.DEFAULT_BASE_URL,
                api_token=params.get('api_token'), api_email=params.get('api_email'), api_key=params.get('api_key'),
                timeout=params['request_timeout'], validate_certs=params['validate_certs'],
                max_retries=params['max_retries'], retry_max_delay=params['retry_max_delay'],
                budget=budget, debug=self.module.debug)
        except _client.CloudflareError as exc:
            self.fail(exc)

    def fail(self, exc, **extra):
        """Fail with one message; API errors also give `failure` (status, method, path, Cloudflare codes)."""
        if isinstance(exc, _client.CloudflareError):
            self.module.fail_json(msg=str(exc), failure=exc.to_dict(), **extra)
        details = dict(getattr(exc, 'details', None) or {})
        details.update(extra)
        self.module.fail_json(msg=getattr(exc, 'msg', None) or str(exc), **details)

    def exit(self, result):
        """exit_json with the task's result; its `diff` only in diff mode."""
        diff = result.pop('diff', None)
        result.pop('action', None)
        if self.module._diff and diff is not None:
            result['diff'] = diff
        self.module.exit_json(**result)

    def validate_items(self, spec, items):
        """Check each item of a list option against a module's argument spec (as that module would).

        Returns [(validated params or None, error text or None)]; the items' no_log values are masked in
        everything the module returns, its invocation included."""
        out = []
        validators = {}
        defaults = dict((k, v['default']) for k, v in spec.items() if 'default' in v)
        # (scalar defaults are shared safely; a mutable one is copied for each item)
        fresh = copy.deepcopy if any(isinstance(v, (dict, list)) for v in defaults.values()) else dict
        for item in items:
            unknown = sorted(k for k in item if k not in spec)
            if unknown:
                out.append((None, 'unsupported option(s): %s' % ', '.join(unknown)))
                continue
            if all(_plain(value, spec[key]) for key, value in item.items()):
                # what the validator would return, without its deep copies (most items of a big list are plain)
                validated = fresh(defaults)
                validated.update(item)
                out.append((validated, None))
                continue
            # a spec of the options the item sets (plus those with defaults): many times faster on big lists
            keys = tuple(sorted(set(item) | set(k for k, v in spec.items() if 'default' in v)))
            if keys not in validators:
                validators[keys] = ArgumentSpecValidator(dict((k, spec[k]) for k in keys))
            # named here: Ansible's own message does not name a nested dict (and fails on some values)
            errors = type_errors(spec, item)
            dropped = top_options(errors)
            result = validators[keys].validate(dict((k, v) for k, v in item.items() if k not in dropped))
            self.module.no_log_values.update(result._no_log_values)
            if errors:
                out.append((None, '; '.join(errors)))
            elif result.error_messages:
                out.append((None, '; '.join(result.error_messages)))
            else:
                out.append((result.validated_parameters, None))
        return out
