"""What both interpreters import: the gateway (current Python) and Rasa's side (Python 3.10).

Text folding, language detection, the answer files and their checks, gettext
helpers, SMS encoding and the reply envelope that crosses from the action
server to the gateway. The import rule, enforced by ``tests/common/test_imports.py``:
the standard library, PyYAML and Babel only (Rasa's pinned environment has
nothing else in common with the gateway's).
"""
