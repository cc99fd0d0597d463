#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: access_tag
short_description: Manage Cloudflare Zero Trust Access tags
version_added: 0.1.0
description:
  - Create and delete the Access tags of an account. Applications can only carry tags that exist as objects;
    M(zerotrust.cloudflare.access_application) and M(zerotrust.cloudflare.access_application_bulk) create the tags
    they name, this module manages them on their own.
  - Tags are addressed by name, so O(name) identifies one tag.
  - Deleting a tag that applications still carry is refused, with their names, unless O(force=true), which first
    removes the tag from them.
author:
  - Zerotrust Cloudflare maintainers (@zerotrust)
extends_documentation_fragment:
  - zerotrust.cloudflare.auth
  - zerotrust.cloudflare.attributes
  - zerotrust.cloudflare.attributes.CHECK_DIFF
options:
  name:
    description:
      - Name of the tag.
    type: str
    required: true
  state:
    description:
      - V(present) creates the tag when it does not exist, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  force:
    description:
      - With O(state=absent), first remove the tag from every application that carries it.
    type: bool
    default: false
'''

EXAMPLES = r'''
- name: Make sure the ownership tag exists
  zerotrust.cloudflare.access_tag:
    name: ansible-managed

- name: Delete a tag, taking it off the applications that carry it
  zerotrust.cloudflare.access_tag:
    name: legacy
    state: absent
    force: true
'''

RETURN = r'''
tag:
  description: The tag as Cloudflare returns it (empty after a deletion).
  returned: always
  type: dict
  contains:
    name:
      description: Name of the tag.
      type: str
    app_count:
      description: Number of applications that carry the tag.
      type: int
      returned: when Cloudflare returns it
    created_at:
      description: When the tag was created (RFC 3339).
      type: str
      returned: when Cloudflare returns it
    updated_at:
      description: When the tag was last updated (RFC 3339).
      type: str
      returned: when Cloudflare returns it
  sample: {name: ansible-managed, app_count: 12}
untagged:
  description: Ids of the applications the tag was (or in check mode would be) removed from before its deletion.
  returned: with O(state=absent) when the tag existed
  type: list
  elements: str
'''

from ansible_collections.zerotrust.cloudflare.plugins.module_utils._module import CloudflareModule
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._resource import run_tag_module


def main():
    argument_spec = dict(
        name=dict(type='str', required=True),
        state=dict(type='str', choices=['present', 'absent'], default='present'),
        force=dict(type='bool', default=False),
    )
    run_tag_module(CloudflareModule(argument_spec, zone_scope=False, supports_check_mode=True))


if __name__ == '__main__':
    main()
