# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tools/generate_docs.py: DOCUMENTATION is not stale, and what it says agrees with the argument spec.

The tool is loaded from the repository path with importlib (it is not a package).  The check
compares, at every level: option names, type, elements, choices, required, aliases and default.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import importlib
import importlib.util
import os
import shutil

import pytest
import yaml

from ansible.module_utils import basic

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _schema


def _repo_root():
    here = os.path.dirname(os.path.abspath(__file__))
    while not os.path.exists(os.path.join(here, 'galaxy.yml')):
        parent = os.path.dirname(here)
        if parent == here:
            raise RuntimeError('no galaxy.yml above %s' % __file__)
        here = parent
    return here


ROOT = _repo_root()
TOOL = os.path.join(ROOT, 'tools', 'generate_docs.py')
MODULES_DIR = os.path.join(ROOT, 'plugins', 'modules')


def load_tool():
    spec = importlib.util.spec_from_file_location('zerotrust_generate_docs', TOOL)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool


@pytest.fixture
def tool():
    return load_tool()


def generated_modules(tool):
    """Module files that carry a generated block (the tool skips the targets that do not exist yet)."""
    out = []
    for name in sorted(os.listdir(MODULES_DIR)):
        path = os.path.join(MODULES_DIR, name)
        with open(path) as stream:
            if tool.BEGIN in stream.read():
                out.append(name[:-3])
    return out


# --------------------------------------------------------------------------------------------
# Staleness
# --------------------------------------------------------------------------------------------

def test_check_passes_documentation_is_not_stale(tool, capsys):
    assert tool.main(['--check']) == 0
    assert 'stale' not in capsys.readouterr().err


def test_every_generated_target_exists_and_has_markers(tool):
    targets = tool.targets(tool._schema())
    assert os.path.join(MODULES_DIR, 'access_application.py') in targets
    present = [path for path in targets if os.path.exists(path)]
    assert present
    for path in present:
        with open(path) as stream:
            text = stream.read()
        assert text.count(tool.BEGIN) == 1 and text.count(tool.END) == 1
        assert text.index(tool.BEGIN) < text.index(tool.END)


def test_check_detects_a_stale_file_and_rewrite_fixes_it(tool, tmp_path, capsys):
    """The check is not vacuous: an edited generated block is reported and only a rewrite fixes it."""
    copy_root = tmp_path / 'repo'
    (copy_root / 'plugins' / 'modules').mkdir(parents=True)
    for name in os.listdir(MODULES_DIR):
        shutil.copy(os.path.join(MODULES_DIR, name), str(copy_root / 'plugins' / 'modules' / name))
    target = copy_root / 'plugins' / 'modules' / 'access_application.py'
    original = target.read_text()
    start = original.index(tool.BEGIN) + len(tool.BEGIN)
    target.write_text(original[:start] + '  bogus_option:\n    type: str\n' + original[start:])
    tool.ROOT = str(copy_root)

    assert tool.main(['--check']) == 1
    assert 'access_application.py' in capsys.readouterr().err
    assert 'bogus_option' in target.read_text()  # --check never writes

    assert tool.main([]) == 0
    assert target.read_text() == original
    assert tool.main(['--check']) == 0


# --------------------------------------------------------------------------------------------
# Generated options versus the argument spec
# --------------------------------------------------------------------------------------------

def _generated_block(tool, path):
    with open(path) as stream:
        text = stream.read()
    return text[text.index(tool.BEGIN) + len(tool.BEGIN):text.index(tool.END)]


def compare(doc_options, spec_options, path=''):
    """Differences between DOCUMENTATION options and an argument spec, at every level."""
    problems = []
    if sorted(doc_options) != sorted(spec_options):
        only_doc, only_spec = sorted(set(doc_options) - set(spec_options)), sorted(set(spec_options) - set(doc_options))
        problems.append('%s: documented %s, spec %s' % (path or '(top)', only_doc, only_spec))
    for name in sorted(set(doc_options) & set(spec_options)):
        doc, spec = doc_options[name], spec_options[name]
        where = path + name
        if not doc.get('description'):
            problems.append('%s: no description' % where)
        checks = {
            'type': (doc.get('type', 'str'), spec.get('type', 'str')),
            'elements': (doc.get('elements'), spec.get('elements')),
            'choices': (doc.get('choices'), spec.get('choices')),
            'required': (bool(doc.get('required')), bool(spec.get('required'))),
            'aliases': (sorted(doc.get('aliases') or []), sorted(spec.get('aliases') or [])),
            'default': (doc.get('default'), spec.get('default')),
        }
        for key, (documented, actual) in checks.items():
            if documented != actual:
                problems.append('%s: %s documented %r, spec %r' % (where, key, documented, actual))
        sub_doc, sub_spec = doc.get('suboptions'), spec.get('options')
        if bool(sub_doc) != bool(sub_spec):
            problems.append('%s: suboptions documented %s, spec %s' % (where, bool(sub_doc), bool(sub_spec)))
        elif sub_doc:
            problems.extend(compare(sub_doc, sub_spec, where + '.'))
    return problems


def test_generated_application_options_parse_and_match_the_schema_argument_spec(tool):
    block = _generated_block(tool, os.path.join(MODULES_DIR, 'access_application.py'))
    options = yaml.safe_load(block)
    assert isinstance(options, dict) and options
    spec = _schema.argument_spec()
    assert compare(options, spec) == []
    # the same as rendering now (whitespace included): what --check relies on
    assert block == tool.render(_schema.APP_FIELDS, tool._schema())


def test_generated_policy_options_match_the_policy_fields(tool):
    path = os.path.join(MODULES_DIR, 'access_policy.py')
    if not os.path.exists(path):
        pytest.skip('access_policy.py does not exist yet')
    options = yaml.safe_load(_generated_block(tool, path))
    spec = _schema.argument_spec(_schema.POLICY_FIELDS)
    # the reusable policy module requires name/decision/include itself; the generated block documents the fields
    assert compare(options, dict((k, dict(v, required=False)) for k, v in spec.items())) == []


def test_documentation_marks_every_option_with_types_that_have_it(tool):
    options = yaml.safe_load(_generated_block(tool, os.path.join(MODULES_DIR, 'access_application.py')))
    for name, field in _schema.APP_FIELDS.items():
        option = options[_schema.option_name(name, field) if hasattr(_schema, 'option_name') else name]
        text = ' '.join(option['description'])
        zone = field.get('zone_types') or ()
        assert ('At zone scope: %s.' % (', '.join(zone) if zone else 'not accepted')) in text, name
        if tuple(sorted(field['types'])) != tuple(sorted(_schema.CREATABLE_TYPES)) and name != 'type':
            assert 'Applies to types: %s.' % ', '.join(field['types']) in text, name
        if field.get('secret'):
            assert 'Write-only secret' in text


def _fragment_options(reference):
    """Options of a doc fragment reference such as zerotrust.cloudflare.auth.ZONE."""
    parts = reference.split('.')
    if parts[:2] != ['zerotrust', 'cloudflare']:
        return {}
    name, attribute = parts[2], (parts[3] if len(parts) > 3 else 'DOCUMENTATION')
    fragment = importlib.import_module('ansible_collections.zerotrust.cloudflare.plugins.doc_fragments.' + name)
    return yaml.safe_load(getattr(fragment.ModuleDocFragment, attribute)).get('options') or {}


class _Captured(Exception):
    pass


def _module_argument_spec(name, monkeypatch):
    """The argument spec the module really builds, captured when it creates its AnsibleModule."""
    module = importlib.import_module('ansible_collections.zerotrust.cloudflare.plugins.modules.' + name)
    seen = {}

    def capture(self, argument_spec, **kwargs):  # pylint: disable=unused-argument
        seen['spec'] = argument_spec
        raise _Captured()
    monkeypatch.setattr(basic.AnsibleModule, '__init__', capture)
    with pytest.raises(_Captured):
        module.main()
    return module, seen['spec']


@pytest.mark.parametrize('name', ['access_application', 'access_policy', 'access_application_info',
                                  'access_application_bulk'])
def test_whole_documentation_with_fragments_matches_the_module_argument_spec(name, monkeypatch):
    if not os.path.exists(os.path.join(MODULES_DIR, name + '.py')):
        pytest.skip('%s does not exist yet' % name)
    module, spec = _module_argument_spec(name, monkeypatch)
    documentation = yaml.safe_load(module.DOCUMENTATION)
    options = dict(documentation.get('options') or {})
    for reference in documentation.get('extends_documentation_fragment') or []:
        for option, doc in _fragment_options(reference).items():
            options.setdefault(option, doc)
    assert compare(options, spec) == []


def test_the_comparison_sees_a_difference_at_any_level(tool):
    import copy
    options = yaml.safe_load(_generated_block(tool, os.path.join(MODULES_DIR, 'access_application.py')))
    spec = _schema.argument_spec()
    changed = copy.deepcopy(spec)
    changed['policies']['options']['include']['options']['geo']['options']['country_code']['required'] = False
    changed['cors_headers']['options']['allowed_methods']['choices'].append('FETCH')
    changed['tags']['elements'] = 'int'
    problems = compare(options, changed)
    assert len(problems) == 3
    assert any(p.startswith('policies.include.geo.country_code: required') for p in problems)
    assert any(p.startswith('cors_headers.allowed_methods: choices') for p in problems)
    assert any(p.startswith('tags: elements') for p in problems)
