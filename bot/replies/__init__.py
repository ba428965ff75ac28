"""The reply path: rendering an envelope for a channel, splitting it, sending it out."""
