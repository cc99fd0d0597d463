#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: access_policy
short_description: Manage reusable Cloudflare Zero Trust Access policies
version_added: 0.1.0
description:
  - Create, update and delete reusable (account-level) Access policies, which applications link with
    O(zerotrust.cloudflare.access_application#module:policies[].id).
  - Idempotent - rule lists are compared as sets, single IPs equal their C(/32), unset options are not managed.
  - The policy is found by O(policy_id), else by O(name); when several policies share the name, the task fails and
    lists their ids.
  - Deleting a policy that applications still use fails, unless O(detach=true), which first removes it from them.
author:
  - Zerotrust Cloudflare maintainers (@zerotrust)
extends_documentation_fragment:
  - zerotrust.cloudflare.auth
  - zerotrust.cloudflare.attributes
  - zerotrust.cloudflare.attributes.CHECK_DIFF
options:
  state:
    description:
      - V(present) creates or updates the policy, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  policy_id:
    description:
      - UUID of the policy. Selects it exactly and allows renaming it.
    type: str
  detach:
    description:
      - With O(state=absent), first remove the policy from every application that uses it.
    type: bool
    default: false
    # BEGIN GENERATED OPTIONS: tools/generate_docs.py from module_utils/_schema.py
  approval_groups:
    description:
    - Groups of approvers.
    - 'Applies to types: self_hosted, saas, ssh, vnc, app_launcher, warp, biso, proxy_endpoint, bookmark, rdp, mcp, mcp_portal.'
    - Order does not matter.
    elements: dict
    suboptions:
      approvals_needed:
        description:
        - Number of approvals needed.
        required: true
        type: float
      email_addresses:
        description:
        - Emails of the approvers.
        - Order does not matter.
        elements: str
        type: list
      email_list_uuid:
        description:
        - UUID of a list of approver emails.
        type: str
    type: list
  approval_required:
    description:
    - Require approval for access.
    - 'Applies to types: self_hosted, saas, ssh, vnc, app_launcher, warp, biso, proxy_endpoint, bookmark, rdp, mcp, mcp_portal.'
    type: bool
  connection_rules:
    description:
    - How users may connect to the targets.
    suboptions:
      rdp:
        description:
        - RDP clipboard rules.
        - 'Applies to types: self_hosted, saas, ssh, vnc, app_launcher, warp, biso, proxy_endpoint, bookmark, rdp, mcp, mcp_portal.'
        suboptions:
          allowed_clipboard_local_to_remote_formats:
            choices:
            - text
            - file
            description:
            - Formats that may be copied to the remote.
            - Order does not matter.
            elements: str
            type: list
          allowed_clipboard_remote_to_local_formats:
            choices:
            - text
            - file
            description:
            - Formats that may be copied from the remote.
            - Order does not matter.
            elements: str
            type: list
        type: dict
      ssh:
        description:
        - SSH rules (infrastructure applications).
        - 'Applies to types: infrastructure.'
        suboptions:
          allow_email_alias:
            description:
            - Allow the user to log in as the local part of their email.
            type: bool
          usernames:
            description:
            - UNIX usernames users may log in as.
            - Order does not matter.
            elements: str
            required: true
            type: list
        type: dict
    type: dict
  decision:
    choices:
    - allow
    - deny
    - non_identity
    - bypass
    description:
    - What the policy does (inline policies). Infrastructure applications take only C(allow).
    - 'For infrastructure: allow.'
    - 'For the other types: allow, deny, non_identity, bypass.'
    type: str
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
  isolation_required:
    description:
    - Require Browser Isolation.
    - 'Applies to types: self_hosted, saas, ssh, vnc, app_launcher, warp, biso, proxy_endpoint, bookmark, rdp, mcp, mcp_portal.'
    type: bool
  mfa_config:
    description:
    - MFA settings of the policy.
    suboptions:
      allowed_authenticators:
        choices:
        - totp
        - biometrics
        - security_key
        - piv_key
        description:
        - Authenticators users may use.
        - 'For infrastructure: piv_key.'
        - 'For the other types: totp, biometrics, security_key.'
        - Order does not matter.
        elements: str
        type: list
      mfa_disabled:
        description:
        - Turn MFA off.
        type: bool
      session_duration:
        description:
        - How long an MFA session lasts (Go duration).
        - A Go duration, for example V(30m), V(24h) or V(2h45m).
        type: str
    type: dict
  name:
    description:
    - Name of the policy (inline policies).
    type: str
  purpose_justification_prompt:
    description:
    - Text shown when a justification is required.
    - 'Applies to types: self_hosted, saas, ssh, vnc, app_launcher, warp, biso, proxy_endpoint, bookmark, rdp, mcp, mcp_portal.'
    type: str
  purpose_justification_required:
    description:
    - Require a purpose justification.
    - 'Applies to types: self_hosted, saas, ssh, vnc, app_launcher, warp, biso, proxy_endpoint, bookmark, rdp, mcp, mcp_portal.'
    type: bool
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
  session_duration:
    description:
    - Session length of the policy (Go duration).
    - 'Applies to types: self_hosted, saas, ssh, vnc, app_launcher, warp, biso, proxy_endpoint, bookmark, rdp, mcp, mcp_portal.'
    - A Go duration, for example V(30m), V(24h) or V(2h45m).
    - When not set, Cloudflare uses V(24h).
    type: str
    # END GENERATED OPTIONS
notes:
  - Reusable policies exist at account level only.
'''

EXAMPLES = r'''
- name: Engineers, with a security key, from anywhere but one country
  zerotrust.cloudflare.access_policy:
    name: Engineers
    decision: allow
    include:
      - email_domain:
          domain: example.com
    require:
      - auth_method:
          auth_method: hwk
    exclude:
      - geo:
          country_code: KP
    session_duration: 12h
  register: engineers

- name: Link it to an application
  zerotrust.cloudflare.access_application:
    name: Grafana
    type: self_hosted
    domain: grafana.example.com
    policies:
      - id: "{{ engineers.policy.id }}"

- name: Delete it, detaching it from the applications that use it
  zerotrust.cloudflare.access_policy:
    name: Engineers
    state: absent
    detach: true
'''

RETURN = r'''
policy:
  description: The policy after the task (in check mode - as it would be). Empty after deletion.
  returned: always
  type: dict
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
  sample:
    id: f1a4c2f0-7c1e-4c35-9c36-6c1d7a0e7d11
    name: Engineers
    decision: allow
    include:
      - email_domain:
          domain: example.com
    reusable: true
    app_count: 1
detached_from:
  description: Ids of the applications the policy was removed from (O(detach=true)).
  returned: when O(state=absent) and the policy existed
  type: list
  elements: str
'''

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _schema
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._access_policy import run_module
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._module import CloudflareModule


def main():
    argument_spec = _schema.argument_spec(_schema.POLICY_FIELDS)
    argument_spec.update(
        state=dict(type='str', choices=['present', 'absent'], default='present'),
        policy_id=dict(type='str'),
        detach=dict(type='bool', default=False),
    )
    run_module(CloudflareModule(argument_spec, zone_scope=False, supports_check_mode=True,
                                required_one_of=[('name', 'policy_id')]))


if __name__ == '__main__':
    main()
