# -*- coding: utf-8 -*-
# Copyright: Contributors to the zerotrust.cloudflare collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
#
# PRIVATE TO THE COLLECTION: this file is an implementation detail of zerotrust.cloudflare.
# It is not a public API; other collections and roles must not import it, and it may change
# in any release without notice.
"""HTTP client for the Cloudflare v4 API (no Ansible imports).

The client adds authentication, parses the v4 envelope, turns failures into typed
exceptions whose text never contains credentials, retries what is safe to retry and paces
requests through a process-wide request budget.

Retry policy in short:

* 429 is retried for every method (the request was rejected, not processed), waiting
  ``retry-after-ms`` / ``Retry-After`` (seconds or HTTP-date) / ``Ratelimit`` ``t=``, else backoff.
* 5xx, 408, connection resets and read timeouts are retried with jittered exponential backoff for
  GET, PUT, DELETE, PATCH (and HEAD/OPTIONS).
* POST is retried only when the request provably never reached the server (connect timeout,
  connection refused, name resolution failure) or on 429. Any other failure after the request may
  have been sent raises :class:`CloudflareOutcomeUnknownError`: look the object up before retrying.
* 409 is never retried.
"""

import bisect
import email.utils
import json as _json
import random
import re
import threading
import time
import traceback
from typing import Any, Callable, Dict, List, Optional, Tuple, Union

try:
    import requests
    import requests.adapters
    import requests.auth
    import requests.exceptions
    import requests.structures
    from urllib3.exceptions import ConnectTimeoutError as _Urllib3ConnectTimeoutError
    from urllib3.exceptions import MaxRetryError as _Urllib3MaxRetryError
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None  # type: Optional[str]
    _AuthBase = requests.auth.AuthBase  # type: Any
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
    _AuthBase = object

try:
    from pydantic import BaseModel, ConfigDict, ValidationError
    HAS_PYDANTIC = True
    PYDANTIC_IMPORT_ERROR = None  # type: Optional[str]
except ImportError:
    HAS_PYDANTIC = False
    PYDANTIC_IMPORT_ERROR = traceback.format_exc()
    BaseModel = object  # type: ignore[misc,assignment]
    ConfigDict = dict  # type: ignore[misc,assignment]

    class ValidationError(Exception):  # type: ignore[no-redef]
        """Placeholder so that ``except ValidationError`` stays valid without pydantic."""


COLLECTION_VERSION = "0.1.0"
DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4"
USER_AGENT = "zerotrust.cloudflare/{0} (Ansible collection; +https://galaxy.ansible.com/ui/repo/published/zerotrust/cloudflare/)".format(COLLECTION_VERSION)

#: Methods that may be repeated after a failure that happened after the request was sent.
IDEMPOTENT_METHODS = frozenset(("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH"))
#: HTTP statuses retried for idempotent methods (besides 429, which is retried for all methods).
RETRYABLE_STATUSES = frozenset((408,))

# Response headers that are never exposed on ApiResponse.headers.
_HIDDEN_RESPONSE_HEADERS = frozenset(("authorization", "x-auth-key", "x-auth-email", "cookie", "set-cookie"))
_MAX_PAGES = 100000
_REDACTED = "********"


# --------------------------------------------------------------------------------------------
# Exceptions
# --------------------------------------------------------------------------------------------

class CloudflareError(Exception):
    """Base class of every error raised by this client."""

    def __init__(self, message, method=None, path=None, status=None, attempts=None):
        # type: (str, Optional[str], Optional[str], Optional[int], Optional[int]) -> None
        super(CloudflareError, self).__init__(message)
        self.message = message
        self.method = method
        self.path = path
        self.status = status
        self.attempts = attempts

    def __str__(self):
        return self.message

    def to_dict(self):
        # type: () -> Dict[str, Any]
        """JSON-able description, suitable for ``fail_json(failure=...)``."""
        return {
            "type": type(self).__name__,
            "message": self.message,
            "status": self.status,
            "method": self.method,
            "path": self.path,
            "attempts": self.attempts,
            "errors": [],
            "messages": [],
        }


class CloudflareConfigError(CloudflareError):
    """Bad client configuration (credentials, base URL, missing libraries)."""


class CloudflareAPIError(CloudflareError):
    """The API answered with HTTP >= 400 or ``success: false`` (or an unusable body)."""

    def __init__(self, status, method, path, errors=None, messages=None, detail=None, attempts=None, error_details=None):
        # type: (int, str, str, Optional[List[Tuple[Any, str]]], Optional[List[str]], Optional[str], Optional[int], Optional[List[Dict[str, Any]]]) -> None
        self.errors = list(errors or [])  # type: List[Tuple[Any, str]]
        self.messages = list(messages or [])  # type: List[str]
        self.detail = detail
        self.error_details = list(error_details or [{"code": c, "message": m} for c, m in self.errors])
        super(CloudflareAPIError, self).__init__(self._format(status, method, path, attempts), method=method, path=path, status=status, attempts=attempts)

    def _format(self, status, method, path, attempts):
        parts = ["[{0}] {1}".format(code, msg) if code is not None else str(msg) for code, msg in self.errors]
        if self.detail:
            parts.append(self.detail)
        text = "{0} {1} failed with HTTP {2}: {3}".format(method, path, status, "; ".join(parts) or "no error details in the response")
        if attempts and attempts > 1:
            text += " (gave up after {0} attempts)".format(attempts)
        return text

    @property
    def error_codes(self):
        # type: () -> List[Any]
        return [code for code, dummy in self.errors]

    def to_dict(self):
        data = super(CloudflareAPIError, self).to_dict()
        data["errors"] = [dict(item) for item in self.error_details]
        data["messages"] = list(self.messages)
        if self.detail:
            data["detail"] = self.detail
        return data


class CloudflareOutcomeUnknownError(CloudflareError):
    """A non-idempotent request (POST) may or may not have been carried out by the server.

    The request was sent (or may have been) and no usable answer came back. It is NOT retried
    automatically: look the object up by its natural key before trying again.
    """

    def __init__(self, method, path, reason, status=None, errors=None):
        # type: (str, str, str, Optional[int], Optional[List[Tuple[Any, str]]]) -> None
        self.reason = reason
        self.errors = list(errors or [])  # type: List[Tuple[Any, str]]
        where = " (HTTP {0})".format(status) if status is not None else ""
        codes = ""
        if self.errors:
            codes = " [" + "; ".join("[{0}] {1}".format(c, m) if c is not None else str(m) for c, m in self.errors) + "]"
        message = (
            "{0} {1}: the outcome is unknown{2}: {3}{4}. The request may have been carried out by Cloudflare; "
            "it was not retried automatically. Look the object up before retrying.".format(method, path, where, reason, codes)
        )
        super(CloudflareOutcomeUnknownError, self).__init__(message, method=method, path=path, status=status, attempts=1)

    def to_dict(self):
        data = super(CloudflareOutcomeUnknownError, self).to_dict()
        data["errors"] = [{"code": c, "message": m} for c, m in self.errors]
        data["reason"] = self.reason
        data["outcome_unknown"] = True
        return data


class CloudflareTransportError(CloudflareError):
    """The request could not be completed at the transport level (after retries, if any)."""

    def __init__(self, method, path, reason, attempts=1):
        # type: (str, str, str, int) -> None
        self.reason = reason
        message = "{0} {1} failed: {2}".format(method, path, reason)
        if attempts > 1:
            message += " (gave up after {0} attempts)".format(attempts)
        super(CloudflareTransportError, self).__init__(message, method=method, path=path, status=None, attempts=attempts)

    def to_dict(self):
        data = super(CloudflareTransportError, self).to_dict()
        data["reason"] = self.reason
        return data


# --------------------------------------------------------------------------------------------
# Envelope models (pydantic v2, lenient: unknown keys are kept)
# --------------------------------------------------------------------------------------------

class ErrorSource(BaseModel):
    model_config = ConfigDict(extra="allow")
    pointer: Optional[str] = None


class ResponseError(BaseModel):
    model_config = ConfigDict(extra="allow")
    code: Optional[Union[int, str]] = None
    message: Optional[str] = None
    documentation_url: Optional[str] = None
    source: Optional[ErrorSource] = None


class ResultInfo(BaseModel):
    model_config = ConfigDict(extra="allow")
    count: Optional[int] = None
    page: Optional[int] = None
    per_page: Optional[int] = None
    total_count: Optional[int] = None
    total_pages: Optional[int] = None


class Envelope(BaseModel):
    model_config = ConfigDict(extra="allow")
    success: Optional[bool] = None
    errors: Optional[List[Union[ResponseError, str]]] = None
    messages: Optional[List[Any]] = None
    result: Any = None
    result_info: Optional[ResultInfo] = None


class ApiResponse(object):
    """A successful API answer."""

    def __init__(self, status, result, result_info, messages, headers):
        # type: (int, Any, Optional[ResultInfo], List[str], Any) -> None
        self.status = status
        self.result = result
        self.result_info = result_info
        self.messages = messages
        self.headers = headers

    def __repr__(self):
        return "ApiResponse(status={0!r}, result_info={1!r})".format(self.status, self.result_info)


# --------------------------------------------------------------------------------------------
# Header parsing helpers
# --------------------------------------------------------------------------------------------

def parse_retry_after(headers, wall_clock=time.time):
    # type: (Any, Callable[[], float]) -> Optional[float]
    """Seconds to wait from ``retry-after-ms`` or ``Retry-After`` (delta-seconds or HTTP-date), or None."""
    if not headers:
        return None
    value = headers.get("retry-after-ms")
    if value is not None:
        try:
            return max(0.0, float(str(value).strip()) / 1000.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    value = str(value).strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - wall_clock())


_RL_PARAM = re.compile(r"^\s*([A-Za-z_-]+)\s*=\s*\"?(-?[0-9.]+)\"?\s*$")


def parse_ratelimit(value):
    # type: (Optional[str]) -> Optional[Tuple[float, float]]
    """Parse a ``Ratelimit`` header into ``(remaining, reset_seconds)`` (most restrictive item).

    Accepts the structured form ``"default";r=50;t=30`` (several items separated by commas) and
    the older ``limit=100, remaining=50, reset=30`` form. Returns None if nothing usable is found.
    """
    if not value:
        return None
    found = []  # type: List[Tuple[float, float]]
    loose = {}  # type: Dict[str, float]
    for item in str(value).split(","):
        params = {}  # type: Dict[str, float]
        for piece in item.split(";"):
            match = _RL_PARAM.match(piece)
            if match:
                try:
                    params[match.group(1).lower()] = float(match.group(2))
                except ValueError:
                    continue
        if "r" in params and "t" in params:
            found.append((params["r"], params["t"]))
        loose.update(params)
    if not found and "remaining" in loose and "reset" in loose:
        found.append((loose["remaining"], loose["reset"]))
    if not found:
        return None
    exhausted = [item for item in found if item[0] <= 0]
    if exhausted:
        return (0.0, max(max(t for dummy, t in exhausted), 0.0))
    return min(found, key=lambda item: item[0])


# --------------------------------------------------------------------------------------------
# Request budget
# --------------------------------------------------------------------------------------------

class RequestBudget(object):
    """Sliding-window request budget shared by the clients of one process (thread-safe).

    ``acquire()`` blocks until a request may be sent so that at most ``limit`` requests are sent
    in any ``window`` seconds. ``block_for()`` (fed from ``Ratelimit`` headers and 429 answers)
    makes the following acquires wait until the server-announced reset.

    ``reserve()`` + ``settle()`` (what the client uses) count a request from the moment its answer
    came instead of the moment it was sent: the server counted it on arrival, in between, so a
    budget equal to the server's limit never gets ahead of the server's window (no 429 at a window
    edge), at the price of one round trip per window.
    """

    def __init__(self, limit=1200, window=300.0, clock=time.monotonic, sleep=time.sleep):
        # type: (int, float, Callable[[], float], Callable[[float], Any]) -> None
        self._lock = threading.Lock()
        self._sent = []  # type: List[float]  # sorted times at which the requests of the window count
        self._blocked_until = None  # type: Optional[float]
        self.clock = clock
        self.sleep = sleep
        self.limit = 1
        self.window = 1.0
        self.configure(limit, window)

    def configure(self, limit=None, window=None):
        # type: (Optional[int], Optional[float]) -> None
        """Change the limit and/or window (None keeps the current value)."""
        if limit is not None:
            limit = int(limit)
            if limit < 1:
                raise CloudflareConfigError("request budget limit must be >= 1, got {0}".format(limit))
        if window is not None:
            window = float(window)
            if window <= 0:
                raise CloudflareConfigError("request budget window must be > 0, got {0}".format(window))
        with self._lock:
            if limit is not None:
                self.limit = limit
            if window is not None:
                self.window = window

    def _wait_needed(self, now):
        # type: (float) -> float
        expired = bisect.bisect_right(self._sent, now - self.window)
        if expired:
            del self._sent[:expired]
        wait = 0.0
        if self._blocked_until is not None:
            if self._blocked_until > now:
                wait = self._blocked_until - now
            else:
                self._blocked_until = None
        if len(self._sent) >= self.limit:
            # The oldest request that must leave the window before one more may be sent.
            oldest = self._sent[len(self._sent) - self.limit]
            wait = max(wait, oldest + self.window - now)
        return wait

    def acquire(self):
        # type: () -> float
        """Wait until one more request may be sent, record it, and return the seconds waited."""
        return self.reserve()[0]

    def reserve(self):
        # type: () -> Tuple[float, float]
        """acquire(); returns (seconds waited, the time recorded for the request: for settle())."""
        waited = 0.0
        while True:
            with self._lock:
                now = self.clock()
                wait = self._wait_needed(now)
                if wait <= 0:
                    bisect.insort(self._sent, now)
                    return waited, now
            self.sleep(wait)
            waited += wait

    def settle(self, recorded):
        # type: (float) -> None
        """The request recorded at ``recorded`` (reserve()) got its answer: it counts from now on."""
        with self._lock:
            position = bisect.bisect_left(self._sent, recorded)
            if position < len(self._sent) and self._sent[position] == recorded:
                del self._sent[position]
            bisect.insort(self._sent, max(recorded, self.clock()))

    def block_for(self, seconds):
        # type: (float) -> None
        """Let no request through for ``seconds`` from now (extends, never shortens, a block)."""
        if seconds is None or seconds <= 0:
            return
        with self._lock:
            until = self.clock() + seconds
            if self._blocked_until is None or until > self._blocked_until:
                self._blocked_until = until

    def observe_ratelimit(self, remaining, reset):
        # type: (float, float) -> None
        """Feed a parsed ``Ratelimit`` header: when nothing remains, block until the reset."""
        if remaining is not None and remaining <= 0:
            self.block_for(reset)

    def in_window(self):
        # type: () -> int
        """Number of requests sent during the current window."""
        with self._lock:
            self._wait_needed(self.clock())
            return len(self._sent)

    def __repr__(self):
        return "RequestBudget(limit={0!r}, window={1!r})".format(self.limit, self.window)


_SHARED_BUDGET = RequestBudget()


def get_shared_budget(limit=None, window=None):
    # type: (Optional[int], Optional[float]) -> RequestBudget
    """The process-wide budget used by clients created with ``budget=None``.

    ``limit``/``window``, when given, reconfigure the shared budget.
    """
    if limit is not None or window is not None:
        _SHARED_BUDGET.configure(limit, window)
    return _SHARED_BUDGET


# --------------------------------------------------------------------------------------------
# Client
# --------------------------------------------------------------------------------------------

class _HeaderAuth(_AuthBase):
    """Adds the auth headers per request (so .netrc is never consulted and they live nowhere else)."""

    def __init__(self, headers):
        self._headers = headers

    def __call__(self, request):
        request.headers.update(self._headers)
        return request

    def __repr__(self):
        return "_HeaderAuth(<redacted>)"


_NOT_SENT = "not_sent"
_MAYBE_SENT = "maybe_sent"
_FATAL = "fatal"


def _exception_reason(exc):
    # type: (BaseException) -> str
    """A short description of a transport exception, without URLs or object reprs."""
    seen = set()
    current = exc  # type: Any
    innermost = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        innermost = current
        nxt = getattr(current, "reason", None)
        if not isinstance(nxt, BaseException):
            nxt = current.args[0] if getattr(current, "args", None) and isinstance(current.args[0], BaseException) else None
        if nxt is None and len(getattr(current, "args", ()) or ()) > 1 and isinstance(current.args[1], BaseException):
            nxt = current.args[1]
        if nxt is None:
            nxt = current.__cause__ or current.__context__
        current = nxt
    name = type(innermost).__name__
    text = ""
    if isinstance(innermost, OSError) and innermost.strerror:
        text = innermost.strerror
    elif innermost.args and isinstance(innermost.args[0], str):
        text = innermost.args[0]
    # urllib3 messages look like "<HTTPConnection object at 0x..>: Failed to establish ..."; keep the tail.
    if ">: " in text:
        text = text.split(">: ", 1)[1]
    text = re.sub(r"https?://\S+", "<url>", text)
    text = re.sub(r"\(?host='[^']*', port=\d+\)?:?", "", text).strip()
    outer = type(exc).__name__
    if text:
        return "{0}: {1} ({2})".format(outer, text, name) if name != outer else "{0}: {1}".format(outer, text)
    return "{0} ({1})".format(outer, name) if name != outer else outer


def _classify_exception(exc):
    # type: (BaseException) -> str
    """Whether the request can have reached the server: _NOT_SENT, _MAYBE_SENT or _FATAL."""
    exc_mod = requests.exceptions
    if isinstance(exc, exc_mod.ConnectTimeout):
        return _NOT_SENT
    if isinstance(exc, (exc_mod.InvalidURL, exc_mod.MissingSchema, exc_mod.InvalidSchema, exc_mod.InvalidHeader, exc_mod.URLRequired)):
        return _FATAL
    if isinstance(exc, exc_mod.SSLError):
        return _FATAL  # certificate problems do not go away by retrying
    if isinstance(exc, exc_mod.ProxyError):
        return _NOT_SENT
    if isinstance(exc, exc_mod.ConnectionError):
        reason = exc.args[0] if exc.args else None
        if isinstance(reason, _Urllib3MaxRetryError):
            reason = reason.reason
        # NewConnectionError (refused) and NameResolutionError subclass ConnectTimeoutError in urllib3.
        if isinstance(reason, (_Urllib3ConnectTimeoutError, ConnectionRefusedError)):
            return _NOT_SENT
        return _MAYBE_SENT
    return _MAYBE_SENT


class CloudflareClient(object):
    """Client for the Cloudflare v4 REST API."""

    def __init__(
        self,
        base_url=DEFAULT_BASE_URL,
        api_token=None,
        api_email=None,
        api_key=None,
        timeout=30,
        validate_certs=True,
        max_retries=5,
        retry_max_delay=300,
        backoff_base=0.5,
        budget=None,
        debug=None,
        sleep=time.sleep,
        clock=time.monotonic,
        session=None,
        wall_clock=time.time,
        user_agent=None,
    ):
        if not HAS_REQUESTS:
            raise CloudflareConfigError("the Python library 'requests' is required: {0}".format((REQUESTS_IMPORT_ERROR or "").strip().splitlines()[-1:]))
        if not HAS_PYDANTIC:
            raise CloudflareConfigError("the Python library 'pydantic' (v2) is required: {0}".format((PYDANTIC_IMPORT_ERROR or "").strip().splitlines()[-1:]))
        base_url = (base_url or DEFAULT_BASE_URL).strip().rstrip("/")
        if not re.match(r"^https?://[^/\s]+", base_url):
            raise CloudflareConfigError("base_url must be an http(s) URL, got {0!r}".format(base_url))
        self.base_url = base_url

        if api_token and (api_key or api_email):
            raise CloudflareConfigError(
                "api_token and api_email/api_key are mutually exclusive: use one authentication method "
                "(an API token is preferred)")
        if api_token:
            auth_headers = {"Authorization": "Bearer {0}".format(api_token)}
            self.auth_method = "api_token"
        elif api_email and api_key:
            auth_headers = {"X-Auth-Email": api_email, "X-Auth-Key": api_key}
            self.auth_method = "api_key"
        elif api_email or api_key:
            raise CloudflareConfigError("api_email and api_key must be given together (or use api_token instead)")
        else:
            raise CloudflareConfigError(
                "no Cloudflare credentials: set api_token (preferred) or both api_email and api_key")
        self._auth = _HeaderAuth(auth_headers)
        self._secrets = [s for s in (api_token, api_key) if s]

        self.timeout = timeout
        self.validate_certs = bool(validate_certs)
        self.max_retries = max(0, int(max_retries))
        self.retry_max_delay = max(0.0, float(retry_max_delay))
        self.backoff_base = max(0.0, float(backoff_base))
        self.budget = budget if budget is not None else get_shared_budget()
        self._debug = debug
        self._sleep = sleep
        self._clock = clock
        self._wall_clock = wall_clock
        self.user_agent = user_agent or USER_AGENT
        if session is None:
            session = requests.Session()
            adapter = requests.adapters.HTTPAdapter(pool_connections=4, pool_maxsize=16, max_retries=0)
            session.mount("https://", adapter)
            session.mount("http://", adapter)
        self.session = session

    def __repr__(self):
        return "CloudflareClient(base_url={0!r}, auth_method={1!r})".format(self.base_url, self.auth_method)

    # ---------------------------------------------------------------- helpers

    def add_secret(self, value):
        # type: (Optional[str]) -> None
        """Register another string that must never appear in error texts or debug lines."""
        if value and isinstance(value, str) and value not in self._secrets:
            self._secrets.append(value)

    def redact(self, text):
        # type: (Any) -> str
        text = "" if text is None else str(text)
        for secret in sorted(self._secrets, key=len, reverse=True):
            if len(secret) >= 4:
                text = text.replace(secret, _REDACTED)
        return text

    def _log(self, line):
        if self._debug is not None:
            try:
                self._debug(self.redact(line))
            except Exception:  # pylint: disable=broad-exception-caught  # a broken logger must never break a request
                pass

    def _backoff(self, retry_index):
        # type: (int) -> float
        delay = self.backoff_base * (2 ** retry_index)
        delay = min(delay, self.retry_max_delay)
        return delay * random.uniform(0.5, 1.0)

    def _capped(self, seconds, what):
        # type: (float, str) -> float
        if seconds > self.retry_max_delay:
            self._log("{0} of {1:g}s exceeds retry_max_delay; waiting {2:g}s instead".format(what, seconds, self.retry_max_delay))
            return self.retry_max_delay
        return seconds

    @staticmethod
    def _clean_path(path):
        # type: (str) -> Tuple[str, str]
        """Return (path for the URL, path for messages: without query string)."""
        path = str(path or "")
        if re.match(r"^[a-z][a-z0-9+.-]*://", path, re.IGNORECASE):
            raise CloudflareConfigError("request paths are relative to base_url; got an absolute URL")
        if not path.startswith("/"):
            path = "/" + path
        return path, path.split("?", 1)[0].split("#", 1)[0]

    def _visible_headers(self, headers):
        visible = requests.structures.CaseInsensitiveDict()
        for key, value in (headers or {}).items():
            if key.lower() not in _HIDDEN_RESPONSE_HEADERS:
                visible[key] = value
        return visible

    def _parse_body(self, response):
        # type: (Any) -> Tuple[Optional[Envelope], Optional[str]]
        """Return (envelope, problem). Exactly one is None."""
        content = response.content or b""
        if not content.strip():
            return None, "empty response body"
        ctype = response.headers.get("content-type", "unknown content type")
        try:
            data = _json.loads(content.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return None, "response body is not valid JSON ({0}, {1} bytes)".format(ctype.split(";")[0].strip(), len(content))
        if not isinstance(data, dict):
            return None, "response body is JSON but not a Cloudflare v4 envelope (top level is {0})".format(type(data).__name__)
        try:
            return Envelope.model_validate(data), None
        except ValidationError as exc:
            fields = sorted(set(".".join(str(p) for p in err.get("loc", ())) for err in exc.errors()))
            return None, "response body is not a valid Cloudflare v4 envelope (bad fields: {0})".format(", ".join(fields[:5]))

    def _errors_of(self, envelope):
        # type: (Optional[Envelope]) -> Tuple[List[Tuple[Any, str]], List[Dict[str, Any]], List[str]]
        errors = []  # type: List[Tuple[Any, str]]
        details = []  # type: List[Dict[str, Any]]
        messages = []  # type: List[str]
        if envelope is None:
            return errors, details, messages
        for item in envelope.errors or []:
            if isinstance(item, str):
                code, msg, detail = None, self.redact(item), {"code": None, "message": self.redact(item)}
            else:
                code, msg = item.code, self.redact(item.message or "")
                detail = {"code": code, "message": msg}
                if item.documentation_url:
                    detail["documentation_url"] = item.documentation_url
                if item.source is not None and item.source.pointer:
                    detail["source"] = {"pointer": item.source.pointer}
            errors.append((code, msg))
            details.append(detail)
        for item in envelope.messages or []:
            if isinstance(item, dict):
                text = item.get("message")
                text = "[{0}] {1}".format(item.get("code"), text) if item.get("code") is not None else text
            else:
                text = item
            messages.append(self.redact(text))
        return errors, details, messages

    def _api_error(self, status, method, shown_path, envelope, problem, attempts):
        errors, details, messages = self._errors_of(envelope)
        return CloudflareAPIError(status, method, shown_path, errors=errors, messages=messages, detail=problem,
                                  attempts=attempts, error_details=details)

    def _wait_before_retry(self, response, method, shown_path, attempt, reason, retry_index):
        # type: (Any, str, str, int, str, int) -> None
        delay = None  # type: Optional[float]
        source = "backoff"
        headers = response.headers if response is not None else None
        if headers is not None:
            delay = parse_retry_after(headers, self._wall_clock)
            if delay is not None:
                source = "Retry-After"
            elif response.status_code == 429:
                parsed = parse_ratelimit(headers.get("ratelimit"))
                if parsed is not None and parsed[0] <= 0 and parsed[1] > 0:
                    delay, source = parsed[1], "Ratelimit reset"
        if delay is None:
            delay = self._backoff(retry_index)
        else:
            delay = self._capped(delay, source)
        if response is not None and response.status_code == 429:
            # Other clients of this process (threads) should not hammer a rate-limited account.
            self.budget.block_for(delay)
        self._log("{0} {1}: {2}; retrying in {3:.3f}s ({4}; attempt {5} of {6})".format(
            method, shown_path, reason, delay, source, attempt + 1, self.max_retries + 1))
        if delay > 0:
            self._sleep(delay)

    def _observe_ratelimit(self, response):
        parsed = parse_ratelimit(response.headers.get("ratelimit"))
        if parsed is not None and parsed[0] <= 0 and parsed[1] > 0:
            wait = self._capped(parsed[1], "Ratelimit reset")
            self._log("rate limit: no requests remaining; pausing {0:g}s before the next request".format(wait))
            self.budget.observe_ratelimit(parsed[0], wait)

    # ---------------------------------------------------------------- public API

    def request(self, method, path, params=None, json=None):
        # type: (str, str, Optional[Dict[str, Any]], Any) -> ApiResponse
        """Send one API request (with retries as documented in the module docstring)."""
        method = str(method).upper()
        url_path, shown_path = self._clean_path(path)
        url = self.base_url + url_path
        idempotent = method in IDEMPOTENT_METHODS
        headers = {"Accept": "application/json", "User-Agent": self.user_agent}
        attempt = 0
        while True:
            attempt += 1
            can_retry = attempt <= self.max_retries
            waited, recorded = self.budget.reserve()
            if waited > 0:
                self._log("{0} {1}: request budget paused {2:.3f}s".format(method, shown_path, waited))
            started = self._clock()
            try:
                try:
                    response = self.session.request(
                        method, url, params=params, json=json, headers=headers, auth=self._auth,
                        timeout=self.timeout, verify=self.validate_certs, allow_redirects=False,
                    )
                finally:
                    self.budget.settle(recorded)
            except requests.exceptions.RequestException as exc:
                elapsed = self._clock() - started
                kind = _classify_exception(exc)
                reason = self.redact(_exception_reason(exc))
                self._log("{0} {1} -> {2} (attempt {3}, {4:.3f}s)".format(method, shown_path, reason, attempt, elapsed))
                if kind == _FATAL:
                    raise CloudflareTransportError(method, shown_path, reason, attempts=attempt) from exc
                if kind == _MAYBE_SENT and not idempotent:
                    raise CloudflareOutcomeUnknownError(method, shown_path, reason) from exc
                if not can_retry:
                    raise CloudflareTransportError(method, shown_path, reason, attempts=attempt) from exc
                self._wait_before_retry(None, method, shown_path, attempt, reason, attempt - 1)
                continue

            elapsed = self._clock() - started
            status = response.status_code
            self._log("{0} {1} -> HTTP {2} (attempt {3}, {4:.3f}s)".format(method, shown_path, status, attempt, elapsed))
            self._observe_ratelimit(response)
            envelope, problem = self._parse_body(response)

            if status == 429:
                if not can_retry:
                    raise self._api_error(status, method, shown_path, envelope, problem, attempt)
                self._wait_before_retry(response, method, shown_path, attempt, "HTTP 429 (rate limited)", attempt - 1)
                continue

            if status >= 500 or status in RETRYABLE_STATUSES:
                if not idempotent:
                    if status >= 500:
                        errors = self._errors_of(envelope)[0]
                        raise CloudflareOutcomeUnknownError(method, shown_path, "server error", status=status, errors=errors)
                    raise self._api_error(status, method, shown_path, envelope, problem, attempt)
                if not can_retry:
                    raise self._api_error(status, method, shown_path, envelope, problem, attempt)
                self._wait_before_retry(response, method, shown_path, attempt, "HTTP {0}".format(status), attempt - 1)
                continue

            if envelope is None:
                if 200 <= status < 300 and not (response.content or b"").strip():
                    # e.g. 204 No Content: a success without an envelope.
                    return ApiResponse(status, None, None, [], self._visible_headers(response.headers))
                if 200 <= status < 300 and not idempotent:
                    raise CloudflareOutcomeUnknownError(method, shown_path, "malformed response: " + problem, status=status)
                raise self._api_error(status, method, shown_path, None, problem, attempt)

            success = envelope.success
            if success is None:
                success = 200 <= status < 300 and not envelope.errors
            if status >= 300 or not success:
                detail = None if envelope.errors or status >= 300 else "the response says success: false"
                raise self._api_error(status, method, shown_path, envelope, detail, attempt)

            messages = self._errors_of(envelope)[2]
            return ApiResponse(status, envelope.result, envelope.result_info, messages, self._visible_headers(response.headers))

    def get(self, path, params=None):
        # type: (str, Optional[Dict[str, Any]]) -> Any
        return self.request("GET", path, params=params).result

    def post(self, path, json=None, params=None):
        # type: (str, Any, Optional[Dict[str, Any]]) -> Any
        return self.request("POST", path, params=params, json=json).result

    def put(self, path, json=None, params=None):
        # type: (str, Any, Optional[Dict[str, Any]]) -> Any
        return self.request("PUT", path, params=params, json=json).result

    def patch(self, path, json=None, params=None):
        # type: (str, Any, Optional[Dict[str, Any]]) -> Any
        return self.request("PATCH", path, params=params, json=json).result

    def delete(self, path, params=None, json=None):
        # type: (str, Optional[Dict[str, Any]], Any) -> Any
        return self.request("DELETE", path, params=params, json=json).result

    def _page(self, path, params, page, per_page):
        # type: (str, Optional[Dict[str, Any]], int, int) -> Tuple[List[Any], Optional[ResultInfo]]
        query = dict(params or {})
        query["page"] = page
        query["per_page"] = per_page
        response = self.request("GET", path, params=query)
        result = response.result
        if result is None:
            result = []
        if not isinstance(result, list):
            raise CloudflareAPIError(response.status, "GET", self._clean_path(path)[1],
                                     detail="expected a list result while paginating, got {0}".format(type(result).__name__))
        return result, response.result_info

    def paginate(self, path, params=None, per_page=1000, concurrency=1):
        # type: (str, Optional[Dict[str, Any]], int, int) -> List[Any]
        """GET every page of a collection (``page=1..``) and return the concatenated results.

        Stops at ``result_info.total_pages``; without result_info, at the first page that is
        empty or shorter than ``per_page`` (or that repeats the previous page, for endpoints that
        ignore ``page``).  ``concurrency`` > 1: once the first page gives ``total_pages``, the
        other pages are read in parallel (the request budget still applies), in page order.
        """
        first, info = self._page(path, params, 1, per_page)
        pages = info.total_pages if info is not None else None
        if concurrency > 1 and first and pages is not None and pages > 1:
            from concurrent.futures import ThreadPoolExecutor
            with ThreadPoolExecutor(max_workers=min(concurrency, pages - 1)) as pool:
                rest = list(pool.map(lambda number: self._page(path, params, number, per_page)[0],
                                     range(2, min(pages, _MAX_PAGES) + 1)))
            return [item for result in [first] + rest for item in result]
        items = []  # type: List[Any]
        page, result, previous = 1, first, None  # type: int, List[Any], Optional[List[Any]]
        while True:
            if not result:
                break
            if info is None and previous is not None and result == previous:
                break
            items.extend(result)
            if info is not None and info.total_pages is not None:
                if page >= info.total_pages:
                    break
            else:
                size = per_page
                if info is not None and info.per_page:
                    size = info.per_page
                if len(result) < size:
                    break
            previous = result
            page += 1
            if page > _MAX_PAGES:
                break
            result, info = self._page(path, params, page, per_page)
        return items
