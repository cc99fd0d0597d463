# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What hosts declare (shared by the access_applications_collect filter and the bulk action's from_hosts)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import pytest

from ansible.errors import AnsibleError

from ansible_collections.zerotrust.cloudflare.plugins.plugin_utils import _declarations


class Vaulted(object):
    """Not a JSON type, as a vaulted value of ansible-core is not."""


@pytest.mark.parametrize('value, plain', [
    ([{'name': 'wiki', 'tags': ['a']}], True),
    ([{'name': '{{ name }}'}], False),
    ([{'name': 'x', 'domain': '{% if a %}b{% endif %}'}], False),
    ({'note': '{# comment #}'}, False),
    ([{'secret': Vaulted()}], False),
])
def test_only_values_without_template_or_vault_are_taken_as_they_are(value, plain):
    done, found = _declarations.plain_unless_templated(value)
    assert done is plain
    assert found == (value if plain else None)


def test_collect_counts_identical_declarations_once_and_names_conflicts():
    variables = {
        'a': {'access_applications_list': [{'name': 'wiki', 'type': 'self_hosted', 'domain': 'w.example.com'}]},
        'b': {'access_applications_list_b': [{'name': 'wiki', 'type': 'self_hosted', 'domain': 'w.example.com'}],
              'access_applications_list_c': [{'name': 'git', 'type': 'self_hosted', 'domain': 'g.example.com'}]},
        'c': {'access_applications_list': [{'name': 'git', 'type': 'self_hosted', 'domain': 'g.example.com',
                                            'session_duration': '1h'}]},
        'd': {'access_applications_list': [{'name': 'out', 'type': 'self_hosted', 'domain': 'o.example.com'}]},
        'e': {'unrelated': 1},
    }
    found = _declarations.collect(['a', 'b', 'c'], variables.get, all_hosts=['a', 'b', 'c', 'd', 'e'])
    assert [a['name'] for a in found['applications']] == ['wiki']
    assert found['declared_by'] == {'name:wiki|domain:w.example.com': ['a', 'b'],
                                    'name:git|domain:g.example.com': ['b', 'c']}
    assert found['conflicts'] == ['name:git|domain:g.example.com is declared differently (2 ways): by b '
                                  '(access_applications_list_c); by c (access_applications_list)']
    assert found['declaring_hosts_outside_play'] == ['d'] and found['declaring_hosts'] == ['a', 'b', 'c']


def test_collect_merges_each_hosts_defaults_under_its_items_only():
    variables = {
        'a': {'access_applications_list': [{'name': 'wiki', 'type': 'self_hosted', 'domain': 'w.example.com'},
                                           {'name': 'bm', 'type': 'bookmark', 'domain': 'b.example.com'}],
              'access_applications_defaults': {'session_duration': '8h'}},
        'b': {'access_applications_list': [{'name': 'git', 'type': 'self_hosted', 'domain': 'g.example.com'}]},
    }
    found = _declarations.collect(['a', 'b'], variables.get)
    by_name = dict((a['name'], a) for a in found['applications'])
    # (bookmarks have no session_duration: a default is merged only where the type has the option)
    assert by_name['wiki']['session_duration'] == '8h' and 'session_duration' not in by_name['bm']
    assert 'session_duration' not in by_name['git']


def test_collect_refuses_a_list_that_is_not_a_list_of_dicts():
    with pytest.raises(AnsibleError, match='access_applications_list of host a must be a list, got dict'):
        _declarations.collect(['a'], {'a': {'access_applications_list': {'name': 'wiki'}}}.get)
