# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# PRIVATE to the zerotrust.cloudflare collection: not a public API, may change without notice.
#
# Strict pydantic models of the request bodies, built from _schema (never written by hand), and
# the validators that use them.  The modules validate the body they are about to send with them
# (before any API call) and the fake API validates every request body with them.

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import traceback

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _schema
from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _validate

try:
    from typing import Any, Dict, List, Optional, Union

    from pydantic import ConfigDict, Discriminator, Field, StrictBool, StrictInt, StrictStr, Tag, ValidationError, create_model
    from typing_extensions import Annotated, Literal
    HAS_PYDANTIC = True
    PYDANTIC_IMPORT_ERROR = None
except ImportError:
    HAS_PYDANTIC = False
    PYDANTIC_IMPORT_ERROR = traceback.format_exc()

_TAG = '~'  # marks union tags in error locations, so they can be dropped from the option path
_CACHE = {}


def _ident(name):
    # Python attribute of an API key: prefixed so that no key ("schema", "copy" ...) shadows a BaseModel attribute
    return 'f_' + name.replace('-', '_')


def _scalar(spec, ctx):
    kind = spec['type']
    choices = _schema.choices_for(spec, ctx[0])
    if kind == 'str':
        return Literal[tuple(choices)] if choices else StrictStr
    if kind == 'bool':
        return StrictBool
    if kind == 'int':
        return StrictInt
    bounds = {}
    if 'minimum' in spec:
        bounds['ge'] = spec['minimum']
    if 'maximum' in spec:
        bounds['le'] = spec['maximum']
    return Annotated[Union[StrictInt, float], Field(**bounds)]


def _model(name, options, ctx, required=(), only=None, exclude=()):
    fields = {}
    for key, spec in options.items():
        if not _schema.accepts(spec, ctx[0], ctx[1]) or key in exclude or (only is not None and key not in only):
            continue
        if spec.get('name_of'):
            continue  # an option only: resolved to the id beside it before a body is built
        annotation = _annotation(name + '_' + _ident(key), spec, ctx)
        if spec.get('required') or key in required:
            fields[_ident(key)] = (annotation, Field(..., alias=key))
        else:
            fields[_ident(key)] = (Optional[annotation], Field(None, alias=key))
    return create_model(name, __config__=ConfigDict(extra='forbid', populate_by_name=False), **fields)


def _tag_of(key, default):
    def pick(value):
        if isinstance(value, dict):
            return _TAG + str(value.get(key, default))
        return _TAG + str(getattr(value, key, default))
    return pick


def _variants(name, spec, ctx):
    variants = spec['variants']
    members = []
    for value, names in variants['fields'].items():
        options = dict(spec['options'])
        key_spec = dict(options[variants['key']], choices=[value])
        if value == variants['default']:
            key_spec.pop('required', None)
        options[variants['key']] = key_spec
        model = _model(name + '_' + value, options, ctx, required=variants['required'].get(value, ()),
                       only=(variants['key'],) + tuple(names))
        members.append(Annotated[model, Tag(_TAG + value)])
    return Annotated[Union[tuple(members)], Discriminator(_tag_of(variants['key'], variants['default']))]


def _rule_model(name, spec, ctx):
    """One access rule: a one-key object.  Rules do not depend on the application type: built once per scope."""
    key = ('rule', ctx[1])
    if key in _CACHE:
        return _CACHE[key]
    members = []
    for kind, kind_spec in spec['options'].items():
        model = _model(name + '_' + _ident(kind), {kind: dict(kind_spec, required=True)}, ctx)
        members.append(Annotated[model, Tag(_TAG + kind)])

    def pick(value):
        if isinstance(value, dict) and len(value) == 1:
            return _TAG + list(value)[0]
        return None
    _CACHE[key] = Annotated[Union[tuple(members)], Discriminator(pick)]
    return _CACHE[key]


def _policy_item(name, spec, ctx):
    inline_required = ('name', 'decision', 'include')
    inline = _model(name + '_inline', spec['options'], ctx, required=inline_required)
    if ctx[0] == 'infrastructure':
        return inline
    link = _model(name + '_link', spec['options'], ctx, only=('id', 'precedence'))

    def pick(value):
        if isinstance(value, str):
            return _TAG + 'uuid'
        if isinstance(value, dict) and set(value) <= set(('id', 'precedence')):
            return _TAG + 'link'
        return _TAG + 'inline'
    return Annotated[Union[Annotated[StrictStr, Tag(_TAG + 'uuid')], Annotated[link, Tag(_TAG + 'link')],
                           Annotated[inline, Tag(_TAG + 'inline')]], Discriminator(pick)]


def _annotation(name, spec, ctx):
    kind = spec['type']
    if kind == 'dict':
        if spec.get('free_form'):
            return Dict[str, Any]
        if spec.get('variants'):
            return _variants(name, spec, ctx)
        return _model(name, spec['options'], ctx)
    if kind == 'list':
        if spec.get('rule_list'):
            item = _rule_model(name, spec, ctx)
        elif spec.get('policy_list'):
            item = _policy_item(name, spec, ctx)
        elif spec.get('elements') == 'dict':
            item = _variants(name, spec, ctx) if spec.get('variants') else _model(name, spec['options'], ctx)
        else:
            item = _scalar(dict(spec, type=spec['elements']), ctx)
        if spec.get('single_or_list'):
            return Annotated[Union[Annotated[item, Tag(_TAG + 'one')], Annotated[List[item], Tag(_TAG + 'list')]],
                             Discriminator(lambda value: _TAG + ('list' if isinstance(value, list) else 'one'))]
        return List[item]
    return _scalar(spec, ctx)


def app_model(app_type, scope='account'):
    """The strict request model of one application type at one scope.

    Its per-type required top-level fields are checked by validate_app_request instead, so that one model
    (built once: building costs more than validating) serves both whole bodies and a task's options."""
    key = ('app', app_type, scope)
    if key not in _CACHE:
        _CACHE[key] = _model('App_%s_%s' % (scope, app_type), _schema.APP_FIELDS, (app_type, scope),
                             only=_schema.fields_for(app_type, scope))
    return _CACHE[key]


def policy_model(kind, partial=False):
    """Request model of a policy: 'reusable' (account policies), 'app' (app-scoped) or 'zone'."""
    key = ('policy', kind, partial)
    if key not in _CACHE:
        options = _schema.policy_options(with_link=True)
        exclude = ('id',)
        if kind == 'reusable':
            exclude = ('id', 'precedence')
        elif kind == 'zone':
            exclude = ('id', 'connection_rules', 'mfa_config', 'session_duration')
        _CACHE[key] = _model('Policy_' + kind, options, ('self_hosted', 'zone' if kind == 'zone' else 'account'),
                             required=() if partial else _schema.REUSABLE_POLICY_REQUIRED, exclude=exclude)
    return _CACHE[key]


def _loc(loc):
    out = ''
    for part in loc:
        if isinstance(part, int):
            out += '[%d]' % part
        elif isinstance(part, str) and part.startswith(_TAG):
            continue
        else:
            out += ('.' if out else '') + str(part)
    return out


def _spec_at(loc):
    """(schema entry, parent entry, last union tag) of an error location (entries None when unknown)."""
    options, spec, parent, tag = _schema.APP_FIELDS, None, None, None
    for part in loc:
        if isinstance(part, int):
            continue
        if isinstance(part, str) and part.startswith(_TAG):
            tag = part[len(_TAG):]
            continue
        if options is None or part not in options:
            return None, None, tag
        parent, spec = spec, options[part]
        options = spec.get('options')
    return spec, parent, tag


def _not_accepted(loc, app_type, scope):
    spec, parent, tag = _spec_at(loc)
    if app_type is None or spec is None:
        return 'is not accepted here'
    variants = (parent or {}).get('variants')
    if variants and tag in variants['fields'] and loc[-1] not in variants['fields'][tag]:
        owners = [value for value, names in variants['fields'].items() if loc[-1] in names]
        return 'is not accepted when %s is %s; it belongs to %s: %s' % (
            variants['key'], tag, variants['key'], ', '.join(owners))
    if scope == 'zone' and spec.get('zone') is False:
        return 'is not accepted at zone scope (the legacy shape of zone-scoped applications does not have it)'
    if len(loc) == 1:
        if app_type in spec.get('readonly_types', ()):
            return 'is set by Cloudflare for %s applications and cannot be given' % app_type
        accepted = _schema.field_types(loc[0], scope)
    else:
        accepted = spec.get('types') or ()
    return 'is not accepted for type %s%s; types that accept it: %s' % (
        app_type, ' at zone scope' if scope == 'zone' else '', ', '.join(accepted) if accepted else 'none')


def format_errors(exc, app_type=None, scope='account'):
    """Readable 'path: reason' lines from a pydantic ValidationError."""
    lines = []
    for error in exc.errors():
        path = _loc(error['loc'])
        kind = error['type']
        if kind == 'extra_forbidden':
            reason = _not_accepted(error['loc'], app_type, scope)
        elif kind == 'missing':
            reason = 'is required'
        elif kind == 'union_tag_invalid':
            reason = 'is not a valid kind (%s)' % error.get('ctx', {}).get('expected_tags', '').replace(_TAG, '')
        elif kind == 'union_tag_not_found':
            reason = 'must be an object with exactly one key'
        elif kind == 'literal_error' and app_type and (_spec_at(error['loc'])[0] or {}).get('type_choices'):
            reason = '%s for %s applications' % (error['msg'], app_type)
        else:
            reason = error['msg']
        lines.append('%s: %s' % (path or '(body)', reason))
    return lines


def validate_app_request(body, scope='account', partial=False):
    """Errors (list of 'path: reason') of an application request body; [] when valid."""
    if not isinstance(body, dict):
        return ['(body): must be a JSON object']
    app_type = body.get('type')
    if app_type == 'dash_sso':
        return ['type: dash_sso applications cannot be created or updated through the API']
    if app_type not in _schema.scope_types(scope):
        return ['type: must be one of %s at %s scope' % (', '.join(_schema.scope_types(scope)), scope)]
    errors = []
    if not partial:
        errors = ['%s: is required for %s applications' % (name, app_type)
                  for name in _schema.required_fields(app_type, scope) if body.get(name) is None]
    try:
        app_model(app_type, scope).model_validate(body)
    except ValidationError as exc:
        errors.extend(format_errors(exc, app_type, scope))
    return errors or _validate.semantic_errors(body, app_type, partial)


def validate_policy_request(body, kind='reusable', partial=False):
    """Errors of a policy body; `partial`: only the fields a task sets (the rest exists already)."""
    if not isinstance(body, dict):
        return ['(body): must be a JSON object']
    try:
        policy_model(kind, partial).model_validate(body)
    except ValidationError as exc:
        return format_errors(exc)
    return _validate.policy_errors(body, 'self_hosted', '')
