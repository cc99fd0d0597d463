# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# PRIVATE to the zerotrust.cloudflare collection: not a public API, may change without notice.
#
# The ONE description of Cloudflare Access application types.  Everything else is derived from
# it: the modules' argument spec (argument_spec()), their DOCUMENTATION (tools/generate_docs.py,
# checked for staleness by a unit test), the pydantic request models (_models.py), the comparison
# rules (_compare.py: set-like lists, secrets, server defaults) and the fake API's validation.
# A unit test compares it with the official OpenAPI extract when that file is available.
#
# Pure data + pure functions: no third-party import (ansible-test imports modules without them).

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import re

# ---------------------------------------------------------------------------------------------
# Application types
# ---------------------------------------------------------------------------------------------

SELF_HOSTED_FAMILY = ('self_hosted', 'ssh', 'vnc', 'rdp')
MCP_FAMILY = ('mcp', 'mcp_portal')
SINGLETONS = ('app_launcher', 'warp', 'biso')
CREATABLE_TYPES = ('self_hosted', 'saas', 'ssh', 'vnc', 'app_launcher', 'warp', 'biso', 'proxy_endpoint',
                   'bookmark', 'infrastructure', 'rdp', 'mcp', 'mcp_portal')
ALL_TYPES = CREATABLE_TYPES + ('dash_sso',)
ZONE_TYPES = ('self_hosted', 'saas', 'ssh', 'vnc', 'app_launcher', 'warp', 'biso', 'bookmark')
NON_INFRA = tuple(t for t in CREATABLE_TYPES if t != 'infrastructure')
# Types whose domain (or first public destination) identifies an application given without a name.
DOMAIN_KEY_TYPES = SELF_HOSTED_FAMILY + ('bookmark', 'proxy_endpoint') + MCP_FAMILY

APP_TYPES = {
    'self_hosted': dict(title='Self-hosted application'),
    'saas': dict(title='SaaS application (SAML or OIDC)'),
    'ssh': dict(title='Browser-rendered SSH application'),
    'vnc': dict(title='Browser-rendered VNC application'),
    'rdp': dict(title='Browser-rendered RDP application'),
    'app_launcher': dict(title='App Launcher', fixed_name='App Launcher', domain_suffix=''),
    'warp': dict(title='Device enrollment permissions (WARP)', fixed_name='Warp Login App', domain_suffix='/warp'),
    'biso': dict(title='Browser isolation permissions', fixed_name='Clientless Web Isolation', domain_suffix='/browser'),
    'proxy_endpoint': dict(title='Gateway identity proxy endpoint'),
    'bookmark': dict(title='Bookmark'),
    'infrastructure': dict(title='Infrastructure (SSH targets)'),
    'mcp': dict(title='MCP server'),
    'mcp_portal': dict(title='MCP server portal'),
    'dash_sso': dict(title='Cloudflare dashboard SSO (read-only: no request shape in the API)'),
}
for _name, _info in APP_TYPES.items():
    _info.setdefault('fixed_name', None)
    _info.setdefault('domain_suffix', None)
    _info['creatable'] = _name in CREATABLE_TYPES
    _info['singleton'] = _name in SINGLETONS
    _info['zone'] = _name in ZONE_TYPES

# Fields that the server sets on every application and that are never sent.
READ_ONLY_FIELDS = ('id', 'aud', 'created_at', 'updated_at')

NO_LOG_NAME_RE = re.compile(r'(?:pass(?!ive)|secret|token|key)', re.I)

# Ids in options and references, from the extract: access_identifier (maxLength 32, hex like every account and
# zone id), access_uuid / access_uuid-2 (maxLength 36), access_app_id (an identifier or a uuid).
IDENTIFIER = dict(format='identifier', max_length=32)
UUID_MAX_LENGTH = 36
# Module options that are ids (not API body fields), checked before any request.
ID_OPTIONS = {
    'account_id': IDENTIFIER,
    'zone_id': IDENTIFIER,
    'app_id': dict(max_length=UUID_MAX_LENGTH),
    'policy_id': dict(max_length=UUID_MAX_LENGTH),
}

GO_DURATION_RE = re.compile(r'^(?:0|[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|\u00b5s|ms|s|m|h))+)$')


# ---------------------------------------------------------------------------------------------
# Field constructors
# ---------------------------------------------------------------------------------------------
# Keys of a field description:
#   type            str | bool | int | float | list | dict
#   description     text for DOCUMENTATION
#   elements        element type of a list
#   options         nested fields of a dict (or of each list element when elements == dict)
#   choices         accepted values (of the value, or of each element of a list)
#   type_choices    {app_type: choices} narrowing `choices` for some application types
#   types           application types that accept the field (None: every type the parent accepts)
#   zone_types      (top level) types accepting the field at zone scope (legacy shape)
#   required        always required inside its parent
#   required_types  (top level) types for which the field is required (zone_required_types: at zone scope)
#   zone            False: not in the legacy zone-scoped shape (nested fields)
#   readonly_types  (top level) types for which the server sets the field (never sent)
#   server_default  value the server fills in when the field is absent
#   computed        the server fills it in when absent: compared only when the user sets it
#   secret          write-only secret: no_log, never diffed, never returned
#   set_like        list whose order the server does not keep: compared as a set
#   duration        Go duration string (300ms, 24h, 2h45m)
#   minimum/maximum numeric range; pattern: regular expression
#   variants        discriminated union of dicts: {'key': ..., 'default': ..., 'fields': {value: (names)},
#                   'required': {value: (names)}}
#   single_or_list  the API accepts one object or a list of them (sent as one object when one)
#   free_form       dict without fixed keys (map)
#   deprecated      deprecation note
#   aliases         extra option names
#   option          the Ansible option name, where the API key cannot be one (github-organization, message)
#   type_patterns   {app_type: regular expression} the value must match for that type
#   cidr            IP address or CIDR range: a single address equals its /32 (/128) (checked like format: cidr)
#   format          what the string must be: email, url (absolute http(s) URL), cidr, port_range (80 or 80-90),
#                   identifier (32 hex characters, the extract's identifier) (elements of a list: each element)
#   max_length      the most characters (the extract's maxLength)
#   rule_list       list of access rules (one-key objects); policy_list: list of application policies
#   reference       the value names another Access object: group | idp | service_token | policy | tag
#                   (its id, or its name for tags; _references.py resolves names and checks them)
#   name_of         a name that stands in for the reference beside it (group {name}): an option only, resolved to
#                   the id before any body is built, never sent (the request models leave it out)
#   one_of          (dict) keys of which exactly one is given (the id or the name form)

def _f(kind, description, **kw):
    spec = dict(type=kind, description=description)
    spec.update(kw)
    return spec


def _s(description, **kw):
    return _f('str', description, **kw)


def _b(description, **kw):
    return _f('bool', description, **kw)


def _strs(description, **kw):
    return _f('list', description, elements='str', **kw)


def _dict(description, options, **kw):
    return _f('dict', description, options=options, **kw)


def _dicts(description, options, **kw):
    return _f('list', description, elements='dict', options=options, **kw)


# ---------------------------------------------------------------------------------------------
# Policy rules (include / exclude / require): 26 one-key objects
# ---------------------------------------------------------------------------------------------

_IDP = _s('UUID or name of the identity provider (a value that is not a UUID is a name, resolved to its id).', required=True,
          reference='idp')

RULE_KINDS = {
    'group': _dict('Members of an Access group.', {
        'id': _s('UUID of the Access group.', required=True, reference='group'),
        'name': _s('Name of the Access group, instead of C(id): resolved to its id (it must name exactly one group).',
                   name_of='group')}, one_of=('id', 'name')),
    'any_valid_service_token': _dict('Any valid Access service token (an empty dict).', {}),
    'auth_context': _dict('An Azure AD authentication context.', {
        'ac_id': _s('ACID of the authentication context.', required=True),
        'id': _s('UUID of the authentication context.', required=True),
        'identity_provider_id': _IDP}),
    'auth_method': _dict('An authentication method (AMR), e.g. C(mfa).', {
        'auth_method': _s('The AMR value, e.g. C(mfa) or C(hwk).', required=True)}),
    'azureAD': _dict('Members of an Azure AD group.', {
        'id': _s('ID of the Azure AD group.', required=True), 'identity_provider_id': _IDP}, aliases=['azure_ad']),
    'certificate': _dict('Any valid mTLS client certificate (an empty dict).', {}),
    'common_name': _dict('An mTLS certificate common name.', {
        'common_name': _s('The common name to match.', required=True)}),
    'geo': _dict('Requests from a country.', {'country_code': _s('ISO 3166-1 alpha-2 country code.', required=True)}),
    'device_posture': _dict('A device posture check.', {
        'integration_uid': _s('UUID of the device posture integration.', required=True)}),
    'email_domain': _dict('Emails of a domain.', {'domain': _s('The email domain, e.g. C(example.com).', required=True)}),
    'email_list': _dict('Emails of a Zero Trust list.', {'id': _s('UUID of the list.', required=True)}),
    'email': _dict('One email address.', {'email': _s('The email address.', required=True, format='email')}),
    'everyone': _dict('Everyone (an empty dict).', {}),
    'external_evaluation': _dict('An external evaluation service.', {
        'evaluate_url': _s('API endpoint of the evaluation service.', required=True, format='url'),
        'keys_url': _s('Endpoint with the keys that sign the evaluation response.', required=True, format='url')}),
    'github-organization': _dict('Members of a GitHub organization (or team).', {
        'identity_provider_id': _IDP,
        'name': _s('Name of the organization.', required=True),
        'team': _s('Name of a team of the organization.')}, option='github_organization'),
    'gsuite': _dict('Members of a Google Workspace group.', {
        'email': _s('Email of the Google Workspace group.', required=True), 'identity_provider_id': _IDP}),
    'login_method': _dict('A login method (identity provider).', {
        'id': _s('UUID or name of the identity provider (a value that is not a UUID is a name, resolved to its id).',
                 required=True, reference='idp')}),
    'ip_list': _dict('IPs of a Zero Trust list.', {'id': _s('UUID of the list.', required=True)}),
    'ip': _dict('An IP address or CIDR range; a single address is stored as C(/32) (IPv6 C(/128)).', {
        'ip': _s('IPv4 or IPv6 address or CIDR range.', required=True, cidr=True, format='cidr')}),
    'okta': _dict('Members of an Okta group.', {
        'identity_provider_id': _IDP, 'name': _s('Name of the Okta group.', required=True)}),
    'saml': _dict('A SAML attribute.', {
        'attribute_name': _s('Name of the SAML attribute.', required=True),
        'attribute_value': _s('Value of the SAML attribute.', required=True),
        'identity_provider_id': _IDP}),
    'oidc': _dict('An OIDC claim.', {
        'claim_name': _s('Name of the OIDC claim.', required=True),
        'claim_value': _s('Value of the OIDC claim.', required=True),
        'identity_provider_id': _IDP}),
    'service_token': _dict('One Access service token.', {
        'token_id': _s('UUID of the service token.', required=True, reference='service_token'),
        'name': _s('Name of the service token, instead of C(token_id): resolved to its id (it must name exactly one token).',
                   name_of='service_token')}, one_of=('token_id', 'name')),
    'linked_app_token': _dict('OAuth tokens of a linked application (non_identity or bypass decisions).', {
        'app_uid': _s('UUID of the linked Access application.', required=True)}),
    'user_risk_score': _dict('Users with a risk score.', {
        'user_risk_score': _strs('Risk levels.', required=True, choices=['low', 'medium', 'high', 'unscored'])}),
    'cloudflare_account_member': _dict('Members of a Cloudflare account.', {
        'account_id': _s('The account (defaults to the account of the application).', **IDENTIFIER)}),
}

_RULE_LIST = dict(type='list', elements='dict', options=RULE_KINDS, set_like=True, rule_list=True)


def _rules(description, **kw):
    spec = dict(_RULE_LIST, description=description)
    spec.update(kw)
    return spec


# ---------------------------------------------------------------------------------------------
# Policies
# ---------------------------------------------------------------------------------------------

DECISIONS = ['allow', 'deny', 'non_identity', 'bypass']
# "Infrastructure application policies can only use the Allow action." (the extract's access_decision)
TYPE_DECISIONS = dict((t, ['allow'] if t == 'infrastructure' else DECISIONS) for t in CREATABLE_TYPES)

MFA_AUTHENTICATORS = ['totp', 'biometrics', 'security_key']
INFRA_MFA_AUTHENTICATORS = ['piv_key']


def _mfa_config(description, **kw):
    return _dict(description, {
        'allowed_authenticators': _strs('Authenticators users may use.', set_like=True,
                                        choices=MFA_AUTHENTICATORS + INFRA_MFA_AUTHENTICATORS,
                                        type_choices=dict((t, MFA_AUTHENTICATORS if t != 'infrastructure'
                                                           else INFRA_MFA_AUTHENTICATORS) for t in CREATABLE_TYPES)),
        'mfa_disabled': _b('Turn MFA off.'),
        'session_duration': _s('How long an MFA session lasts (Go duration).', duration=True),
    }, **kw)


def policy_options(with_link=True):
    """Options of a policy: inline app policy (with_link) or reusable policy body."""
    opts = {}
    if with_link:
        opts['id'] = _s('UUID of a reusable policy to link, or of an existing policy of this application.', types=NON_INFRA,
                        max_length=UUID_MAX_LENGTH, reference='policy')
        opts['precedence'] = _f('int', 'Order of evaluation, unique in the application (default: position in the list, from 1).',
                                types=NON_INFRA)
    opts.update({
        'name': _s('Name of the policy (inline policies).' if not with_link else
                   'Name of the policy (inline policies); with only C(precedence) beside it, the name of a reusable policy to link.'),
        'decision': _s('What the policy does (inline policies). Infrastructure applications take only C(allow).',
                       choices=DECISIONS, type_choices=TYPE_DECISIONS),
        'include': _rules('Rules of which one must match (OR). Required for inline policies.'),
        'exclude': _rules('Rules of which none may match (NOT).'),
        'require': _rules('Rules that must all match (AND).'),
        'approval_groups': _dicts('Groups of approvers.', {
            'approvals_needed': _f('float', 'Number of approvals needed.', required=True, minimum=0),
            'email_addresses': _strs('Emails of the approvers.', set_like=True),
            'email_list_uuid': _s('UUID of a list of approver emails.'),
        }, types=NON_INFRA, set_like=True),
        'approval_required': _b('Require approval for access.', types=NON_INFRA),
        'connection_rules': _dict('How users may connect to the targets.', {
            'rdp': _dict('RDP clipboard rules.', {
                'allowed_clipboard_local_to_remote_formats': _strs('Formats that may be copied to the remote.',
                                                                   choices=['text', 'file'], set_like=True),
                'allowed_clipboard_remote_to_local_formats': _strs('Formats that may be copied from the remote.',
                                                                   choices=['text', 'file'], set_like=True),
            }, types=NON_INFRA),
            'ssh': _dict('SSH rules (infrastructure applications).', {
                'usernames': _strs('UNIX usernames users may log in as.', required=True, set_like=True),
                'allow_email_alias': _b('Allow the user to log in as the local part of their email.'),
            }, types=('infrastructure',)),
        }),
        'isolation_required': _b('Require Browser Isolation.', types=NON_INFRA),
        'mfa_config': _mfa_config('MFA settings of the policy.'),
        'purpose_justification_prompt': _s('Text shown when a justification is required.', types=NON_INFRA),
        'purpose_justification_required': _b('Require a purpose justification.', types=NON_INFRA),
        'session_duration': _s('Session length of the policy (Go duration).', duration=True, server_default='24h',
                               types=NON_INFRA),
    })
    return opts


POLICY_FIELDS = policy_options(with_link=False)
REUSABLE_POLICY_REQUIRED = ('name', 'decision', 'include')

# Access groups: a name and the rule lists of policies (account and zone scope); is_default only at account scope.
# is_default is write-only: the API's response schema gives it another shape, so it is sent, never compared.
GROUP_FIELDS = dict([('name', _s('Name of the Access group (required to create one).'))]
                    + [(key, POLICY_FIELDS[key]) for key in ('include', 'exclude', 'require')]
                    + [('is_default', _b('Make this group the account\'s default group (account scope only). Sent when set, '
                                         'never compared: Cloudflare does not return it.', write_only=True))])
GROUP_REQUIRED = ('name', 'include')

# Access tags (addressed by name: the name is the whole object)
TAG_FIELDS = {'name': _s('Name of the tag. Tags are addressed by name, so a name identifies one tag.', required=True)}

# ---------------------------------------------------------------------------------------------
# Nested application objects
# ---------------------------------------------------------------------------------------------

DESTINATION_VARIANTS = {
    'key': 'type',
    'default': 'public',  # "type" may be left out: the API (and Terraform) take public
    'fields': {
        'public': ('uri',),
        'private': ('cidr', 'hostname', 'l4_protocol', 'port_range', 'vnet_id'),
        'via_mcp_server_portal': ('mcp_server_id',),
        'worker': ('worker_id',),
        'preview_worker': ('worker_id',),
        'all_workers': (),
        'all_preview_workers': (),
    },
    'required': {'worker': ('worker_id',), 'preview_worker': ('worker_id',)},
}

DESTINATION_OPTIONS = {
    'type': _s('Kind of destination (C(public) when omitted).', required=True, choices=list(DESTINATION_VARIANTS['fields'])),
    'uri': _s('(public) Hostname and optional path, e.g. C(app.example.com/admin).'),
    'cidr': _s('(private) CIDR range of the destination; a single IP becomes a C(/32).', cidr=True, format='cidr'),
    'hostname': _s('(private) Hostname of the destination.'),
    'l4_protocol': _s('(private) Layer 4 protocol (all when omitted).', choices=['tcp', 'udp']),
    'port_range': _s('(private) Port or port range, e.g. C(80) or C(80-90) (all when omitted).', format='port_range'),
    'vnet_id': _s('(private) Virtual network UUID (all when omitted).'),
    'mcp_server_id': _s('(via_mcp_server_portal) ID of the MCP server.'),
    'worker_id': _s('(worker, preview_worker) ID of the Worker.'),
}

CORS_OPTIONS = {
    'allow_all_headers': _b('Allow all HTTP request headers.'),
    'allow_all_methods': _b('Allow all HTTP request methods.'),
    'allow_all_origins': _b('Allow all origins.'),
    'allow_credentials': _b('Allow credentials (cannot be combined with I(allow_all_origins)).'),
    'allowed_headers': _strs('Allowed HTTP request headers.', set_like=True),
    'allowed_methods': _strs('Allowed HTTP request methods.', set_like=True,
                             choices=['GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']),
    'allowed_origins': _strs('Allowed origins.', set_like=True),
    'max_age': _f('float', 'Seconds a preflight may be cached (-1 to 86400).', minimum=-1, maximum=86400),
}

SAAS_VARIANTS = {
    'key': 'auth_type',
    'default': 'saml',
    'fields': {
        'saml': ('consumer_service_url', 'custom_attributes', 'default_relay_state', 'idp_entity_id', 'name_id_format',
                 'name_id_transform_jsonata', 'public_key', 'saml_attribute_transform_jsonata', 'sp_entity_id',
                 'sso_endpoint'),
        'oidc': ('access_token_lifetime', 'allow_pkce_without_client_secret', 'app_launcher_url', 'client_id',
                 'client_secret', 'custom_claims', 'grant_types', 'group_filter_regex', 'hybrid_and_implicit_options',
                 'public_key', 'redirect_uris', 'refresh_token_options', 'scopes'),
    },
    'required': {'oidc': ('redirect_uris',)},
}

SAAS_APP_OPTIONS = {
    'auth_type': _s('Protocol of the SaaS application (C(saml) when omitted).', choices=['saml', 'oidc']),
    # SAML
    'consumer_service_url': _s('(saml) Assertion consumer service URL of the service provider.'),
    'custom_attributes': _dicts('(saml) Extra attributes sent in the SAML assertion.', {
        'friendly_name': _s('Friendly name of the attribute.'),
        'name': _s('Name of the attribute.'),
        'name_format': _s('Format of the name.', choices=[
            'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified',
            'urn:oasis:names:tc:SAML:2.0:attrname-format:basic',
            'urn:oasis:names:tc:SAML:2.0:attrname-format:uri']),
        'required': _b('The attribute is required.'),
        'source': _dict('Where the value comes from.', {
            'name': _s('Name of the IdP attribute.'),
            'name_by_idp': _dicts('Per identity provider attribute names.', {
                'idp_id': _s('UUID of the identity provider.'),
                'source_name': _s('Name of the attribute at that identity provider.'),
            }),
        }),
    }),
    'default_relay_state': _s('(saml) Relay state sent with IdP-initiated logins.', zone=False),
    'idp_entity_id': _s('(saml) Entity ID of the IdP (computed by Cloudflare when omitted).', computed=True),
    'name_id_format': _s('(saml) Format of the NameID.', choices=['id', 'email']),
    'name_id_transform_jsonata': _s('(saml) JSONata expression that computes the NameID.'),
    'saml_attribute_transform_jsonata': _s('(saml) JSONata expression that transforms the attributes.', zone=False),
    'sp_entity_id': _s('(saml) Entity ID of the service provider.'),
    'sso_endpoint': _s('(saml) SSO endpoint of the IdP (computed by Cloudflare when omitted).', computed=True),
    'public_key': _s('Public key of the IdP (computed by Cloudflare when omitted).', computed=True),
    # OIDC
    'access_token_lifetime': _s('(oidc) Lifetime of access tokens (Go duration, C(5m) when omitted).', duration=True),
    'allow_pkce_without_client_secret': _b('(oidc) Allow PKCE flows without the client secret.'),
    'app_launcher_url': _s('(oidc) URL the App Launcher opens.'),
    'client_id': _s('(oidc) Client ID (generated by Cloudflare).', computed=True),
    'client_secret': _s('(oidc) Client secret. Generated by Cloudflare and returned only once, when the application '
                        'is created.', secret=True, computed=True),
    'custom_claims': _dicts('(oidc) Extra claims in the ID token.', {
        'name': _s('Name of the claim.'),
        'required': _b('The claim is required.'),
        'scope': _s('Scope the claim belongs to.', choices=['groups', 'profile', 'email', 'openid']),
        'source': _dict('Where the value comes from.', {
            'name': _s('Name of the IdP claim.'),
            'name_by_idp': _f('dict', 'Map of identity provider UUID to claim name.', free_form=True),
        }),
    }),
    'grant_types': _strs('(oidc) Grant types.', set_like=True, choices=[
        'authorization_code', 'authorization_code_with_pkce', 'refresh_tokens', 'hybrid', 'implicit']),
    'group_filter_regex': _s('(oidc) Regular expression that filters the groups claim.'),
    'hybrid_and_implicit_options': _dict('(oidc) Hybrid and implicit flow options.', {
        'return_access_token_from_authorization_endpoint': _b('Return the access token from the authorization endpoint.'),
        'return_id_token_from_authorization_endpoint': _b('Return the ID token from the authorization endpoint.'),
    }),
    'redirect_uris': _strs('(oidc) Allowed redirect URIs. Required for OIDC.', set_like=True),
    'refresh_token_options': _dict('(oidc) Refresh token options.', {
        'lifetime': _s('Lifetime of refresh tokens (Go duration).', duration=True),
    }),
    'scopes': _strs('(oidc) Scopes.', set_like=True, choices=['openid', 'groups', 'email', 'profile']),
}

SCIM_AUTH_VARIANTS = {
    'key': 'scheme',
    'default': None,
    'fields': {
        'httpbasic': ('user', 'password'),
        'oauthbearertoken': ('token',),
        'oauth2': ('authorization_url', 'client_id', 'client_secret', 'scopes', 'token_url'),
        'access_service_token': ('client_id', 'client_secret'),
    },
    'required': {
        'httpbasic': ('user', 'password'),
        'oauthbearertoken': ('token',),
        'oauth2': ('authorization_url', 'client_id', 'client_secret', 'token_url'),
        'access_service_token': ('client_id', 'client_secret'),
    },
}

SCIM_OPTIONS = {
    'idp_uid': _s('UID of the identity provider that is the source of SCIM resources.', required=True),
    'remote_uri': _s('Base URI of the application\'s SCIM API.', required=True, format='url'),
    'enabled': _b('Turn SCIM provisioning on.'),
    'deactivate_on_delete': _b('Only deactivate (not delete) resources removed at the source.'),
    'authentication': _dicts('How Cloudflare authenticates to the SCIM API: one scheme, or several. Secrets are '
                             'write-only: see I(update_secrets).', {
                                 'scheme': _s('Authentication scheme.', required=True, choices=list(SCIM_AUTH_VARIANTS['fields'])),
                                 'user': _s('(httpbasic) User name.'),
                                 'password': _s('(httpbasic) Password.', secret=True),
                                 'token': _s('(oauthbearertoken) Bearer token.', secret=True),
                                 'authorization_url': _s('(oauth2) Authorization URL.', format='url'),
                                 'token_url': _s('(oauth2) Token URL.', format='url'),
                                 'client_id': _s('(oauth2, access_service_token) Client ID.'),
                                 'client_secret': _s('(oauth2, access_service_token) Client secret.', secret=True),
                                 'scopes': _strs('(oauth2) Scopes.', set_like=True),
                             }, single_or_list=True, variants=SCIM_AUTH_VARIANTS),
    'mappings': _dicts('Transformations and filters applied before provisioning.', {
        'schema': _s('SCIM schema URN the mapping applies to.', required=True),
        'enabled': _b('Turn the mapping on.'),
        'filter': _s('SCIM filter expression.'),
        'transform_jsonata': _s('JSONata expression that transforms the resource.'),
        'strictness': _s('How strictly the schema is applied.', choices=['strict', 'passthrough']),
        'operations': _dict('Operations that are propagated.', {
            'create': _b('Propagate creations.'),
            'update': _b('Propagate updates.'),
            'delete': _b('Propagate deletions.'),
        }),
    }),
}

OAUTH_OPTIONS = {
    'enabled': _b('Turn OAuth on.', server_default=True),
    'dynamic_client_registration': _dict('Dynamic client registration.', {
        'enabled': _b('Turn dynamic client registration on.'),
        'allow_any_on_localhost': _b('Allow any redirect URI on localhost.'),
        'allow_any_on_loopback': _b('Allow any redirect URI on loopback addresses.'),
        'allowed_uris': _strs('Allowed redirect URIs.', set_like=True),
    }),
    'grant': _dict('Grant settings.', {
        'access_token_lifetime': _s('Lifetime of access tokens (Go duration).', duration=True),
        'session_duration': _s('Session length (Go duration).', duration=True),
    }),
}

TARGET_CRITERIA_OPTIONS = {
    'port': _f('int', 'Port of the targets.', required=True),
    'protocol': _s('Protocol: C(SSH) for infrastructure, C(RDP) for rdp applications.', required=True,
                   choices=['SSH', 'RDP'], type_choices={'infrastructure': ['SSH'], 'rdp': ['RDP']}),
    'target_attributes': _f('dict', 'Map of target attribute (e.g. C(hostname)) to a list of accepted values.',
                            required=True, free_form=True),
}

LANDING_PAGE_OPTIONS = {
    'button_color': _s('Colour of the button, e.g. C(#ff0000).'),
    'button_text_color': _s('Colour of the button text.'),
    'image_url': _s('URL of the image.', format='url'),
    'message': _s('Message shown.', option='message_text'),
    'title': _s('Title shown.', server_default='Welcome!'),
}

# ---------------------------------------------------------------------------------------------
# Top-level application fields
# ---------------------------------------------------------------------------------------------

_SH_MCP = SELF_HOSTED_FAMILY + MCP_FAMILY
_DENY_TYPES = SELF_HOSTED_FAMILY + ('app_launcher', 'warp', 'biso', 'proxy_endpoint') + MCP_FAMILY
_IDP_TYPES = SELF_HOSTED_FAMILY + ('saas', 'app_launcher', 'warp', 'biso', 'proxy_endpoint') + MCP_FAMILY
_ZONE_SH = ('self_hosted', 'ssh', 'vnc')

APP_FIELDS = {
    'type': _s('The application type. Required to create; when the application exists it must match.',
               choices=list(ALL_TYPES), types=ALL_TYPES, zone_types=ZONE_TYPES, required_types=CREATABLE_TYPES),
    'name': _s('Name of the application. Identifies the application when I(app_id) is not given. Server-set for '
               'app_launcher, warp and biso.', types=CREATABLE_TYPES, zone_types=ZONE_TYPES,
               readonly_types=SINGLETONS),
    'domain': _s('Primary hostname and path protected by the application (the bookmark URL for bookmarks). '
                 'Server-set for app_launcher, warp and biso.',
                 types=SELF_HOSTED_FAMILY + ('proxy_endpoint', 'bookmark', 'mcp_portal') + SINGLETONS,
                 zone_types=_ZONE_SH + ('bookmark',) + SINGLETONS,
                 required_types=SELF_HOSTED_FAMILY, zone_required_types=_ZONE_SH + ('bookmark',), readonly_types=SINGLETONS,
                 type_patterns={'proxy_endpoint': r'^[A-Za-z0-9]{10}\.proxy\.cloudflare-gateway\.com$'}),
    'allow_authenticate_via_warp': _b('Let a WARP session satisfy authentication (overrides the organization setting).',
                                      types=_SH_MCP, zone_types=()),
    'allow_iframe': _b('Allow the application to be embedded in an iframe.', types=SELF_HOSTED_FAMILY, zone_types=_ZONE_SH),
    'allowed_idps': _strs('UUIDs or names of the identity providers users may log in with (all when empty); a value that '
                          'is not a UUID is a name, resolved to its id.', set_like=True, reference='idp',
                          types=_IDP_TYPES, zone_types=_ZONE_SH + ('saas',) + SINGLETONS),
    'app_launcher_logo_url': _s('URL of the logo shown in the App Launcher.', format='url', types=('app_launcher',),
                                zone_types=()),
    'app_launcher_visible': _b('Show the application in the App Launcher.', server_default=True,
                               types=SELF_HOSTED_FAMILY + ('saas', 'bookmark'), zone_types=_ZONE_SH + ('saas', 'bookmark')),
    'auto_redirect_to_identity': _b('Skip the identity provider selection (needs exactly one I(allowed_idps)).',
                                    server_default=False, types=_IDP_TYPES, zone_types=_ZONE_SH + ('saas',) + SINGLETONS),
    'bg_color': _s('Background colour of the App Launcher, e.g. C(#ff0000).', types=('app_launcher',), zone_types=()),
    'cors_headers': _dict('CORS settings.', CORS_OPTIONS, types=SELF_HOSTED_FAMILY, zone_types=_ZONE_SH),
    'custom_deny_message': _s('Message shown when access is denied.', types=_SH_MCP, zone_types=_ZONE_SH),
    'custom_deny_url': _s('URL users are sent to when access is denied.', format='url', types=_DENY_TYPES,
                          zone_types=_ZONE_SH),
    'custom_non_identity_deny_url': _s('URL non-identity requests are sent to when access is denied.', format='url',
                                       types=_DENY_TYPES, zone_types=()),
    'custom_pages': _strs('UIDs of custom pages.', set_like=True, types=_IDP_TYPES, zone_types=()),
    'destinations': _dicts('Destinations secured by the application, in order. Replaces I(self_hosted_domains).',
                           DESTINATION_OPTIONS, variants=DESTINATION_VARIANTS, server_default=[],
                           types=_SH_MCP, zone_types=()),
    'eager_redirect_cookie_setting': _b('Set the redirect cookie eagerly.', server_default=True,
                                        types=SELF_HOSTED_FAMILY, zone_types=_ZONE_SH),
    'enable_binding_cookie': _b('Turn on the binding cookie.', server_default=False,
                                types=SELF_HOSTED_FAMILY, zone_types=_ZONE_SH),
    'footer_links': _dicts('Links in the App Launcher footer, in order.', {
        'name': _s('Text of the link.', required=True),
        'url': _s('URL of the link.', required=True, format='url'),
    }, types=('app_launcher',), zone_types=()),
    'header_bg_color': _s('Header background colour of the App Launcher.', types=('app_launcher',), zone_types=()),
    'http_only_cookie_attribute': _b('Set the HttpOnly attribute on the cookie.', server_default=True,
                                     types=_SH_MCP, zone_types=_ZONE_SH),
    'landing_page_design': _dict('Design of the App Launcher landing page.', LANDING_PAGE_OPTIONS,
                                 types=('app_launcher',), zone_types=()),
    'logo_url': _s('URL of the application logo.', format='url', types=SELF_HOSTED_FAMILY + ('saas', 'bookmark') + MCP_FAMILY,
                   zone_types=_ZONE_SH + ('saas', 'bookmark')),
    'mfa_config': _mfa_config('MFA settings of the application.', types=SELF_HOSTED_FAMILY, zone_types=()),
    'oauth_configuration': _dict('OAuth settings (beta).', OAUTH_OPTIONS, types=_SH_MCP, zone_types=()),
    'options_preflight_bypass': _b('Let OPTIONS preflight requests through (cannot be combined with I(cors_headers)).',
                                   types=_SH_MCP, zone_types=_ZONE_SH),
    'path_cookie_attribute': _b('Scope the cookie to the application path.', server_default=False,
                                types=SELF_HOSTED_FAMILY, zone_types=()),
    'policies': _dicts('Policies of the application, in ascending order of precedence: links to reusable policies '
                       '(C(id), or C(name) alone: the reusable policy of that name, with optional C(precedence)) or '
                       'inline policies (C(name), C(decision), C(include) ...). '
                       'The two kinds cannot be mixed. Infrastructure applications take inline policies only. When '
                       'omitted, the policies are not managed.',
                       policy_options(with_link=True), policy_list=True, types=CREATABLE_TYPES, zone_types=()),
    'read_service_tokens_from_header': _s('Name of a header carrying the service token credentials as JSON.',
                                          types=SELF_HOSTED_FAMILY, zone_types=()),
    'saas_app': _dict('SaaS application settings (SAML or OIDC).', SAAS_APP_OPTIONS, variants=SAAS_VARIANTS,
                      types=('saas',), zone_types=('saas',)),
    'same_site_cookie_attribute': _s('SameSite attribute of the cookie, e.g. C(strict), C(lax) or C(none).',
                                     types=_SH_MCP, zone_types=_ZONE_SH),
    'scim_config': _dict('SCIM provisioning settings (beta). Because the API needs the SCIM secret on every update, '
                         'this is only sent when the secret is given.', SCIM_OPTIONS,
                         types=SELF_HOSTED_FAMILY + ('saas',) + MCP_FAMILY, zone_types=ZONE_TYPES),
    'self_hosted_domains': _strs('Deprecated: use I(destinations). Public hostnames of the application.',
                                 set_like=True, deprecated='Replaced by destinations.',
                                 types=SELF_HOSTED_FAMILY, zone_types=()),
    'service_auth_401_redirect': _b('Answer 401 instead of redirecting service-token requests that fail.',
                                    types=SELF_HOSTED_FAMILY, zone_types=_ZONE_SH),
    'session_duration': _s('Session length (Go duration, e.g. C(24h), C(30m)).', duration=True, server_default='24h',
                           types=SELF_HOSTED_FAMILY + ('app_launcher', 'warp', 'biso', 'proxy_endpoint') + MCP_FAMILY,
                           zone_types=_ZONE_SH + SINGLETONS),
    'skip_app_launcher_login_page': _b('Skip the App Launcher login page.', server_default=False,
                                       types=('app_launcher',), zone_types=()),
    'skip_interstitial': _b('Skip the interstitial page for non-browser clients.', types=SELF_HOSTED_FAMILY,
                            zone_types=_ZONE_SH),
    'tags': _strs('Tag names of the application.', set_like=True, server_default=[], reference='tag',
                  types=SELF_HOSTED_FAMILY + ('saas', 'bookmark') + MCP_FAMILY, zone_types=()),
    'target_criteria': _dicts('Targets the application secures (infrastructure: SSH, rdp: RDP).', TARGET_CRITERIA_OPTIONS, set_like=True,
                              types=('infrastructure', 'rdp'), zone_types=(), required_types=('infrastructure', 'rdp')),
    'use_clientless_isolation_app_launcher_url': _b('Open the application in Browser Isolation from the App Launcher.',
                                                    server_default=False, types=SELF_HOSTED_FAMILY, zone_types=_ZONE_SH),
}

# Top-level fields the server derives from one another (only the one the user sets is compared).
LINKED_DOMAIN_FIELDS = ('domain', 'destinations', 'self_hosted_domains')

# Options of the module that are not API fields.
SECRET_FIELDS = (
    'saas_app.client_secret',
    'scim_config.authentication.password',
    'scim_config.authentication.token',
    'scim_config.authentication.client_secret',
)


# ---------------------------------------------------------------------------------------------
# Queries
# ---------------------------------------------------------------------------------------------

def scope_types(scope):
    """Creatable types at a scope."""
    return ZONE_TYPES if scope == 'zone' else CREATABLE_TYPES


def field_types(name, scope='account'):
    """Application types that accept top-level field `name` at `scope`."""
    spec = APP_FIELDS[name]
    return tuple(spec['zone_types'] if scope == 'zone' else spec['types'])


def fields_for(app_type, scope='account', writable=True):
    """Names of the top-level fields of `app_type` at `scope` (without read-only ones when writable)."""
    names = []
    for name, spec in APP_FIELDS.items():
        if app_type not in field_types(name, scope):
            continue
        if writable and app_type in spec.get('readonly_types', ()):
            continue
        names.append(name)
    return names


def required_fields(app_type, scope='account'):
    key = 'zone_required_types' if scope == 'zone' else 'required_types'
    return [n for n in fields_for(app_type, scope)
            if app_type in APP_FIELDS[n].get(key, APP_FIELDS[n].get('required_types', ()))]


def server_defaults(app_type, scope='account'):
    """Top-level values the server fills in when they are absent."""
    out = {}
    for name in fields_for(app_type, scope):
        spec = APP_FIELDS[name]
        if 'server_default' in spec:
            out[name] = copy.deepcopy(spec['server_default'])
    if APP_TYPES[app_type]['fixed_name'] is None and app_type == 'proxy_endpoint':
        out['name'] = 'Gateway Proxy'
    return out


def accepts(spec, app_type, scope='account'):
    """True when a (nested) field accepts `app_type` (at `scope`)."""
    if scope == 'zone' and spec.get('zone') is False:
        return False
    types = spec.get('types')
    return types is None or app_type in types


def choices_for(spec, app_type):
    type_choices = spec.get('type_choices')
    if type_choices and app_type in type_choices:
        return list(type_choices[app_type])
    return spec.get('choices')


def option_name(key, spec):
    return spec.get('option', key)


_MEMO = {}


def memo(options, purpose, build):
    """build(options), computed once per options dict and purpose: the walks over a bulk run's thousands of bodies
    look at the few options each body sets, in the options' order, without scanning the ~80 of an application."""
    known = _MEMO.get((id(options), purpose))
    if known is None or known[0] is not options:
        if len(_MEMO) > 1024:  # (the schema has ~60 options dicts, a few purposes each)
            _MEMO.clear()  # (options dicts built on the fly by a caller are not kept alive)
        known = _MEMO[(id(options), purpose)] = (options, build(options))
    return known[1]


def _positions(options):
    return dict((key, position) for position, key in enumerate(options))


def present_options(value, options):
    """The keys of dict `value` that are options of `options`, in the options' order."""
    order = memo(options, 'order', _positions)
    return sorted((key for key in value if key in order), key=order.get)


def _renames(options, to_api):
    """(option -> API name or back, specs by the incoming names, aliases to drop) of an options dict, built once."""
    def build(options):
        names = dict((option_name(k, v), k) if to_api else (k, option_name(k, v)) for k, v in options.items())
        specs = dict((option_name(k, v) if to_api else k, v) for k, v in options.items())
        # Ansible keeps an alias next to its option (same value): the API knows only the option
        aliases = set(a for v in options.values() for a in v.get('aliases', ())) if to_api else set()
        return names, specs, aliases
    return memo(options, ('renames', to_api), build)


def _rename(value, options, to_api):
    if isinstance(value, list):
        return [_rename(v, options, to_api) for v in value]
    if not isinstance(value, dict) or not options:
        return value
    names, specs, aliases = _renames(options, to_api)
    out = {}
    for key, item in value.items():
        if key in aliases and key not in specs:
            continue
        spec = specs.get(key)
        if spec is not None and spec.get('options') and not spec.get('free_form'):
            item = _rename(item, spec['options'], to_api)
        out[names.get(key, key)] = item
    return out


def to_api(value, options):
    """Module options (nested) with their API keys (github_organization -> github-organization)."""
    return _rename(value, options, True)


def to_options(value, options):
    """An API object (nested) with the module's option names."""
    return _rename(value, options, False)


def optional_key(spec):
    """True when the discriminator of a union may be left out (the API takes its default variant)."""
    variants = spec.get('variants')
    return bool(variants) and variants.get('default') is not None


def is_duration(value):
    return isinstance(value, str) and bool(GO_DURATION_RE.match(value))


# ---------------------------------------------------------------------------------------------
# Ansible argument spec
# ---------------------------------------------------------------------------------------------

def _to_argspec(spec):
    out = {'type': spec['type']}
    if spec.get('elements'):
        out['elements'] = spec['elements']
    if spec.get('choices'):
        out['choices'] = list(spec['choices'])
    if spec.get('required'):
        out['required'] = True
    if spec.get('secret'):
        out['no_log'] = True
    elif NO_LOG_NAME_RE.search(spec.get('_name', '')):
        out['no_log'] = False  # a name that looks secret but is not (ansible-test's no_log check)
    if spec.get('aliases'):
        out['aliases'] = list(spec['aliases'])
    if spec.get('options') is not None and not spec.get('free_form'):
        out['options'] = dict((option_name(k, v), _to_argspec(dict(v, _name=option_name(k, v))))
                              for k, v in spec['options'].items())
        if optional_key(spec):
            out['options'][spec['variants']['key']].pop('required', None)
        if spec.get('one_of'):
            for key in spec['one_of']:
                out['options'][key].pop('required', None)
            out['mutually_exclusive'] = [list(spec['one_of'])]
            out['required_one_of'] = [list(spec['one_of'])]
        if spec.get('rule_list'):
            kinds = list(out['options'])
            out['mutually_exclusive'] = [kinds]
            out['required_one_of'] = [kinds]
    return out


def argument_spec(fields=None):
    """Ansible argument spec for API fields (all application fields by default)."""
    fields = APP_FIELDS if fields is None else fields
    spec = dict((option_name(name, field), _to_argspec(dict(field, _name=option_name(name, field))))
                for name, field in fields.items())
    for value in spec.values():
        value.pop('required', None)  # per-type requirements are checked by _validate
    return spec
