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
import traceback

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _client

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

    def __init__(self, argument_spec, zone_scope=True, module_class=AnsibleModule, **kwargs):
        """`module_class`: AnsibleModule, or a stand-in with its interface (the action plugin that runs the bulk
        engine on the controller)."""
        spec = dict(CONNECTION_ARGS)
        if not zone_scope:
            spec.pop('zone_id')
        spec.update(argument_spec)
        mutually_exclusive = list(kwargs.pop('mutually_exclusive', []))
        if zone_scope:
            mutually_exclusive.append(('account_id', 'zone_id'))
        self.module = module_class(argument_spec=spec, mutually_exclusive=mutually_exclusive, **kwargs)
        self.params = self.module.params
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
        for item in items:
            unknown = sorted(k for k in item if k not in spec)
            if unknown:
                out.append((None, 'unsupported option(s): %s' % ', '.join(unknown)))
                continue
            if all(_plain(value, spec[key]) for key, value in item.items()):
                # what the validator would return, without its deep copies (most items of a big list are plain)
                validated = copy.deepcopy(defaults)
                validated.update(item)
                out.append((validated, None))
                continue
            # a spec of the options the item sets (plus those with defaults): many times faster on big lists
            keys = tuple(sorted(set(item) | set(k for k, v in spec.items() if 'default' in v)))
            if keys not in validators:
                validators[keys] = ArgumentSpecValidator(dict((k, spec[k]) for k in keys))
            result = validators[keys].validate(item)
            self.module.no_log_values.update(result._no_log_values)
            if result.error_messages:
                out.append((None, '; '.join(result.error_messages)))
            else:
                out.append((result.validated_parameters, None))
        return out
