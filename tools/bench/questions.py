"""Questions the benchmarks send, in the three languages and both scripts."""

QUESTIONS = [
    "comment avoir un permis de travail",
    "bghit nrje3 l bladi",
    "كيفاش نجدد بطاقة الإقامة",
    "n b'a fɛ ka segin Mali",
    "je veux demander l'asile",
    "mon patron ne me paie pas",
    "ma fille peut aller a l'ecole ?",
    "fin kayn sbitar",
]
