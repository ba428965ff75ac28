"""Migrant rights assistant: gateway, channels, hand-off and shared text tools.

Modules imported by the Rasa side (the NLU component and the action server run
on Python 3.10 with Rasa's pinned dependencies) must stay importable there:
they use the standard library and PyYAML only. Those are ``bot.text``,
``bot.language``, ``bot.content``, ``bot.i18n`` and ``bot.sms_encoding``.
"""
