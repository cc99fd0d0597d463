# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``patch_module_args`` on every ansible-core line that meta/runtime.yml admits.

ansible-core 2.19 added ``ansible.module_utils.testing.patch_module_args`` (and there, patching
``basic._ANSIBLE_ARGS`` alone is not enough: the arguments also carry a serialization profile).
Older lines (2.17, 2.18) have no such helper; there the classic way works: put the JSON that
Ansible would send into ``basic._ANSIBLE_ARGS`` for the duration of the test.

Usage in a module unit test::

    from ansible_collections.zerotrust.cloudflare.tests.unit.compat.module_args import patch_module_args

    with patch_module_args({'name': 'x'}):
        module.main()
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

try:
    from ansible.module_utils.testing import patch_module_args  # pylint: disable=unused-import
except ImportError:  # ansible-core < 2.19
    import contextlib
    import json

    from unittest import mock

    from ansible.module_utils import basic
    from ansible.module_utils.common.text.converters import to_bytes

    @contextlib.contextmanager
    def patch_module_args(args=None):
        """Expose the given module args to AnsibleModule instances created within this context."""
        if not isinstance(args, (dict, type(None))):
            raise TypeError('The `args` arg must be a dict or None.')
        serialized = to_bytes(json.dumps({'ANSIBLE_MODULE_ARGS': args or {}}))
        with mock.patch.object(basic, '_ANSIBLE_ARGS', serialized):
            yield

__all__ = ['patch_module_args']
