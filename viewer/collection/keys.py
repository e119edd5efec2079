"""Exact-match keys (gene symbols, ids, organism names, …) as tokens of a full-text index.

The index answers ``gene:STAT3`` and its kin with one FTS5 table whose rows hold, per figure,
one token per key. A token is the key's kind letter followed by the case-folded key with every
character other than ``0-9a-y`` spelled as ``z<hex>z``: the result is plain ASCII letters and
digits, which FTS5's ``ascii`` tokenizer keeps as one token, and two different keys never share
a token. Indexing and searching both call ``key_token``, so they always agree.
"""

from __future__ import annotations

from collections.abc import Iterable

GENE = "g"
CHEMICAL = "c"
DISEASE = "d"
ORGANISM = "o"
PMCID = "p"
KINDS = frozenset({GENE, CHEMICAL, DISEASE, ORGANISM, PMCID})

_PLAIN = frozenset("0123456789abcdefghijklmnopqrstuvwxy")


def normalise_key(text: str) -> str:
    """Case-fold a key and collapse runs of white space (``Homo  Sapiens`` → ``homo sapiens``)."""
    return " ".join(text.casefold().split())


def key_token(kind: str, text: str) -> str:
    """The FTS5 token for one key of the given kind; ``text`` is normalised here."""
    key = normalise_key(text)
    if key.isascii() and key.isalnum() and "z" not in key:  # the common case, kept fast
        return kind + key
    return kind + "".join(c if c in _PLAIN else f"z{ord(c):x}z" for c in key)


def key_tokens(
    kind: str, texts: Iterable[str | None], cache: dict[tuple[str, str], str] | None = None
) -> set[str]:
    """Tokens for the non-empty keys among ``texts``; ``cache`` remembers tokens made before."""
    tokens = set()
    for text in set(texts):
        if not text:
            continue
        if cache is None:
            token = key_token(kind, text)
        else:
            token = cache.get((kind, text))
            if token is None:
                if len(cache) > 20_000:
                    cache.clear()
                token = cache[kind, text] = key_token(kind, text)
        if len(token) > 1:
            tokens.add(token)
    return tokens


def pmcid_key(text: str) -> str:
    """Normalise a PMC id as typed: ``pmc123`` and ``123`` both mean ``PMC123``."""
    key = normalise_key(text)
    return f"pmc{key}" if key.isdigit() else key
