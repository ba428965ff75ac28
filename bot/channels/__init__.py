"""Connectors of the messaging channels: Telegram, Twilio (SMS, WhatsApp), local."""
