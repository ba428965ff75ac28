"""The gateway's public pages: the web chat, recorded answers, privacy, health checks."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response

from bot.web.chat_strings import chat_context
from bot.web.deps import RasaDep, SettingsDep
from bot.web.pages import templates
from common.content.paths import audio_file
from common.i18n import translate
from common.languages import direction

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
async def chat_page(request: Request, settings: SettingsDep, lang: str = "") -> Response:
    """The local web chat (when the local channel is on)."""
    if not settings.local_channel:
        return Response(status_code=404)
    return templates.TemplateResponse(request, "chat.html", chat_context(lang))


@router.get("/content-audio/{name}", include_in_schema=False)
async def content_audio(name: str) -> Response:
    """Recorded audio answers (public: Twilio fetches them to send on WhatsApp)."""
    path = audio_file(name)
    if path is None:
        return Response(status_code=404)
    return FileResponse(path)


@router.get("/privacy", response_class=HTMLResponse, include_in_schema=False)
async def privacy_page(request: Request, settings: SettingsDep, lang: str = "fr") -> HTMLResponse:
    """What is kept, for how long, and how to erase it, in the user's language."""
    language = lang if lang in ("fr", "ar", "bm") else "fr"

    def gettext(message: str, **values: object) -> str:
        return translate(language, message, **values)

    return templates.TemplateResponse(
        request,
        "privacy.html",
        {
            "_": gettext,
            "lang": language,
            "dir": direction(language),
            "days": settings.retention_days,
        },
    )


@router.get("/healthz", tags=["health"])
async def healthz() -> dict[str, str]:
    """The gateway process is alive."""
    return {"status": "ok"}


@router.get("/readyz", tags=["health"])
async def readyz(rasa: RasaDep) -> JSONResponse:
    """The gateway can serve: Rasa answers."""
    ready = await rasa.is_ready()
    return JSONResponse({"rasa": ready}, status_code=200 if ready else 503)
