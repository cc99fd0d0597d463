#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: access_application
short_description: Manage Cloudflare Zero Trust Access applications of every type
version_added: 0.1.0
description:
  - Create, update, adopt and delete Cloudflare Access applications of all 13 creatable types (self_hosted, saas,
    ssh, vnc, rdp, infrastructure, bookmark, mcp, mcp_portal, app_launcher, warp, biso, proxy_endpoint).
    C(dash_sso) applications can be adopted and read, not created.
  - Options are the API's field names. An option that is not set is not managed; the rest of the application
    (fields set in the dashboard, or by other tools) is kept, because each update reads the application, merges
    the options over it and writes the whole object back.
  - Idempotent - what the task sets is compared with the application as Cloudflare normalises it (server defaults,
    sorted tags, C(/32) on IP rules, expanded reusable policies, ...). A rerun sends no write request.
  - The application is found by O(app_id); else, for C(app_launcher), C(warp) and C(biso) (one per account), by O(type);
    else by O(name) (with O(domain) to tell same-named applications apart). It is never picked at random - when
    several match, the task fails and lists their ids.
  - Every option is checked against the chosen O(type) before any API call; an option that the type does not have
    is refused with the names of the types that have it.
  - Other Access objects may be given by name instead of id - reusable policies (O(policies[].name) with nothing but
    O(policies[].precedence) beside it), identity providers (O(allowed_idps) and every rule field that holds an
    identity provider id; a value that is not a UUID is a name), Access groups (C(group.name) in rules) and service
    tokens (C(service_token.name) in rules). Each kind that is named costs one list request; a name that matches no
    object or several is an error that names the option and the candidates, before any write. The comparison is on
    the ids the names stand for.
  - The tags that O(tags) names and that do not exist yet are created first (one request each); in check mode they
    are reported in RV(created_tags) and not created.
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
      - V(present) creates or updates the application, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  app_id:
    description:
      - UUID of the application. Selects it exactly, also when names are not unique, and allows renaming it.
    type: str
  update_secrets:
    description:
      - Secrets (SCIM credentials, OIDC client secret) are write-only - the API never returns them, so they cannot be
        compared.
      - V(on_create) sends them when the application is created (and when the SCIM authentication scheme changes);
        reruns report no change.
      - V(always) sends them on every run, which then always reports a change.
    type: str
    choices: [always, on_create]
    default: on_create
  allow_recreate:
    description:
      - Allow changing O(type) of an existing application, which deletes and re-creates it with a new id and a new
        C(aud) (services that validate the Access JWT audience must be updated).
    type: bool
    default: false
  force:
    description:
      - Allow O(state=absent) on an account singleton (app_launcher, warp, biso), which turns the feature off.
    type: bool
    default: false
    # BEGIN GENERATED OPTIONS: tools/generate_docs.py from module_utils/_schema.py
  allow_authenticate_via_warp:
    description:
    - Let a WARP session satisfy authentication (overrides the organization setting).
    - 'Applies to types: self_hosted, ssh, vnc, rdp, mcp, mcp_portal.'
    - 'At zone scope: not accepted.'
    type: bool
  allow_iframe:
    description:
    - Allow the application to be embedded in an iframe.
    - 'Applies to types: self_hosted, ssh, vnc, rdp.'
    - 'At zone scope: self_hosted, ssh, vnc.'
    type: bool
  allowed_idps:
    description:
    - UUIDs or names of the identity providers users may log in with (all when empty); a value that is not a UUID is a name,
      resolved to its id.
    - 'Applies to types: self_hosted, ssh, vnc, rdp, saas, app_launcher, warp, biso, proxy_endpoint, mcp, mcp_portal.'
    - 'At zone scope: self_hosted, ssh, vnc, saas, app_launcher, warp, biso.'
    - Order does not matter.
    elements: str
    type: list
  app_launcher_logo_url:
    description:
    - URL of the logo shown in the App Launcher.
    - 'Applies to types: app_launcher.'
    - 'At zone scope: not accepted.'
    - An absolute http(s) URL.
    type: str
  app_launcher_visible:
    description:
    - Show the application in the App Launcher.
    - 'Applies to types: self_hosted, ssh, vnc, rdp, saas, bookmark.'
    - 'At zone scope: self_hosted, ssh, vnc, saas, bookmark.'
    - When not set, Cloudflare uses V(true).
    type: bool
  auto_redirect_to_identity:
    description:
    - Skip the identity provider selection (needs exactly one I(allowed_idps)).
    - 'Applies to types: self_hosted, ssh, vnc, rdp, saas, app_launcher, warp, biso, proxy_endpoint, mcp, mcp_portal.'
    - 'At zone scope: self_hosted, ssh, vnc, saas, app_launcher, warp, biso.'
    - When not set, Cloudflare uses V(false).
    type: bool
  bg_color:
    description:
    - Background colour of the App Launcher, e.g. C(#ff0000).
    - 'Applies to types: app_launcher.'
    - 'At zone scope: not accepted.'
    type: str
  cors_headers:
    description:
    - CORS settings.
    - 'Applies to types: self_hosted, ssh, vnc, rdp.'
    - 'At zone scope: self_hosted, ssh, vnc.'
    suboptions:
      allow_all_headers:
        description:
        - Allow all HTTP request headers.
        type: bool
      allow_all_methods:
        description:
        - Allow all HTTP request methods.
        type: bool
      allow_all_origins:
        description:
        - Allow all origins.
        type: bool
      allow_credentials:
        description:
        - Allow credentials (cannot be combined with I(allow_all_origins)).
        type: bool
      allowed_headers:
        description:
        - Allowed HTTP request headers.
        - Order does not matter.
        elements: str
        type: list
      allowed_methods:
        choices:
        - GET
        - POST
        - HEAD
        - PUT
        - DELETE
        - CONNECT
        - OPTIONS
        - TRACE
        - PATCH
        description:
        - Allowed HTTP request methods.
        - Order does not matter.
        elements: str
        type: list
      allowed_origins:
        description:
        - Allowed origins.
        - Order does not matter.
        elements: str
        type: list
      max_age:
        description:
        - Seconds a preflight may be cached (-1 to 86400).
        type: float
    type: dict
  custom_deny_message:
    description:
    - Message shown when access is denied.
    - 'Applies to types: self_hosted, ssh, vnc, rdp, mcp, mcp_portal.'
    - 'At zone scope: self_hosted, ssh, vnc.'
    type: str
  custom_deny_url:
    description:
    - URL users are sent to when access is denied.
    - 'Applies to types: self_hosted, ssh, vnc, rdp, app_launcher, warp, biso, proxy_endpoint, mcp, mcp_portal.'
    - 'At zone scope: self_hosted, ssh, vnc.'
    - An absolute http(s) URL.
    type: str
  custom_non_identity_deny_url:
    description:
    - URL non-identity requests are sent to when access is denied.
    - 'Applies to types: self_hosted, ssh, vnc, rdp, app_launcher, warp, biso, proxy_endpoint, mcp, mcp_portal.'
    - 'At zone scope: not accepted.'
    - An absolute http(s) URL.
    type: str
  custom_pages:
    description:
    - UIDs of custom pages.
    - 'Applies to types: self_hosted, ssh, vnc, rdp, saas, app_launcher, warp, biso, proxy_endpoint, mcp, mcp_portal.'
    - 'At zone scope: not accepted.'
    - Order does not matter.
    elements: str
    type: list
  destinations:
    description:
    - Destinations secured by the application, in order. Replaces I(self_hosted_domains).
    - 'Applies to types: self_hosted, ssh, vnc, rdp, mcp, mcp_portal.'
    - 'At zone scope: not accepted.'
    - When not set, Cloudflare uses V([]).
    - The options that apply depend on its C(type); others are refused.
    elements: dict
    suboptions:
      cidr:
        description:
        - (private) CIDR range of the destination; a single IP becomes a C(/32).
        - An IPv4 or IPv6 address or CIDR range.
        type: str
      hostname:
        description:
        - (private) Hostname of the destination.
        type: str
      l4_protocol:
        choices:
        - tcp
        - udp
        description:
        - (private) Layer 4 protocol (all when omitted).
        type: str
      mcp_server_id:
        description:
        - (via_mcp_server_portal) ID of the MCP server.
        type: str
      port_range:
        description:
        - (private) Port or port range, e.g. C(80) or C(80-90) (all when omitted).
        - A port or a port range from 1 to 65535.
        type: str
      type:
        choices:
        - public
        - private
        - via_mcp_server_portal
        - worker
        - preview_worker
        - all_workers
        - all_preview_workers
        description:
        - Kind of destination (C(public) when omitted).
        type: str
      uri:
        description:
        - (public) Hostname and optional path, e.g. C(app.example.com/admin).
        type: str
      vnet_id:
        description:
        - (private) Virtual network UUID (all when omitted).
        type: str
      worker_id:
        description:
        - (worker, preview_worker) ID of the Worker.
        type: str
    type: list
  domain:
    description:
    - Primary hostname and path protected by the application (the bookmark URL for bookmarks). Server-set for app_launcher,
      warp and biso.
    - 'Applies to types: self_hosted, ssh, vnc, rdp, proxy_endpoint, bookmark, mcp_portal, app_launcher, warp, biso.'
    - 'At zone scope: self_hosted, ssh, vnc, bookmark, app_launcher, warp, biso.'
    - 'Required to create types: self_hosted, ssh, vnc, rdp.'
    - 'Set by Cloudflare (cannot be given) for types: app_launcher, warp, biso.'
    type: str
  eager_redirect_cookie_setting:
    description:
    - Set the redirect cookie eagerly.
    - 'Applies to types: self_hosted, ssh, vnc, rdp.'
    - 'At zone scope: self_hosted, ssh, vnc.'
    - When not set, Cloudflare uses V(true).
    type: bool
  enable_binding_cookie:
    description:
    - Turn on the binding cookie.
    - 'Applies to types: self_hosted, ssh, vnc, rdp.'
    - 'At zone scope: self_hosted, ssh, vnc.'
    - When not set, Cloudflare uses V(false).
    type: bool
  footer_links:
    description:
    - Links in the App Launcher footer, in order.
    - 'Applies to types: app_launcher.'
    - 'At zone scope: not accepted.'
    elements: dict
    suboptions:
      name:
        description:
        - Text of the link.
        required: true
        type: str
      url:
        description:
        - URL of the link.
        - An absolute http(s) URL.
        required: true
        type: str
    type: list
  header_bg_color:
    description:
    - Header background colour of the App Launcher.
    - 'Applies to types: app_launcher.'
    - 'At zone scope: not accepted.'
    type: str
  http_only_cookie_attribute:
    description:
    - Set the HttpOnly attribute on the cookie.
    - 'Applies to types: self_hosted, ssh, vnc, rdp, mcp, mcp_portal.'
    - 'At zone scope: self_hosted, ssh, vnc.'
    - When not set, Cloudflare uses V(true).
    type: bool
  landing_page_design:
    description:
    - Design of the App Launcher landing page.
    - 'Applies to types: app_launcher.'
    - 'At zone scope: not accepted.'
    suboptions:
      button_color:
        description:
        - Colour of the button, e.g. C(#ff0000).
        type: str
      button_text_color:
        description:
        - Colour of the button text.
        type: str
      image_url:
        description:
        - URL of the image.
        - An absolute http(s) URL.
        type: str
      message_text:
        description:
        - Message shown.
        - The API calls it C(message).
        type: str
      title:
        description:
        - Title shown.
        - When not set, Cloudflare uses V(Welcome!).
        type: str
    type: dict
  logo_url:
    description:
    - URL of the application logo.
    - 'Applies to types: self_hosted, ssh, vnc, rdp, saas, bookmark, mcp, mcp_portal.'
    - 'At zone scope: self_hosted, ssh, vnc, saas, bookmark.'
    - An absolute http(s) URL.
    type: str
  mfa_config:
    description:
    - MFA settings of the application.
    - 'Applies to types: self_hosted, ssh, vnc, rdp.'
    - 'At zone scope: not accepted.'
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
    - Name of the application. Identifies the application when I(app_id) is not given. Server-set for app_launcher, warp and
      biso.
    - 'At zone scope: self_hosted, saas, ssh, vnc, app_launcher, warp, biso, bookmark.'
    - 'Set by Cloudflare (cannot be given) for types: app_launcher, warp, biso.'
    type: str
  oauth_configuration:
    description:
    - OAuth settings (beta).
    - 'Applies to types: self_hosted, ssh, vnc, rdp, mcp, mcp_portal.'
    - 'At zone scope: not accepted.'
    suboptions:
      dynamic_client_registration:
        description:
        - Dynamic client registration.
        suboptions:
          allow_any_on_localhost:
            description:
            - Allow any redirect URI on localhost.
            type: bool
          allow_any_on_loopback:
            description:
            - Allow any redirect URI on loopback addresses.
            type: bool
          allowed_uris:
            description:
            - Allowed redirect URIs.
            - Order does not matter.
            elements: str
            type: list
          enabled:
            description:
            - Turn dynamic client registration on.
            type: bool
        type: dict
      enabled:
        description:
        - Turn OAuth on.
        - When not set, Cloudflare uses V(true).
        type: bool
      grant:
        description:
        - Grant settings.
        suboptions:
          access_token_lifetime:
            description:
            - Lifetime of access tokens (Go duration).
            - A Go duration, for example V(30m), V(24h) or V(2h45m).
            type: str
          session_duration:
            description:
            - Session length (Go duration).
            - A Go duration, for example V(30m), V(24h) or V(2h45m).
            type: str
        type: dict
    type: dict
  options_preflight_bypass:
    description:
    - Let OPTIONS preflight requests through (cannot be combined with I(cors_headers)).
    - 'Applies to types: self_hosted, ssh, vnc, rdp, mcp, mcp_portal.'
    - 'At zone scope: self_hosted, ssh, vnc.'
    type: bool
  path_cookie_attribute:
    description:
    - Scope the cookie to the application path.
    - 'Applies to types: self_hosted, ssh, vnc, rdp.'
    - 'At zone scope: not accepted.'
    - When not set, Cloudflare uses V(false).
    type: bool
  policies:
    description:
    - 'Policies of the application, in ascending order of precedence: links to reusable policies (C(id), or C(name) alone: the
      reusable policy of that name, with optional C(precedence)) or inline policies (C(name), C(decision), C(include) ...).
      The two kinds cannot be mixed. Infrastructure applications take inline policies only. When omitted, the policies are not
      managed.'
    - 'At zone scope: not accepted.'
    elements: dict
    suboptions:
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
            - 'Applies to types: self_hosted, saas, ssh, vnc, app_launcher, warp, biso, proxy_endpoint, bookmark, rdp, mcp,
              mcp_portal.'
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
      id:
        description:
        - UUID of a reusable policy to link, or of an existing policy of this application.
        - 'Applies to types: self_hosted, saas, ssh, vnc, app_launcher, warp, biso, proxy_endpoint, bookmark, rdp, mcp, mcp_portal.'
        - At most 36 characters.
        type: str
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
        - Name of the policy (inline policies); with only C(precedence) beside it, the name of a reusable policy to link.
        type: str
      precedence:
        description:
        - 'Order of evaluation, unique in the application (default: position in the list, from 1).'
        - 'Applies to types: self_hosted, saas, ssh, vnc, app_launcher, warp, biso, proxy_endpoint, bookmark, rdp, mcp, mcp_portal.'
        type: int
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
    type: list
  read_service_tokens_from_header:
    description:
    - Name of a header carrying the service token credentials as JSON.
    - 'Applies to types: self_hosted, ssh, vnc, rdp.'
    - 'At zone scope: not accepted.'
    type: str
  saas_app:
    description:
    - SaaS application settings (SAML or OIDC).
    - 'Applies to types: saas.'
    - 'At zone scope: saas.'
    - The options that apply depend on its C(auth_type); others are refused.
    suboptions:
      access_token_lifetime:
        description:
        - (oidc) Lifetime of access tokens (Go duration, C(5m) when omitted).
        - A Go duration, for example V(30m), V(24h) or V(2h45m).
        type: str
      allow_pkce_without_client_secret:
        description:
        - (oidc) Allow PKCE flows without the client secret.
        type: bool
      app_launcher_url:
        description:
        - (oidc) URL the App Launcher opens.
        type: str
      auth_type:
        choices:
        - saml
        - oidc
        description:
        - Protocol of the SaaS application (C(saml) when omitted).
        type: str
      client_id:
        description:
        - (oidc) Client ID (generated by Cloudflare).
        type: str
      client_secret:
        description:
        - (oidc) Client secret. Generated by Cloudflare and returned only once, when the application is created.
        - 'Write-only secret: never returned by the API, never shown, never compared.'
        type: str
      consumer_service_url:
        description:
        - (saml) Assertion consumer service URL of the service provider.
        type: str
      custom_attributes:
        description:
        - (saml) Extra attributes sent in the SAML assertion.
        elements: dict
        suboptions:
          friendly_name:
            description:
            - Friendly name of the attribute.
            type: str
          name:
            description:
            - Name of the attribute.
            type: str
          name_format:
            choices:
            - urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified
            - urn:oasis:names:tc:SAML:2.0:attrname-format:basic
            - urn:oasis:names:tc:SAML:2.0:attrname-format:uri
            description:
            - Format of the name.
            type: str
          required:
            description:
            - The attribute is required.
            type: bool
          source:
            description:
            - Where the value comes from.
            suboptions:
              name:
                description:
                - Name of the IdP attribute.
                type: str
              name_by_idp:
                description:
                - Per identity provider attribute names.
                elements: dict
                suboptions:
                  idp_id:
                    description:
                    - UUID of the identity provider.
                    type: str
                  source_name:
                    description:
                    - Name of the attribute at that identity provider.
                    type: str
                type: list
            type: dict
        type: list
      custom_claims:
        description:
        - (oidc) Extra claims in the ID token.
        elements: dict
        suboptions:
          name:
            description:
            - Name of the claim.
            type: str
          required:
            description:
            - The claim is required.
            type: bool
          scope:
            choices:
            - groups
            - profile
            - email
            - openid
            description:
            - Scope the claim belongs to.
            type: str
          source:
            description:
            - Where the value comes from.
            suboptions:
              name:
                description:
                - Name of the IdP claim.
                type: str
              name_by_idp:
                description:
                - Map of identity provider UUID to claim name.
                type: dict
            type: dict
        type: list
      default_relay_state:
        description:
        - (saml) Relay state sent with IdP-initiated logins.
        type: str
      grant_types:
        choices:
        - authorization_code
        - authorization_code_with_pkce
        - refresh_tokens
        - hybrid
        - implicit
        description:
        - (oidc) Grant types.
        - Order does not matter.
        elements: str
        type: list
      group_filter_regex:
        description:
        - (oidc) Regular expression that filters the groups claim.
        type: str
      hybrid_and_implicit_options:
        description:
        - (oidc) Hybrid and implicit flow options.
        suboptions:
          return_access_token_from_authorization_endpoint:
            description:
            - Return the access token from the authorization endpoint.
            type: bool
          return_id_token_from_authorization_endpoint:
            description:
            - Return the ID token from the authorization endpoint.
            type: bool
        type: dict
      idp_entity_id:
        description:
        - (saml) Entity ID of the IdP (computed by Cloudflare when omitted).
        type: str
      name_id_format:
        choices:
        - id
        - email
        description:
        - (saml) Format of the NameID.
        type: str
      name_id_transform_jsonata:
        description:
        - (saml) JSONata expression that computes the NameID.
        type: str
      public_key:
        description:
        - Public key of the IdP (computed by Cloudflare when omitted).
        type: str
      redirect_uris:
        description:
        - (oidc) Allowed redirect URIs. Required for OIDC.
        - Order does not matter.
        elements: str
        type: list
      refresh_token_options:
        description:
        - (oidc) Refresh token options.
        suboptions:
          lifetime:
            description:
            - Lifetime of refresh tokens (Go duration).
            - A Go duration, for example V(30m), V(24h) or V(2h45m).
            type: str
        type: dict
      saml_attribute_transform_jsonata:
        description:
        - (saml) JSONata expression that transforms the attributes.
        type: str
      scopes:
        choices:
        - openid
        - groups
        - email
        - profile
        description:
        - (oidc) Scopes.
        - Order does not matter.
        elements: str
        type: list
      sp_entity_id:
        description:
        - (saml) Entity ID of the service provider.
        type: str
      sso_endpoint:
        description:
        - (saml) SSO endpoint of the IdP (computed by Cloudflare when omitted).
        type: str
    type: dict
  same_site_cookie_attribute:
    description:
    - SameSite attribute of the cookie, e.g. C(strict), C(lax) or C(none).
    - 'Applies to types: self_hosted, ssh, vnc, rdp, mcp, mcp_portal.'
    - 'At zone scope: self_hosted, ssh, vnc.'
    type: str
  scim_config:
    description:
    - SCIM provisioning settings (beta). Because the API needs the SCIM secret on every update, this is only sent when the secret
      is given.
    - 'Applies to types: self_hosted, ssh, vnc, rdp, saas, mcp, mcp_portal.'
    - 'At zone scope: self_hosted, saas, ssh, vnc, app_launcher, warp, biso, bookmark.'
    suboptions:
      authentication:
        description:
        - 'How Cloudflare authenticates to the SCIM API: one scheme, or several. Secrets are write-only: see I(update_secrets).'
        - One item is sent as a single object.
        - The options that apply depend on its C(scheme); others are refused.
        elements: dict
        suboptions:
          authorization_url:
            description:
            - (oauth2) Authorization URL.
            - An absolute http(s) URL.
            type: str
          client_id:
            description:
            - (oauth2, access_service_token) Client ID.
            type: str
          client_secret:
            description:
            - (oauth2, access_service_token) Client secret.
            - 'Write-only secret: never returned by the API, never shown, never compared.'
            type: str
          password:
            description:
            - (httpbasic) Password.
            - 'Write-only secret: never returned by the API, never shown, never compared.'
            type: str
          scheme:
            choices:
            - httpbasic
            - oauthbearertoken
            - oauth2
            - access_service_token
            description:
            - Authentication scheme.
            required: true
            type: str
          scopes:
            description:
            - (oauth2) Scopes.
            - Order does not matter.
            elements: str
            type: list
          token:
            description:
            - (oauthbearertoken) Bearer token.
            - 'Write-only secret: never returned by the API, never shown, never compared.'
            type: str
          token_url:
            description:
            - (oauth2) Token URL.
            - An absolute http(s) URL.
            type: str
          user:
            description:
            - (httpbasic) User name.
            type: str
        type: list
      deactivate_on_delete:
        description:
        - Only deactivate (not delete) resources removed at the source.
        type: bool
      enabled:
        description:
        - Turn SCIM provisioning on.
        type: bool
      idp_uid:
        description:
        - UID of the identity provider that is the source of SCIM resources.
        required: true
        type: str
      mappings:
        description:
        - Transformations and filters applied before provisioning.
        elements: dict
        suboptions:
          enabled:
            description:
            - Turn the mapping on.
            type: bool
          filter:
            description:
            - SCIM filter expression.
            type: str
          operations:
            description:
            - Operations that are propagated.
            suboptions:
              create:
                description:
                - Propagate creations.
                type: bool
              delete:
                description:
                - Propagate deletions.
                type: bool
              update:
                description:
                - Propagate updates.
                type: bool
            type: dict
          schema:
            description:
            - SCIM schema URN the mapping applies to.
            required: true
            type: str
          strictness:
            choices:
            - strict
            - passthrough
            description:
            - How strictly the schema is applied.
            type: str
          transform_jsonata:
            description:
            - JSONata expression that transforms the resource.
            type: str
        type: list
      remote_uri:
        description:
        - Base URI of the application's SCIM API.
        - An absolute http(s) URL.
        required: true
        type: str
    type: dict
  self_hosted_domains:
    description:
    - 'Deprecated: use I(destinations). Public hostnames of the application.'
    - 'Applies to types: self_hosted, ssh, vnc, rdp.'
    - 'At zone scope: not accepted.'
    - Order does not matter.
    - Deprecated by Cloudflare. Replaced by destinations.
    elements: str
    type: list
  service_auth_401_redirect:
    description:
    - Answer 401 instead of redirecting service-token requests that fail.
    - 'Applies to types: self_hosted, ssh, vnc, rdp.'
    - 'At zone scope: self_hosted, ssh, vnc.'
    type: bool
  session_duration:
    description:
    - Session length (Go duration, e.g. C(24h), C(30m)).
    - 'Applies to types: self_hosted, ssh, vnc, rdp, app_launcher, warp, biso, proxy_endpoint, mcp, mcp_portal.'
    - 'At zone scope: self_hosted, ssh, vnc, app_launcher, warp, biso.'
    - A Go duration, for example V(30m), V(24h) or V(2h45m).
    - When not set, Cloudflare uses V(24h).
    type: str
  skip_app_launcher_login_page:
    description:
    - Skip the App Launcher login page.
    - 'Applies to types: app_launcher.'
    - 'At zone scope: not accepted.'
    - When not set, Cloudflare uses V(false).
    type: bool
  skip_interstitial:
    description:
    - Skip the interstitial page for non-browser clients.
    - 'Applies to types: self_hosted, ssh, vnc, rdp.'
    - 'At zone scope: self_hosted, ssh, vnc.'
    type: bool
  tags:
    description:
    - Tag names of the application.
    - 'Applies to types: self_hosted, ssh, vnc, rdp, saas, bookmark, mcp, mcp_portal.'
    - 'At zone scope: not accepted.'
    - Order does not matter.
    - When not set, Cloudflare uses V([]).
    elements: str
    type: list
  target_criteria:
    description:
    - 'Targets the application secures (infrastructure: SSH, rdp: RDP).'
    - 'Applies to types: infrastructure, rdp.'
    - 'At zone scope: not accepted.'
    - 'Required to create types: infrastructure, rdp.'
    - Order does not matter.
    elements: dict
    suboptions:
      port:
        description:
        - Port of the targets.
        required: true
        type: int
      protocol:
        choices:
        - SSH
        - RDP
        description:
        - 'Protocol: C(SSH) for infrastructure, C(RDP) for rdp applications.'
        - 'For rdp: RDP.'
        - 'For infrastructure: SSH.'
        required: true
        type: str
      target_attributes:
        description:
        - Map of target attribute (e.g. C(hostname)) to a list of accepted values.
        required: true
        type: dict
    type: list
  type:
    choices:
    - self_hosted
    - saas
    - ssh
    - vnc
    - app_launcher
    - warp
    - biso
    - proxy_endpoint
    - bookmark
    - infrastructure
    - rdp
    - mcp
    - mcp_portal
    - dash_sso
    description:
    - The application type. Required to create; when the application exists it must match.
    - 'At zone scope: self_hosted, saas, ssh, vnc, app_launcher, warp, biso, bookmark.'
    - 'Required to create types: self_hosted, saas, ssh, vnc, app_launcher, warp, biso, proxy_endpoint, bookmark, infrastructure,
      rdp, mcp, mcp_portal.'
    type: str
  use_clientless_isolation_app_launcher_url:
    description:
    - Open the application in Browser Isolation from the App Launcher.
    - 'Applies to types: self_hosted, ssh, vnc, rdp.'
    - 'At zone scope: self_hosted, ssh, vnc.'
    - When not set, Cloudflare uses V(false).
    type: bool
    # END GENERATED OPTIONS
notes:
  - Cloudflare keeps the policies of an application when an update does not mention them, so a task without
    O(policies) never detaches policies. O(policies=[]) detaches all of them.
  - O(self_hosted_domains) is deprecated by Cloudflare; it is converted to public O(destinations) with a warning.
seealso:
  - module: zerotrust.cloudflare.access_application_info
  - module: zerotrust.cloudflare.access_policy
  - name: Cloudflare Access applications API
    description: The API this module uses.
    link: https://developers.cloudflare.com/api/resources/zero_trust/subresources/access/subresources/applications/
'''

EXAMPLES = r'''
- name: Protect an internal dashboard with a reusable policy
  zerotrust.cloudflare.access_application:
    name: Grafana
    type: self_hosted
    domain: grafana.example.com
    session_duration: 8h
    tags: [observability]
    policies:
      - id: "{{ engineers_policy_id }}"

- name: Refer to other Access objects by name (tags that do not exist yet are created first)
  zerotrust.cloudflare.access_application:
    name: Kibana
    type: self_hosted
    domain: kibana.example.com
    tags: [observability, logs]
    allowed_idps: [GitHub]                # identity providers by name
    policies:
      - name: Engineers                   # the reusable policy of that name

- name: A self-hosted application with several destinations and an inline policy
  zerotrust.cloudflare.access_application:
    name: Internal wiki
    type: self_hosted
    domain: wiki.example.com
    destinations:
      - type: public
        uri: wiki.example.com
      - type: private
        hostname: wiki.internal
        port_range: "443"
        l4_protocol: tcp
    cors_headers:
      allowed_origins: [https://portal.example.com]
      allowed_methods: [GET, POST]
      max_age: 600
    policies:
      - name: Staff from the office
        decision: allow
        include:
          - email_domain:
              domain: example.com
        require:
          - ip:
              ip: 192.0.2.0/24

- name: A SAML SaaS application
  zerotrust.cloudflare.access_application:
    name: Payroll
    type: saas
    saas_app:
      auth_type: saml
      sp_entity_id: https://payroll.example.net/saml
      consumer_service_url: https://payroll.example.net/saml/acs
      name_id_format: email

- name: An OIDC SaaS application; the client secret is returned once, on creation
  zerotrust.cloudflare.access_application:
    name: Wiki OIDC
    type: saas
    saas_app:
      auth_type: oidc
      redirect_uris: [https://wiki.example.net/oauth/callback]
      grant_types: [authorization_code_with_pkce]
      scopes: [openid, email, profile]
  register: oidc_app
  no_log: true

- name: SSH access to servers by target attributes (infrastructure)
  zerotrust.cloudflare.access_application:
    name: Production SSH
    type: infrastructure
    target_criteria:
      - port: 22
        protocol: SSH
        target_attributes:
          hostname: [db-1, db-2]
    policies:
      - name: DBAs
        decision: allow
        include:
          - email:
              email: dba@example.com
        connection_rules:
          ssh:
            usernames: [postgres]

- name: Customise the App Launcher (one per account, found by type)
  zerotrust.cloudflare.access_application:
    type: app_launcher
    session_duration: 12h
    landing_page_design:
      title: Welcome to Example Corp
    footer_links:
      - name: Help desk
        url: https://help.example.com

- name: Show what would change, without changing anything
  zerotrust.cloudflare.access_application:
    name: Grafana
    type: self_hosted
    session_duration: 4h
  check_mode: true
  diff: true

- name: Delete an application
  zerotrust.cloudflare.access_application:
    name: Payroll
    type: saas
    state: absent
'''

RETURN = r'''
application:
  description:
    - The application as Cloudflare holds it after the task (in check mode - as it would be). Empty after deletion.
    - Write-only secrets are never included, except C(saas_app.client_secret) of an OIDC application, which Cloudflare
      returns only once and which is therefore returned by the task that creates the application - protect it with
      C(no_log) and store it.
    - Which fields it has depends on its C(type) (see the options of the same names).
  returned: always
  type: dict
  contains:
    # BEGIN GENERATED CONTAINS: tools/generate_docs.py from module_utils/_schema.py
    allow_authenticate_via_warp:
      description:
      - Let a WARP session satisfy authentication (overrides the organization setting).
      - 'Types that have it: self_hosted, ssh, vnc, rdp, mcp, mcp_portal.'
      returned: when set
      type: bool
    allow_iframe:
      description:
      - Allow the application to be embedded in an iframe.
      - 'Types that have it: self_hosted, ssh, vnc, rdp.'
      returned: when set
      type: bool
    allowed_idps:
      description:
      - UUIDs or names of the identity providers users may log in with (all when empty); a value that is not a UUID is a name,
        resolved to its id.
      - 'Types that have it: self_hosted, ssh, vnc, rdp, saas, app_launcher, warp, biso, proxy_endpoint, mcp, mcp_portal.'
      elements: str
      returned: when set
      type: list
    app_launcher_logo_url:
      description:
      - URL of the logo shown in the App Launcher.
      - 'Types that have it: app_launcher.'
      returned: when set
      type: str
    app_launcher_visible:
      description:
      - Show the application in the App Launcher.
      - 'Types that have it: self_hosted, ssh, vnc, rdp, saas, bookmark.'
      returned: when set
      type: bool
    aud:
      description: Audience tag of the application (the C(aud) claim of its JSON Web Tokens).
      returned: success
      type: str
    auto_redirect_to_identity:
      description:
      - Skip the identity provider selection (needs exactly one I(allowed_idps)).
      - 'Types that have it: self_hosted, ssh, vnc, rdp, saas, app_launcher, warp, biso, proxy_endpoint, mcp, mcp_portal.'
      returned: when set
      type: bool
    bg_color:
      description:
      - Background colour of the App Launcher, e.g. C(#ff0000).
      - 'Types that have it: app_launcher.'
      returned: when set
      type: str
    cors_headers:
      contains:
        allow_all_headers:
          description:
          - Allow all HTTP request headers.
          returned: when set
          type: bool
        allow_all_methods:
          description:
          - Allow all HTTP request methods.
          returned: when set
          type: bool
        allow_all_origins:
          description:
          - Allow all origins.
          returned: when set
          type: bool
        allow_credentials:
          description:
          - Allow credentials (cannot be combined with I(allow_all_origins)).
          returned: when set
          type: bool
        allowed_headers:
          description:
          - Allowed HTTP request headers.
          elements: str
          returned: when set
          type: list
        allowed_methods:
          description:
          - Allowed HTTP request methods.
          elements: str
          returned: when set
          type: list
        allowed_origins:
          description:
          - Allowed origins.
          elements: str
          returned: when set
          type: list
        max_age:
          description:
          - Seconds a preflight may be cached (-1 to 86400).
          returned: when set
          type: float
      description:
      - CORS settings.
      - 'Types that have it: self_hosted, ssh, vnc, rdp.'
      returned: when set
      type: dict
    created_at:
      description: When the object was created (RFC 3339).
      returned: success
      type: str
    custom_deny_message:
      description:
      - Message shown when access is denied.
      - 'Types that have it: self_hosted, ssh, vnc, rdp, mcp, mcp_portal.'
      returned: when set
      type: str
    custom_deny_url:
      description:
      - URL users are sent to when access is denied.
      - 'Types that have it: self_hosted, ssh, vnc, rdp, app_launcher, warp, biso, proxy_endpoint, mcp, mcp_portal.'
      returned: when set
      type: str
    custom_non_identity_deny_url:
      description:
      - URL non-identity requests are sent to when access is denied.
      - 'Types that have it: self_hosted, ssh, vnc, rdp, app_launcher, warp, biso, proxy_endpoint, mcp, mcp_portal.'
      returned: when set
      type: str
    custom_pages:
      description:
      - UIDs of custom pages.
      - 'Types that have it: self_hosted, ssh, vnc, rdp, saas, app_launcher, warp, biso, proxy_endpoint, mcp, mcp_portal.'
      elements: str
      returned: when set
      type: list
    destinations:
      contains:
        cidr:
          description:
          - (private) CIDR range of the destination; a single IP becomes a C(/32).
          returned: when set
          type: str
        hostname:
          description:
          - (private) Hostname of the destination.
          returned: when set
          type: str
        l4_protocol:
          description:
          - (private) Layer 4 protocol (all when omitted).
          returned: when set
          type: str
        mcp_server_id:
          description:
          - (via_mcp_server_portal) ID of the MCP server.
          returned: when set
          type: str
        port_range:
          description:
          - (private) Port or port range, e.g. C(80) or C(80-90) (all when omitted).
          returned: when set
          type: str
        type:
          description:
          - Kind of destination (C(public) when omitted).
          returned: when set
          type: str
        uri:
          description:
          - (public) Hostname and optional path, e.g. C(app.example.com/admin).
          returned: when set
          type: str
        vnet_id:
          description:
          - (private) Virtual network UUID (all when omitted).
          returned: when set
          type: str
        worker_id:
          description:
          - (worker, preview_worker) ID of the Worker.
          returned: when set
          type: str
      description:
      - Destinations secured by the application, in order. Replaces I(self_hosted_domains).
      - 'Types that have it: self_hosted, ssh, vnc, rdp, mcp, mcp_portal.'
      elements: dict
      returned: when set
      type: list
    domain:
      description:
      - Primary hostname and path protected by the application (the bookmark URL for bookmarks). Server-set for app_launcher,
        warp and biso.
      - 'Types that have it: self_hosted, ssh, vnc, rdp, proxy_endpoint, bookmark, mcp_portal, app_launcher, warp, biso.'
      returned: when set
      type: str
    eager_redirect_cookie_setting:
      description:
      - Set the redirect cookie eagerly.
      - 'Types that have it: self_hosted, ssh, vnc, rdp.'
      returned: when set
      type: bool
    enable_binding_cookie:
      description:
      - Turn on the binding cookie.
      - 'Types that have it: self_hosted, ssh, vnc, rdp.'
      returned: when set
      type: bool
    footer_links:
      contains:
        name:
          description:
          - Text of the link.
          returned: when set
          type: str
        url:
          description:
          - URL of the link.
          returned: when set
          type: str
      description:
      - Links in the App Launcher footer, in order.
      - 'Types that have it: app_launcher.'
      elements: dict
      returned: when set
      type: list
    header_bg_color:
      description:
      - Header background colour of the App Launcher.
      - 'Types that have it: app_launcher.'
      returned: when set
      type: str
    http_only_cookie_attribute:
      description:
      - Set the HttpOnly attribute on the cookie.
      - 'Types that have it: self_hosted, ssh, vnc, rdp, mcp, mcp_portal.'
      returned: when set
      type: bool
    id:
      description: UUID of the object.
      returned: success
      type: str
    landing_page_design:
      contains:
        button_color:
          description:
          - Colour of the button, e.g. C(#ff0000).
          returned: when set
          type: str
        button_text_color:
          description:
          - Colour of the button text.
          returned: when set
          type: str
        image_url:
          description:
          - URL of the image.
          returned: when set
          type: str
        message:
          description:
          - Message shown.
          returned: when set
          type: str
        title:
          description:
          - Title shown.
          returned: when set
          type: str
      description:
      - Design of the App Launcher landing page.
      - 'Types that have it: app_launcher.'
      returned: when set
      type: dict
    logo_url:
      description:
      - URL of the application logo.
      - 'Types that have it: self_hosted, ssh, vnc, rdp, saas, bookmark, mcp, mcp_portal.'
      returned: when set
      type: str
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
      - MFA settings of the application.
      - 'Types that have it: self_hosted, ssh, vnc, rdp.'
      returned: when set
      type: dict
    name:
      description:
      - Name of the application. Identifies the application when I(app_id) is not given. Server-set for app_launcher, warp and
        biso.
      returned: when set
      type: str
    oauth_configuration:
      contains:
        dynamic_client_registration:
          contains:
            allow_any_on_localhost:
              description:
              - Allow any redirect URI on localhost.
              returned: when set
              type: bool
            allow_any_on_loopback:
              description:
              - Allow any redirect URI on loopback addresses.
              returned: when set
              type: bool
            allowed_uris:
              description:
              - Allowed redirect URIs.
              elements: str
              returned: when set
              type: list
            enabled:
              description:
              - Turn dynamic client registration on.
              returned: when set
              type: bool
          description:
          - Dynamic client registration.
          returned: when set
          type: dict
        enabled:
          description:
          - Turn OAuth on.
          returned: when set
          type: bool
        grant:
          contains:
            access_token_lifetime:
              description:
              - Lifetime of access tokens (Go duration).
              returned: when set
              type: str
            session_duration:
              description:
              - Session length (Go duration).
              returned: when set
              type: str
          description:
          - Grant settings.
          returned: when set
          type: dict
      description:
      - OAuth settings (beta).
      - 'Types that have it: self_hosted, ssh, vnc, rdp, mcp, mcp_portal.'
      returned: when set
      type: dict
    options_preflight_bypass:
      description:
      - Let OPTIONS preflight requests through (cannot be combined with I(cors_headers)).
      - 'Types that have it: self_hosted, ssh, vnc, rdp, mcp, mcp_portal.'
      returned: when set
      type: bool
    path_cookie_attribute:
      description:
      - Scope the cookie to the application path.
      - 'Types that have it: self_hosted, ssh, vnc, rdp.'
      returned: when set
      type: bool
    policies:
      contains:
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
          description:
          - UUID of a reusable policy to link, or of an existing policy of this application.
          returned: when set
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
          - Name of the policy (inline policies); with only C(precedence) beside it, the name of a reusable policy to link.
          returned: when set
          type: str
        precedence:
          description:
          - 'Order of evaluation, unique in the application (default: position in the list, from 1).'
          returned: when set
          type: int
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
        session_duration:
          description:
          - Session length of the policy (Go duration).
          returned: when set
          type: str
      description:
      - 'Policies of the application, in ascending order of precedence: links to reusable policies (C(id), or C(name) alone: the
        reusable policy of that name, with optional C(precedence)) or inline policies (C(name), C(decision), C(include) ...).
        The two kinds cannot be mixed. Infrastructure applications take inline policies only. When omitted, the policies are not
        managed.'
      elements: dict
      returned: when set
      type: list
    read_service_tokens_from_header:
      description:
      - Name of a header carrying the service token credentials as JSON.
      - 'Types that have it: self_hosted, ssh, vnc, rdp.'
      returned: when set
      type: str
    saas_app:
      contains:
        access_token_lifetime:
          description:
          - (oidc) Lifetime of access tokens (Go duration, C(5m) when omitted).
          returned: when set
          type: str
        allow_pkce_without_client_secret:
          description:
          - (oidc) Allow PKCE flows without the client secret.
          returned: when set
          type: bool
        app_launcher_url:
          description:
          - (oidc) URL the App Launcher opens.
          returned: when set
          type: str
        auth_type:
          description:
          - Protocol of the SaaS application (C(saml) when omitted).
          returned: when set
          type: str
        client_id:
          description:
          - (oidc) Client ID (generated by Cloudflare).
          returned: when set
          type: str
        client_secret:
          description:
          - (oidc) Client secret. Generated by Cloudflare and returned only once, when the application is created.
          returned: when set
          type: str
        consumer_service_url:
          description:
          - (saml) Assertion consumer service URL of the service provider.
          returned: when set
          type: str
        custom_attributes:
          contains:
            friendly_name:
              description:
              - Friendly name of the attribute.
              returned: when set
              type: str
            name:
              description:
              - Name of the attribute.
              returned: when set
              type: str
            name_format:
              description:
              - Format of the name.
              returned: when set
              type: str
            required:
              description:
              - The attribute is required.
              returned: when set
              type: bool
            source:
              contains:
                name:
                  description:
                  - Name of the IdP attribute.
                  returned: when set
                  type: str
                name_by_idp:
                  contains:
                    idp_id:
                      description:
                      - UUID of the identity provider.
                      returned: when set
                      type: str
                    source_name:
                      description:
                      - Name of the attribute at that identity provider.
                      returned: when set
                      type: str
                  description:
                  - Per identity provider attribute names.
                  elements: dict
                  returned: when set
                  type: list
              description:
              - Where the value comes from.
              returned: when set
              type: dict
          description:
          - (saml) Extra attributes sent in the SAML assertion.
          elements: dict
          returned: when set
          type: list
        custom_claims:
          contains:
            name:
              description:
              - Name of the claim.
              returned: when set
              type: str
            required:
              description:
              - The claim is required.
              returned: when set
              type: bool
            scope:
              description:
              - Scope the claim belongs to.
              returned: when set
              type: str
            source:
              contains:
                name:
                  description:
                  - Name of the IdP claim.
                  returned: when set
                  type: str
                name_by_idp:
                  description:
                  - Map of identity provider UUID to claim name.
                  returned: when set
                  type: dict
              description:
              - Where the value comes from.
              returned: when set
              type: dict
          description:
          - (oidc) Extra claims in the ID token.
          elements: dict
          returned: when set
          type: list
        default_relay_state:
          description:
          - (saml) Relay state sent with IdP-initiated logins.
          returned: when set
          type: str
        grant_types:
          description:
          - (oidc) Grant types.
          elements: str
          returned: when set
          type: list
        group_filter_regex:
          description:
          - (oidc) Regular expression that filters the groups claim.
          returned: when set
          type: str
        hybrid_and_implicit_options:
          contains:
            return_access_token_from_authorization_endpoint:
              description:
              - Return the access token from the authorization endpoint.
              returned: when set
              type: bool
            return_id_token_from_authorization_endpoint:
              description:
              - Return the ID token from the authorization endpoint.
              returned: when set
              type: bool
          description:
          - (oidc) Hybrid and implicit flow options.
          returned: when set
          type: dict
        idp_entity_id:
          description:
          - (saml) Entity ID of the IdP (computed by Cloudflare when omitted).
          returned: when set
          type: str
        name_id_format:
          description:
          - (saml) Format of the NameID.
          returned: when set
          type: str
        name_id_transform_jsonata:
          description:
          - (saml) JSONata expression that computes the NameID.
          returned: when set
          type: str
        public_key:
          description:
          - Public key of the IdP (computed by Cloudflare when omitted).
          returned: when set
          type: str
        redirect_uris:
          description:
          - (oidc) Allowed redirect URIs. Required for OIDC.
          elements: str
          returned: when set
          type: list
        refresh_token_options:
          contains:
            lifetime:
              description:
              - Lifetime of refresh tokens (Go duration).
              returned: when set
              type: str
          description:
          - (oidc) Refresh token options.
          returned: when set
          type: dict
        saml_attribute_transform_jsonata:
          description:
          - (saml) JSONata expression that transforms the attributes.
          returned: when set
          type: str
        scopes:
          description:
          - (oidc) Scopes.
          elements: str
          returned: when set
          type: list
        sp_entity_id:
          description:
          - (saml) Entity ID of the service provider.
          returned: when set
          type: str
        sso_endpoint:
          description:
          - (saml) SSO endpoint of the IdP (computed by Cloudflare when omitted).
          returned: when set
          type: str
      description:
      - SaaS application settings (SAML or OIDC).
      - 'Types that have it: saas.'
      returned: when set
      type: dict
    same_site_cookie_attribute:
      description:
      - SameSite attribute of the cookie, e.g. C(strict), C(lax) or C(none).
      - 'Types that have it: self_hosted, ssh, vnc, rdp, mcp, mcp_portal.'
      returned: when set
      type: str
    scim_config:
      contains:
        authentication:
          contains:
            authorization_url:
              description:
              - (oauth2) Authorization URL.
              returned: when set
              type: str
            client_id:
              description:
              - (oauth2, access_service_token) Client ID.
              returned: when set
              type: str
            scheme:
              description:
              - Authentication scheme.
              returned: when set
              type: str
            scopes:
              description:
              - (oauth2) Scopes.
              elements: str
              returned: when set
              type: list
            token_url:
              description:
              - (oauth2) Token URL.
              returned: when set
              type: str
            user:
              description:
              - (httpbasic) User name.
              returned: when set
              type: str
          description:
          - 'How Cloudflare authenticates to the SCIM API: one scheme, or several. Secrets are write-only: see I(update_secrets).'
          elements: dict
          returned: when set
          type: list
        deactivate_on_delete:
          description:
          - Only deactivate (not delete) resources removed at the source.
          returned: when set
          type: bool
        enabled:
          description:
          - Turn SCIM provisioning on.
          returned: when set
          type: bool
        idp_uid:
          description:
          - UID of the identity provider that is the source of SCIM resources.
          returned: when set
          type: str
        mappings:
          contains:
            enabled:
              description:
              - Turn the mapping on.
              returned: when set
              type: bool
            filter:
              description:
              - SCIM filter expression.
              returned: when set
              type: str
            operations:
              description:
              - Operations that are propagated.
              - 'Its keys: C(create), C(delete), C(update) (use brackets for those named like dict methods, e.g. C(value[''update''])).'
              returned: when set
              type: dict
            schema:
              description:
              - SCIM schema URN the mapping applies to.
              returned: when set
              type: str
            strictness:
              description:
              - How strictly the schema is applied.
              returned: when set
              type: str
            transform_jsonata:
              description:
              - JSONata expression that transforms the resource.
              returned: when set
              type: str
          description:
          - Transformations and filters applied before provisioning.
          elements: dict
          returned: when set
          type: list
        remote_uri:
          description:
          - Base URI of the application's SCIM API.
          returned: when set
          type: str
      description:
      - SCIM provisioning settings (beta). Because the API needs the SCIM secret on every update, this is only sent when the secret
        is given.
      - 'Types that have it: self_hosted, ssh, vnc, rdp, saas, mcp, mcp_portal.'
      returned: when set
      type: dict
    self_hosted_domains:
      description:
      - 'Deprecated: use I(destinations). Public hostnames of the application.'
      - 'Types that have it: self_hosted, ssh, vnc, rdp.'
      elements: str
      returned: when set
      type: list
    service_auth_401_redirect:
      description:
      - Answer 401 instead of redirecting service-token requests that fail.
      - 'Types that have it: self_hosted, ssh, vnc, rdp.'
      returned: when set
      type: bool
    session_duration:
      description:
      - Session length (Go duration, e.g. C(24h), C(30m)).
      - 'Types that have it: self_hosted, ssh, vnc, rdp, app_launcher, warp, biso, proxy_endpoint, mcp, mcp_portal.'
      returned: when set
      type: str
    skip_app_launcher_login_page:
      description:
      - Skip the App Launcher login page.
      - 'Types that have it: app_launcher.'
      returned: when set
      type: bool
    skip_interstitial:
      description:
      - Skip the interstitial page for non-browser clients.
      - 'Types that have it: self_hosted, ssh, vnc, rdp.'
      returned: when set
      type: bool
    tags:
      description:
      - Tag names of the application.
      - 'Types that have it: self_hosted, ssh, vnc, rdp, saas, bookmark, mcp, mcp_portal.'
      elements: str
      returned: when set
      type: list
    target_criteria:
      contains:
        port:
          description:
          - Port of the targets.
          returned: when set
          type: int
        protocol:
          description:
          - 'Protocol: C(SSH) for infrastructure, C(RDP) for rdp applications.'
          returned: when set
          type: str
        target_attributes:
          description:
          - Map of target attribute (e.g. C(hostname)) to a list of accepted values.
          returned: when set
          type: dict
      description:
      - 'Targets the application secures (infrastructure: SSH, rdp: RDP).'
      - 'Types that have it: infrastructure, rdp.'
      elements: dict
      returned: when set
      type: list
    type:
      description:
      - The application type. Required to create; when the application exists it must match.
      returned: when set
      type: str
    updated_at:
      description: When the object was last updated (RFC 3339).
      returned: success
      type: str
    use_clientless_isolation_app_launcher_url:
      description:
      - Open the application in Browser Isolation from the App Launcher.
      - 'Types that have it: self_hosted, ssh, vnc, rdp.'
      returned: when set
      type: bool
    # END GENERATED CONTAINS
  sample:
    id: 2d6dc4d6-0f4e-4a58-9a9b-0f6b1b4c2f10
    aud: 737646a56ab1df6ec9bddc7e5ca84eaf3b0768850f3ffb5d74f1534911fe3893
    type: self_hosted
    name: Grafana
    domain: grafana.example.com
    session_duration: 8h
    tags: [observability]
    app_launcher_visible: true
    created_at: "2026-11-27T10:00:00Z"
    updated_at: "2026-11-27T10:00:00Z"
created_tags:
  description: The tags of O(tags) that did not exist and were created before the application was written (in check
    mode, the tags that would be created).
  returned: when tags were (or would be) created
  type: list
  elements: str
  sample: [logs]
'''

from ansible_collections.zerotrust.cloudflare.plugins.module_utils._access_application import module_argument_spec, run_module
from ansible_collections.zerotrust.cloudflare.plugins.module_utils._module import CloudflareModule


def main():
    run_module(CloudflareModule(module_argument_spec(), supports_check_mode=True))


if __name__ == '__main__':
    main()
