"""Fake servers on loopback (Rasa, Telegram Bot API, Twilio API) for tests."""
