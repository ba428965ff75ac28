"""The gateway (current Python): channels, the conversation core, replies, hand-off, staff, web.

It talks to Rasa over HTTP and imports ``common`` (shared with Rasa's side),
never ``actions``, ``rasa_server`` or ``tools`` (enforced by
``tests/test_layout.py``). ``docs/architecture.md`` shows the message path.
"""
