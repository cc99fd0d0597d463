#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: access_application_bulk
short_description: Provision many Cloudflare Zero Trust Access applications in one call
version_added: 0.1.0
description:
  - Brings a whole list of applications to their declared state with one sweep of the application list (one request
    per 1000 applications) and a write only for what changed - a rerun where nothing changed sends no write.
  - Each item takes the options of M(zerotrust.cloudflare.access_application) and is compared, merged and validated
    exactly as that module does.
  - One failed item does not stop the others; the task fails at the end and lists every failure with the API's message.
  - Every item is validated before the sweep of the application list; when no item is valid, no request is sent.
  - Optionally deletes (purges) the applications that the list no longer declares, with guards.
  - Reusable policies, identity providers, Access groups and service tokens may be given by name (see
    M(zerotrust.cloudflare.access_application)); each kind named anywhere in the list is listed once per run, not per
    item. Tags that do not exist yet are created once each before the first application is written.
  - This module is the engine of the R(zerotrust.cloudflare.access_applications role,ansible_collections.zerotrust.cloudflare.access_applications_role),
    which builds the list from inventory variables.
author:
  - Zerotrust Cloudflare maintainers (@zerotrust)
extends_documentation_fragment:
  - zerotrust.cloudflare.auth
  - zerotrust.cloudflare.auth.ZONE
  - zerotrust.cloudflare.attributes
  - zerotrust.cloudflare.attributes.CHECK_DIFF
options:
  applications:
    description:
      - The applications, each a dict of M(zerotrust.cloudflare.access_application) options (including its C(state)).
      - Required unless O(from_hosts) is given.
    type: list
    elements: dict
  from_hosts:
    description:
      - Read the applications, Access groups and reusable policies from the variables of these hosts instead of
        O(applications), O(groups) and O(policies), as the
        R(zerotrust.cloudflare.access_applications role,ansible_collections.zerotrust.cloudflare.access_applications_role)
        documents them - C(access_applications_list), C(access_applications_groups_list),
        C(access_applications_policies_list) and every variable whose name starts with one of them and C(_), with the
        host's C(access_applications_defaults) (C(_groups_defaults), C(_policies_defaults)) merged under each item;
        identical declarations count once.
      - Usually C(ansible_play_hosts_all) in a C(run_once) task. The task's own host sees its play, role and extra
        variables too; the other hosts their host variables.
      - The action plugin reads them on the controller without templating the variables that hold no template (for
        10,000 applications this saves seconds), then runs as with O(applications).
      - Fails before any request when two hosts declare the same object differently (naming the hosts and variables),
        and, with O(purge), O(purge_groups) or O(purge_policies), when the run does not see the whole inventory
        (C(--limit), an AWX sliced job, hosts outside O(from_hosts) that declare objects).
      - Mutually exclusive with O(applications), O(groups) and O(policies).
    type: list
    elements: str
    version_added: 0.2.0
  defaults:
    description:
      - Options merged under every item (an item's own value wins), for example a default C(session_duration).
      - An application option is merged only into the items whose type has it.
    type: dict
    default: {}
  state:
    description:
      - State of the items that do not set their own.
    type: str
    choices: [present, absent]
    default: present
  update_secrets:
    description:
      - O(zerotrust.cloudflare.access_application#module:update_secrets) of the items that do not set their own.
    type: str
    choices: [always, on_create]
    default: on_create
  purge:
    description:
      - Delete the applications of the account (or zone) that no item declares.
      - Only applications carrying O(purge_tag) are deleted, unless O(purge_unmanaged=true). app_launcher, warp, biso
        and dash_sso applications are never purged.
      - When more than O(purge_max) applications would be deleted, the task fails before changing anything.
      - When an item is invalid, the task fails before any request (its application would look undeclared and be purged).
    type: bool
    default: false
  purge_max:
    description:
      - The most applications one run may purge.
    type: int
    default: 10
  purge_tag:
    description:
      - Ownership tag. Added to every provisioned application whose type has tags; only applications with this tag are
        purged. Create the tag once in Cloudflare Zero Trust (Access, Tags).
    type: str
  purge_unmanaged:
    description:
      - Also purge applications without O(purge_tag), that is applications this module cannot show it manages.
    type: bool
    default: false
  concurrency:
    description:
      - Write requests sent in parallel. The request budget (O(rate_limit)) still applies.
    type: int
    default: 4
  progress_interval:
    description:
      - Seconds between two progress lines (for example C(120/300 applications written, 2 failed)), shown in normal
        verbosity while the task runs, in a terminal and in an AWX job log. V(0) shows none.
      - When not set, the environment variable E(ZEROTRUST_CLOUDFLARE_PROGRESS_INTERVAL) of the controller, else V(15).
      - Only when the task runs on the controller (see the notes); a module on a remote host cannot print while it runs.
    type: float
  groups:
    description:
      - Access groups to bring to their state before the policies and applications, each a dict of
        M(zerotrust.cloudflare.access_group) options (without the connection options; C(state) per item).
      - Listed once per run with the identity providers and the other kinds that items name; a group is found by
        C(group_id), else by its unique C(name). Policies and applications of the same run may name the groups it creates.
    type: list
    elements: dict
    default: []
  policies:
    description:
      - Reusable policies, written after the groups and before the applications, each a dict of
        M(zerotrust.cloudflare.access_policy) options (C(state) per item). Account scope only.
      - Every group, policy and application is checked first, names resolved against what exists and what this run
        creates; an unknown or ambiguous name, or an invalid option, fails the task before any write.
    type: list
    elements: dict
    default: []
  purge_groups:
    description:
      - Delete the Access groups that O(groups) does not declare, after the applications and policies were written and
        purged. More than O(purge_max) fails the task before any write.
    type: bool
    default: false
  purge_policies:
    description:
      - Delete the reusable policies that O(policies) does not declare, after the applications were written and purged
        (so that none uses them any more; Cloudflare refuses to delete a policy still in use, reported as a failed
        item). More than O(purge_max) fails the task before any write.
    type: bool
    default: false
attributes:
  action:
    description: The task runs on the controller when its connection is local (see the notes).
    support: full
notes:
  - This module has an action plugin. When the task's connection is local (C(delegate_to) C(localhost), as the
    R(zerotrust.cloudflare.access_applications role,ansible_collections.zerotrust.cloudflare.access_applications_role)
    does, or a play on C(localhost)), the bulk engine runs in the Ansible process on the controller, without
    transferring the applications to a module, and shows progress. Its results, check mode, diff, failure messages
    and masking of secrets are those of the module. The controller then needs the Python libraries requests and
    pydantic.
  - On any other connection (C(delegate_to) a remote host, a play on remote hosts), with C(become), or when the
    controller lacks requests or pydantic, the module runs on the target host as usual, without progress lines.
'''

EXAMPLES = r'''
- name: Provision the applications of a team
  zerotrust.cloudflare.access_application_bulk:
    defaults:
      session_duration: 12h
    applications:
      - name: Grafana
        type: self_hosted
        domain: grafana.example.com
      - name: Kibana
        type: self_hosted
        domain: kibana.example.com
      - name: Old tool
        type: self_hosted
        state: absent
      - name: Wiki
        type: self_hosted
        domain: wiki.example.com
        tags: [docs]                      # created first when the account has no such tag
        allowed_idps: [GitHub]            # identity providers by name
        policies:
          - name: Allow engineers         # a reusable policy by name
  register: provisioned

- name: Show the counts
  ansible.builtin.debug:
    var: provisioned.summary

- name: A group, a reusable policy naming it and an application naming the policy, in one run
  zerotrust.cloudflare.access_application_bulk:
    groups:
      - name: Engineers
        include:
          - email_domain: {domain: example.com}
    policies:
      - name: Allow engineers
        decision: allow
        include:
          - group: {name: Engineers}      # created by this run first
    applications:
      - name: Grafana
        type: self_hosted
        domain: grafana.example.com
        policies:
          - name: Allow engineers
    purge_policies: true                  # the reusable policies not declared above are deleted at the end
'''

RETURN = r'''
results:
  description: One entry per item (and per purged application), in order.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: Name (or id, or type) of the application, group or policy.
      type: str
    type:
      description: Type of the application; V(group) or V(policy) for the items of O(groups) and O(policies).
      type: str
    kind:
      description: V(group) or V(policy).
      type: str
      returned: for the items of O(groups) and O(policies) and the purged groups and policies
    id:
      description: Id of the application (none for a creation in check mode).
      type: str
    action:
      description: What happened (or would happen in check mode).
      type: str
      sample: unchanged
    changed:
      description: Whether the application changed.
      type: bool
    msg:
      description: Why the item failed.
      type: str
      returned: when RV(results[].action=failed)
    client_secret:
      description:
        - The OIDC client secret that Cloudflare generated for a C(saas) application with C(auth_type=oidc) that this
          run created. Cloudflare returns it only in the response to the creation; it cannot be read again.
        - Keep it right away (for example in a vault-encrypted file or a secret store) and register this task with
          C(no_log=true) so that it is not printed.
      type: str
      returned: when the run created an OIDC SaaS application
    purged:
      description: The application was deleted because no item declares it.
      type: bool
      returned: for purged applications
summary:
  description: Count of items per action.
  returned: always
  type: dict
  contains:
    created:
      description: Applications created.
      type: int
    updated:
      description: Applications updated in place.
      type: int
    recreated:
      description: Applications deleted and created again (a scope change allowed by the item).
      type: int
    unchanged:
      description: Applications that already were as declared.
      type: int
    deleted:
      description: Applications deleted (O(state=absent) items and purged applications).
      type: int
    failed:
      description: Items that failed (see RV(results[].msg)).
      type: int
  sample: {created: 1, updated: 0, recreated: 0, unchanged: 998, deleted: 1, failed: 0}
created_tags:
  description:
    - The tags that the applications to write name and that did not exist; each was created once, before the first
      write of an application (in check mode, the tags that would be created).
  returned: when tags were (or would be) created
  type: list
  elements: str
  sample: [observability]
'''

from ansible_collections.zerotrust.cloudflare.plugins.module_utils._bulk import bulk_argument_spec, run_bulk_module
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._module import CloudflareModule


def main():
    run_bulk_module(CloudflareModule(bulk_argument_spec(), supports_check_mode=True))


if __name__ == '__main__':
    main()
