#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: access_group
short_description: Manage Cloudflare Zero Trust Access groups
version_added: 0.1.0
description:
  - Create, update and delete Access groups, at account scope (O(account_id)) or zone scope (O(zone_id)). Policies
    and other groups refer to a group with the rule C(group) (by id, or by name with C(group.name)).
  - The rule lists O(include), O(exclude) and O(require) take the same rules as the policies of
    M(zerotrust.cloudflare.access_policy); identity providers, Access groups and service tokens in them may be given
    by name (one list request per kind that is named).
  - Idempotent - rule lists are compared as sets, single IPs equal their C(/32), unset options are not managed; an
    update reads the group, merges the options over it and writes it whole.
  - The group is found by O(group_id), else by O(name); when several groups share the name, the task fails and
    lists their ids.
author:
  - Zerotrust Cloudflare maintainers (@zerotrust)
extends_documentation_fragment:
  - zerotrust.cloudflare.auth
  - zerotrust.cloudflare.auth.ZONE
  - zerotrust.cloudflare.attributes
  - zerotrust.cloudflare.attributes.CHECK_DIFF
options:
  state:
    description:
      - V(present) creates or updates the group, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  group_id:
    description:
      - UUID of the group. Selects it exactly and allows renaming it.
    type: str
    # BEGIN GENERATED OPTIONS: tools/generate_docs.py from module_utils/_schema.py
  exclude:
    description:
    - Rules of which none may match (NOT).
    - Order does not matter.
    elements: dict
    suboptions:
      any_valid_service_token:
        description:
        - Any valid Access service token (an empty dict).
        type: dict
      auth_context:
        description:
        - An Azure AD authentication context.
        suboptions:
          ac_id:
            description:
            - ACID of the authentication context.
            required: true
            type: str
          id:
            description:
            - UUID of the authentication context.
            required: true
            type: str
          identity_provider_id:
            description:
            - UUID or name of the identity provider (a value that is not a UUID is a name, resolved to its id).
            required: true
            type: str
        type: dict
      auth_method:
        description:
        - An authentication method (AMR), e.g. C(mfa).
        suboptions:
          auth_method:
            description:
            - The AMR value, e.g. C(mfa) or C(hwk).
            required: true
            type: str
        type: dict
      azureAD:
        aliases:
        - azure_ad
        description:
        - Members of an Azure AD group.
        suboptions:
          id:
            description:
            - ID of the Azure AD group.
            required: true
            type: str
          identity_provider_id:
            description:
            - UUID or name of the identity provider (a value that is not a UUID is a name, resolved to its id).
            required: true
            type: str
        type: dict
      certificate:
        description:
        - Any valid mTLS client certificate (an empty dict).
        type: dict
      cloudflare_account_member:
        description:
        - Members of a Cloudflare account.
        suboptions:
          account_id:
            description:
            - The account (defaults to the account of the application).
            - 32 hexadecimal characters (a Cloudflare account id).
            type: str
        type: dict
      common_name:
        description:
        - An mTLS certificate common name.
        suboptions:
          common_name:
            description:
            - The common name to match.
            required: true
            type: str
        type: dict
      device_posture:
        description:
        - A device posture check.
        suboptions:
          integration_uid:
            description:
            - UUID of the device posture integration.
            required: true
            type: str
        type: dict
      email:
        description:
        - One email address.
        suboptions:
          email:
            description:
            - The email address.
            - An email address.
            required: true
            type: str
        type: dict
      email_domain:
        description:
        - Emails of a domain.
        suboptions:
          domain:
            description:
            - The email domain, e.g. C(example.com).
            required: true
            type: str
        type: dict
      email_list:
        description:
        - Emails of a Zero Trust list.
        suboptions:
          id:
            description:
            - UUID of the list.
            required: true
            type: str
        type: dict
      everyone:
        description:
        - Everyone (an empty dict).
        type: dict
      external_evaluation:
        description:
        - An external evaluation service.
        suboptions:
          evaluate_url:
            description:
            - API endpoint of the evaluation service.
            - An absolute http(s) URL.
            required: true
            type: str
          keys_url:
            description:
            - Endpoint with the keys that sign the evaluation response.
            - An absolute http(s) URL.
            required: true
            type: str
        type: dict
      geo:
        description:
        - Requests from a country.
        suboptions:
          country_code:
            description:
            - ISO 3166-1 alpha-2 country code.
            required: true
            type: str
        type: dict
      github_organization:
        description:
        - Members of a GitHub organization (or team).
        - The API calls it C(github-organization).
        suboptions:
          identity_provider_id:
            description:
            - UUID or name of the identity provider (a value that is not a UUID is a name, resolved to its id).
            required: true
            type: str
          name:
            description:
            - Name of the organization.
            required: true
            type: str
          team:
            description:
            - Name of a team of the organization.
            type: str
        type: dict
      group:
        description:
        - Members of an Access group.
        - Give exactly one of C(id), C(name).
        suboptions:
          id:
            description:
            - UUID of the Access group.
            type: str
          name:
            description:
            - 'Name of the Access group, instead of C(id): resolved to its id (it must name exactly one group).'
            type: str
        type: dict
      gsuite:
        description:
        - Members of a Google Workspace group.
        suboptions:
          email:
            description:
            - Email of the Google Workspace group.
            required: true
            type: str
          identity_provider_id:
            description:
            - UUID or name of the identity provider (a value that is not a UUID is a name, resolved to its id).
            required: true
            type: str
        type: dict
      ip:
        description:
        - An IP address or CIDR range; a single address is stored as C(/32) (IPv6 C(/128)).
        suboptions:
          ip:
            description:
            - IPv4 or IPv6 address or CIDR range.
            - An IPv4 or IPv6 address or CIDR range.
            required: true
            type: str
        type: dict
      ip_list:
        description:
        - IPs of a Zero Trust list.
        suboptions:
          id:
            description:
            - UUID of the list.
            required: true
            type: str
        type: dict
      linked_app_token:
        description:
        - OAuth tokens of a linked application (non_identity or bypass decisions).
        suboptions:
          app_uid:
            description:
            - UUID of the linked Access application.
            required: true
            type: str
        type: dict
      login_method:
        description:
        - A login method (identity provider).
        suboptions:
          id:
            description:
            - UUID or name of the identity provider (a value that is not a UUID is a name, resolved to its id).
            required: true
            type: str
        type: dict
      oidc:
        description:
        - An OIDC claim.
        suboptions:
          claim_name:
            description:
            - Name of the OIDC claim.
            required: true
            type: str
          claim_value:
            description:
            - Value of the OIDC claim.
            required: true
            type: str
          identity_provider_id:
            description:
            - UUID or name of the identity provider (a value that is not a UUID is a name, resolved to its id).
            required: true
            type: str
        type: dict
      okta:
        description:
        - Members of an Okta group.
        suboptions:
          identity_provider_id:
            description:
            - UUID or name of the identity provider (a value that is not a UUID is a name, resolved to its id).
            required: true
            type: str
          name:
            description:
            - Name of the Okta group.
            required: true
            type: str
        type: dict
      saml:
        description:
        - A SAML attribute.
        suboptions:
          attribute_name:
            description:
            - Name of the SAML attribute.
            required: true
            type: str
          attribute_value:
            description:
            - Value of the SAML attribute.
            required: true
            type: str
          identity_provider_id:
            description:
            - UUID or name of the identity provider (a value that is not a UUID is a name, resolved to its id).
            required: true
            type: str
        type: dict
      service_token:
        description:
        - One Access service token.
        - Give exactly one of C(token_id), C(name).
        suboptions:
          name:
            description:
            - 'Name of the service token, instead of C(token_id): resolved to its id (it must name exactly one token).'
            type: str
          token_id:
            description:
            - UUID of the service token.
            type: str
        type: dict
      user_risk_score:
        description:
        - Users with a risk score.
        suboptions:
          user_risk_score:
            choices:
            - low
            - medium
            - high
            - unscored
            description:
            - Risk levels.
            elements: str
            required: true
            type: list
        type: dict
    type: list
  include:
    description:
    - Rules of which one must match (OR). Required for inline policies.
    - Order does not matter.
    elements: dict
    suboptions:
      any_valid_service_token:
        description:
        - Any valid Access service token (an empty dict).
        type: dict
      auth_context:
        description:
        - An Azure AD authentication context.
        suboptions:
          ac_id:
            description:
            - ACID of the authentication context.
            required: true
            type: str
          id:
            description:
            - UUID of the authentication context.
            required: true
            type: str
          identity_provider_id:
            description:
            - UUID or name of the identity provider (a value that is not a UUID is a name, resolved to its id).
            required: true
            type: str
        type: dict
      auth_method:
        description:
        - An authentication method (AMR), e.g. C(mfa).
        suboptions:
          auth_method:
            description:
            - The AMR value, e.g. C(mfa) or C(hwk).
            required: true
            type: str
        type: dict
      azureAD:
        aliases:
        - azure_ad
        description:
        - Members of an Azure AD group.
        suboptions:
          id:
            description:
            - ID of the Azure AD group.
            required: true
            type: str
          identity_provider_id:
            description:
            - UUID or name of the identity provider (a value that is not a UUID is a name, resolved to its id).
            required: true
            type: str
        type: dict
      certificate:
        description:
        - Any valid mTLS client certificate (an empty dict).
        type: dict
      cloudflare_account_member:
        description:
        - Members of a Cloudflare account.
        suboptions:
          account_id:
            description:
            - The account (defaults to the account of the application).
            - 32 hexadecimal characters (a Cloudflare account id).
            type: str
        type: dict
      common_name:
        description:
        - An mTLS certificate common name.
        suboptions:
          common_name:
            description:
            - The common name to match.
            required: true
            type: str
        type: dict
      device_posture:
        description:
        - A device posture check.
        suboptions:
          integration_uid:
            description:
            - UUID of the device posture integration.
            required: true
            type: str
        type: dict
      email:
        description:
        - One email address.
        suboptions:
          email:
            description:
            - The email address.
            - An email address.
            required: true
            type: str
        type: dict
      email_domain:
        description:
        - Emails of a domain.
        suboptions:
          domain:
            description:
            - The email domain, e.g. C(example.com).
            required: true
            type: str
        type: dict
      email_list:
        description:
        - Emails of a Zero Trust list.
        suboptions:
          id:
            description:
            - UUID of the list.
            required: true
            type: str
        type: dict
      everyone:
        description:
        - Everyone (an empty dict).
        type: dict
      external_evaluation:
        description:
        - An external evaluation service.
        suboptions:
          evaluate_url:
            description:
            - API endpoint of the evaluation service.
            - An absolute http(s) URL.
            required: true
            type: str
          keys_url:
            description:
            - Endpoint with the keys that sign the evaluation response.
            - An absolute http(s) URL.
            required: true
            type: str
        type: dict
      geo:
        description:
        - Requests from a country.
        suboptions:
          country_code:
            description:
            - ISO 3166-1 alpha-2 country code.
            required: true
            type: str
        type: dict
      github_organization:
        description:
        - Members of a GitHub organization (or team).
        - The API calls it C(github-organization).
        suboptions:
          identity_provider_id:
            description:
            - UUID or name of the identity provider (a value that is not a UUID is a name, resolved to its id).
            required: true
            type: str
          name:
            description:
            - Name of the organization.
            required: true
            type: str
          team:
            description:
            - Name of a team of the organization.
            type: str
        type: dict
      group:
        description:
        - Members of an Access group.
        - Give exactly one of C(id), C(name).
        suboptions:
          id:
            description:
            - UUID of the Access group.
            type: str
          name:
            description:
            - 'Name of the Access group, instead of C(id): resolved to its id (it must name exactly one group).'
            type: str
        type: dict
      gsuite:
        description:
        - Members of a Google Workspace group.
        suboptions:
          email:
            description:
            - Email of the Google Workspace group.
            required: true
            type: str
          identity_provider_id:
            description:
            - UUID or name of the identity provider (a value that is not a UUID is a name, resolved to its id).
            required: true
            type: str
        type: dict
      ip:
        description:
        - An IP address or CIDR range; a single address is stored as C(/32) (IPv6 C(/128)).
        suboptions:
          ip:
            description:
            - IPv4 or IPv6 address or CIDR range.
            - An IPv4 or IPv6 address or CIDR range.
            required: true
            type: str
        type: dict
      ip_list:
        description:
        - IPs of a Zero Trust list.
        suboptions:
          id:
            description:
            - UUID of the list.
            required: true
            type: str
        type: dict
      linked_app_token:
        description:
        - OAuth tokens of a linked application (non_identity or bypass decisions).
        suboptions:
          app_uid:
            description:
            - UUID of the linked Access application.
            required: true
            type: str
        type: dict
      login_method:
        description:
        - A login method (identity provider).
        suboptions:
          id:
            description:
            - UUID or name of the identity provider (a value that is not a UUID is a name, resolved to its id).
            required: true
            type: str
        type: dict
      oidc:
        description:
        - An OIDC claim.
        suboptions:
          claim_name:
            description:
            - Name of the OIDC claim.
            required: true
            type: str
          claim_value:
            description:
            - Value of the OIDC claim.
            required: true
            type: str
          identity_provider_id:
            description:
            - UUID or name of the identity provider (a value that is not a UUID is a name, resolved to its id).
            required: true
            type: str
        type: dict
      okta:
        description:
        - Members of an Okta group.
        suboptions:
          identity_provider_id:
            description:
            - UUID or name of the identity provider (a value that is not a UUID is a name, resolved to its id).
            required: true
            type: str
          name:
            description:
            - Name of the Okta group.
            required: true
            type: str
        type: dict
      saml:
        description:
        - A SAML attribute.
        suboptions:
          attribute_name:
            description:
            - Name of the SAML attribute.
            required: true
            type: str
          attribute_value:
            description:
            - Value of the SAML attribute.
            required: true
            type: str
          identity_provider_id:
            description:
            - UUID or name of the identity provider (a value that is not a UUID is a name, resolved to its id).
            required: true
            type: str
        type: dict
      service_token:
        description:
        - One Access service token.
        - Give exactly one of C(token_id), C(name).
        suboptions:
          name:
            description:
            - 'Name of the service token, instead of C(token_id): resolved to its id (it must name exactly one token).'
            type: str
          token_id:
            description:
            - UUID of the service token.
            type: str
        type: dict
      user_risk_score:
        description:
        - Users with a risk score.
        suboptions:
          user_risk_score:
            choices:
            - low
            - medium
            - high
            - unscored
            description:
            - Risk levels.
            elements: str
            required: true
            type: list
        type: dict
    type: list
  is_default:
    description:
    - 'Make this group the account''s default group (account scope only). Sent when set, never compared: Cloudflare does not
      return it.'
    type: bool
  name:
    description:
    - Name of the Access group (required to create one).
    type: str
  require:
    description:
    - Rules that must all match (AND).
    - Order does not matter.
    elements: dict
    suboptions:
      any_valid_service_token:
        description:
        - Any valid Access service token (an empty dict).
        type: dict
      auth_context:
        description:
        - An Azure AD authentication context.
        suboptions:
          ac_id:
            description:
            - ACID of the authentication context.
            required: true
            type: str
          id:
            description:
            - UUID of the authentication context.
            required: true
            type: str
          identity_provider_id:
            description:
            - UUID or name of the identity provider (a value that is not a UUID is a name, resolved to its id).
            required: true
            type: str
        type: dict
      auth_method:
        description:
        - An authentication method (AMR), e.g. C(mfa).
        suboptions:
          auth_method:
            description:
            - The AMR value, e.g. C(mfa) or C(hwk).
            required: true
            type: str
        type: dict
      azureAD:
        aliases:
        - azure_ad
        description:
        - Members of an Azure AD group.
        suboptions:
          id:
            description:
            - ID of the Azure AD group.
            required: true
            type: str
          identity_provider_id:
            description:
            - UUID or name of the identity provider (a value that is not a UUID is a name, resolved to its id).
            required: true
            type: str
        type: dict
      certificate:
        description:
        - Any valid mTLS client certificate (an empty dict).
        type: dict
      cloudflare_account_member:
        description:
        - Members of a Cloudflare account.
        suboptions:
          account_id:
            description:
            - The account (defaults to the account of the application).
            - 32 hexadecimal characters (a Cloudflare account id).
            type: str
        type: dict
      common_name:
        description:
        - An mTLS certificate common name.
        suboptions:
          common_name:
            description:
            - The common name to match.
            required: true
            type: str
        type: dict
      device_posture:
        description:
        - A device posture check.
        suboptions:
          integration_uid:
            description:
            - UUID of the device posture integration.
            required: true
            type: str
        type: dict
      email:
        description:
        - One email address.
        suboptions:
          email:
            description:
            - The email address.
            - An email address.
            required: true
            type: str
        type: dict
      email_domain:
        description:
        - Emails of a domain.
        suboptions:
          domain:
            description:
            - The email domain, e.g. C(example.com).
            required: true
            type: str
        type: dict
      email_list:
        description:
        - Emails of a Zero Trust list.
        suboptions:
          id:
            description:
            - UUID of the list.
            required: true
            type: str
        type: dict
      everyone:
        description:
        - Everyone (an empty dict).
        type: dict
      external_evaluation:
        description:
        - An external evaluation service.
        suboptions:
          evaluate_url:
            description:
            - API endpoint of the evaluation service.
            - An absolute http(s) URL.
            required: true
            type: str
          keys_url:
            description:
            - Endpoint with the keys that sign the evaluation response.
            - An absolute http(s) URL.
            required: true
            type: str
        type: dict
      geo:
        description:
        - Requests from a country.
        suboptions:
          country_code:
            description:
            - ISO 3166-1 alpha-2 country code.
            required: true
            type: str
        type: dict
      github_organization:
        description:
        - Members of a GitHub organization (or team).
        - The API calls it C(github-organization).
        suboptions:
          identity_provider_id:
            description:
            - UUID or name of the identity provider (a value that is not a UUID is a name, resolved to its id).
            required: true
            type: str
          name:
            description:
            - Name of the organization.
            required: true
            type: str
          team:
            description:
            - Name of a team of the organization.
            type: str
        type: dict
      group:
        description:
        - Members of an Access group.
        - Give exactly one of C(id), C(name).
        suboptions:
          id:
            description:
            - UUID of the Access group.
            type: str
          name:
            description:
            - 'Name of the Access group, instead of C(id): resolved to its id (it must name exactly one group).'
            type: str
        type: dict
      gsuite:
        description:
        - Members of a Google Workspace group.
        suboptions:
          email:
            description:
            - Email of the Google Workspace group.
            required: true
            type: str
          identity_provider_id:
            description:
            - UUID or name of the identity provider (a value that is not a UUID is a name, resolved to its id).
            required: true
            type: str
        type: dict
      ip:
        description:
        - An IP address or CIDR range; a single address is stored as C(/32) (IPv6 C(/128)).
        suboptions:
          ip:
            description:
            - IPv4 or IPv6 address or CIDR range.
            - An IPv4 or IPv6 address or CIDR range.
            required: true
            type: str
        type: dict
      ip_list:
        description:
        - IPs of a Zero Trust list.
        suboptions:
          id:
            description:
            - UUID of the list.
            required: true
            type: str
        type: dict
      linked_app_token:
        description:
        - OAuth tokens of a linked application (non_identity or bypass decisions).
        suboptions:
          app_uid:
            description:
            - UUID of the linked Access application.
            required: true
            type: str
        type: dict
      login_method:
        description:
        - A login method (identity provider).
        suboptions:
          id:
            description:
            - UUID or name of the identity provider (a value that is not a UUID is a name, resolved to its id).
            required: true
            type: str
        type: dict
      oidc:
        description:
        - An OIDC claim.
        suboptions:
          claim_name:
            description:
            - Name of the OIDC claim.
            required: true
            type: str
          claim_value:
            description:
            - Value of the OIDC claim.
            required: true
            type: str
          identity_provider_id:
            description:
            - UUID or name of the identity provider (a value that is not a UUID is a name, resolved to its id).
            required: true
            type: str
        type: dict
      okta:
        description:
        - Members of an Okta group.
        suboptions:
          identity_provider_id:
            description:
            - UUID or name of the identity provider (a value that is not a UUID is a name, resolved to its id).
            required: true
            type: str
          name:
            description:
            - Name of the Okta group.
            required: true
            type: str
        type: dict
      saml:
        description:
        - A SAML attribute.
        suboptions:
          attribute_name:
            description:
            - Name of the SAML attribute.
            required: true
            type: str
          attribute_value:
            description:
            - Value of the SAML attribute.
            required: true
            type: str
          identity_provider_id:
            description:
            - UUID or name of the identity provider (a value that is not a UUID is a name, resolved to its id).
            required: true
            type: str
        type: dict
      service_token:
        description:
        - One Access service token.
        - Give exactly one of C(token_id), C(name).
        suboptions:
          name:
            description:
            - 'Name of the service token, instead of C(token_id): resolved to its id (it must name exactly one token).'
            type: str
          token_id:
            description:
            - UUID of the service token.
            type: str
        type: dict
      user_risk_score:
        description:
        - Users with a risk score.
        suboptions:
          user_risk_score:
            choices:
            - low
            - medium
            - high
            - unscored
            description:
            - Risk levels.
            elements: str
            required: true
            type: list
        type: dict
    type: list
    # END GENERATED OPTIONS
'''

EXAMPLES = r'''
- name: Engineers, by email domain, logged in with GitHub
  zerotrust.cloudflare.access_group:
    name: Engineers
    include:
      - email_domain:
          domain: example.com
    require:
      - login_method:
          id: GitHub                  # an identity provider by name

- name: A group made of another group and a service token
  zerotrust.cloudflare.access_group:
    name: Deployers
    include:
      - group:
          name: Engineers
      - service_token:
          name: ci-runner

- name: Delete a group
  zerotrust.cloudflare.access_group:
    name: Deployers
    state: absent
'''

RETURN = r'''
group:
  description: The group after the task (in check mode - as it would be). Empty after deletion.
  returned: always
  type: dict
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
  sample:
    id: 5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716
    name: Engineers
    include:
      - email_domain:
          domain: example.com
    exclude: []
    require: []
'''

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _schema
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._module import CloudflareModule
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._resource import run_group_module


def main():
    argument_spec = _schema.argument_spec(_schema.GROUP_FIELDS)
    argument_spec.update(
        state=dict(type='str', choices=['present', 'absent'], default='present'),
        group_id=dict(type='str'),
    )
    run_group_module(CloudflareModule(argument_spec, supports_check_mode=True, required_one_of=[('name', 'group_id')]))


if __name__ == '__main__':
    main()
