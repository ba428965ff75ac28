"""Rendering the staff pages in the staff member's language, and safe redirects."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from bot.staff.accounts import STAFF_LANGUAGES, has_role
from bot.staff.sessions import SignedIn
from common.i18n import translate
from common.languages import direction

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=HERE / "templates")
_SAME_SITE_PATH = re.compile(r"/(?![/\\])[A-Za-z0-9\-._~/%?=&]*")


def staff_text(language: str, message: str, **values: object) -> str:
    """An interface string in a staff language; English is the source itself."""
    if language == "en":
        return message.format(**values) if values else message
    return translate(language, message, **values)


def page(request: Request, name: str, who: SignedIn | None, **context: Any) -> HTMLResponse:
    """Render an inbox template in the staff member's language (French, Arabic or English)."""
    language = who.staff.language if who else request.query_params.get("lang", "fr")
    language = language if language in STAFF_LANGUAGES else "fr"

    def gettext(message: str, **values: object) -> str:
        return staff_text(language, message, **values)

    return templates.TemplateResponse(
        request,
        name,
        {
            "_": gettext,
            "who": who,
            "lang": language,
            "dir": direction(language),
            "is_admin": bool(who and has_role(who.staff, "admin")),
            "is_editor": bool(who and has_role(who.staff, "editor")),
            **context,
        },
    )


def same_site_path(target: str, default: str = "/inbox") -> str:
    """``target`` when it is a path on this site, else ``default`` (no open redirect).

    Browsers read ``//host``, a slash then a backslash, and paths once tabs
    or newlines are removed as other sites: only a plain absolute path passes.
    """
    if _SAME_SITE_PATH.fullmatch(target):
        return target
    return default
