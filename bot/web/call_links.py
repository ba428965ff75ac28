"""``/call/<number>``: a page that hands an emergency number to the phone's dialer.

Telegram's buttons open only http(s) links, never ``tel:``; a call button
opens this page instead, which asks the phone to dial at once (``tel:``
refresh) and shows the number as one large link in case the browser waits
for a tap. Only a number is accepted: nothing else can be put on the page.
"""

from __future__ import annotations

import re

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse

from common.content.emergency import dial
from common.envelope import CallData

router = APIRouter()

_NUMBER = re.compile(r"\+?[0-9]{2,15}")
_PAGE = """<!doctype html>
<html lang="und"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="0;url=tel:{number}">
<title>{number}</title></head>
<body><h1><a href="tel:{number}">&#128222; {number}</a></h1></body></html>
"""


def call_url(public_url: str, call: CallData) -> str:
    """The address of the page that dials ``call``'s number."""
    return f"{public_url}/call/{dial(call['phone'])}"


@router.get("/call/{number}", response_class=HTMLResponse, include_in_schema=False)
async def call_page(number: str) -> HTMLResponse:
    """Dial ``number`` (digits, an optional leading "+"); 404 for anything else."""
    if not _NUMBER.fullmatch(number):
        raise HTTPException(status_code=404)
    return HTMLResponse(_PAGE.format(number=number), headers={"Cache-Control": "no-store"})
