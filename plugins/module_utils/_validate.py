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

try:
    from urllib.parse import urlparse
except ImportError:  # pragma: no cover - Python 2
    from urlparse import urlparse  # type: ignore

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _schema


_POLICY_OPTIONS = _schema.policy_options(with_link=True)


_EMAIL_RE = re.compile(r'^[^@\s]+@[^@\s]+\.[^@\s.]+$')
_IDENTIFIER_RE = re.compile(r'^[0-9a-f]{32}$')
_PORT_RANGE_RE = re.compile(r'^(\d+)(?:-(\d+))?$')


def _is_cidr(value):
    try:
        ipaddress.ip_network(str(value), strict=False)
    except ValueError:
        return False
    return True


def _is_port_range(value):
    match = _PORT_RANGE_RE.match(str(value))
    if not match:
        return False
    low, high = int(match.group(1)), int(match.group(2) or match.group(1))
    return 1 <= low <= high <= 65535


def _is_url(value):
    parts = urlparse(str(value))
    return parts.scheme in ('http', 'https') and bool(parts.netloc) and not any(c.isspace() for c in str(value))


# format -> (test, what is accepted)
FORMATS = {
    'email': (lambda v: bool(_EMAIL_RE.match(str(v))), 'an email address (user@example.com)'),
    'cidr': (_is_cidr, 'an IPv4 or IPv6 address or CIDR range (10.0.0.0/8, 2001:db8::/32)'),
    'port_range': (_is_port_range, 'a port or a port range from 1 to 65535 (443 or 8000-8099)'),
    'url': (_is_url, 'an absolute http(s) URL (https://example.com/path)'),
    'identifier': (lambda v: bool(_IDENTIFIER_RE.match(str(v))), '32 lower-case hexadecimal characters'),
}


def value_error(value, spec):
    """Why a scalar value breaks the constraints of its field description (format, max_length, duration), or None."""
    if value is None or not isinstance(value, str):
        return None
    if spec.get('max_length') is not None and len(value) > spec['max_length']:
        return 'is %d characters long; at most %d are accepted' % (len(value), spec['max_length'])
    kind = spec.get('format') or ('cidr' if spec.get('cidr') else None)
    if kind and not FORMATS[kind][0](value):
        return '%r is not %s' % (value, FORMATS[kind][1])
    if spec.get('duration') and not _schema.is_duration(value):
        return '%r is not a Go duration (examples: 30m, 24h, 2h45m, 300ms)' % value
    return None


def _constraint_errors(value, options, path, errors):
    """Check the constraints of every string below `value` (a dict shaped by `options`): formats, lengths, durations."""
    if not isinstance(value, dict):
        return
    for key in _schema.present_options(value, options):
        spec = options[key]
        item = value[key]
        if item is None:
            continue
        here = path + key
        if spec.get('type') == 'list' and isinstance(item, list) and not spec.get('options'):
            for index, element in enumerate(item):
                reason = value_error(element, spec)
                if reason:
                    errors.append('%s[%d]: %s' % (here, index, reason))
            continue
        reason = value_error(item, spec)
        if reason:
            errors.append('%s: %s' % (here, reason))
        sub = spec.get('options')
        if sub and not spec.get('free_form'):
            items = item if isinstance(item, list) else [item]
            for index, element in enumerate(items):
                _constraint_errors(element, sub, here + ('[%d]' % index if isinstance(item, list) else '') + '.', errors)


def policy_errors(policy, app_type, path):
    """Semantic errors of one policy body (inline or reusable)."""
    errors = []
    if not isinstance(policy, dict):
        return errors
    _constraint_errors(policy, _POLICY_OPTIONS, path, errors)
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
    link_id = _POLICY_OPTIONS['id']
    for index, item in enumerate(policies):
        if isinstance(item, str) and value_error(item, link_id):
            errors.append('policies[%d]: %s' % (index, value_error(item, link_id)))
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
                _constraint_errors(item, {}, '', errors)


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
    _constraint_errors(dict((k, v) for k, v in body.items() if k != 'policies'), _schema.APP_FIELDS, '', errors)
    _policies_errors(body.get('policies'), app_type, errors)
    return errors
