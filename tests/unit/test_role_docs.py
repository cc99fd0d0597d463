# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The role's argument spec hides its secrets, and its README documents every variable of it."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import os

import yaml

from ansible_collections.zerotrust.cloudflare.plugins.module_utils._schema import NO_LOG_NAME_RE

import ansible_collections.zerotrust.cloudflare as collection

ROLE = os.path.join(list(collection.__path__)[0], 'roles', 'access_applications')


def _options():
    with open(os.path.join(ROLE, 'meta', 'argument_specs.yml')) as handle:
        return yaml.safe_load(handle)['argument_specs']['main']['options']


def test_the_secret_variables_are_no_log():
    options = _options()
    secret = sorted(name for name in options if NO_LOG_NAME_RE.search(name.replace('access_applications_', '')))
    assert 'access_applications_api_token' in secret
    assert [name for name in secret if options[name].get('no_log') is not True] == []


def test_the_readme_documents_every_variable():
    with open(os.path.join(ROLE, 'README.md')) as handle:
        readme = handle.read()
    assert [name for name in _options() if '`%s`' % name not in readme] == []
