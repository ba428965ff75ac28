"""How long a full retraining takes (``rasa train --force``), written as JSON."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path


def main() -> int:
    """Retrain into ``var/bench/model`` and record the seconds it took."""
    rasa = Path(sys.executable).with_name("rasa")
    start = time.perf_counter()
    done = subprocess.run(
        [
            str(rasa),
            "train",
            "--force",
            "--domain",
            "domain",
            "--data",
            "data",
            "--config",
            "config.yml",
            "--out",
            "var/bench/model",
            "--quiet",
        ],
        capture_output=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        print(done.stderr.decode()[-2000:])
        return done.returncode
    out = Path("var/bench/training.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"seconds": round(seconds, 1)}), encoding="utf-8")
    print(f"training: {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
