# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Unit tests for plugins/module_utils/_client.py.

Every test talks to a real HTTP server on 127.0.0.1 (stdlib ThreadingHTTPServer, scripted
answers, recorded requests), so resets, hangs and malformed bodies are real socket behaviour.
Waits are recorded through an injected fake clock/sleep; nothing here sleeps for real except
the read-timeout tests (0.3 s client timeout).
"""

import email.utils
import json
import os
import socket
import struct
import subprocess
import sys
import threading
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from ansible_collections.zerotrust.cloudflare.plugins.module_utils import _client

requests = pytest.importorskip("requests")

TOKEN = "tok-S3CRET-0123456789abcdef"
EMAIL = "admin@example.com"
KEY = "key-G10BAL-fedcba9876543210"


# --------------------------------------------------------------------------------------------
# Test infrastructure
# --------------------------------------------------------------------------------------------

class Recorded(object):
    def __init__(self, method, path, query, headers, body):
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body

    def json(self):
        return json.loads(self.body.decode("utf-8"))


def ok(result=None, result_info=None, status=200, headers=None, messages=None):
    payload = {"success": True, "errors": [], "messages": messages or [], "result": result}
    if result_info is not None:
        payload["result_info"] = result_info
    return {"status": status, "json": payload, "headers": headers or {}}


def fail(status, errors, headers=None, messages=None):
    payload = {
        "success": False,
        "errors": [{"code": c, "message": m} for c, m in errors],
        "messages": messages or [],
        "result": None,
    }
    return {"status": status, "json": payload, "headers": headers or {}}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        rec = Recorded(
            self.command,
            parts.path,
            {k: v[0] for k, v in parse_qs(parts.query).items()},
            {k.lower(): v for k, v in self.headers.items()},
            body,
        )
        owner = self.server.owner
        spec = owner.next_response(rec)
        action = spec.get("action")
        if action == "close":
            # Close the connection without sending a single byte back.
            self.close_connection = True
            return
        if action == "reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
            return
        if action == "hang":
            owner.release.wait(10)
            self.close_connection = True
            return
        if "raw" in spec:
            data = spec["raw"] if isinstance(spec["raw"], bytes) else spec["raw"].encode("utf-8")
            ctype = spec.get("content_type", "text/html")
        else:
            data = json.dumps(spec.get("json")).encode("utf-8")
            ctype = "application/json"
        self.send_response(spec.get("status", 200))
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (spec.get("headers") or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _handle


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass


class ScriptedServer(object):
    """Answers requests from a queue of scripted responses, then from ``fallback``."""

    def __init__(self, port=0):
        self.responses = deque()
        self.fallback = None
        self.requests = []
        self.release = threading.Event()
        self._lock = threading.Lock()
        self.httpd = _Server(("127.0.0.1", port), _Handler)
        self.httpd.owner = self
        self.url = "http://127.0.0.1:{0}/client/v4".format(self.httpd.server_address[1])
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05})
        self.thread.daemon = True
        self.thread.start()

    def script(self, *responses):
        self.responses.extend(responses)

    def next_response(self, rec):
        with self._lock:
            self.requests.append(rec)
            if self.responses:
                return self.responses.popleft()
        if self.fallback is not None:
            return self.fallback(rec)
        return fail(500, [(1, "unscripted request {0} {1}".format(rec.method, rec.path))])

    def stop(self):
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


class FakeTime(object):
    """Monotonic clock that only moves when ``sleep`` is called; records every sleep."""

    def __init__(self, start=1000.0):
        self.now = start
        self.sleeps = []
        self._lock = threading.Lock()

    def clock(self):
        return self.now

    def sleep(self, seconds):
        with self._lock:
            self.sleeps.append(seconds)
            self.now += seconds


@pytest.fixture
def server():
    srv = ScriptedServer()
    yield srv
    srv.stop()


@pytest.fixture
def fake_time():
    return FakeTime()


@pytest.fixture
def debug_lines():
    return []


@pytest.fixture
def make_client(server, fake_time, debug_lines):
    clients = []

    def factory(**kwargs):
        params = dict(
            base_url=server.url,
            api_token=TOKEN,
            timeout=5,
            sleep=fake_time.sleep,
            clock=fake_time.clock,
            budget=_client.RequestBudget(clock=fake_time.clock, sleep=fake_time.sleep),
            debug=debug_lines.append,
        )
        params.update(kwargs)
        client = _client.CloudflareClient(**params)
        clients.append(client)
        return client

    yield factory
    for client in clients:
        client.session.close()


def _free_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


APP_PATH = "/accounts/abc/access/apps/123"


# --------------------------------------------------------------------------------------------
# Auth, headers, configuration
# --------------------------------------------------------------------------------------------

def test_token_auth_header_user_agent_and_result(server, make_client):
    server.script(ok({"id": "123", "name": "app"}))
    client = make_client()
    assert client.get(APP_PATH) == {"id": "123", "name": "app"}
    (rec,) = server.requests
    assert rec.method == "GET"
    assert rec.path == "/client/v4" + APP_PATH
    assert rec.headers["authorization"] == "Bearer " + TOKEN
    assert "x-auth-key" not in rec.headers and "x-auth-email" not in rec.headers
    assert rec.headers["user-agent"] == _client.USER_AGENT
    assert rec.headers["user-agent"].startswith("zerotrust.cloudflare/0.1.0")
    assert rec.headers["accept"] == "application/json"


def test_email_key_headers(server, make_client):
    server.script(ok([]))
    client = make_client(api_token=None, api_email=EMAIL, api_key=KEY)
    assert client.get("/accounts/abc/access/apps") == []
    (rec,) = server.requests
    assert rec.headers["x-auth-email"] == EMAIL
    assert rec.headers["x-auth-key"] == KEY
    assert "authorization" not in rec.headers
    assert client.auth_method == "api_key"


def test_json_body_and_params_sent(server, make_client):
    server.script(ok({"id": "new"}, status=201))
    client = make_client()
    resp = client.request("POST", "/accounts/abc/access/apps", params={"x": "1"}, json={"name": "n", "type": "self_hosted"})
    assert resp.status == 201
    assert resp.result == {"id": "new"}
    (rec,) = server.requests
    assert rec.json() == {"name": "n", "type": "self_hosted"}
    assert rec.query == {"x": "1"}
    assert rec.headers["content-type"] == "application/json"


@pytest.mark.parametrize("kwargs, fragment", [
    (dict(api_token=TOKEN, api_key=KEY, api_email=EMAIL), "mutually exclusive"),
    (dict(api_token=TOKEN, api_key=KEY), "mutually exclusive"),
    (dict(api_token=TOKEN, api_email=EMAIL), "mutually exclusive"),
    (dict(), "no Cloudflare credentials"),
    (dict(api_email=EMAIL), "together"),
    (dict(api_key=KEY), "together"),
])
def test_config_errors(kwargs, fragment):
    with pytest.raises(_client.CloudflareConfigError) as excinfo:
        _client.CloudflareClient(base_url="https://api.example.invalid/client/v4", budget=_client.RequestBudget(), **kwargs)
    text = str(excinfo.value)
    assert fragment in text
    assert TOKEN not in text and KEY not in text
    assert isinstance(excinfo.value, _client.CloudflareError)
    json.dumps(excinfo.value.to_dict())


def test_bad_base_url_is_config_error():
    with pytest.raises(_client.CloudflareConfigError):
        _client.CloudflareClient(base_url="ftp://x", api_token=TOKEN)


def test_absolute_url_path_refused(make_client):
    client = make_client()
    with pytest.raises(_client.CloudflareConfigError):
        client.get("https://evil.example.com/steal")


def test_repr_hides_secrets(make_client):
    for client in (make_client(), make_client(api_token=None, api_email=EMAIL, api_key=KEY)):
        text = repr(client) + str(client) + repr(client._auth) + repr(client.session.auth)
        assert TOKEN not in text and KEY not in text


def test_default_base_url_and_constants():
    assert _client.DEFAULT_BASE_URL == "https://api.cloudflare.com/client/v4"
    assert _client.COLLECTION_VERSION == "0.1.0"
    client = _client.CloudflareClient(api_token=TOKEN, budget=_client.RequestBudget())
    assert client.base_url == _client.DEFAULT_BASE_URL
    assert client.retry_max_delay == 300
    assert client.max_retries == 5
    assert client.budget is not _client.get_shared_budget()


def test_default_budget_is_shared():
    a = _client.CloudflareClient(api_token=TOKEN)
    b = _client.CloudflareClient(api_token=TOKEN)
    assert a.budget is b.budget is _client.get_shared_budget()
    assert a.budget.limit == 1200 and a.budget.window == 300.0


# --------------------------------------------------------------------------------------------
# Envelope and errors
# --------------------------------------------------------------------------------------------

def test_envelope_error_text_and_attributes(server, make_client, fake_time):
    server.script(fail(400, [(12130, "precedences must be unique"), (10001, "other")], messages=[{"code": 1, "message": "note"}]))
    client = make_client()
    with pytest.raises(_client.CloudflareAPIError) as excinfo:
        client.put(APP_PATH, json={"name": "x", "client_secret": "body-secret"})
    err = excinfo.value
    assert str(err) == "PUT /accounts/abc/access/apps/123 failed with HTTP 400: [12130] precedences must be unique; [10001] other"
    assert err.status == 400
    assert err.method == "PUT"
    assert err.path == APP_PATH
    assert err.errors == [(12130, "precedences must be unique"), (10001, "other")]
    assert err.error_codes == [12130, 10001]
    assert err.messages == ["[1] note"]
    assert TOKEN not in str(err) and "Bearer" not in str(err) and "body-secret" not in str(err)
    data = err.to_dict()
    json.dumps(data)
    assert data["status"] == 400 and data["method"] == "PUT" and data["path"] == APP_PATH
    assert [e["code"] for e in data["errors"]] == [12130, 10001]
    assert TOKEN not in json.dumps(data)
    assert len(server.requests) == 1
    assert fake_time.sleeps == []


def test_error_path_has_no_query_string(server, make_client):
    server.script(fail(404, [(12045, "access.api.error.invalid_application_id")]))
    client = make_client()
    with pytest.raises(_client.CloudflareAPIError) as excinfo:
        client.get(APP_PATH + "?name=foo&exact=true")
    assert excinfo.value.path == APP_PATH
    assert "name=foo" not in str(excinfo.value)
    assert server.requests[0].query == {"name": "foo", "exact": "true"}


def test_success_false_with_http_200_is_api_error(server, make_client):
    server.script({"status": 200, "json": {"success": False, "errors": [{"code": 7003, "message": "No route for the URI"}], "messages": [], "result": None}})
    with pytest.raises(_client.CloudflareAPIError) as excinfo:
        make_client().get("/nope")
    assert excinfo.value.status == 200
    assert "[7003] No route for the URI" in str(excinfo.value)


def test_api_echoing_secret_is_redacted(server, make_client):
    server.script(fail(400, [(10000, "bad header Bearer " + TOKEN)]))
    client = make_client()
    with pytest.raises(_client.CloudflareAPIError) as excinfo:
        client.get("/x")
    assert TOKEN not in str(excinfo.value)
    assert TOKEN not in json.dumps(excinfo.value.to_dict())
    assert "********" in str(excinfo.value)


def test_add_secret_redacts_other_values(server, make_client):
    server.script(fail(400, [(10000, "invalid client_secret abcd-SECRET-value")]))
    client = make_client()
    client.add_secret("abcd-SECRET-value")
    with pytest.raises(_client.CloudflareAPIError) as excinfo:
        client.get("/x")
    assert "abcd-SECRET-value" not in str(excinfo.value)


def test_malformed_json_on_get(server, make_client):
    server.script({"status": 200, "raw": '{"success": tru', "content_type": "application/json"})
    with pytest.raises(_client.CloudflareAPIError) as excinfo:
        make_client().get("/accounts/abc/access/apps")
    text = str(excinfo.value)
    assert "not valid JSON" in text
    assert "GET /accounts/abc/access/apps failed with HTTP 200" in text
    assert len(server.requests) == 1


def test_non_json_error_page(server, make_client):
    server.script({"status": 403, "raw": "<html>forbidden</html>"})
    with pytest.raises(_client.CloudflareAPIError) as excinfo:
        make_client().get("/x")
    assert excinfo.value.status == 403
    assert "not valid JSON" in str(excinfo.value)
    assert "text/html" in str(excinfo.value)


def test_json_that_is_not_an_envelope(server, make_client):
    server.script({"status": 200, "json": [1, 2, 3]})
    with pytest.raises(_client.CloudflareAPIError) as excinfo:
        make_client().get("/x")
    assert "not a Cloudflare v4 envelope" in str(excinfo.value)


def test_malformed_json_on_post_is_outcome_unknown(server, make_client):
    server.script({"status": 201, "raw": "{not json", "content_type": "application/json"})
    with pytest.raises(_client.CloudflareOutcomeUnknownError) as excinfo:
        make_client().post("/accounts/abc/access/apps", json={"name": "a"})
    assert not isinstance(excinfo.value, _client.CloudflareAPIError)
    assert len(server.requests) == 1


def test_lenient_envelope_extra_fields_and_result_info(server, make_client):
    server.script(ok([{"id": 1}], result_info={"count": 1, "page": 1, "per_page": 20, "total_count": 1, "total_pages": 1, "cursor": "zz"},
                     headers={"Set-Cookie": "a=b", "X-Thing": "1"}))
    resp = make_client().request("GET", "/x")
    assert resp.result == [{"id": 1}]
    assert resp.result_info.total_pages == 1
    assert resp.result_info.total_count == 1
    assert resp.headers["x-thing"] == "1"
    assert "set-cookie" not in resp.headers


def test_empty_204_is_success(server, make_client):
    server.script({"status": 204, "raw": b""})
    resp = make_client().request("DELETE", "/x")
    assert resp.status == 204 and resp.result is None


# --------------------------------------------------------------------------------------------
# Pagination
# --------------------------------------------------------------------------------------------

def _paged_fallback(items, with_result_info=True, cap=None):
    def fallback(rec):
        page = int(rec.query.get("page", 1))
        per_page = int(rec.query.get("per_page", 1000))
        if cap:
            per_page = min(per_page, cap)
        chunk = items[(page - 1) * per_page:page * per_page]
        if not with_result_info:
            return ok(chunk)
        total_pages = (len(items) + per_page - 1) // per_page
        return ok(chunk, result_info={"count": len(chunk), "page": page, "per_page": per_page,
                                      "total_count": len(items), "total_pages": total_pages})
    return fallback


def test_paginate_three_pages(server, make_client):
    items = [{"id": i} for i in range(2500)]
    server.fallback = _paged_fallback(items)
    result = make_client().paginate("/accounts/abc/access/apps", params={"name": "x", "exact": "true"})
    assert result == items
    assert [r.query["page"] for r in server.requests] == ["1", "2", "3"]
    assert all(r.query["per_page"] == "1000" and r.query["name"] == "x" and r.query["exact"] == "true" for r in server.requests)


def test_paginate_in_parallel_keeps_page_order_and_reads_each_page_once(server, make_client):
    items = [{"id": i} for i in range(2500)]
    server.fallback = _paged_fallback(items)
    result = make_client().paginate("/accounts/abc/access/apps", per_page=1000, concurrency=4)
    assert result == items
    assert sorted(r.query["page"] for r in server.requests) == ["1", "2", "3"]
    assert server.requests[0].query["page"] == "1"  # the first page tells how many there are


def test_paginate_in_parallel_one_page(server, make_client):
    items = [{"id": i} for i in range(5)]
    server.fallback = _paged_fallback(items)
    assert make_client().paginate("/x", concurrency=4) == items
    assert len(server.requests) == 1


def test_paginate_stops_at_total_pages_with_small_pages(server, make_client):
    items = [{"id": i} for i in range(7)]
    server.fallback = _paged_fallback(items)
    assert make_client().paginate("/x", per_page=2) == items
    assert len(server.requests) == 4


def test_paginate_server_caps_per_page(server, make_client):
    items = [{"id": i} for i in range(250)]
    server.fallback = _paged_fallback(items, cap=100)
    assert make_client().paginate("/x") == items
    assert len(server.requests) == 3


def test_paginate_without_result_info_short_page(server, make_client):
    items = [{"id": i} for i in range(5)]
    server.fallback = _paged_fallback(items, with_result_info=False)
    assert make_client().paginate("/x", per_page=2) == items
    assert [r.query["page"] for r in server.requests] == ["1", "2", "3"]


def test_paginate_without_result_info_empty_page(server, make_client):
    items = [{"id": i} for i in range(4)]
    server.fallback = _paged_fallback(items, with_result_info=False)
    assert make_client().paginate("/x", per_page=2) == items
    assert [r.query["page"] for r in server.requests] == ["1", "2", "3"]


def test_paginate_endpoint_ignoring_page(server, make_client):
    server.fallback = lambda rec: ok([{"id": 1}, {"id": 2}])
    assert make_client().paginate("/x", per_page=2) == [{"id": 1}, {"id": 2}]
    assert len(server.requests) == 2


def test_paginate_null_result(server, make_client):
    server.script(ok(None))
    assert make_client().paginate("/x") == []


# --------------------------------------------------------------------------------------------
# 429 and Retry-After
# --------------------------------------------------------------------------------------------

def test_429_retry_after_seconds(server, make_client, fake_time):
    server.script(fail(429, [(10000, "rate limited")], headers={"Retry-After": "2"}), ok({"id": "1"}))
    assert make_client().get("/x") == {"id": "1"}
    assert fake_time.sleeps == [2.0]
    assert len(server.requests) == 2


def test_429_retry_after_120_is_honoured(server, make_client, fake_time):
    server.script(fail(429, [(10000, "rate limited")], headers={"Retry-After": "120"}), ok({"id": "1"}))
    assert make_client().get("/x") == {"id": "1"}
    assert fake_time.sleeps == [120.0]


def test_429_retry_after_above_cap_is_clamped_and_logged(server, make_client, fake_time, debug_lines):
    server.script(fail(429, [], headers={"Retry-After": "900"}), ok({"id": "1"}))
    assert make_client().get("/x") == {"id": "1"}
    assert fake_time.sleeps == [300.0]
    assert any("900" in line and "retry_max_delay" in line for line in debug_lines)


def test_429_retry_after_http_date(server, make_client, fake_time):
    wall = 1700000000.0
    server.script(fail(429, [], headers={"Retry-After": email.utils.formatdate(wall + 30, usegmt=True)}), ok(1))
    assert make_client(wall_clock=lambda: wall).get("/x") == 1
    assert fake_time.sleeps == [30.0]


def test_429_retry_after_ms(server, make_client, fake_time):
    server.script(fail(429, [], headers={"retry-after-ms": "1500", "Retry-After": "9"}), ok(1))
    assert make_client().get("/x") == 1
    assert fake_time.sleeps == [1.5]


def test_429_ratelimit_header_when_no_retry_after(server, make_client, fake_time):
    server.script(fail(429, [], headers={"Ratelimit": '"default";r=0;t=7'}), ok(1))
    assert make_client().get("/x") == 1
    assert fake_time.sleeps == [7.0]


def test_429_without_hints_backs_off(server, make_client, fake_time):
    server.script(fail(429, []), ok(1))
    assert make_client().get("/x") == 1
    assert len(fake_time.sleeps) == 1 and 0.25 <= fake_time.sleeps[0] <= 0.5


def test_post_429_is_retried(server, make_client, fake_time):
    server.script(fail(429, [(10000, "rate limited")], headers={"Retry-After": "1"}), ok({"id": "new"}, status=201))
    assert make_client().post("/accounts/abc/access/apps", json={"name": "a"}) == {"id": "new"}
    assert len(server.requests) == 2
    assert [r.method for r in server.requests] == ["POST", "POST"]
    assert fake_time.sleeps == [1.0]


def test_429_exhausted(server, make_client, fake_time):
    server.fallback = lambda rec: fail(429, [(971, "Please wait")], headers={"Retry-After": "3"})
    with pytest.raises(_client.CloudflareAPIError) as excinfo:
        make_client(max_retries=2).get("/x")
    assert excinfo.value.status == 429
    assert excinfo.value.attempts == 3
    assert "gave up after 3 attempts" in str(excinfo.value)
    assert len(server.requests) == 3
    assert fake_time.sleeps == [3.0, 3.0]


# --------------------------------------------------------------------------------------------
# 5xx, resets, timeouts
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH"])
def test_idempotent_503_twice_then_ok(server, make_client, fake_time, method):
    server.script(fail(503, [(10000, "unavailable")]), {"status": 503, "raw": "<html>503</html>"}, ok({"id": "123"}))
    resp = make_client().request(method, APP_PATH, json={"a": 1} if method in ("PUT", "PATCH") else None)
    assert resp.result == {"id": "123"}
    assert len(server.requests) == 3
    assert all(r.method == method for r in server.requests)
    assert len(fake_time.sleeps) == 2
    assert 0.25 <= fake_time.sleeps[0] <= 0.5
    assert 0.5 <= fake_time.sleeps[1] <= 1.0


@pytest.mark.parametrize("status", [500, 502, 504, 520])
def test_get_other_5xx_retried(server, make_client, status):
    server.script(fail(status, []), ok(1))
    assert make_client().get("/x") == 1
    assert len(server.requests) == 2


def test_503_retry_after_honoured_for_get(server, make_client, fake_time):
    server.script(fail(503, [], headers={"Retry-After": "4"}), ok(1))
    assert make_client().get("/x") == 1
    assert fake_time.sleeps == [4.0]


def test_backoff_is_capped(server, make_client, fake_time):
    server.fallback = lambda rec: fail(503, [])
    with pytest.raises(_client.CloudflareAPIError):
        make_client(max_retries=6, backoff_base=10, retry_max_delay=30).get("/x")
    assert len(fake_time.sleeps) == 6
    assert all(s <= 30 for s in fake_time.sleeps)


@pytest.mark.parametrize("action", ["close", "reset"])
def test_get_connection_dropped_then_ok(server, make_client, action):
    server.script({"action": action}, ok({"id": "1"}))
    assert make_client().get("/x") == {"id": "1"}
    assert len(server.requests) == 2


@pytest.mark.parametrize("action", ["close", "reset"])
def test_put_connection_dropped_then_ok(server, make_client, action):
    server.script({"action": action}, ok({"id": "1"}))
    assert make_client().put(APP_PATH, json={"name": "a"}) == {"id": "1"}
    assert len(server.requests) == 2
    assert server.requests[1].json() == {"name": "a"}


def test_post_503_is_outcome_unknown_after_one_request(server, make_client, fake_time):
    server.script(fail(503, [(10000, "try later")]), ok({"id": "dup"}, status=201))
    with pytest.raises(_client.CloudflareOutcomeUnknownError) as excinfo:
        make_client().post("/accounts/abc/access/apps", json={"name": "a"})
    err = excinfo.value
    assert not isinstance(err, _client.CloudflareAPIError)
    assert isinstance(err, _client.CloudflareError)
    assert err.method == "POST" and err.path == "/accounts/abc/access/apps" and err.status == 503
    assert "Look the object up" in str(err)
    assert TOKEN not in str(err)
    assert len(server.requests) == 1
    assert fake_time.sleeps == []
    data = err.to_dict()
    json.dumps(data)
    assert data["outcome_unknown"] is True and data["errors"] == [{"code": 10000, "message": "try later"}]


@pytest.mark.parametrize("action", ["close", "reset"])
def test_post_connection_dropped_is_outcome_unknown(server, make_client, fake_time, action):
    server.script({"action": action}, ok({"id": "dup"}, status=201))
    with pytest.raises(_client.CloudflareOutcomeUnknownError) as excinfo:
        make_client().post("/accounts/abc/access/apps", json={"name": "a"})
    assert len(server.requests) == 1
    assert fake_time.sleeps == []
    assert excinfo.value.method == "POST"
    assert TOKEN not in str(excinfo.value)
    assert "127.0.0.1" not in str(excinfo.value)


def test_post_read_timeout_is_outcome_unknown(server, make_client):
    server.script({"action": "hang"})
    with pytest.raises(_client.CloudflareOutcomeUnknownError) as excinfo:
        make_client(timeout=0.3).post("/accounts/abc/access/apps", json={"name": "a"})
    assert "ReadTimeout" in str(excinfo.value)
    assert len(server.requests) == 1


def test_get_read_timeout_is_retried(server, make_client):
    server.script({"action": "hang"}, ok(1))
    assert make_client(timeout=0.3).get("/x") == 1
    assert len(server.requests) == 2


def test_post_connection_refused_is_retried_then_exhausted(make_client, fake_time):
    client = make_client(base_url="http://127.0.0.1:{0}/client/v4".format(_free_port()), max_retries=2)
    with pytest.raises(_client.CloudflareTransportError) as excinfo:
        client.post("/accounts/abc/access/apps", json={"name": "a"})
    err = excinfo.value
    assert err.attempts == 3
    assert "gave up after 3 attempts" in str(err)
    assert "POST /accounts/abc/access/apps" in str(err)
    assert len(fake_time.sleeps) == 2
    assert TOKEN not in str(err)
    json.dumps(err.to_dict())


def test_post_refused_then_server_up_succeeds(make_client, fake_time):
    """The first attempt meets a closed port (never sent); the server starts listening before the retry."""
    port = _free_port()
    client = make_client(base_url="http://127.0.0.1:{0}/client/v4".format(port))
    started = []

    def sleep_and_start_server(seconds):
        fake_time.sleep(seconds)
        if not started:
            srv = ScriptedServer(port=port)
            srv.script(ok({"id": "new"}, status=201))
            started.append(srv)

    client._sleep = sleep_and_start_server
    try:
        assert client.post("/accounts/abc/access/apps", json={"name": "a"}) == {"id": "new"}
        assert len(started[0].requests) == 1
        assert len(fake_time.sleeps) == 1
    finally:
        for srv in started:
            srv.stop()


def test_connect_timeout_classified_as_not_sent():
    assert _client._classify_exception(requests.exceptions.ConnectTimeout("x")) == _client._NOT_SENT
    assert _client._classify_exception(requests.exceptions.ReadTimeout("x")) == _client._MAYBE_SENT
    assert _client._classify_exception(requests.exceptions.ConnectionError("x")) == _client._MAYBE_SENT
    assert _client._classify_exception(requests.exceptions.ChunkedEncodingError("x")) == _client._MAYBE_SENT


def test_409_not_retried(server, make_client, fake_time):
    server.script(fail(409, [(11010, "access.api.error.application_already_exists")]), ok(1))
    with pytest.raises(_client.CloudflareAPIError) as excinfo:
        make_client().put(APP_PATH, json={"name": "a"})
    assert excinfo.value.status == 409
    assert excinfo.value.errors == [(11010, "access.api.error.application_already_exists")]
    assert len(server.requests) == 1
    assert fake_time.sleeps == []


def test_409_on_post_not_retried(server, make_client):
    server.script(fail(409, [(11010, "exists")]), ok(1))
    with pytest.raises(_client.CloudflareAPIError):
        make_client().post("/x", json={})
    assert len(server.requests) == 1


def test_4xx_not_retried(server, make_client):
    server.script(fail(400, [(12130, "bad")]), ok(1))
    with pytest.raises(_client.CloudflareAPIError):
        make_client().get("/x")
    assert len(server.requests) == 1


def test_5xx_retries_exhausted_names_attempts(server, make_client, fake_time):
    server.fallback = lambda rec: fail(503, [(10000, "down")])
    with pytest.raises(_client.CloudflareAPIError) as excinfo:
        make_client(max_retries=3).get("/x")
    err = excinfo.value
    assert err.status == 503 and err.attempts == 4
    assert "gave up after 4 attempts" in str(err)
    assert len(server.requests) == 4
    assert len(fake_time.sleeps) == 3


def test_transport_retries_exhausted_names_attempts(server, make_client):
    server.fallback = lambda rec: {"action": "close"}
    with pytest.raises(_client.CloudflareTransportError) as excinfo:
        make_client(max_retries=2).delete(APP_PATH)
    assert excinfo.value.attempts == 3
    assert "gave up after 3 attempts" in str(excinfo.value)
    assert "DELETE " + APP_PATH in str(excinfo.value)
    assert len(server.requests) == 3


def test_max_retries_zero(server, make_client):
    server.fallback = lambda rec: fail(503, [])
    with pytest.raises(_client.CloudflareAPIError):
        make_client(max_retries=0).get("/x")
    assert len(server.requests) == 1


# --------------------------------------------------------------------------------------------
# Request budget
# --------------------------------------------------------------------------------------------

def _max_in_any_window(times, window):
    times = sorted(times)
    best = 0
    for i, start in enumerate(times):
        best = max(best, sum(1 for t in times[i:] if t < start + window))
    return best


def test_budget_sliding_window():
    ft = FakeTime(start=0.0)
    budget = _client.RequestBudget(limit=3, window=10.0, clock=ft.clock, sleep=ft.sleep)
    sent = []
    for dummy in range(8):
        budget.acquire()
        sent.append(ft.now)
    assert sent == [0, 0, 0, 10, 10, 10, 20, 20]
    assert ft.sleeps == [10.0, 10.0]
    assert _max_in_any_window(sent, 10.0) <= 3


def test_budget_sliding_window_staggered():
    ft = FakeTime(start=0.0)
    budget = _client.RequestBudget(limit=3, window=10.0, clock=ft.clock, sleep=ft.sleep)
    sent = []
    for gap in [0, 2, 2, 0, 0, 0, 1]:
        ft.now += gap
        budget.acquire()
        sent.append(ft.now)
    # t=0,2,4 ; the 4th waits until 10 (0 leaves), the 5th until 12, the 6th until 14; then +1 → 15 waits until 20.
    assert sent == [0, 2, 4, 10, 12, 14, 20]
    assert ft.sleeps == [6.0, 2.0, 2.0, 5.0]
    assert _max_in_any_window(sent, 10.0) <= 3


def test_budget_counts_a_settled_request_from_its_answer():
    """A server counts a request when it arrives, after it was sent: the budget counts it from its answer, so with
    the server's own limit it never sends the request that the server would count in the previous window."""
    ft = FakeTime(start=0.0)
    budget = _client.RequestBudget(limit=2, window=10.0, clock=ft.clock, sleep=ft.sleep)
    answered = []
    for dummy in range(5):
        waited, recorded = budget.reserve()
        sent = ft.now
        ft.now += 0.5  # the round trip
        budget.settle(recorded)
        answered.append((sent, ft.now))
    sends = [sent for sent, dummy in answered]
    assert sends == [0.0, 0.5, 10.5, 11.0, 21.0]
    # every request is sent at least a window after the answer of the request `limit` places before it
    assert all(sends[i] >= answered[i - 2][1] + 10.0 for i in range(2, 5))


def test_budget_settle_of_an_unknown_time_still_counts_the_request():
    ft = FakeTime(start=5.0)
    budget = _client.RequestBudget(limit=1, window=10.0, clock=ft.clock, sleep=ft.sleep)
    budget.settle(1.0)
    assert budget.in_window() == 1
    assert budget.acquire() == 10.0


def test_budget_block_for_and_ratelimit():
    ft = FakeTime(start=0.0)
    budget = _client.RequestBudget(limit=100, window=10.0, clock=ft.clock, sleep=ft.sleep)
    budget.observe_ratelimit(5, 30)
    assert budget.acquire() == 0
    budget.observe_ratelimit(0, 5)
    assert budget.acquire() == 5.0
    assert ft.now == 5.0


def test_budget_threads():
    budget = _client.RequestBudget(limit=10000, window=300.0)
    threads = [threading.Thread(target=lambda: [budget.acquire() for dummy in range(50)]) for dummy in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert budget.in_window() == 400


def test_budget_bad_config():
    with pytest.raises(_client.CloudflareConfigError):
        _client.RequestBudget(limit=0)
    with pytest.raises(_client.CloudflareConfigError):
        _client.RequestBudget(window=0)


def test_shared_budget_configure():
    shared = _client.get_shared_budget()
    old = (shared.limit, shared.window)
    try:
        assert _client.get_shared_budget(limit=10, window=60) is shared
        assert (shared.limit, shared.window) == (10, 60.0)
    finally:
        shared.configure(*old)


def test_client_requests_are_paced_by_budget(server, make_client, fake_time):
    server.fallback = lambda rec: ok(1)
    budget = _client.RequestBudget(limit=2, window=60.0, clock=fake_time.clock, sleep=fake_time.sleep)
    client = make_client(budget=budget)
    for dummy in range(3):
        client.get("/x")
    assert fake_time.sleeps == [60.0]
    assert len(server.requests) == 3


def test_budget_shared_between_clients(server, make_client, fake_time):
    server.fallback = lambda rec: ok(1)
    budget = _client.RequestBudget(limit=2, window=60.0, clock=fake_time.clock, sleep=fake_time.sleep)
    a = make_client(budget=budget)
    b = make_client(budget=budget)
    a.get("/x")
    b.get("/x")
    a.get("/x")
    assert fake_time.sleeps == [60.0]


def test_ratelimit_remaining_zero_paces_next_request(server, make_client, fake_time):
    server.script(ok(1, headers={"Ratelimit": '"default";r=0;t=5', "Ratelimit-Policy": '"default";q=1200;w=300'}), ok(2))
    client = make_client()
    assert client.get("/x") == 1
    assert fake_time.sleeps == []
    assert client.get("/x") == 2
    assert fake_time.sleeps == [5.0]


def test_ratelimit_remaining_nonzero_does_not_wait(server, make_client, fake_time):
    server.script(ok(1, headers={"Ratelimit": '"default";r=10;t=5'}), ok(2))
    client = make_client()
    client.get("/x")
    client.get("/x")
    assert fake_time.sleeps == []


# --------------------------------------------------------------------------------------------
# Header parsers
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ('"default";r=50;t=30', (50.0, 30.0)),
    ('"default";r=0;t=5', (0.0, 5.0)),
    ('"a";r=5;t=10, "b";r=0;t=40', (0.0, 40.0)),
    ("limit=100, remaining=0, reset=12", (0.0, 12.0)),
    ("", None),
    ("garbage", None),
])
def test_parse_ratelimit(value, expected):
    assert _client.parse_ratelimit(value) == expected


def test_parse_retry_after_variants():
    assert _client.parse_retry_after({"retry-after": "2"}) == 2.0
    assert _client.parse_retry_after({"retry-after": "nonsense"}) is None
    assert _client.parse_retry_after({}) is None
    assert _client.parse_retry_after({"retry-after": "-3"}) == 0.0
    assert _client.parse_retry_after({"retry-after": email.utils.formatdate(100.0, usegmt=True)}, wall_clock=lambda: 200.0) == 0.0


# --------------------------------------------------------------------------------------------
# Debug logging
# --------------------------------------------------------------------------------------------

def test_debug_lines_have_no_secrets(server, make_client, debug_lines):
    server.script(fail(503, []), ok(1), fail(400, [(1, "no")]), {"action": "close"}, ok(2))
    client = make_client()
    client.get("/accounts/abc/access/apps")
    with pytest.raises(_client.CloudflareAPIError):
        client.put(APP_PATH, json={"secret": "body-secret-xyz"})
    client.get("/y")
    assert debug_lines
    joined = "\n".join(debug_lines)
    assert "GET /accounts/abc/access/apps -> HTTP 503 (attempt 1" in joined
    assert "GET /accounts/abc/access/apps -> HTTP 200 (attempt 2" in joined
    assert "PUT " + APP_PATH + " -> HTTP 400" in joined
    for secret in (TOKEN, "Bearer", "body-secret-xyz", "authorization", "Authorization"):
        assert secret not in joined


def test_debug_lines_have_no_key(server, make_client, debug_lines):
    server.script(ok(1))
    make_client(api_token=None, api_email=EMAIL, api_key=KEY).get("/x")
    assert debug_lines and KEY not in "\n".join(debug_lines)


def test_broken_debug_callback_is_ignored(server, make_client):
    server.script(ok(1))

    def broken(line):
        raise RuntimeError("boom")

    assert make_client(debug=broken).get("/x") == 1


# --------------------------------------------------------------------------------------------
# Import without third-party libraries (what ansible-test's import sanity test does)
# --------------------------------------------------------------------------------------------

_IMPORT_CHECK = r"""
import importlib.abc, importlib.util, sys

class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("requests", "pydantic", "urllib3", "ansible"):
            raise ImportError("blocked " + name)
        return None

sys.meta_path.insert(0, Block())
spec = importlib.util.spec_from_file_location("cf_client_under_test", sys.argv[1])
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
assert mod.HAS_REQUESTS is False and mod.HAS_PYDANTIC is False
assert "blocked requests" in mod.REQUESTS_IMPORT_ERROR and "blocked pydantic" in mod.PYDANTIC_IMPORT_ERROR
try:
    mod.CloudflareClient(api_token="t")
except mod.CloudflareConfigError as exc:
    assert "requests" in str(exc)
else:
    raise AssertionError("no error")
print("OK")
"""


def test_imports_without_requests_pydantic_or_ansible():
    path = os.path.abspath(_client.__file__)
    out = subprocess.run([sys.executable, "-c", _IMPORT_CHECK, path], capture_output=True, text=True, timeout=60, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "OK"
