# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# A strict, stateful fake of the Cloudflare v4 Access applications API, for tests, the demo and
# the benchmark.  server.py is the process (python tests/fake_cloudflare/server.py --help),
# harness.py starts and drives it from Python, pytest_fixtures.py wraps the harness for pytest.
