"""Split a caption into sentences and each sentence into words, punctuation and entity mentions.

Entity mentions are found by looking up runs of up to five tokens (longest first), so that
"NF-κB", "IL-6" and OCR splits such as "STA T3" are one mention each.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from viewer.mechanism.lexicon import Entity, Lexicon

MAX_SENTENCE_CHARS = 2000
MAX_MENTION_TOKENS = 5
_TOKEN = re.compile(r"\w+|[^\w\s]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\[“\"'α-ωΑ-Ω])")
_ABBREVIATIONS = ("e.g.", "i.e.", "et al.", "fig.", "figs.", "vs.", "approx.", "ca.", "cf.", "no.")
# Token-joining characters allowed inside one mention ("NF-κB", "ERK1/2", "IL-1β").
_JOINERS = frozenset("-/.")
_HYPHENATED_PREFIXES = re.compile(r"\b(up|down|co|trans)-(?=[a-z])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Item:
    """A word, a punctuation mark or an entity mention in a sentence."""

    kind: str  # "W" word, "P" punctuation, "E" entity
    text: str
    entity: Entity | None = None

    @property
    def lower(self) -> str:
        """The text in lower case."""
        return self.text.lower()


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its text and its items."""

    text: str
    items: tuple[Item, ...]


def split_sentences(caption: str) -> list[str]:
    """Split a caption into sentences, not at abbreviations such as "e.g." or "et al."."""
    caption = " ".join(caption.split())
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(caption):
        before = caption[start : match.start()].lower()
        if before.endswith(_ABBREVIATIONS) or re.search(r"(?:^|\s)[a-z]\.$", before):
            continue
        pieces.append(caption[start : match.start()])
        start = match.end()
    pieces.append(caption[start:])
    result: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        # Run-on text without full stops: cut so one sentence cannot cost quadratic time.
        while len(piece) > MAX_SENTENCE_CHARS:
            cut = piece.rfind(" ", 0, MAX_SENTENCE_CHARS)
            cut = cut if cut > 0 else MAX_SENTENCE_CHARS
            result.append(piece[:cut])
            piece = piece[cut:].strip()
        if piece:
            result.append(piece)
    return result


def tag(sentence: str, lexicon: Lexicon) -> Sentence:
    """Tokenise a sentence and mark the entity mentions in it."""
    sentence = _HYPHENATED_PREFIXES.sub(r"\1", sentence)
    spans = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(sentence)]
    items: list[Item] = []
    i = 0
    while i < len(spans):
        found = None
        if spans[i][2][0].isalnum():
            for n in range(min(MAX_MENTION_TOKENS, len(spans) - i), 0, -1):
                last = spans[i + n - 1][2]
                if not last[0].isalnum() or not _joinable(spans[i : i + n]):
                    continue
                text = sentence[spans[i][0] : spans[i + n - 1][1]]
                entity = lexicon.lookup(text)
                if entity is not None:
                    found = (n, text, entity)
                    break
        if found and _marker(spans, i + found[0]):
            found = None  # "Runx2+OSX+ cells", "CD4+ T cells": a cell marker, no gene mention
        if found:
            n, text, entity = found
            items.append(Item("E", text, entity))
            i += n
            continue
        token = spans[i][2]
        items.append(Item("W" if token[0].isalnum() else "P", token))
        i += 1
    return Sentence(sentence, tuple(items))


def _marker(spans: list[tuple[int, int, str]], after: int) -> bool:
    """A "+" right after a name ends at ``after``: the name marks cells ("SOX9+ cells")."""
    return after < len(spans) and spans[after][2] == "+" and spans[after][0] == spans[after - 1][1]


def _joinable(spans: list[tuple[int, int, str]]) -> bool:
    """Tokens may form one name: words joined by -, / or . or split by one space (OCR)."""
    for (_, end, token), (start, _, nxt) in itertools.pairwise(spans):
        if not token[0].isalnum() and token not in _JOINERS:
            return False
        gap = start - end
        if gap > 1 or (gap == 1 and not (token[0].isalnum() and nxt[0].isalnum())):
            return False
    return spans[-1][2][0].isalnum()
