"""Split a caption into sentences and each sentence into words, punctuation and entity mentions.

Entity mentions are found by looking up runs of up to five tokens (longest first), so that
"NF-κB", "IL-6" and OCR splits such as "STA T3" are one mention each.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from viewer.mechanism.lexicon import Entity, Lexicon
from viewer.mechanism.names import long_form_start

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
    placed: list[_Placed] = []
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
            placed.append(_Placed(Item("E", text, entity), spans[i][0], spans[i + n - 1][1]))
            i += n
            continue
        start, end, token = spans[i]
        placed.append(_Placed(Item("W" if token[0].isalnum() else "P", token), start, end))
        i += 1
    placed = _join_spelled_out(sentence, placed)
    return Sentence(sentence, tuple(p.item for p in placed))


@dataclass(frozen=True, slots=True)
class _Placed:
    """An item and where it stands in the sentence."""

    item: Item
    start: int
    end: int


def _join_spelled_out(sentence: str, placed: list[_Placed]) -> list[_Placed]:
    """Make a name and the abbreviation in brackets after it one mention of the abbreviation.

    "to low-density lipoprotein receptor-related protein 5 (LRP5) or … (LRP6) and Frizzled"
    then reads as a list of three entities, and no name inside the spelled-out name ("TNF"
    in "TNF receptor-associated factor 6 (TRAF6)") is taken for a mention of its own.
    """
    result: list[_Placed] = []
    for current in placed:
        result.append(current)
        if len(result) < 4 or current.item.text != ")" or result[-3].item.text != "(":
            continue
        short = result[-2]
        if short.item.kind != "E":
            continue
        first = len(result) - 3  # items of the name run back from here
        while first > 0 and _in_name(result[first - 1], result[first]):
            first -= 1
        if first == len(result) - 3:
            continue
        before = sentence[result[first].start : result[-4].end]
        offset = long_form_start(short.item.text, before)
        if offset is None:
            continue
        begin = result[first].start + offset
        k = len(result) - 4
        while k > first and result[k - 1].end > begin:
            k -= 1  # the first item of the name (an item the name starts inside counts)
        text = sentence[result[k].start : current.end]
        merged = _Placed(Item("E", text, short.item.entity), result[k].start, current.end)
        del result[k:]
        result.append(merged)
    return result


def _in_name(item: _Placed, following: _Placed) -> bool:
    """An item may belong to a spelled-out name before a bracket: a word, a mention, "-", "/".

    A bracket closed just before counts too, so that "the inhibitor of NF-κB (IκB) kinase
    (IKK)" is one name.
    """
    if item.item.kind in ("W", "E"):
        return True
    return item.item.text in "-/" and following.start == item.end


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
