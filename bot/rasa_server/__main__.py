"""``python -m bot.rasa_server <rasa arguments>``: Rasa's command line, with the speed fix.

Used wherever this project starts the Rasa server (Procfile, tests,
benchmarks, the Docker image) instead of the ``rasa`` script; the arguments
are Rasa's own (``run --enable-api --model ...``). See ``speedups.py``.
"""

from __future__ import annotations

from bot.rasa_server.speedups import install


def main() -> None:
    """Install the fix, then hand over to Rasa's command line."""
    install()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
