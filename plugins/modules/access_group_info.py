#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: access_group_info
short_description: List and export Access groups
version_added: 0.1.0
description:
  - Lists the Access groups of an account, or of a zone (O(zone_id)), gets one by O(group_id), or those of a O(name).
  - With O(format=module_args), writes each as the options of M(zerotrust.cloudflare.access_group) - no ids,
    server-set fields or defaults, and the Access groups, identity providers and service tokens its rules name by
    their name where that name is unique (else by id). Feeding such an item back to
    M(zerotrust.cloudflare.access_group) changes nothing.
author:
  - Zerotrust Cloudflare maintainers (@zerotrust)
extends_documentation_fragment:
  - zerotrust.cloudflare.auth
  - zerotrust.cloudflare.auth.ZONE
  - zerotrust.cloudflare.attributes
  - zerotrust.cloudflare.attributes.INFO
options:
  group_id:
    description:
      - UUID of one Access group.
    type: str
  name:
    description:
      - Only the Access groups of this name (exact).
    type: str
  format:
    description:
      - V(raw) returns the objects as Cloudflare returns them; V(module_args) as options of
        M(zerotrust.cloudflare.access_group), with names instead of ids where they are unique.
    type: str
    choices: [raw, module_args]
    default: raw
'''

EXAMPLES = r'''
- name: Export every Access group as module options
  zerotrust.cloudflare.access_group_info:
    format: module_args
  register: exported

- name: Show the export
  ansible.builtin.debug:
    var: exported.groups
'''

RETURN = r'''
groups:
  description:
    - The Access groups found. With O(format=module_args), each is a dict of
      M(zerotrust.cloudflare.access_group) options (without the server-set fields).
  returned: always
  type: list
  elements: dict
  contains:
    # BEGIN GENERATED CONTAINS: tools/generate_docs.py from module_utils/_schema.py
    created_at:
      description: When the object was created (RFC 3339).
      returned: success
      type: str
    exclude:
      description:
      - Rules of which none may match (NOT).
      - Each rule is an object with one key, the kind of rule, as in the option of the same name.
      elements: dict
      returned: when set
      type: list
    id:
      description: UUID of the object.
      returned: success
      type: str
    include:
      description:
      - Rules of which one must match (OR). Required for inline policies.
      - Each rule is an object with one key, the kind of rule, as in the option of the same name.
      elements: dict
      returned: when set
      type: list
    name:
      description:
      - Name of the Access group (required to create one).
      returned: when set
      type: str
    require:
      description:
      - Rules that must all match (AND).
      - Each rule is an object with one key, the kind of rule, as in the option of the same name.
      elements: dict
      returned: when set
      type: list
    updated_at:
      description: When the object was last updated (RFC 3339).
      returned: success
      type: str
    # END GENERATED CONTAINS
'''

from ansible_collections.zerotrust.cloudflare.plugins.module_utils._module import CloudflareModule
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._resource import GROUP, run_info_module


def main():
    argument_spec = dict(
        group_id=dict(type='str'),
        name=dict(type='str'),
        format=dict(type='str', choices=['raw', 'module_args'], default='raw'),
    )
    run_info_module(CloudflareModule(argument_spec, supports_check_mode=True), GROUP, 'group_id')


if __name__ == '__main__':
    main()
