"""Editing answer files from the editor page: round-trip writes, history, git."""
