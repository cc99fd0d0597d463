# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Start and drive the fake Cloudflare API (server.py) from Python tests.

    with FakeCloudflare() as fake:
        fake.seed(apps=[{'type': 'self_hosted', 'name': 'a', 'domain': 'a.example.com'}])
        resp = fake.request('GET', '/accounts/{account_id}/access/apps', query={'name': 'a'})
        assert resp.status == 200 and resp.json()['result'][0]['name'] == 'a'
        assert fake.log()['writes'] == 0

Standard library only: the server runs in its own process (sys.executable server.py).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlencode

SERVER = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'server.py')
DEFAULT_ACCOUNT_ID = '0123456789abcdef0123456789abcdef'
DEFAULT_ZONE_ID = 'fedcba9876543210fedcba9876543210'
DEFAULT_TOKEN = 'fake-token'
BASE_PATH = '/client/v4'


class Response:
    """status, headers (dict with lower-case names), text; json() parses it."""

    def __init__(self, status, headers, text):
        self.status = status
        self.headers = headers
        self.text = text

    def json(self):
        return json.loads(self.text)

    def __repr__(self):
        return 'Response(%d, %s)' % (self.status, self.text[:300])


class FakeCloudflare:
    """The fake API in a subprocess on a free port.  A context manager; start()/stop() also work."""

    def __init__(self, token=DEFAULT_TOKEN, email=None, key=None, account_id=DEFAULT_ACCOUNT_ID, zone_id=DEFAULT_ZONE_ID,
                 latency_ms=0, timeout=900, seed=None, extra_args=(), host='127.0.0.1', startup_timeout=30.0,
                 python=None):
        self.token = token
        self.email = email
        self.key = key
        self.account_id = account_id
        self.zone_id = zone_id
        self.host = host
        self.latency_ms = latency_ms
        self.timeout = timeout
        self.seed_data = seed
        self.extra_args = list(extra_args)
        self.startup_timeout = startup_timeout
        self.python = python or sys.executable
        self.port = None
        self.process = None
        self.workdir = None

    # -- process ------------------------------------------------------------------------------

    @property
    def root_url(self):
        return 'http://%s:%d' % (self.host, self.port)

    @property
    def base_url(self):
        return self.root_url + BASE_PATH

    def command(self, port_file):
        cmd = [self.python, SERVER, '--host', self.host, '--port', '0', '--port-file', port_file,
               '--timeout', str(self.timeout), '--latency-ms', str(self.latency_ms), '--token', self.token or '',
               '--account-id', self.account_id, '--zone-id', self.zone_id, '--parent-pid', str(os.getpid())]
        if self.email and self.key:
            cmd += ['--email', self.email, '--key', self.key]
        if self.seed_data is not None:
            seed_file = os.path.join(self.workdir, 'seed.json')
            with open(seed_file, 'w') as stream:
                json.dump(self.seed_data, stream)
            cmd += ['--seed', seed_file]
        return cmd + self.extra_args

    def start(self):
        self.workdir = tempfile.mkdtemp(prefix='fake_cloudflare_')
        port_file = os.path.join(self.workdir, 'port')
        output = open(os.path.join(self.workdir, 'server.log'), 'wb')  # pylint: disable=consider-using-with
        try:
            self.process = subprocess.Popen(self.command(port_file), stdout=output, stderr=subprocess.STDOUT)  # pylint: disable=consider-using-with
        finally:
            output.close()
        deadline = time.time() + self.startup_timeout
        while not os.path.exists(port_file):
            if self.process.poll() is not None or time.time() > deadline:
                text = self.server_output()
                self.stop()
                raise RuntimeError('the fake Cloudflare API did not start:\n%s' % text)
            time.sleep(0.02)
        with open(port_file) as stream:
            self.port = int(stream.read().strip())
        return self

    def server_output(self):
        try:
            with open(os.path.join(self.workdir, 'server.log'), 'rb') as stream:
                return stream.read().decode('utf-8', 'replace')
        except (OSError, TypeError):
            return ''

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None
        if self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # -- HTTP -----------------------------------------------------------------------------------

    def auth_headers(self):
        if self.token:
            return {'Authorization': 'Bearer %s' % self.token}
        return {'X-Auth-Email': self.email, 'X-Auth-Key': self.key}

    def raw(self, method, path, body=None, headers=None, timeout=30):
        """One HTTP request to `path` (absolute, e.g. /client/v4/... or /__fake__/log); a Response.

        `body`: bytes/str are sent as they are, anything else as JSON.  Connection errors propagate."""
        data = body
        if body is not None and not isinstance(body, (bytes, str)):
            data = json.dumps(body)
        if isinstance(data, str):
            data = data.encode('utf-8')
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            all_headers = {'Content-Type': 'application/json'} if data is not None else {}
            all_headers.update(headers or {})
            conn.request(method, path, body=data, headers=all_headers)
            resp = conn.getresponse()
            text = resp.read().decode('utf-8', 'replace')
            return Response(resp.status, dict((k.lower(), v) for k, v in resp.getheaders()), text)
        finally:
            conn.close()

    def request(self, method, path, body=None, query=None, auth=True, headers=None, timeout=30):
        """An API request.  `path` is relative to /client/v4; {account_id} and {zone_id} are filled in."""
        path = path.format(account_id=self.account_id, zone_id=self.zone_id)
        if query:
            path += '?' + urlencode(query)
        all_headers = self.auth_headers() if auth else {}
        all_headers.update(headers or {})
        return self.raw(method, BASE_PATH + path, body, all_headers, timeout)

    def call(self, method, path, body=None, query=None, expect=None):
        """request() that returns the parsed JSON; AssertionError when `expect` (a status) does not match."""
        resp = self.request(method, path, body, query)
        if expect is not None and resp.status != expect:
            raise AssertionError('%s %s: expected HTTP %s, got %s' % (method, path, expect, resp))
        return resp.json()

    def control(self, method, name, body=None, query=None):
        path = '/__fake__/' + name
        if query:
            path += '?' + urlencode(query)
        resp = self.raw(method, path, body)
        if resp.status != 200:
            raise RuntimeError('control %s %s failed: %s' % (method, name, resp.text))
        return resp.json()

    # -- control plane ----------------------------------------------------------------------------

    def log(self, since=0):
        """{'requests': [{seq, time, method, path, query, status, fault, body}], 'counts': {METHOD: n}, 'writes': n, 'total': n}"""
        return self.control('GET', 'log', query={'since': since} if since else None)

    def reset(self, state=True, log=True, faults=True, config=True):
        return self.control('POST', 'reset', {'state': state, 'log': log, 'faults': faults, 'config': config})

    def seed(self, apps=None, policies=None, account_id=None, zone_id=None, generate=None, **related):
        """related: tags, groups, identity_providers, service_tokens (lists, see README.md)."""
        body = dict(related, apps=apps or [], policies=policies or [])
        if zone_id:
            body['zone_id'] = zone_id
        elif account_id:
            body['account_id'] = account_id
        if generate:
            body['generate'] = generate
        return self.control('POST', 'seed', body)

    def faults(self, *rules, **kwargs):
        """Queue fault rules (dicts); replace=True drops the queued ones first.  Returns the queue."""
        return self.control('POST', 'faults', {'faults': list(rules), 'replace': bool(kwargs.get('replace'))})['faults']

    def clear_faults(self):
        return self.control('DELETE', 'faults')

    def config(self, **settings):
        """latency_ms=..., rate_limit={'limit': n, 'window': s} (or None), team_domain=...; returns the config."""
        if not settings:
            return self.control('GET', 'config')
        return self.control('POST', 'config', settings)

    def state(self):
        return self.control('GET', 'state')
