"""The conversation core: incoming messages, their queue, locks and limits, the turn with Rasa."""
