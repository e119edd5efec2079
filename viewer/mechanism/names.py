"""Normalise the ways gene names are written: Greek letters, hyphens and spaces, case.

``normalise("NF-κB") == normalise("NF-kappaB") == normalise("nfkb") == "NFKB"``;
``normalise("IL-6") == "IL6"``; ``normalise("TNF-α") == "TNFA"``.
"""

from __future__ import annotations

import re
import unicodedata

GREEK_LETTERS = {
    "α": "A", "β": "B", "ϐ": "B", "ẞ": "B", "γ": "G", "δ": "D", "ε": "E", "ζ": "Z", "η": "H",
    "θ": "T", "ι": "I", "κ": "K", "ϰ": "K", "λ": "L", "μ": "M", "µ": "M", "ν": "N", "ξ": "X",
    "π": "P", "ρ": "R", "σ": "S", "τ": "T", "φ": "F", "χ": "C", "ψ": "PS", "ω": "O",
    "Α": "A", "Β": "B", "Γ": "G", "Δ": "D", "Ε": "E", "Κ": "K", "Λ": "L", "Μ": "M",
}  # fmt: skip
GREEK_NAMES = {
    "alpha": "A", "beta": "B", "gamma": "G", "delta": "D", "epsilon": "E", "zeta": "Z",
    "eta": "H", "theta": "T", "iota": "I", "kappa": "K", "lambda": "L", "omega": "O",
    "sigma": "S", "tau": "T",
}  # fmt: skip
_NAMES = sorted(GREEK_NAMES, key=len, reverse=True)
# A spelled-out letter counts only as a whole name part: "IkappaB", "TNF-alpha", "Beta-catenin",
# never inside a word ("betaine", "metastasis").
_GREEK_NAME = re.compile(
    r"(?<![a-z])(" + "|".join(_NAMES + [n.capitalize() for n in _NAMES]) + r")(?![a-z])"
)
_NOT_ALNUM = re.compile(r"[^A-Z0-9]")
_GREEK_TABLE = str.maketrans(GREEK_LETTERS)


def _greek_name(match: re.Match[str]) -> str:
    return GREEK_NAMES[match.group(0).lower()]


def normalise(name: str) -> str:
    """The comparison key of a gene or family name (upper case, ASCII letters and digits)."""
    text = name.translate(_GREEK_TABLE)
    if any(c.isalpha() and c.islower() for c in text):
        text = _GREEK_NAME.sub(_greek_name, text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_ALNUM.sub("", text.upper())


def _fold(text: str) -> str:
    """Lower case, with Greek letters as their Latin initials: "GSK-3β" → "gsk-3b"."""
    return text.translate(_GREEK_TABLE).lower()


def long_form_start(short: str, before: str) -> int | None:
    """Where, in the text ``before`` a bracketed abbreviation, the name it abbreviates starts.

    The letters (and digits, where the name has them) of ``short`` must appear in order in
    the name, its first letter at the start of a word (Schwartz and Hearst's rule):
    "calcitonin gene-related peptide" for "(CGRP)", "Mastermind-like protein 1" for
    "(MAML1)", "glycogen synthase kinase-3 beta" for "(GSK-3β)". The name takes no more words
    than abbreviations usually stand for. ``None`` when the text does not spell it out.
    """
    letters = [c for c in _fold(short) if c.isalnum()]
    text = _fold(before)
    if len(letters) < 2 or not letters[0].isalpha():
        return None
    s, t = len(letters) - 1, len(text) - 1
    while s >= 0:
        first, was = s == 0, t
        while t >= 0 and (text[t] != letters[s] or (first and t > 0 and text[t - 1].isalnum())):
            t -= 1
        if t < 0 and letters[s].isdigit():
            s, t = s - 1, was  # a number the name leaves out: "glycogen synthase kinase β (GSK3β)"
            continue
        if t < 0:
            return None
        s, t = s - 1, t - 1
    start = t + 1
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-("):
        start -= 1  # never inside a word or compound: "Runt-related", not "related"
    head = text[:start].rstrip()
    previous = head.rpartition(" ")[2]
    if "-" in previous and previous[0] == letters[0]:
        start = len(head) - len(previous)  # "low-density lipoprotein receptor-related protein 5"
    words = len(before[start:].split())
    if words > min(len(letters) + 5, 2 * len(letters)):
        return None
    return start
