# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The pieces of the bulk entry point (_bulk.py) that need no API: defaults, input checks, the summary.
(The whole run, groups and policies included, is tested through the module in tests/unit/plugins/modules.)"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

from ansible_collections.zerotrust.cloudflare.plugins.module_utils._bulk import apply_defaults, prevalidate, summarize


def test_defaults_apply_only_where_the_type_has_the_field():
    defaults = {'session_duration': '8h', 'state': 'present'}
    assert apply_defaults({'type': 'self_hosted', 'name': 'a'}, defaults) == {
        'type': 'self_hosted', 'name': 'a', 'session_duration': '8h', 'state': 'present'}
    assert apply_defaults({'type': 'bookmark', 'name': 'b'}, defaults) == {'type': 'bookmark', 'name': 'b', 'state': 'present'}
    # the item wins over the defaults
    assert apply_defaults({'type': 'self_hosted', 'name': 'a', 'session_duration': '1h'}, defaults)['session_duration'] == '1h'


def test_prevalidate_keeps_the_valid_items_and_reports_the_others_by_position():
    failures = {}
    valid = prevalidate([(0, {'type': 'self_hosted', 'name': 'ok', 'domain': 'ok.example.com'}),
                         (1, {'type': 'self_hosted', 'name': 'bad', 'domain': 'bad.example.com',
                              'session_duration': '1 day'}),
                         (2, {'type': 'warp'})], 'account', failures)
    assert [position for position, dummy in valid] == [0, 2]
    assert list(failures) == [1] and failures[1]['action'] == 'failed' and failures[1]['name'] == 'bad'
    assert failures[1]['msg'].startswith('invalid options: ') and 'session_duration' in failures[1]['msg']


def test_summary_counts_each_action():
    results = [{'action': 'created'}, {'action': 'unchanged'}, {'action': 'unchanged'}, {'action': 'failed'}]
    assert summarize(results) == {'created': 1, 'updated': 0, 'recreated': 0, 'unchanged': 2, 'deleted': 0, 'failed': 1}
