# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write the API options of the modules' DOCUMENTATION from plugins/module_utils/_schema.py.

ansible-doc reads DOCUMENTATION as text, so the options derived from the schema are written into
the module files, between the GENERATED markers; so are the fields (``contains``) of the return
values that hold applications and policies, between the GENERATED CONTAINS markers of RETURN.
Run after changing _schema.py:

    python tools/generate_docs.py          # rewrite
    python tools/generate_docs.py --check  # exit 1 when a module is stale (the unit tests do this too)
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BEGIN = '    # BEGIN GENERATED OPTIONS: tools/generate_docs.py from module_utils/_schema.py\n'
END = '    # END GENERATED OPTIONS\n'
CONTAINS_BEGIN = '    # BEGIN GENERATED CONTAINS: tools/generate_docs.py from module_utils/_schema.py\n'
CONTAINS_END = '    # END GENERATED CONTAINS\n'


def _schema():
    try:
        from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _schema as schema
    except ImportError:
        import importlib.util
        spec = importlib.util.spec_from_file_location('_schema', os.path.join(ROOT, 'plugins', 'module_utils', '_schema.py'))
        schema = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(schema)
    return schema


def _types_note(types, scope_all, label):
    if types is None or tuple(sorted(types)) == tuple(sorted(scope_all)):
        return None
    if not types:
        return '%s: none.' % label
    return '%s: %s.' % (label, ', '.join(types))


FORMAT_NOTES = {
    'email': 'An email address.',
    'url': 'An absolute http(s) URL.',
    'cidr': 'An IPv4 or IPv6 address or CIDR range.',
    'port_range': 'A port or a port range from 1 to 65535.',
    'identifier': '32 hexadecimal characters (a Cloudflare account id).',
}


def option_doc(spec, schema, top=False, name=None):
    doc = {'description': [spec['description']]}
    if top:
        note = _types_note(spec.get('types'), schema.CREATABLE_TYPES + ('dash_sso',) if name == 'type' else schema.CREATABLE_TYPES,
                           'Applies to types')
        if note:
            doc['description'].append(note)
        zone = spec.get('zone_types', ())
        doc['description'].append('At zone scope: %s.' % (', '.join(zone) if zone else 'not accepted'))
        if spec.get('required_types'):
            doc['description'].append('Required to create types: %s.' % ', '.join(spec['required_types']))
        if spec.get('readonly_types'):
            doc['description'].append('Set by Cloudflare (cannot be given) for types: %s.' % ', '.join(spec['readonly_types']))
    elif spec.get('types'):
        doc['description'].append('Applies to types: %s.' % ', '.join(spec['types']))
    if spec.get('type_choices'):
        by_choices = {}
        for app_type, choices in spec['type_choices'].items():
            by_choices.setdefault(tuple(choices), []).append(app_type)
        if len(by_choices) > 1:
            for choices, types in sorted(by_choices.items()):
                which = ', '.join(types) if len(types) < 5 else 'the other types'
                doc['description'].append('For %s: %s.' % (which, ', '.join(choices)))
    if spec.get('set_like'):
        doc['description'].append('Order does not matter.')
    if spec.get('duration'):
        doc['description'].append('A Go duration, for example V(30m), V(24h) or V(2h45m).')
    if spec.get('format') in FORMAT_NOTES:
        doc['description'].append(FORMAT_NOTES[spec['format']])
    if spec.get('max_length') and spec.get('format') != 'identifier':
        doc['description'].append('At most %d characters.' % spec['max_length'])
    if 'server_default' in spec:
        doc['description'].append('When not set, Cloudflare uses V(%s).' % yaml.safe_dump(
            spec['server_default'], default_flow_style=True).strip().replace('\n...', ''))
    if spec.get('secret'):
        doc['description'].append('Write-only secret: never returned by the API, never shown, never compared.')
    if spec.get('deprecated'):
        doc['description'].append('Deprecated by Cloudflare. %s' % spec['deprecated'])
    if spec.get('option'):
        doc['description'].append('The API calls it C(%s).' % name)
    if spec.get('single_or_list'):
        doc['description'].append('One item is sent as a single object.')
    if spec.get('variants'):
        variants = spec['variants']
        doc['description'].append('The options that apply depend on its C(%s); others are refused.' % variants['key'])
    doc['type'] = spec['type']
    if spec.get('elements'):
        doc['elements'] = spec['elements']
    if spec.get('choices'):
        doc['choices'] = list(spec['choices'])
    if spec.get('required') and not top:
        doc['required'] = True
    if spec.get('aliases'):
        doc['aliases'] = list(spec['aliases'])
    if spec.get('options') and not spec.get('free_form'):
        doc['suboptions'] = dict((v.get('option', k), option_doc(v, schema, name=k)) for k, v in spec['options'].items())
        if schema.optional_key(spec):
            doc['suboptions'][spec['variants']['key']].pop('required', None)
        for key in spec.get('one_of', ()):
            doc['suboptions'][key].pop('required', None)
        if spec.get('one_of'):
            doc['description'].append('Give exactly one of %s.' % ', '.join('C(%s)' % key for key in spec['one_of']))
    return doc


def render(fields, schema, top=True):
    docs = dict((v.get('option', k), option_doc(v, schema, top=top, name=k)) for k, v in fields.items())
    text = yaml.safe_dump(docs, default_flow_style=False, sort_keys=True, width=120, allow_unicode=True)
    return ''.join('  ' + line + '\n' if line else '\n' for line in text.splitlines())


# Fields that Cloudflare sets and returns besides the writable ones.
READ_ONLY_RETURNS = {
    'id': dict(description='UUID of the object.', type='str'),
    'aud': dict(description='Audience tag of the application (the C(aud) claim of its JSON Web Tokens).', type='str'),
    'created_at': dict(description='When the object was created (RFC 3339).', type='str'),
    'updated_at': dict(description='When the object was last updated (RFC 3339).', type='str'),
    'reusable': dict(description='Whether the policy is reusable (always true for this module).', type='bool'),
    'app_count': dict(description='Number of applications that use the policy.', type='int'),
}


def return_doc(spec, schema, name=None, top=False):
    """The RV() documentation of one field as Cloudflare returns it (API names; secrets left out)."""
    description = [spec['description']]
    if top and spec.get('types') and tuple(spec['types']) != tuple(schema.CREATABLE_TYPES) and name != 'type':
        description.append('Types that have it: %s.' % ', '.join(spec['types']))
    doc = {'description': description, 'type': spec['type'], 'returned': 'when set'}
    if spec.get('elements'):
        doc['elements'] = spec['elements']
    options = spec.get('options')
    if spec.get('rule_list'):
        # 26 one-key rule objects: the option of the same name documents each (ansible-doc would repeat them per list)
        description.append('Each rule is an object with one key, the kind of rule, as in the option of the same name.')
    elif options and any(hasattr(dict, key) for key in options):
        # a key such as `update` cannot be reached with dot notation in Jinja: validate-modules refuses it in RETURN
        description.append('Its keys: %s (use brackets for those named like dict methods, e.g. C(value[\'update\'])).'
                           % ', '.join('C(%s)' % key for key in sorted(options)))
    elif options and not spec.get('free_form'):
        doc['contains'] = dict((key, return_doc(value, schema, key)) for key, value in options.items()
                               if not value.get('secret') or value.get('computed'))
    return doc


def render_contains(fields, schema, read_only, application=True):
    docs = dict((key, dict(READ_ONLY_RETURNS[key], returned='success')) for key in read_only)
    docs.update((key, return_doc(value, schema, key, top=application)) for key, value in fields.items() if not value.get('secret'))
    text = yaml.safe_dump(docs, default_flow_style=False, sort_keys=True, width=120, allow_unicode=True)
    return ''.join('    ' + line + '\n' if line else '\n' for line in text.splitlines())


def targets(schema):
    return {
        os.path.join(ROOT, 'plugins', 'modules', 'access_application.py'): render(schema.APP_FIELDS, schema),
        os.path.join(ROOT, 'plugins', 'modules', 'access_policy.py'): render(schema.POLICY_FIELDS, schema, top=False),
        os.path.join(ROOT, 'plugins', 'modules', 'access_group.py'): render(schema.GROUP_FIELDS, schema, top=False),
    }


def contains_targets(schema):
    """The generated `contains` of RETURN: {module path: text}."""
    app_contains = render_contains(schema.APP_FIELDS, schema, schema.READ_ONLY_FIELDS)
    return {
        os.path.join(ROOT, 'plugins', 'modules', 'access_application.py'): app_contains,
        os.path.join(ROOT, 'plugins', 'modules', 'access_application_info.py'): app_contains,
        os.path.join(ROOT, 'plugins', 'modules', 'access_policy.py'): render_contains(
            schema.POLICY_FIELDS, schema, ('id', 'created_at', 'updated_at', 'reusable', 'app_count'), application=False),
        os.path.join(ROOT, 'plugins', 'modules', 'access_policy_info.py'): render_contains(
            schema.POLICY_FIELDS, schema, ('id', 'created_at', 'updated_at', 'reusable', 'app_count'), application=False),
        os.path.join(ROOT, 'plugins', 'modules', 'access_group_info.py'): render_contains(
            dict((k, v) for k, v in schema.GROUP_FIELDS.items() if not v.get('write_only')), schema,
            ('id', 'created_at', 'updated_at'), application=False),
        os.path.join(ROOT, 'plugins', 'modules', 'access_group.py'): render_contains(
            dict((k, v) for k, v in schema.GROUP_FIELDS.items() if not v.get('write_only')), schema,
            ('id', 'created_at', 'updated_at'), application=False),
    }


def updated(path, generated, markers=(BEGIN, END)):
    with open(path) as handle:
        text = handle.read()
    start = text.index(markers[0]) + len(markers[0])
    stop = text.index(markers[1])
    return text, text[:start] + generated + text[stop:]


def main(argv):
    schema = _schema()
    stale = []
    work = [(path, (BEGIN, END), text) for path, text in targets(schema).items()]
    work += [(path, (CONTAINS_BEGIN, CONTAINS_END), text) for path, text in contains_targets(schema).items()]
    for path, markers, generated in work:
        if not os.path.exists(path):
            continue
        old, new = updated(path, generated, markers)
        if old != new:
            stale.append(path + ('' if markers[0] == BEGIN else ' (RETURN)'))
            if '--check' not in argv:
                with open(path, 'w') as handle:
                    handle.write(new)
    if stale and '--check' in argv:
        sys.stderr.write('stale DOCUMENTATION (run python tools/generate_docs.py): %s\n' % ', '.join(stale))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
