"""The gateway's database: users (pseudonymous), messages, de-duplication."""
