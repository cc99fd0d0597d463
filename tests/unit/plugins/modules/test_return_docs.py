# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""RETURN of every module: each structured return value documents its fields (`contains`), so that
ansible-doc shows them, and the generated fields are those of the schema (secrets left out)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import importlib
import pkgutil

import pytest
import yaml

from ansible_collections.zerotrust.cloudflare.plugins import modules as modules_package
from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _schema

MODULES = sorted(info.name for info in pkgutil.iter_modules(modules_package.__path__))


def returns(name):
    module = importlib.import_module('ansible_collections.zerotrust.cloudflare.plugins.modules.%s' % name)
    return yaml.safe_load(module.RETURN) or {}


def structured(doc):
    return doc.get('type') == 'dict' or (doc.get('type') == 'list' and doc.get('elements') == 'dict')


def walk(values, path=''):
    for key, doc in values.items():
        yield path + key, doc
        yield from walk(doc.get('contains') or {}, path + key + '.')


def test_the_modules_are_found():
    assert {'access_application', 'access_application_bulk', 'access_application_info', 'access_policy'} <= set(MODULES)


@pytest.mark.parametrize('name', MODULES)
def test_every_structured_return_value_has_contains(name):
    values = returns(name)
    top = [key for key, doc in values.items() if structured(doc)]
    assert top, '%s returns no structured value' % name
    assert [key for key in top if not values[key].get('contains')] == []


@pytest.mark.parametrize('name', MODULES)
def test_every_documented_field_has_a_description_and_a_type(name):
    problems = [path for path, doc in walk(returns(name)) if not doc.get('description') or not doc.get('type')]
    assert problems == []


def _expected_fields(fields):
    """Schema fields as returned: API names, no write-only secrets (the once-returned client_secret stays)."""
    out = {}
    for key, spec in fields.items():
        if spec.get('secret') and not spec.get('computed'):
            continue
        options = spec.get('options')
        # (keys named like dict methods, e.g. `update`, cannot be RETURN keys: such a dict lists them in its description)
        nested = options and not spec.get('free_form') and not spec.get('rule_list') and not any(hasattr(dict, k) for k in options)
        out[key] = _expected_fields(options) if nested else None
    return out


def _documented_fields(contains):
    return dict((key, _documented_fields(doc['contains']) if doc.get('contains') else None) for key, doc in contains.items())


@pytest.mark.parametrize('name, key, fields, read_only', [
    ('access_application', 'application', _schema.APP_FIELDS, _schema.READ_ONLY_FIELDS),
    ('access_application_info', 'applications', _schema.APP_FIELDS, _schema.READ_ONLY_FIELDS),
    ('access_policy', 'policy', _schema.POLICY_FIELDS, ('id', 'created_at', 'updated_at', 'reusable', 'app_count')),
    ('access_group', 'group', dict((k, v) for k, v in _schema.GROUP_FIELDS.items() if not v.get('write_only')),
     ('id', 'created_at', 'updated_at')),
    ('access_group_info', 'groups', dict((k, v) for k, v in _schema.GROUP_FIELDS.items() if not v.get('write_only')),
     ('id', 'created_at', 'updated_at')),
    ('access_policy_info', 'policies', _schema.POLICY_FIELDS, ('id', 'created_at', 'updated_at', 'reusable', 'app_count')),
])
def test_the_fields_of_applications_and_policies_are_those_of_the_schema(name, key, fields, read_only):
    expected = _expected_fields(fields)
    expected.update((field, None) for field in read_only)
    documented = _documented_fields(returns(name)[key]['contains'])
    assert documented == expected


def test_write_only_secrets_are_not_return_values_but_the_oidc_client_secret_is():
    application = _documented_fields(returns('access_application')['application']['contains'])
    assert 'client_secret' in application['saas_app']
    assert not {'password', 'token', 'client_secret'} & set(application['scim_config']['authentication'])
