"""Fold the ways people type the same word into one form, before tokenising.

The assistant reads French typed without accents, Arabic with or without
diacritics and with its letter variants, Darija in Latin letters, and Bambara
with or without its own letters (ɛ ɔ ɲ ŋ are often typed e o ny ng). The NLU
pipeline sees only the folded form, so "Préfecture", "prefecture" and
"PREFECTURE" are one word, and so are "fɛ" and "fe", "أريد" and "اريد".

Only the standard library is used: this module runs inside Rasa's Python 3.10
environment as well as in the gateway.
"""

from __future__ import annotations

import re
import unicodedata

# Arabic short vowels, shadda, sukun, dagger alef and Quranic marks.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"

_LETTER_MAP = str.maketrans(
    {
        # Arabic letter variants typed interchangeably.
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ئ": "ي",
        "ؤ": "و",
        "ة": "ه",
        "ک": "ك",
        "ڭ": "ك",
        "گ": "ك",
        "ی": "ي",
        "ڤ": "ف",
        # Arabic-Indic and Persian digits.
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        # Bambara letters and their phone spellings.
        "ɛ": "e",
        "ɔ": "o",
        "ɲ": "ny",
        "ŋ": "ng",
        # Apostrophes split words: b'a -> b a, l'école -> l ecole.
        "'": " ",
        "’": " ",
        "‘": " ",
        "`": " ",
        "´": " ",
        "ʼ": " ",
    }
)

# Anything that is not a letter, a digit or a space becomes a space.
_NOT_WORD = re.compile(r"[^\w\s]|_", re.UNICODE)
_REPEATS = re.compile(r"(.)\1{2,}")
_SPACES = re.compile(r"\s+")


def strip_marks(text: str) -> str:
    """Remove Latin accents (é -> e) and Arabic diacritics and tatweel."""
    text = _ARABIC_MARKS.sub("", text).replace(_TATWEEL, "")
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", kept)


def normalize(text: str) -> str:
    """Return the folded form of ``text`` used for matching and NLU.

    Case, accents, Arabic diacritics and letter variants, Bambara special
    letters and punctuation are folded; runs of three or more identical
    characters are shortened to two ("merciiii" -> "mercii"). The result may be
    empty (a message of emojis only).
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.translate(_LETTER_MAP)
    text = strip_marks(text)
    text = _NOT_WORD.sub(" ", text)
    text = _REPEATS.sub(r"\1\1", text)
    return _SPACES.sub(" ", text).strip()
