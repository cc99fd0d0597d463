# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pytest fixtures for the fake Cloudflare API.

In a test module or conftest.py:

    from ansible_collections.zerotrust.cloudflare.tests.fake_cloudflare.pytest_fixtures import (  # noqa: F401 pylint: disable=unused-import
        fake_cloudflare, fake_cloudflare_server)

    def test_something(fake_cloudflare):          # a clean server (state, log, faults, config reset)
        fake_cloudflare.request('GET', '/accounts/{account_id}/access/apps')

`fake_cloudflare_server` is one process for the whole session; `fake_cloudflare` resets it before each test.

A test module that wants its own server (its own token, its own seed before each test):

    fake, clean = fake_api_fixtures(TOKEN, seed={'tags': ['existing']})
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import copy

import pytest

from ansible_collections.zerotrust.cloudflare.tests.fake_cloudflare.harness import FakeCloudflare


@pytest.fixture(scope='session')
def fake_cloudflare_server():
    with FakeCloudflare() as fake:
        yield fake


@pytest.fixture
def fake_cloudflare(fake_cloudflare_server):  # pylint: disable=redefined-outer-name
    fake_cloudflare_server.reset()
    yield fake_cloudflare_server


def fake_api_fixtures(token, seed=None, clear_env=()):
    """(fake, clean): a module-scoped fake API started with `token`, and an autouse fixture that resets it before each
    test, seeds `seed` (FakeCloudflare.seed keyword arguments, or a callable that takes the server), starts the
    request log afresh and unsets the environment variables `clear_env` for the test; queued faults are cleared after
    it.  Assign both to module names `fake` and `clean`."""

    @pytest.fixture(scope='module')
    def fake():
        with FakeCloudflare(token=token) as server:
            yield server

    @pytest.fixture(autouse=True)
    def clean(fake, monkeypatch):  # pylint: disable=redefined-outer-name
        for name in clear_env:
            monkeypatch.delenv(name, raising=False)
        fake.reset()
        if callable(seed):
            seed(fake)
        elif seed:
            fake.seed(**copy.deepcopy(seed))
        if seed:
            fake.reset(state=False, faults=False, config=False)  # the log starts after the seed
        yield
        fake.clear_faults()

    return fake, clean
