# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# PRIVATE to the zerotrust.cloudflare collection: not a public API, may change without notice.
#
# Comparison rules, driven by _schema: what the user set is compared with the current object as
# the server normalises it (server defaults, absent == null == false == [] == "", set-like
# lists, /32 on IPs, expanded reusable policies compared by id + precedence, secrets never
# compared).  Unset options are not managed.  Pure Python.

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import ipaddress
import json

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _schema
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._validate import is_link

MASK = '<secret: not shown>'
_DICT_OF = dict(type='dict')


def strip_none(value):
    """Drop None values from dicts (recursively); keep {} and []."""
    if isinstance(value, dict):
        return dict((k, strip_none(v)) for k, v in value.items() if v is not None)
    if isinstance(value, list):
        return [strip_none(v) for v in value]
    return value


def is_empty(value):
    return value is None or value is False or value == '' or value == [] or value == {}


def _canon(value):
    return json.dumps(value, sort_keys=True, default=str)


def canonical_cidr(value):
    try:
        return str(ipaddress.ip_network(str(value), strict=False))
    except ValueError:
        return value


def _element_spec(spec):
    if spec.get('elements') == 'dict':
        return dict(spec, type='dict', set_like=False, single_or_list=False)
    return dict(spec, type=spec['elements'], set_like=False)


def _match_sets(want, have, same):
    """True when every item of `want` pairs with a distinct item of `have` (same lengths)."""
    if len(want) != len(have):
        return False
    free = list(range(len(have)))
    for item in want:
        for index in free:
            if same(item, have[index]):
                free.remove(index)
                break
        else:
            return False
    return True


def same(want, have, spec):
    """True when the user's value `want` is what the server holds as `have` (subset semantics)."""
    if spec.get('secret'):
        return True
    if have is None and 'server_default' in spec:
        have = spec['server_default']
    if is_empty(want) and is_empty(have):
        return True
    kind = spec['type']
    if kind == 'dict':
        if spec.get('free_form'):
            return _canon(_sorted_map(want)) == _canon(_sorted_map(have))
        return _same_dict(want, have if isinstance(have, dict) else {}, spec)
    if kind == 'list':
        if spec.get('single_or_list'):
            want = want if isinstance(want, list) else [want]
            have = have if isinstance(have, list) else ([have] if have else [])
        if not isinstance(want, list) or not isinstance(have, list):
            return want == have
        element = _element_spec(spec)
        if spec.get('set_like'):
            return _match_sets(want, have, lambda a, b: same(a, b, element))
        return len(want) == len(have) and all(same(a, b, element) for a, b in zip(want, have))
    if spec.get('cidr'):
        return canonical_cidr(want) == canonical_cidr(have)
    return want == have


def holds(want, have, spec):
    """True when `have` holds `want` as it is: equal, or (a dict with sub-options) every sub-option the task sets held
    as it is.  Stricter than same() - no server default, secret, CIDR or set-like rule - so that holds() implies same();
    a bulk run's no-op shortcut (cheap), never a comparison of its own."""
    if want == have:
        return True
    options = spec.get('options')
    if spec.get('type') != 'dict' or not options or spec.get('free_form') or not isinstance(want, dict) \
            or not isinstance(have, dict):
        return False
    return all(value is None or (holds(value, have.get(key), options[key]) if key in options else value == have.get(key))
               for key, value in want.items())


def _same_dict(want, have, spec):
    if not isinstance(want, dict):
        return want == have
    options = spec.get('options') or {}
    variants = spec.get('variants')
    if variants:
        key = variants['key']
        if want.get(key) is not None and want[key] != (have.get(key) or variants['default']):
            return False
    for key, value in want.items():
        if value is None:
            continue
        if key not in options:
            if value != have.get(key):
                return False
            continue
        if not same(value, have.get(key), options[key]):
            return False
    return True


def _sorted_map(value):
    if not isinstance(value, dict):
        return value
    return dict((k, sorted(v, key=_canon) if isinstance(v, list) else v) for k, v in value.items())


# ---------------------------------------------------------------------------------------------
# Policies
# ---------------------------------------------------------------------------------------------

POLICY_ITEM = dict(type='dict', options=_schema.APP_FIELDS['policies']['options'])


def with_precedence(policies, app_type):
    """Links as {id, precedence}, missing precedences 1..n in list order (not for infrastructure)."""
    out = []
    for index, item in enumerate(policies):
        item = {'id': item} if isinstance(item, str) else dict(item)
        if app_type != 'infrastructure' and item.get('precedence') is None:
            item['precedence'] = index + 1
        out.append(item)
    return out


def _by_precedence(policies):
    return sorted(policies, key=lambda p: (p.get('precedence') is None, p.get('precedence') or 0))


def same_policies(want, have, app_type):
    want = with_precedence(want, app_type)
    have = list(have or [])
    if len(want) != len(have):
        return False
    if app_type != 'infrastructure':
        want, have = _by_precedence(want), _by_precedence(have)
    for item, current in zip(want, have):
        if is_link(item):
            if item['id'] != current.get('id') or item.get('precedence') != current.get('precedence'):
                return False
        elif not same(item, current, POLICY_ITEM):
            return False
    return True


def policies_body(want, have, app_type):
    """The `policies` to send: links as {id, precedence}; inline policies keep the id of the current
    policy of the same name, so that they are updated in place rather than re-created."""
    ids = dict((p.get('name'), p.get('id')) for p in (have or []) if p.get('name') and p.get('id'))
    if app_type == 'infrastructure':
        ids = {}  # infrastructure policies take no id
    out = []
    for item in with_precedence(want, app_type):
        if not is_link(item) and not item.get('id') and item.get('name') in ids:
            item['id'] = ids[item['name']]
        out.append(strip_none(item))
    return out


def policy_summary(policies, app_type, reusable_ids=()):
    """Policies as compared: links to reusable policies (`reusable_ids`; the API returns them expanded) by
    id + precedence, inline policies whole."""
    out = []
    for item in policies or []:
        if isinstance(item, str):
            item = {'id': item}
        if item.get('reusable') or is_link(item) or item.get('id') in reusable_ids:
            out.append(dict((k, item.get(k)) for k in ('id', 'precedence') if item.get(k) is not None))
        else:
            out.append(dict((k, v) for k, v in item.items() if k not in ('created_at', 'updated_at', 'app_count')))
    return out


# ---------------------------------------------------------------------------------------------
# Building bodies
# ---------------------------------------------------------------------------------------------

# Keys the API returns that are never sent back, wherever they are.
RESPONSE_ONLY = frozenset(_schema.READ_ONLY_FIELDS)


def prune(value, options, app_type, keep_unknown=False, top=True):
    """The request fields of `value` (a current object), without secrets or read-only data.

    `keep_unknown`: keep the keys the schema does not know (fields newer than the schema, set in the dashboard),
    so that a read-merge-write does not erase them."""
    out = {}
    for key, item in value.items():
        spec = options.get(key)
        if spec is None:
            if keep_unknown and item is not None and key not in RESPONSE_ONLY and (top or key not in _NESTED_RESPONSE_ONLY):
                out[key] = copy.deepcopy(item)
            continue
        if item is None or spec.get('secret') or not _schema.accepts(spec, app_type):
            continue
        out[key] = _prune_value(item, spec, app_type, keep_unknown)
    return out


_NESTED_RESPONSE_ONLY = frozenset(('created_at', 'updated_at'))


def _prune_value(item, spec, app_type, keep_unknown=False):
    if spec.get('free_form') or not spec.get('options'):
        return copy.deepcopy(item)
    if isinstance(item, list):
        return [_prune_value(element, dict(spec, single_or_list=False) if isinstance(element, dict) else spec, app_type,
                             keep_unknown) for element in item]
    if not isinstance(item, dict):
        return copy.deepcopy(item)
    options = spec['options']
    variants = spec.get('variants')
    if variants:
        kind = item.get(variants['key']) or variants['default']
        allowed = (variants['key'],) + tuple(variants['fields'].get(kind, ()))
        item = dict((k, v) for k, v in item.items() if k in allowed or k not in options)  # other variants' fields go
        options = dict((k, v) for k, v in options.items() if k in allowed)
    return prune(item, options, app_type, keep_unknown, top=False)


def unknown_paths(value, options, prefix=()):
    """Paths (tuples of keys and list indexes) of the keys of `value` that the schema does not know."""
    out = []
    if isinstance(value, list):
        for index, item in enumerate(value):
            out.extend(unknown_paths(item, options, prefix + (index,)))
        return out
    if not isinstance(value, dict):
        return out
    for key, item in value.items():
        spec = options.get(key)
        if spec is None:
            out.append(prefix + (key,))
        elif spec.get('options') and not spec.get('free_form'):
            out.extend(unknown_paths(item, spec['options'], prefix + (key,)))
    return out


def get_path(value, path):
    for part in path:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def without_paths(value, paths):
    """A copy of `value` without the keys at `paths`."""
    value = copy.deepcopy(value)
    for path in paths:
        parent = get_path(value, path[:-1])
        if isinstance(parent, dict):
            parent.pop(path[-1], None)
    return value


def _variant_changed(spec, current, value):
    variants = spec.get('variants')
    if not variants:
        return False
    new = value.get(variants['key'])
    return new is not None and new != (current.get(variants['key']) or variants['default'])


def merge(base, want, options):
    """`want` over `base`: nested objects merged key by key, lists and scalars replaced."""
    out = copy.deepcopy(base)
    for key, value in want.items():
        if value is None:
            continue
        spec = options.get(key) or {}
        current = out.get(key)
        if (spec.get('type') == 'dict' and spec.get('options') and not spec.get('free_form') and isinstance(current, dict)
                and isinstance(value, dict) and not _variant_changed(spec, current, value)):
            out[key] = merge(current, value, spec['options'])
        else:
            out[key] = copy.deepcopy(value)
    return out


def mask_secrets(value, options=None):
    """A copy of an API object without any secret (secret keys replaced by MASK)."""
    options = _schema.APP_FIELDS if options is None else options
    if isinstance(value, list):
        return [mask_secrets(v, options) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, item in value.items():
        spec = options.get(key) or {}
        if spec.get('secret'):
            if item is not None:
                out[key] = MASK
            continue
        sub = spec.get('options')
        out[key] = mask_secrets(item, sub) if sub and not spec.get('free_form') else copy.deepcopy(item)
    return out


def remove_secrets(value, options=None):
    """A copy without secret keys at all."""
    options = _schema.APP_FIELDS if options is None else options
    if isinstance(value, list):
        return [remove_secrets(v, options) for v in value]
    if not isinstance(value, dict):
        return copy.deepcopy(value)
    out = {}
    for key, item in value.items():
        spec = options.get(key) or {}
        if spec.get('secret'):
            continue
        sub = spec.get('options')
        out[key] = remove_secrets(item, sub) if sub and not spec.get('free_form') else copy.deepcopy(item)
    return out


def has_secret(value, options):
    """True when `value` (user options) carries a secret somewhere."""
    if isinstance(value, list):
        return any(has_secret(v, options) for v in value)
    if not isinstance(value, dict):
        return False
    for key, item in value.items():
        spec = options.get(key) or {}
        if item is None:
            continue
        if spec.get('secret'):
            return True
        if spec.get('options') and not spec.get('free_form') and has_secret(item, spec['options']):
            return True
    return False


def project(value, shape, spec):
    """The part of `value` that `shape` (what a task sets) covers, for --diff: nested objects keep only the
    keys the task sets; lists and scalars are shown whole."""
    options = spec.get('options') or {}
    if (spec.get('type') == 'dict' and options and not spec.get('free_form') and isinstance(shape, dict)
            and isinstance(value, dict)):
        out = {}
        for key, item in shape.items():
            if item is None:
                continue
            sub = options.get(key, {})
            current = value.get(key)
            if current is None and 'server_default' in sub:
                current = sub['server_default']
            out[key] = project(current, item, sub)
        return out
    return value
