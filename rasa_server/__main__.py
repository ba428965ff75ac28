"""``python -m rasa_server <rasa arguments>``: Rasa's command line, with our additions.

Used wherever this project starts the Rasa server (Procfile, tests,
benchmarks, the Docker image) instead of the ``rasa`` script; the arguments
are Rasa's own (``run --enable-api --model ...``). It adds log lines without
user content (``log_privacy.py``), the speed fixes (``speedups.py``) and the
conversation erasure route (``erasure.py``), all written against Rasa 3.6's
internals: any other version is refused.

Rasa's HTTP API can read every conversation and replace the model. With
``RASA_AUTH_TOKEN`` set, the API requires it (``--auth-token``, added here so
that the token never appears in a container's command line); the production
profile refuses to start the API without one.
"""

from __future__ import annotations

import os
import sys

from rasa_server import erasure, log_privacy, speedups

SUPPORTED = "3.6."


def check_version(version: str) -> None:
    """Refuse to patch a Rasa this code was not written for.

    Raises:
        SystemExit: ``version`` is not a 3.6 release.
    """
    if not version.startswith(SUPPORTED):
        raise SystemExit(
            f"rasa_server patches Rasa {SUPPORTED}x internals; found Rasa {version}. "
            "Review speedups.py and erasure.py against this version first."
        )


def with_auth_token(argv: list[str], environ: dict[str, str]) -> list[str]:
    """Rasa's arguments with ``--auth-token`` from the environment when the API is on.

    Raises:
        SystemExit: the production profile would serve the API without a token.
    """
    if "--enable-api" not in argv or "--auth-token" in argv:
        return argv
    token = environ.get("RASA_AUTH_TOKEN", "")
    if token:
        return [*argv, "--auth-token", token]
    if environ.get("PROFILE") == "production":
        raise SystemExit("the production profile needs RASA_AUTH_TOKEN for Rasa's HTTP API")
    return argv


def main() -> None:
    """Install the fixes, then hand over to Rasa's command line."""
    import rasa

    check_version(rasa.__version__)
    sys.argv = with_auth_token(sys.argv, dict(os.environ))
    log_privacy.install()
    speedups.install()
    erasure.install()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
