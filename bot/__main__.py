"""``python -m bot``: the gateway's command line (see ``bot.cli``)."""

from bot.cli import main

raise SystemExit(main())
