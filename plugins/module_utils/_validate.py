# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# PRIVATE to the zerotrust.cloudflare collection: not a public API, may change without notice.
#
# Rules of an application body that a JSON schema cannot express (conflicting settings, Go
# durations, unique precedences, IP syntax ...).  Used by the modules before any API call and by
# the fake API, like the real API, to reject bodies.  Pure Python.

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
import re

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _schema


_POLICY_OPTIONS = _schema.policy_options(with_link=True)


def _durations(value, options, path, errors):
    """Check every Go duration below `value` (a dict shaped by `options`)."""
    if not isinstance(value, dict):
        return
    for key, spec in options.items():
        item = value.get(key)
        if item is None:
            continue
        here = path + key
        if spec.get('duration') and not _schema.is_duration(item):
            errors.append('%s: %r is not a Go duration (examples: 30m, 24h, 2h45m, 300ms)' % (here, item))
        sub = spec.get('options')
        if sub and not spec.get('free_form'):
            items = item if isinstance(item, list) else [item]
            for index, element in enumerate(items):
                _durations(element, sub, here + ('[%d]' % index if isinstance(item, list) else '') + '.', errors)


def _rule_errors(rules, path, errors):
    for index, rule in enumerate(rules or []):
        if not isinstance(rule, dict) or 'ip' not in rule or not isinstance(rule['ip'], dict):
            continue
        address = rule['ip'].get('ip')
        try:
            ipaddress.ip_network(str(address), strict=False)
        except ValueError:
            errors.append('%s[%d].ip.ip: %r is not an IP address or CIDR range' % (path, index, address))


def policy_errors(policy, app_type, path):
    """Semantic errors of one policy body (inline or reusable)."""
    errors = []
    if not isinstance(policy, dict):
        return errors
    for key in ('include', 'exclude', 'require'):
        _rule_errors(policy.get(key), path + key, errors)
    _durations(policy, _POLICY_OPTIONS, path, errors)
    return errors


def is_link(item):
    """True for a policy item that links a reusable policy (a UUID string or {id, precedence})."""
    return isinstance(item, str) or (isinstance(item, dict) and set(item) <= set(('id', 'precedence')) and 'id' in item)


def _policies_errors(policies, app_type, errors):
    if not isinstance(policies, list):
        return
    links = [is_link(p) for p in policies]
    if any(links) and not all(links):
        errors.append('policies: links to reusable policies and inline policies cannot be mixed in one application')
    seen = {}
    for index, item in enumerate(policies):
        if isinstance(item, dict):
            precedence = item.get('precedence')
            if precedence is not None:
                if precedence < 1:
                    errors.append('policies[%d].precedence: must be 1 or more, got %s' % (index, precedence))
                elif precedence in seen:
                    errors.append('policies[%d].precedence: %s is already used by policies[%d]; precedences must be unique'
                                  % (index, precedence, seen[precedence]))
                else:
                    seen[precedence] = index
            errors.extend(policy_errors(item, app_type, 'policies[%d].' % index))
            if not is_link(item):
                _durations(item, {}, '', errors)


def semantic_errors(body, app_type, partial=False):
    """Errors of an API-shaped application body.  `partial`: only the fields the user set are known."""
    errors = []
    cors = body.get('cors_headers') or {}
    if cors.get('allow_all_origins') and cors.get('allow_credentials'):
        errors.append('cors_headers: allow_all_origins and allow_credentials cannot both be true (browsers reject it)')
    if cors.get('allow_all_origins') and cors.get('allowed_origins'):
        errors.append('cors_headers: give either allow_all_origins or allowed_origins, not both')
    if cors.get('allow_all_methods') and cors.get('allowed_methods'):
        errors.append('cors_headers: give either allow_all_methods or allowed_methods, not both')
    if cors.get('allow_all_headers') and cors.get('allowed_headers'):
        errors.append('cors_headers: give either allow_all_headers or allowed_headers, not both')
    if body.get('options_preflight_bypass') and body.get('cors_headers'):
        errors.append('options_preflight_bypass: cannot be true when cors_headers is set')
    if body.get('auto_redirect_to_identity'):
        idps = body.get('allowed_idps')
        if (idps is not None or not partial) and len(idps or []) != 1:
            errors.append('auto_redirect_to_identity: needs exactly one entry in allowed_idps, got %d' % len(idps or []))
    hostnames = body.get('self_hosted_domains')
    if hostnames and body.get('domain') and body['domain'] not in hostnames:
        errors.append('domain: %r must be one of self_hosted_domains (the API takes the domain from them)' % body['domain'])
    if body.get('destinations') and body.get('self_hosted_domains'):
        errors.append('self_hosted_domains: cannot be combined with destinations (self_hosted_domains is deprecated: '
                      'use destinations)')
    pattern = _schema.APP_FIELDS['domain'].get('type_patterns', {}).get(app_type)
    if pattern and body.get('domain') is not None and not re.match(pattern, str(body['domain'])):
        errors.append('domain: %r does not match %s (required for %s applications)' % (body['domain'], pattern, app_type))
    _durations(body, _schema.APP_FIELDS, '', errors)
    _policies_errors(body.get('policies'), app_type, errors)
    return errors
