"""How the inbox serves what users sent: only known audio and image types are shown.

A user's attachment is whatever its sender made it: an HTML "document" shown
in the inbox's origin would run its script with the agent's session. So the
type the channel reports is trusted only when it is an audio or image type
browsers play without running anything (never SVG, which can hold script);
anything else is sent as a download of opaque bytes. Every answer also says
``nosniff`` (the browser must not guess HTML from the bytes) and carries a
sandboxing CSP in case it is ever opened as a page.
"""

from __future__ import annotations

from fastapi.responses import Response

INLINE_TYPES = frozenset(
    {
        "audio/aac",
        "audio/amr",
        "audio/mp4",
        "audio/mpeg",
        "audio/ogg",
        "audio/wav",
        "audio/webm",
        "image/gif",
        "image/jpeg",
        "image/png",
        "image/webp",
    }
)
POLICY = "default-src 'none'; img-src 'self'; media-src 'self'; sandbox"


def attachment_response(data: bytes, declared_type: str, name: str) -> Response:
    """Serve ``data``: inline when its declared type is allow-listed, else as a download."""
    media_type = declared_type.split(";")[0].strip().lower()
    headers = {
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": POLICY,
    }
    if media_type in INLINE_TYPES:
        return Response(data, media_type=media_type, headers=headers)
    headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return Response(data, media_type="application/octet-stream", headers=headers)
