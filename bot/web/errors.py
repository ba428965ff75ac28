"""How the gateway answers malformed requests and anonymous inbox requests."""

from __future__ import annotations

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response

from bot.web.deps import LoginRequired


async def malformed(request: Request, error: Exception) -> Response:
    """A malformed body is the client's error: 400, with what is wrong."""
    assert isinstance(error, RequestValidationError)
    problems = [
        {"field": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg")}
        for e in error.errors()
    ]
    return JSONResponse({"detail": problems}, status_code=400)


async def login_required(request: Request, error: Exception) -> Response:
    """Anonymous requests to the inbox: pages go to the login page, the rest get 401."""
    if request.method == "GET" and "text/html" in request.headers.get("accept", ""):
        return RedirectResponse("/inbox/login", status_code=303)
    return JSONResponse({"detail": "sign in first"}, status_code=401)


HANDLERS = {RequestValidationError: malformed, LoginRequired: login_required}
