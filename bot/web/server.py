"""How uvicorn serves the gateway: one configuration for ``python -m bot serve`` and tests.

Uvicorn trusts ``X-Forwarded-For`` from 127.0.0.1 by default, so any client
that reaches the gateway through a local proxy, or from the same host, could
choose the address the login lock sees. Here uvicorn never reads proxy
headers; the application does, and only from the proxies listed in
``TRUSTED_PROXIES`` (see ``bot.web.app.create_app``).
"""

from __future__ import annotations

from typing import Any

import uvicorn


def server_config(app: Any, host: str, port: int, **options: Any) -> uvicorn.Config:
    """Uvicorn's configuration for ``app`` on ``host:port``, proxy headers ignored."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        proxy_headers=False,
        server_header=False,
        **{"log_level": "warning", **options},
    )
