"""Serve fake servers (and the gateway) on loopback for tests."""

from bot.devstack import serve_app as serve
from bot.devstack_ports import free_port

__all__ = ["free_port", "serve"]
