# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    # Connection and authentication options shared by every module of the collection.
    DOCUMENTATION = r'''
requirements:
  - requests >= 2.28
  - pydantic >= 2.5
options:
  api_token:
    description:
      - 'Cloudflare API token (preferred), sent as C(Authorization: Bearer).'
      - 'It needs the C(Access: Apps and Policies Write) permission to change anything (C(Read) to read).'
      - If not set, the value of the E(CLOUDFLARE_API_TOKEN) environment variable is used.
      - Mutually exclusive with O(api_email) and O(api_key).
    type: str
  api_email:
    description:
      - Email of the Cloudflare user, with O(api_key) (global API key authentication).
      - If not set, the value of the E(CLOUDFLARE_EMAIL) environment variable is used.
    type: str
  api_key:
    description:
      - Global API key of the Cloudflare user, with O(api_email).
      - If not set, the value of the E(CLOUDFLARE_API_KEY) environment variable is used.
    type: str
  api_base_url:
    description:
      - Base URL of the Cloudflare API.
      - If not set, the value of the E(CLOUDFLARE_BASE_URL) environment variable is used, else
        V(https://api.cloudflare.com/client/v4).
    type: str
  account_id:
    description:
      - The Cloudflare account.
      - If not set, the value of the E(CLOUDFLARE_ACCOUNT_ID) environment variable is used.
    type: str
  validate_certs:
    description:
      - Verify the TLS certificate of the API.
    type: bool
    default: true
  request_timeout:
    description:
      - Seconds to wait for each HTTP request.
    type: float
    default: 30.0
  max_retries:
    description:
      - How often a request that failed with HTTP 429, a 5xx error, a reset connection or a timeout is retried.
      - Creations (POST) are never re-sent blindly after they may have reached the API; the application is looked
        up first, so a lost response never makes a duplicate.
    type: int
    default: 5
  retry_max_delay:
    description:
      - Longest wait, in seconds, between two attempts. A C(Retry-After) of the API is honoured up to this value.
    type: float
    default: 300.0
  rate_limit:
    description:
      - Requests that one module run may send in O(rate_limit_window) seconds.
      - Cloudflare allows 1200 requests per 5 minutes per token; runs above it are paced instead of failing with HTTP 429.
    type: int
    default: 1200
  rate_limit_window:
    description:
      - Window, in seconds, of O(rate_limit).
    type: float
    default: 300.0
'''

    ZONE = r'''
options:
  zone_id:
    description:
      - Manage zone-scoped applications of this zone instead of account applications.
      - Zone scope uses the legacy shape of the API (types self_hosted, saas, ssh, vnc, app_launcher, warp, biso and
        bookmark, and fewer options).
      - Mutually exclusive with O(account_id); when set, E(CLOUDFLARE_ACCOUNT_ID) is ignored.
    type: str
'''
