"""Tell French, Arabic (all scripts) and Bambara apart in short phone messages.

No language-identification package knows Bambara, and those that do download
their models at run time, which cannot work here. This is a multinomial naive
Bayes classifier over character n-grams and words, trained at start-up (a few
seconds) on:

- the NLU training examples of each language (``data/nlu/<lang>/``), which
  carry the phone style: SMS shorthand, Darija typed in Latin letters;
- real Bambara and French lines of the Bayɛlɛmabaga corpus
  (``common/language/corpus/``, CC BY 4.0, see its README), first 4,000 lines.

Arabic script decides by itself: a message mostly in Arabic letters is Arabic.
Darija in Latin letters ("kifach n9ad lwra9") is Arabic too, and is told from
French and Bambara by the classifier. Standard library only: the action
server (Python 3.10) uses this module as well as the gateway.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from common import yamlload
from common.languages import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
NLU_DIR = ROOT / "data" / "nlu"
CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
CORPUS_TRAIN_LINES = 4000
# Calibration of the classifier's confidence (tuned on tests/eval and the
# held-out corpus lines: see scores()).
SHARPNESS = 4.0
MAX_WORDS = 6
# In Latin letters, a single word is never enough to tell French from Bambara or Darija.
MIN_LATIN_WORDS = 2

_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_LETTER = re.compile(r"[a-zà-ÿɛɔɲŋ]", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_REPEATS = re.compile(r"(.)\1+")


@dataclass(frozen=True)
class Detection:
    """The detected language (None when unsure) and the classifier's confidence."""

    language: str | None
    confidence: float


def _prepare(text: str) -> str:
    # Keep accents and ɛ ɔ ɲ ŋ: they are strong clues. Digits inside words
    # (3, 7, 9 in Darija) are kept too.
    text = unicodedata.normalize("NFC", text).casefold().replace("’", "'")
    return " ".join(_WORD.findall(text.replace("'", " ' ")))


def _squeeze(word: str) -> str:
    """A word with each run of one letter written once ("3awnoooni" -> "3awnoni")."""
    return _REPEATS.sub(r"\1", word)


def features(text: str) -> Iterator[str]:
    """Character 1- to 4-grams of each word (with boundaries) and the words."""
    for word in _prepare(text).split():
        yield "w:" + word
        padded = f" {word} "
        for n in range(1, 5):
            for i in range(len(padded) - n + 1):
                yield padded[i : i + n]


def nlu_intent_examples(language: str, nlu_dir: Path = NLU_DIR) -> list[tuple[str, str]]:
    """The (text, intent) training examples of one language from Rasa's NLU files."""
    examples: list[tuple[str, str]] = []
    for path in sorted((nlu_dir / language).glob("*.yml")):
        data = yamlload.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in data.get("nlu", []):
            for line in str(block.get("examples", "")).splitlines():
                line = line.strip()
                if line.startswith("- "):
                    examples.append((line[2:], str(block.get("intent"))))
    return examples


def nlu_examples(language: str, nlu_dir: Path = NLU_DIR) -> list[str]:
    """The training examples of one language from Rasa's NLU files."""
    return [text for text, _ in nlu_intent_examples(language, nlu_dir)]


def corpus_lines(suffix: str, start: int = 0, stop: int | None = CORPUS_TRAIN_LINES) -> list[str]:
    """Lines ``start``..``stop`` of the Bayɛlɛmabaga corpus (``bam`` or ``fr``)."""
    path = CORPUS_DIR / f"bayelemabaga.{suffix}"
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()[start:stop]
    return [line for line in lines if line.strip()]


class LanguageDetector:
    """Naive Bayes language classifier for fr / ar / bm.

    Args:
        samples: ``{language: [text, ...]}`` to learn from.
        threshold: below this posterior probability the answer is "unsure".
    """

    def __init__(self, samples: Mapping[str, Iterable[str]], threshold: float = 0.8) -> None:
        self.threshold = threshold
        self._counts: dict[str, Counter[str]] = {}
        self._totals: dict[str, int] = {}
        vocabulary: set[str] = set()
        for language, texts in samples.items():
            counts: Counter[str] = Counter()
            for text in texts:
                counts.update(features(text))
            self._counts[language] = counts
            self._totals[language] = sum(counts.values())
            vocabulary.update(counts)
        self._vocabulary_size = len(vocabulary) + 1
        self._words = {_squeeze(f[2:]) for f in vocabulary if f.startswith("w:")}

    @classmethod
    def from_project(cls, threshold: float = 0.8) -> LanguageDetector:
        """Train on the project's NLU data and the Bayɛlɛmabaga corpus."""
        samples: dict[str, list[str]] = {lang: nlu_examples(lang) for lang in LANGUAGES}
        # Only the Latin-script Arabic examples matter to the classifier.
        samples["ar"] = [t for t in samples["ar"] if not _ARABIC_LETTER.search(t)]
        # Phone messages are weighted over literary corpus lines (3 to 1).
        for language in LANGUAGES:
            samples[language] = samples[language] * 3
        samples["bm"] += corpus_lines("bam")
        samples["fr"] += corpus_lines("fr")
        return cls(samples, threshold)

    def scores(self, text: str) -> dict[str, float]:
        """Probability of each language (Latin-script classifier), calibrated.

        Naive Bayes multiplies one probability per feature, which makes it
        certain of nearly everything. The log-likelihoods are averaged per
        feature and scaled by the number of words (up to six), so that one
        short word shared by several languages ("ok", "merci") stays
        uncertain while a sentence is decided firmly.
        """
        feats = list(features(text))
        if not feats:
            return {language: 1 / len(self._counts) for language in self._counts}
        log_probs: dict[str, float] = {}
        for language, counts in self._counts.items():
            denominator = self._totals[language] + self._vocabulary_size
            log_probs[language] = sum(math.log((counts[f] + 1) / denominator) for f in feats)
        scale = SHARPNESS * min(len(text.split()), MAX_WORDS) / len(feats)
        top = max(log_probs.values())
        exp = {lang: math.exp((lp - top) * scale) for lang, lp in log_probs.items()}
        total = sum(exp.values())
        return {lang: value / total for lang, value in exp.items()}

    def _has_words(self, text: str) -> bool:
        """Whether ``text`` holds words of the three languages, not just letters.

        One known word of three letters or more, or two shorter ones ("n b'a fe");
        a lone "ok" or "a" beside mash is not enough. Stretched letters are
        squeezed on both sides ("bghiiit" is "bghit").
        """
        known = [w for w in map(_squeeze, _prepare(text).split()) if w in self._words]
        return len(known) >= 2 or any(len(w) >= 3 for w in known)

    def detect(self, text: str) -> Detection:
        """Return the language of ``text``, or ``None`` when unsure."""
        arabic = len(_ARABIC_LETTER.findall(text))
        latin = len(_LATIN_LETTER.findall(text))
        if arabic == 0 and latin == 0:
            return Detection(None, 0.0)
        if arabic >= latin:
            return Detection("ar", 1.0)
        if len(text.split()) < MIN_LATIN_WORDS:
            # "bonjour", "merci", "ok", "salam": every user of Latin letters types
            # them; one word says nothing about the language (the menu asks).
            return Detection(None, 0.0)
        if not self._has_words(text):
            # Keyboard mash ("qsdf qsdf", "blorp zzz"): letter n-grams alone call it Darija.
            return Detection(None, 0.0)
        scores = self.scores(text)
        language = max(scores, key=lambda lang: scores[lang])
        confidence = scores[language]
        if confidence < self.threshold:
            return Detection(None, confidence)
        return Detection(language, confidence)
