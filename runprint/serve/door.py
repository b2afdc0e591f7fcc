"""Who may come in: the checks every request passes before any page or file is touched.

On 127.0.0.1 a request must name this machine in its Host header, so a web page whose
name an attacker re-points at 127.0.0.1 (DNS rebinding) gets nothing. Served on another
address, every request must carry the token the printed URL holds (a query parameter once,
then a cookie). A body larger than the uploads the CLI would read is refused from its
Content-Length, before a byte of it is read, and so is a request another site's page sends
(its Origin is not this server).
"""

from __future__ import annotations

import json
import secrets
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlsplit

from ..tables import MAX_TEXT_BYTES, MAX_XLSX_BYTES

LOCAL_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})
COOKIE = "runprint_token"
# A roster and a history, each at most the size the CLI reads, and the form's fields.
MAX_BODY_BYTES = 2 * max(MAX_TEXT_BYTES, MAX_XLSX_BYTES) + 64_000


def new_token() -> str:
    return secrets.token_urlsafe(18)


def host_name(header: str) -> str:
    """'127.0.0.1:8000' -> '127.0.0.1'; '[::1]:8000' -> '[::1]'."""
    if header.startswith("["):
        return header.split("]", 1)[0] + "]"
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class Door:
    """ASGI middleware around the app: Host, token and body size, then the app."""

    def __init__(self, app, token: str | None, max_body: int = MAX_BODY_BYTES):
        self.app = app
        self.token = token          # None: local only, checked by Host instead
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in scope["headers"]}
        if self.token is None and host_name(headers.get("host", "")).lower() not in LOCAL_NAMES:
            return await refuse(send, 400, "this server answers only to 127.0.0.1 and localhost")
        if self.token is not None:
            given = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [""])[0]
            cookie = SimpleCookie(headers.get("cookie", "")).get(COOKIE)
            offered = [given, headers.get("x-runprint-token", ""), cookie.value if cookie else ""]
            if not any(secrets.compare_digest(t.encode(), self.token.encode()) for t in offered if t):
                return await refuse(send, 403, "forbidden")
            if given:  # the printed URL's token, kept so the page's own requests carry it
                send = with_cookie(send, f"{COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/")
        origin = headers.get("origin", "")
        if origin and urlsplit(origin).netloc != headers.get("host", ""):
            # Another site's page posting here: the browser says whose page it is.
            return await refuse(send, 403, "forbidden")
        if scope["method"] in ("POST", "PUT"):
            length = headers.get("content-length", "")
            if not length.isdigit():
                return await refuse(send, 411, "an upload needs a Content-Length")
            if int(length) > self.max_body:
                return await refuse(send, 413, f"the upload is {int(length) / 1e6:.1f} MB, over the "
                                               f"{self.max_body / 1e6:.0f} MB runprint reads")
        return await self.app(scope, receive, send)


def with_cookie(send, cookie: str):
    async def sending(message):
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), (b"set-cookie", cookie.encode())]}
        await send(message)
    return sending


async def refuse(send, status: int, text: str) -> None:
    """A short JSON answer that says nothing about what lies behind the door."""
    body = json.dumps({"errors": [f"error: {text}"]}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
