"""The gateway's web application: local channel API, web chat, webhooks."""
