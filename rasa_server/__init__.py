"""Code that runs inside the Rasa server's process (Rasa's Python 3.10 environment)."""
