"""When a message is clearly written in another of the three languages than the conversation's.

One rule for both processes: Rasa's actions (``actions/context.py``) and the
gateway when it answers by itself while Rasa is down
(``bot/conversation/service.py``), so that a person who writes in French to a
conversation held in Bambara is answered in French either way, emergency
included. A short or mixed message ("merci", "ok papiers") keeps the
conversation's language.
"""

from __future__ import annotations

from common.language.detect import LanguageDetector

# How sure the detector must be of a message in Latin letters to switch languages.
SWITCH_CONFIDENCE = 0.95


def clearly_written_in(detector: LanguageDetector, text: str, current: str) -> str | None:
    """Another language ``text`` is clearly written in than ``current``, else None.

    Clearly: in Arabic letters, at least two words; in Latin letters, at least
    three words and the detector sure of it.
    """
    detection = detector.detect(text)
    if detection.language in (None, current):
        return None
    arabic_script = sum("\u0600" <= c <= "\u06ff" for c in text) > len(text) / 3
    enough = len(text.split()) >= (2 if arabic_script else 3)
    sure = arabic_script or detection.confidence >= SWITCH_CONFIDENCE
    return detection.language if enough and sure else None
