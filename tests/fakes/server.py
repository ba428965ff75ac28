"""Serve fake servers (and the gateway) on loopback for tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol, TypeVar

from starlette.applications import Starlette

from tools.devstack import serve_app as serve
from tools.devstack_ports import free_port

__all__ = ["free_port", "serve", "serving"]


class Servable(Protocol):
    def app(self) -> Starlette: ...


FakeT = TypeVar("FakeT", bound=Servable)


@contextmanager
def serving(fake: FakeT) -> Iterator[FakeT]:
    """Serve ``fake`` on loopback for the block; its address is in ``fake.url``."""
    with serve(fake.app()) as url:
        fake.url = url  # type: ignore[attr-defined]
        yield fake
