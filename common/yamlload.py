"""Reading YAML through libyaml (PyYAML's C loader) where PyYAML was built with it.

The answer files are read at every start of the gateway and the action
server and after every edit; the pure-Python loader spends seconds on them,
libyaml a tenth of that. Same results: the same safe tags and the same marks
(line numbers) on composed nodes.
"""

from __future__ import annotations

from typing import IO, Any

import yaml

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(stream: str | bytes | IO[str] | IO[bytes]) -> Any:
    """Like :func:`yaml.safe_load`."""
    return yaml.load(stream, Loader=_LOADER)


def compose(text: str) -> yaml.Node | None:
    """The node tree of ``text`` (for line numbers), like :func:`yaml.compose`."""
    return yaml.compose(text, Loader=_LOADER)
