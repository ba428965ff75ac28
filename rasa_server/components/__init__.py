"""Rasa NLU components of our own (imported by Rasa on Python 3.10 only)."""
