"""The fingerprint of everything a trained model depends on (``make train`` and the tests).

``make train`` retrains only when it changed; the component tests reuse the
model ``make train`` left when it matches, instead of training the same
classifiers again. Standard library only: it runs in either environment.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "assistant.tar.gz"
STAMP = ROOT / "models" / "fingerprint"
_FILES = (
    "common/text/normalize.py",
    "common/text/risk.py",
    "content/risk_lexicon.yml",
    "requirements/rasa.lock",
)


def inputs(root: Path = ROOT) -> list[Path]:
    """The files training reads or is shaped by, in a fixed order."""
    return [
        root / "config.yml",
        *sorted((root / "domain").glob("*.yml"), key=str),
        *sorted((root / "data").rglob("*.yml"), key=str),
        *sorted((root / "rasa_server" / "components").glob("*.py"), key=str),
        *(root / name for name in _FILES),
    ]


def fingerprint(root: Path = ROOT) -> str:
    """Sixteen hex digits of the SHA-256 of those files' contents."""
    digest = hashlib.sha256()
    for path in inputs(root):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def model_is_current() -> bool:
    """Whether ``models/assistant.tar.gz`` was trained on the files as they are now."""
    return (
        MODEL.exists()
        and STAMP.exists()
        and STAMP.read_text(encoding="utf-8").strip() == fingerprint()
    )


if __name__ == "__main__":
    print(fingerprint())
