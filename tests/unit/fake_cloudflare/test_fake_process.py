# -*- coding: utf-8 -*-
# Copyright (c) 2026, zerotrust.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Feature 8: the process (CLI, port file, self-timeout, signals, keep-alive, threads) and the harness."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from ansible_collections.zerotrust.cloudflare.tests.fake_cloudflare import harness
from ansible_collections.zerotrust.cloudflare.tests.fake_cloudflare.harness import FakeCloudflare

APPS = '/accounts/{account_id}/access/apps'


def _start(tmp_path, *args, **kwargs):
    port_file = str(tmp_path / 'port')
    cmd = [sys.executable, harness.SERVER, '--port', '0', '--port-file', port_file] + list(args)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kwargs)  # pylint: disable=consider-using-with
    deadline = time.time() + 30
    while not os.path.exists(port_file):
        if proc.poll() is not None or time.time() > deadline:
            proc.kill()
            raise AssertionError('server did not start: %s' % proc.communicate()[0])
        time.sleep(0.02)
    with open(port_file) as stream:
        return proc, int(stream.read()), port_file


def _get(port, path, headers=None):
    conn = http.client.HTTPConnection('127.0.0.1', port, timeout=10)
    try:
        conn.request('GET', path, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, json.loads(resp.read().decode('utf-8'))
    finally:
        conn.close()


def _wait(proc, seconds):
    try:
        return proc.wait(seconds)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise


def test_port_file_and_self_timeout(tmp_path):
    proc, port, port_file = _start(tmp_path, '--timeout', '1')
    assert port > 0
    status, health = _get(port, '/__fake__/health')
    assert status == 200 and health['ok'] is True and health['base_path'] == '/client/v4'
    assert _wait(proc, 15) == 0
    assert not os.path.exists(port_file)
    assert b'listening on http://127.0.0.1:%d/client/v4' % port in proc.stdout.read()
    proc.stdout.close()


@pytest.mark.parametrize('how', ['sigterm', 'shutdown'])
def test_stop_by_signal_or_control_plane(tmp_path, how):
    proc, port, port_file = _start(tmp_path)
    if how == 'sigterm':
        proc.send_signal(signal.SIGTERM)
    else:
        conn = http.client.HTTPConnection('127.0.0.1', port, timeout=10)
        conn.request('POST', '/__fake__/shutdown')
        assert conn.getresponse().status == 200
        conn.close()
    assert _wait(proc, 15) == 0 and not os.path.exists(port_file)
    proc.stdout.close()


def test_exits_with_its_parent(tmp_path):
    parent = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(1)'])  # pylint: disable=consider-using-with
    proc, dummy, port_file = _start(tmp_path, '--parent-pid', str(parent.pid))
    parent.wait()
    assert _wait(proc, 15) == 0 and not os.path.exists(port_file)
    proc.stdout.close()


def test_cli_options(tmp_path):
    seed = tmp_path / 'seed.json'
    seed.write_text(json.dumps({'apps': [{'type': 'warp'}]}))
    account, zone = 'a' * 32, 'b' * 32
    args = ['--token', 'tok', '--email', 'e@example.com', '--key', 'k', '--account-id', account, '--account-id', 'c' * 32,
            '--zone-id', zone, '--latency-ms', '150', '--team-domain', 'acme.cloudflareaccess.com', '--rate-limit', '50',
            '--rate-window', '30', '--seed', str(seed)]
    proc, port, dummy = _start(tmp_path, *args)
    try:
        started = time.time()
        status, body = _get(port, '/client/v4/accounts/%s/access/apps' % account, {'X-Auth-Email': 'e@example.com', 'X-Auth-Key': 'k'})
        assert time.time() - started >= 0.15
        assert status == 200 and body['result'][0]['domain'] == 'acme.cloudflareaccess.com/warp'
        assert _get(port, '/client/v4/accounts/%s/access/apps' % ('c' * 32), {'Authorization': 'Bearer tok'})[1]['result'] == []
        assert _get(port, '/client/v4/zones/%s/access/apps' % zone, {'Authorization': 'Bearer tok'})[0] == 200
        assert _get(port, '/client/v4/accounts/%s/access/apps' % ('0' * 32), {'Authorization': 'Bearer tok'})[0] == 403
        config = _get(port, '/__fake__/config')[1]
        assert config['rate_limit'] == {'limit': 50, 'window': 30} and config['latency_ms'] == 150
        assert config['account_ids'] == [account, 'c' * 32] and config['zone_ids'] == [zone]
    finally:
        proc.terminate()
        _wait(proc, 15)
        proc.stdout.close()


def test_runs_without_ansible_collections_on_the_path(tmp_path):
    env = dict((k, v) for k, v in os.environ.items() if k != 'PYTHONPATH')
    proc, port, dummy = _start(tmp_path, '--timeout', '60', env=env, cwd=str(tmp_path))
    try:
        assert _get(port, '/client/v4/accounts/%s/access/apps' % harness.DEFAULT_ACCOUNT_ID,
                    {'Authorization': 'Bearer fake-token'})[0] == 200
        module_utils = _get(port, '/__fake__/health')[1]['module_utils']
        assert 'fake_cloudflare_' in module_utils  # the temporary ansible_collections tree
        assert os.path.realpath(module_utils) == os.path.realpath(os.path.join(harness.SERVER, '..', '..', '..', 'plugins', 'module_utils'))
    finally:
        proc.terminate()
        _wait(proc, 15)
        proc.stdout.close()


def test_keep_alive(fake_cloudflare):
    fake = fake_cloudflare
    conn = http.client.HTTPConnection('127.0.0.1', fake.port, timeout=10)
    try:
        for dummy in range(3):
            conn.request('GET', '/client/v4' + APPS.format(account_id=fake.account_id), headers=fake.auth_headers())
            resp = conn.getresponse()
            assert resp.status == 200 and resp.version == 11
            resp.read()
        first_socket = conn.sock
        conn.request('GET', '/__fake__/health')
        conn.getresponse().read()
        assert conn.sock is first_socket
    finally:
        conn.close()


def test_concurrent_writes_are_safe(fake_cloudflare):
    fake = fake_cloudflare
    statuses = []

    def create(number):
        statuses.append(fake.request('POST', APPS, {'type': 'self_hosted', 'domain': 'same.example.com', 'name': str(number)}).status)

    threads = [threading.Thread(target=create, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [201] + [409] * 11
    assert len(fake.state()['accounts'][fake.account_id]['apps']) == 1


def test_harness_api(fake_cloudflare):
    fake = fake_cloudflare
    assert fake.base_url == 'http://127.0.0.1:%d/client/v4' % fake.port
    assert fake.account_id == harness.DEFAULT_ACCOUNT_ID and fake.token == 'fake-token'
    for name in ('log', 'reset', 'seed', 'faults', 'config', 'state', 'request', 'call', 'raw', 'clear_faults'):
        assert callable(getattr(fake, name)), name
    assert fake.config()['base_path'] == '/client/v4'


def test_harness_reports_startup_failures():
    fake = FakeCloudflare(account_id='not-hex', timeout=30)
    with pytest.raises(RuntimeError) as info:
        fake.start()
    assert '32 hex' in str(info.value) and fake.process is None
