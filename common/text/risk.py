"""Phrases that signal danger, in every language (``content/risk_lexicon.yml``).

Two lists: ``danger_now`` (an emergency whatever else the message asks) and
``possible_risk`` (police, arrest, threats, fear mentioned inside another
question). Used by the risk detector inside Rasa, beside its classifier, and
by the gateway where Rasa cannot be asked.

A danger phrase told as a past event is a possible risk, not danger now
("il m'a battu l'an dernier", "drbni l3am li fat"): the message is cut into
clauses (at punctuation, and before words such as "maintenant", "daba",
"sisan" or "mais" that open a new one), and a clause with a ``past_markers``
phrase and no ``present_markers`` phrase is left out of the danger check.
``over_markers`` say that what was told is over ("ils nous ont relache ce matin",
"daba kolchi mzyan"): the risk detector reads what follows them (``after_over``), and
a danger told as yesterday's (``yesterday_markers``) may be settled by them.
``not_danger`` phrases are the contexts in which a danger phrase means
something else ("mon téléphone ne répond plus").

``danger_together`` lists patterns made of groups of phrases: a message whose
present clauses hold a phrase of every group of a pattern is danger now, however
far apart the phrases are ("le bateau est parti de Nador hier ... aucune
nouvelle"; "u ye n dogoce mine ... u be wari nyini"). A group alone is not.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from common import yamlload
from common.text.normalize import normalize

DEFAULT_LEXICON = Path(__file__).resolve().parents[2] / "content" / "risk_lexicon.yml"
DANGER = "danger"
POSSIBLE = "possible"
NONE = "none"
# Arabic glues "and" (و) and "so" (ف) to the next word: "وضربوني" is "ضربوني".
_ARABIC_START = re.compile(r"^[\u0600-\u06ff]")
# Numbers written as words (folded), as people write "il y a six mois", "قبل ستة أشهر",
# "hadi jouj chhor" or "san fila".
_NUMBERS = {
    "fr": "un une deux trois quatre cinq six sept huit neuf dix onze douze quinze vingt"
    " quelques plusieurs",
    "ar": "واحد واحده جوج زوج اثنين اثنان ثلاث ثلاثه تلت تلاته تلاث اربع اربعه ربع ربعه خمس خمسه"
    " ست سته سبع سبعه ثمان ثماني ثمانيه تمن تسع تسعه عشر عشره بضع بضعه عده"
    " wa7ed wahed jouj jooj zouj tlata tlat reb3a rb3a khamsa setta sta sb3a tmanya tes3a 3achra",
    "bm": "kelen fila saba naani naanin duuru wooro woro wolonwula seegin segin kononton tan"
    " damado",
}
NUMBER_WORDS = [word for words in _NUMBERS.values() for word in words.split()]
# In a phrase "#" stands for a number ("il y a # ans"), "####" for a year ("en ####").
_WILDCARDS = {
    "#": r"(?:\d+|" + "|".join(normalize(w) for w in NUMBER_WORDS) + ")",
    "####": r"(?:19|20)\d\d",
}
# Clauses end at punctuation (Latin and Arabic) ...
_PUNCTUATION = re.compile(r"[.!?;:,\n\r\u061f\u060c\u061b]+")
# ... and a new one opens with "now", "today" or "but" (folded forms; Arabic glues "and"
# or "so" to them: "والآن"), but not the "now" of Bambara's "hali sisan" (still now).
_NOW = r"maintenant|aujourd hui|daba|drk|[وف]?(?:دابا|الان|اليوم)|sisan|bi"
_OPENERS = re.compile(rf"(?<!hali)\s(?=(?:{_NOW}|mais|walakin|[وف]?لكن|nka)\b)")


# A sentence ends at a full stop, a question or exclamation mark, or a new line: a story
# told from a film or the news ("dans le film d hier soir le mec est kidnappe, ils demandent
# une rancon") runs to the end of its sentence.
_SENTENCE_END = re.compile(r"[.!?\n\r\u061f]+")
# ... unless a clause opens with "now" ("... la maintenant mon voisin saigne"); a habit told
# there ("don o don", every day) is still the story's.
_NOW_OPENS = re.compile(rf"(?:{_NOW})\b")
_WORD = re.compile(r"\S+")
# A question ends at its mark: "il va bien maintenant ? il bouge plus".
_AFTER_QUESTION = re.compile(r"(?<=[?\u061f])")
# Words that deny or ask what follows them (folded): "machi kolchi mzyan", "wach daba labas".
_DENYING = frozenset(
    ["pas", "plus", "machi", "mashi", "mach", "mch", "ماشي", "مشي", "لست", "ليس", "لسنا", "لا"]
)
_ASKING = frozenset(["wach", "wash", "واش", "hal", "هل"])
# Said right after it, these take it back: "kolchi daz mzyan 7ta lhna" (so far), "sisan
# bɛɛ ka ɲi, o ye nkalon ye" (that is a lie) ...
_SO_FAR = frozenset(
    ["instant", "حتي", "حتى", "7ta", "hta", "jusqu", "nkalon", "faux", "كذب", "kdoub"]
)
# ... and so does a "but" followed by too few words for the classifier to read: "tout va
# bien chez nous mais elle hurle", "ana daba bikhir walakin hiya la". After a "but" and a
# question ("... walakin lpatron ma bghach ykhlles, chno l7o9o9 dyalo"), it reads them.
_BUT = frozenset(["mais", "walakin", "walakine", "lakin", "لكن", "ولكن", "nka"])
_SHORT = 8


def _word_pattern(word: str) -> str:
    if word in _WILDCARDS:
        return _WILDCARDS[word]
    # A year glued to a prefix, as Darija writes "ف2021" or "f2021": "ف####".
    if word.endswith("####") and normalize(word[:-4]):
        return re.escape(normalize(word[:-4])) + _WILDCARDS["####"]
    return re.escape(normalize(word))


def _part_pattern(part: str) -> str:
    return r"\s+".join(
        _word_pattern(word) for word in part.split() if word in _WILDCARDS or normalize(word)
    )


def _phrase_pattern(phrase: str) -> str:
    parts = [_part_pattern(p) for p in phrase.split(" * ")]
    pattern = r"(?:\s+\S+){0,3}\s+".join(parts)
    return f"(?:[وف])?{pattern}" if _ARABIC_START.match(parts[0]) else pattern


def _longest_first(pattern: str) -> tuple[int, str]:
    return (-len(pattern), pattern)


class PhraseMatcher:
    """Finds any of a list of phrases in a folded text, on word boundaries."""

    def __init__(self, phrases: Iterable[str]) -> None:
        """Compile the phrases (empty ones are ignored), the longest first.

        At a place where several phrases start, the longest is the one found and
        blanked: "كان كيضربني ويهددني" (he used to beat me and threaten me) is set
        aside whole, not only its first two words.
        """
        patterns = sorted({_phrase_pattern(p) for p in phrases if normalize(p)}, key=_longest_first)
        self._regex = (
            re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)") if patterns else None
        )

    def matches(self, text: str) -> bool:
        """True when ``text`` contains one of the phrases."""
        return bool(self._regex and self._regex.search(normalize(text)))

    def finditer(self, folded: str) -> Iterator[re.Match[str]]:
        """The phrases found in the already folded ``folded``, in order."""
        return self._regex.finditer(folded) if self._regex else iter(())

    def blank(self, text: str) -> str:
        """The folded ``text`` with every phrase replaced by a space."""
        folded = normalize(text)
        return self._regex.sub(" ", folded) if self._regex else folded


def clauses(text: str) -> list[str]:
    """The folded clauses of ``text`` (at punctuation and before "now"/"but" words)."""
    return [
        clause
        for piece in _PUNCTUATION.split(text)
        for clause in _OPENERS.split(normalize(piece))
        if clause.strip()
    ]


@dataclass(frozen=True)
class RiskLexicon:
    """The two lists, all languages together (a message may mix them)."""

    danger_now: PhraseMatcher
    possible_risk: PhraseMatcher
    past_markers: PhraseMatcher
    present_markers: PhraseMatcher
    not_danger: PhraseMatcher
    # Patterns of groups: danger when every group of one pattern is found.
    danger_together: tuple[tuple[PhraseMatcher, ...], ...] = field(default=())
    # Words saying the danger told is over (released, healed, out of hospital).
    over_markers: PhraseMatcher = field(default_factory=lambda: PhraseMatcher(()))
    # Words saying it still goes on ("toujours", "mazal"): they undo an "over" told before.
    still_markers: PhraseMatcher = field(default_factory=lambda: PhraseMatcher(()))
    # Yesterday, last night ("hier soir", "lbare7", "kunun"): not past enough to set a danger
    # aside alone (it may go on), but a danger told as yesterday's may be said to be over.
    yesterday_markers: PhraseMatcher = field(default_factory=lambda: PhraseMatcher(()))
    # A film, a series, the news, a novel: what the rest of the sentence tells happens there.
    story_markers: PhraseMatcher = field(default_factory=lambda: PhraseMatcher(()))
    # "mon", "ولدي", "n ka": a clause about the sender or their people is never the story's.
    personal_markers: PhraseMatcher = field(default_factory=lambda: PhraseMatcher(()))

    @classmethod
    def from_mapping(
        cls, data: Mapping[str, Mapping[str, Iterable[str] | Sequence[Iterable[str]] | None]]
    ) -> RiskLexicon:
        """Build from ``{"danger_now": {language: [phrase, ...]}, "possible_risk": {...}}``.

        ``danger_together`` is ``{pattern name: [[phrase, ...], [phrase, ...], ...]}``.
        """

        def phrases(kind: str) -> list[str]:
            return [str(p) for values in (data.get(kind) or {}).values() for p in values or []]

        together = tuple(
            tuple(PhraseMatcher(str(p) for p in group) for group in groups or [])
            for groups in (data.get("danger_together") or {}).values()
        )
        return cls(
            danger_now=PhraseMatcher(phrases("danger_now")),
            possible_risk=PhraseMatcher(phrases("possible_risk")),
            past_markers=PhraseMatcher(phrases("past_markers")),
            present_markers=PhraseMatcher(phrases("present_markers")),
            not_danger=PhraseMatcher(phrases("not_danger")),
            danger_together=tuple(groups for groups in together if groups),
            over_markers=PhraseMatcher(phrases("over_markers")),
            still_markers=PhraseMatcher(phrases("still_markers")),
            yesterday_markers=PhraseMatcher(phrases("yesterday_markers")),
            story_markers=PhraseMatcher(phrases("story_markers")),
            personal_markers=PhraseMatcher(phrases("personal_markers")),
        )

    @classmethod
    def load(cls, path: Path = DEFAULT_LEXICON) -> RiskLexicon:
        """Read the lexicon file."""
        with path.open(encoding="utf-8") as handle:
            return cls.from_mapping(yamlload.safe_load(handle) or {})

    def told_as_past(self, clause: str) -> bool:
        """True when ``clause`` places what it tells in the past, and nothing in the present."""
        return self.past_markers.matches(clause) and not self.present_markers.matches(clause)

    def current(self, text: str) -> list[str]:
        """The clauses of ``text`` that tell the sender's present.

        Left out: a clause told in the past, and the clauses of a story, from a story
        marker ("dans le film", "فالمسلسل", "n ye film do laje") to the end of its
        sentence. A clause about the sender or their people ("on regardait un film et
        mon fils a avale une pile") or opening with "now" ("... la maintenant ils
        frappent a la porte") is not the story's, and after the story's first clause
        it ends the story.
        """
        kept = []
        for sentence in _SENTENCE_END.split(text):
            in_story = False
            for clause in clauses(sentence):
                real = _NOW_OPENS.match(clause) is not None or self.personal_markers.matches(clause)
                if self.story_markers.matches(clause):
                    in_story = True
                elif real:
                    in_story = False
                if (real or not in_story) and not self.told_as_past(clause):
                    kept.append(clause)
        return kept

    def after_over(self, text: str) -> str | None:
        """The folded text after the last phrase saying it is over, or None.

        The last such phrase decides; denied ("machi kolchi mzyan daba", "je sais pas
        s il va bien maintenant"), asked ("il va bien maintenant ?", "wach daba
        labas", "a kene don wa") or taken back ("... mais elle hurle"), it does not
        say it is over.
        """
        pieces = _AFTER_QUESTION.split(text)
        last: tuple[int, int] | None = None
        for index, piece in enumerate(pieces):
            folded = normalize(piece)
            # The words around each phrase, found once per piece (a long message may
            # hold the phrase many times).
            words = folded.split()
            starts = [word.start() for word in _WORD.finditer(folded)]
            for match in self.over_markers.finditer(folded):
                at, next_word = bisect_left(starts, match.start()), bisect_left(starts, match.end())
                before = words[max(0, at - 6) : at]
                after = words[next_word : next_word + 3]
                left = len(words) - next_word
                asked = (
                    after[:1] == ["wa"]
                    or (piece.rstrip().endswith(("?", "\u061f")) and left <= 2)
                    or bool(_ASKING.intersection(before))
                    or "est ce" in " ".join(before)
                )
                denied = (
                    bool(_DENYING.intersection(before[-2:]))
                    or bool(_SO_FAR.intersection(after))
                    or (bool(_BUT.intersection(after)) and left <= _SHORT)
                )
                last = None if asked or denied else (index, match.end())
        if last is None:
            return None
        index, end = last
        return " ".join([normalize(pieces[index])[end:], *map(normalize, pieces[index + 1 :])])

    def said_after_over(self, text: str) -> str | None:
        """The folded text after "it is over" when ``text`` is told as over, else None.

        Anything alarming said after it undoes it: a "still" ("ils m ont relache
        hier mais mon frere est toujours chez eux"), or a danger or risk phrase
        ("ils m ont relache, mais cette nuit ils ont embarque mon frere"), outside
        the contexts where it means something else ("a be waati joli ta", how long).
        """
        after = self.after_over(text)
        if after is None:
            return None
        blanked = self.not_danger.blank(after)
        alarming = any(
            words.matches(blanked)
            for words in (self.still_markers, self.danger_now, self.possible_risk)
        )
        return None if alarming else after

    def told_as_over(self, text: str) -> bool:
        """True when ``text`` ends by saying that what it tells is over ("ils m ont relache")."""
        return self.said_after_over(text) is not None

    def told_as_yesterdays(self, text: str) -> bool:
        """True when every danger phrase of ``text`` is told as yesterday's.

        Each clause holding one has a ``yesterday_markers`` phrase and no present one
        ("lbare7 chedouni f lbarage", "la police nous a embarque hier soir"); a pattern
        of ``danger_together`` is never told so (its phrases are spread out).
        """
        current = [self.not_danger.blank(c) for c in self.current(text)]
        joined = " ".join(current)
        if any(all(group.matches(joined) for group in groups) for groups in self.danger_together):
            return False
        holding = [c for c in current if self.danger_now.matches(c)]
        return bool(holding) and all(
            self.yesterday_markers.matches(c) and not self.present_markers.matches(c)
            for c in holding
        )

    def level(self, text: str) -> str:
        """``danger``, ``possible`` or ``none``, from the phrases alone.

        ``text`` is best given as typed: its punctuation separates the clauses.
        """
        current = self.not_danger.blank(" ".join(self.current(text)))
        if self.danger_now.matches(current) or any(
            all(group.matches(current) for group in groups) for groups in self.danger_together
        ):
            return DANGER
        if self.danger_now.matches(text) or self.possible_risk.matches(text):
            return POSSIBLE
        return NONE
