# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

from ansible_collections.zerotrust.cloudflare.tests.fake_cloudflare.pytest_fixtures import (  # noqa: F401 pylint: disable=unused-import
    fake_cloudflare, fake_cloudflare_server)
