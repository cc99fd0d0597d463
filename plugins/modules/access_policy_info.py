#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: access_policy_info
short_description: List and export reusable Access policies
version_added: 0.1.0
description:
  - Lists the reusable Access policies of an account, gets one by O(policy_id), or those of a O(name).
  - With O(format=module_args), writes each as the options of M(zerotrust.cloudflare.access_policy) - no ids,
    server-set fields or defaults, and the Access groups, identity providers and service tokens its rules name by
    their name where that name is unique (else by id). Feeding such an item back to
    M(zerotrust.cloudflare.access_policy) changes nothing.
author:
  - Zerotrust Cloudflare maintainers (@zerotrust)
extends_documentation_fragment:
  - zerotrust.cloudflare.auth
  - zerotrust.cloudflare.attributes
  - zerotrust.cloudflare.attributes.INFO
options:
  policy_id:
    description:
      - UUID of one reusable policy.
    type: str
  name:
    description:
      - Only the reusable Access policies of this name (exact).
    type: str
  format:
    description:
      - V(raw) returns the objects as Cloudflare returns them; V(module_args) as options of
        M(zerotrust.cloudflare.access_policy), with names instead of ids where they are unique.
    type: str
    choices: [raw, module_args]
    default: raw
'''

EXAMPLES = r'''
- name: Export every reusable policy as module options
  zerotrust.cloudflare.access_policy_info:
    format: module_args
  register: exported

- name: Show the export
  ansible.builtin.debug:
    var: exported.policies
'''

RETURN = r'''
policies:
  description:
    - The reusable Access policies found. With O(format=module_args), each is a dict of
      M(zerotrust.cloudflare.access_policy) options (without the server-set fields).
  returned: always
  type: list
  elements: dict
  contains:
    # BEGIN GENERATED CONTAINS: tools/generate_docs.py from module_utils/_schema.py
    app_count:
      description: Number of applications that use the policy.
      returned: success
      type: int
    approval_groups:
      contains:
        approvals_needed:
          description:
          - Number of approvals needed.
          returned: when set
          type: float
        email_addresses:
          description:
          - Emails of the approvers.
          elements: str
          returned: when set
          type: list
        email_list_uuid:
          description:
          - UUID of a list of approver emails.
          returned: when set
          type: str
      description:
      - Groups of approvers.
      elements: dict
      returned: when set
      type: list
    approval_required:
      description:
      - Require approval for access.
      returned: when set
      type: bool
    connection_rules:
      contains:
        rdp:
          contains:
            allowed_clipboard_local_to_remote_formats:
              description:
              - Formats that may be copied to the remote.
              elements: str
              returned: when set
              type: list
            allowed_clipboard_remote_to_local_formats:
              description:
              - Formats that may be copied from the remote.
              elements: str
              returned: when set
              type: list
          description:
          - RDP clipboard rules.
          returned: when set
          type: dict
        ssh:
          contains:
            allow_email_alias:
              description:
              - Allow the user to log in as the local part of their email.
              returned: when set
              type: bool
            usernames:
              description:
              - UNIX usernames users may log in as.
              elements: str
              returned: when set
              type: list
          description:
          - SSH rules (infrastructure applications).
          returned: when set
          type: dict
      description:
      - How users may connect to the targets.
      returned: when set
      type: dict
    created_at:
      description: When the object was created (RFC 3339).
      returned: success
      type: str
    decision:
      description:
      - What the policy does (inline policies). Infrastructure applications take only C(allow).
      returned: when set
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
    isolation_required:
      description:
      - Require Browser Isolation.
      returned: when set
      type: bool
    mfa_config:
      contains:
        allowed_authenticators:
          description:
          - Authenticators users may use.
          elements: str
          returned: when set
          type: list
        mfa_disabled:
          description:
          - Turn MFA off.
          returned: when set
          type: bool
        session_duration:
          description:
          - How long an MFA session lasts (Go duration).
          returned: when set
          type: str
      description:
      - MFA settings of the policy.
      returned: when set
      type: dict
    name:
      description:
      - Name of the policy (inline policies).
      returned: when set
      type: str
    purpose_justification_prompt:
      description:
      - Text shown when a justification is required.
      returned: when set
      type: str
    purpose_justification_required:
      description:
      - Require a purpose justification.
      returned: when set
      type: bool
    require:
      description:
      - Rules that must all match (AND).
      - Each rule is an object with one key, the kind of rule, as in the option of the same name.
      elements: dict
      returned: when set
      type: list
    reusable:
      description: Whether the policy is reusable (always true for this module).
      returned: success
      type: bool
    session_duration:
      description:
      - Session length of the policy (Go duration).
      returned: when set
      type: str
    updated_at:
      description: When the object was last updated (RFC 3339).
      returned: success
      type: str
    # END GENERATED CONTAINS
'''

from ansible_collections.zerotrust.cloudflare.plugins.module_utils._module import CloudflareModule
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._resource import POLICY, run_info_module


def main():
    argument_spec = dict(
        policy_id=dict(type='str'),
        name=dict(type='str'),
        format=dict(type='str', choices=['raw', 'module_args'], default='raw'),
    )
    run_info_module(CloudflareModule(argument_spec, zone_scope=False, supports_check_mode=True), POLICY, 'policy_id')


if __name__ == '__main__':
    main()
