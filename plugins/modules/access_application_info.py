#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: access_application_info
short_description: List and read Cloudflare Zero Trust Access applications
version_added: 0.1.0
description:
  - Lists the Access applications of an account or a zone (every page), with the API's filters and a filter on
    O(type), or reads one application by O(app_id).
  - With O(format=module_args), every application comes back as options of M(zerotrust.cloudflare.access_application)
    (server-computed fields, server defaults and secrets left out), so that an existing account can be exported to
    inventory variables and provisioned again with the same result.
author:
  - Zerotrust Cloudflare maintainers (@zerotrust)
extends_documentation_fragment:
  - zerotrust.cloudflare.auth
  - zerotrust.cloudflare.auth.ZONE
  - zerotrust.cloudflare.attributes
  - zerotrust.cloudflare.attributes.INFO
options:
  app_id:
    description:
      - Read this application only. The result is empty when it does not exist.
    type: str
  name:
    description:
      - Only applications with this name (a loose match unless O(exact=true)).
    type: str
  domain:
    description:
      - Only applications with this domain (a loose match unless O(exact=true)).
    type: str
  aud:
    description:
      - Only the application with this AUD tag.
    type: str
  search:
    description:
      - Free text search over the application fields the API searches.
    type: str
  exact:
    description:
      - Match O(name) and O(domain) exactly.
    type: bool
    default: false
  type:
    description:
      - Only applications of these types (filtered on this side; the API has no type filter).
    type: list
    elements: str
    choices: [self_hosted, saas, ssh, vnc, app_launcher, warp, biso, bookmark, dash_sso, infrastructure, rdp, mcp,
              mcp_portal, proxy_endpoint]
  format:
    description:
      - V(api) returns the objects as the API does (write-only secrets are never included).
      - V(module_args) returns M(zerotrust.cloudflare.access_application) options. Write-only secrets cannot be
        exported, so C(scim_config) comes without C(authentication) (with none, the module leaves the stored
        credentials alone); linked reusable policies come as links, inline ones without their ids.
    type: str
    choices: [api, module_args]
    default: api
notes:
  - Zone-scoped listing has no server-side filters; O(name), O(domain), O(aud) and O(search) are applied on this side.
'''

EXAMPLES = r'''
- name: Every self-hosted application of the account
  zerotrust.cloudflare.access_application_info:
    type: [self_hosted]
  register: self_hosted

- name: One application by id
  zerotrust.cloudflare.access_application_info:
    app_id: "{{ self_hosted.applications[0].id }}"
  when: self_hosted.applications | length > 0

- name: Export the account as access_application options, ready for inventory
  zerotrust.cloudflare.access_application_info:
    format: module_args
  register: export

- name: Write them as variables of the access_applications role
  ansible.builtin.copy:
    dest: "{{ playbook_dir }}/exported_access_applications.yml"
    content: "{{ {'access_applications_list': export.applications} | to_nice_yaml(indent=2) }}"
    mode: "0644"
'''

RETURN = r'''
applications:
  description:
    - The applications, in the order of the API (creation order).
    - With O(format=module_args), options of M(zerotrust.cloudflare.access_application).
  returned: always
  type: list
  elements: dict
  sample:
    - id: 2d6dc4d6-0f4e-4a58-9a9b-0f6b1b4c2f10
      aud: 737646a56ab1df6ec9bddc7e5ca84eaf3b0768850f3ffb5d74f1534911fe3893
      type: self_hosted
      name: Grafana
      domain: grafana.example.com
'''

from ansible_collections.zerotrust.cloudflare.plugins.module_utils._access_application import run_info_module
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._module import CloudflareModule


def main():
    run_info_module(CloudflareModule(dict(
        app_id=dict(type='str'),
        name=dict(type='str'),
        domain=dict(type='str'),
        aud=dict(type='str'),
        search=dict(type='str'),
        exact=dict(type='bool', default=False),
        type=dict(type='list', elements='str', choices=['self_hosted', 'saas', 'ssh', 'vnc', 'app_launcher', 'warp', 'biso',
                                                        'bookmark', 'dash_sso', 'infrastructure', 'rdp', 'mcp',
                                                        'mcp_portal', 'proxy_endpoint']),
        format=dict(type='str', choices=['api', 'module_args'], default='api'),
    ), supports_check_mode=True))


if __name__ == '__main__':
    main()
