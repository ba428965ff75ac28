"""Training time of this project's model and of Rasa's default pipeline, as JSON.

- ``rasa train --force`` of the whole assistant (NLU and dialogue), what a
  content change costs before it reaches users;
- ``rasa train nlu`` of Rasa's default pipeline (``rasa_init_config.yml``) on
  the same ``data/nlu``, into ``var/bench/rasa-default/model.tar.gz`` for
  ``tools.bench.quality`` to score.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from tools.bench.quality import rasa_default_config

RASA = Path(sys.executable).with_name("rasa")


def timed(command: list[str]) -> float | None:
    """Run a Rasa command; its seconds, or None (and its error shown) when it failed."""
    start = time.perf_counter()
    done = subprocess.run([str(RASA), *command, "--quiet"], capture_output=True, check=False)
    if done.returncode != 0:
        print(done.stderr.decode()[-2000:])
        return None
    return round(time.perf_counter() - start, 1)


def main(argv: list[str] | None = None) -> int:
    """Train both and record the seconds each took."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("var/bench/training.json"))
    args = parser.parse_args(argv)
    project = timed(
        [
            *("train", "--force", "--domain", "domain", "--data", "data"),
            *("--config", "config.yml", "--out", "var/bench/model"),
        ]
    )
    default = timed(
        [
            *("train", "nlu", "--nlu", "data/nlu", "--config", str(rasa_default_config())),
            *("--out", "var/bench/rasa-default", "--fixed-model-name", "model"),
        ]
    )
    if project is None or default is None:
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps({"seconds": project, "rasa_default_nlu_seconds": default}), encoding="utf-8"
    )
    print(f"training: this project {project:.0f} s, Rasa's default pipeline (NLU) {default:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
