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
