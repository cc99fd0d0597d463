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
      - Reusable policies, identity providers, Access groups and service tokens are named where the name is unique
        (an id otherwise), at the cost of one list request per kind that the applications refer to.
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
    - With O(format=module_args), options of M(zerotrust.cloudflare.access_application) instead - the fields below
      without C(id), C(aud), C(created_at), C(updated_at), server defaults and secrets.
    - Which fields an application has depends on its C(type).
  returned: always
  type: list
  elements: dict
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
    - id: 2d6dc4d6-0f4e-4a58-9a9b-0f6b1b4c2f10
      aud: 737646a56ab1df6ec9bddc7e5ca84eaf3b0768850f3ffb5d74f1534911fe3893
      type: self_hosted
      name: Grafana
      domain: grafana.example.com
'''

from ansible_collections.zerotrust.cloudflare.plugins.module_utils._access_application_info import run_info_module
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
