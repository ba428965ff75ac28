"""Security headers on every response of the gateway (pure ASGI).

- ``Content-Security-Policy``: scripts, styles, images, audio and requests
  from the gateway itself only, no inline script or style, no plugins, no
  framing, forms posting to the gateway only. The pages keep their scripts in
  ``bot/web/static``. FastAPI's API docs (``/docs``, ``/redoc``) load Swagger
  from a CDN with inline script: they get the other headers but no CSP.
- ``X-Content-Type-Options: nosniff``: the browser uses the declared type,
  never guesses HTML from a user's file.
- ``X-Frame-Options: DENY`` (and ``frame-ancestors 'none'``): no clickjacking.
- ``Referrer-Policy: no-referrer``: conversation ids never leak in a Referer.
- ``Permissions-Policy``: no camera, microphone, location, payment or USB.
- ``Cross-Origin-Opener-Policy: same-origin``.
- ``Strict-Transport-Security`` when the gateway is served over https.
- ``Cache-Control: no-store`` on the staff pages (``/inbox``): a shared
  computer's back button or cache never shows a conversation after sign-out.

A header the route set itself (the media route's stricter CSP) is kept.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "media-src 'self'",
        "connect-src 'self'",
        "font-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
HSTS = "max-age=31536000"
DOCS_PATHS = ("/docs", "/docs/oauth2-redirect", "/redoc")


class SecurityHeaders:
    """Add the headers above to every HTTP response."""

    def __init__(self, app: ASGIApp, https: bool = False) -> None:
        """Wrap ``app``; ``https`` adds HSTS (the public address is https)."""
        self.app = app
        self.https = https

    def headers_for(self, path: str) -> dict[str, str]:
        """The headers a response to ``path`` gets."""
        headers = dict(HEADERS)
        if path not in DOCS_PATHS:
            headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        if self.https:
            headers["Strict-Transport-Security"] = HSTS
        if path == "/inbox" or path.startswith("/inbox/"):
            headers["Cache-Control"] = "no-store"
        return headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Add the headers when the response starts."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self.headers_for(scope["path"])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in extra.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
