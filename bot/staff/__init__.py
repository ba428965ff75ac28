"""Staff accounts, sessions, CSRF tokens and login rate limiting."""
