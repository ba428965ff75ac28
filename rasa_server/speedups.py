"""Two speed fixes for Rasa 3.6, found by profiling Rasa under ``make bench`` (py-spy).

1. Check the action server's answer schema once, not per call. Rasa's
``RemoteAction`` validates every answer of the action server with
``jsonschema.validate``. That convenience function first validates the schema
itself against JSON Schema's meta-schema, on every call, then throws the
validator away (jsonschema's documentation advises against using it for
repeated validation). The schema is a constant, so on a 2-core machine this
check was 59 % of Rasa's CPU time per message. The fix compiles the
validator once. Answers are still validated against the same schema, with the
same error (the best match, as ``jsonschema.validate`` raises) and message.

2. Find an event's class by its name once. Each time a conversation is read
back from the tracker store, every event is turned back into an object, and
``Event.resolve_by_type`` walks the whole tree of event classes to find each
one (14 % of Rasa's CPU time once fix 1 was in). The fix remembers the classes
found; names it does not know still go through Rasa's own search (and error).

(A third fix kept the logistic-regression weights in the order the prediction
reads them; our own topic classifier now does that when it loads: see
``components/topic_classifier.py``.)
"""

from __future__ import annotations

from typing import Any


def install() -> None:
    """Install the two fixes."""
    cache_action_answer_validator()
    cache_event_classes()


def cache_action_answer_validator() -> None:
    """Replace ``RemoteAction._validate_action_result`` with a compiled validator."""
    from jsonschema import validators
    from jsonschema.exceptions import best_match
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.constants import DOCS_BASE_URL

    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)

    def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        error = best_match(validator.iter_errors(result))
        if error is None:
            return True
        error.message += (
            ". Failed to validate Action server response from API, "
            "make sure your response from the Action endpoint is valid. "
            "For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error

    RemoteAction._validate_action_result = _validate_action_result


def cache_event_classes() -> None:
    """Make ``Event.resolve_by_type`` remember the class of each event name."""
    from rasa.shared.core.events import Event

    search = Event.resolve_by_type
    found: dict[str, Any] = {}

    def resolve_by_type(type_name: str, default: Any = None) -> Any:
        if type_name in found:
            return found[type_name]
        result = search(type_name, default)
        if result is not None and result is not default:
            found[type_name] = result
        return result

    Event.resolve_by_type = staticmethod(resolve_by_type)
