"""Score relation extraction against a gold set of captions read by a person.

A gold edge names each end by a list of acceptable names; a predicted edge matches when its
ends' names (label and caption spellings, normalised) meet those lists and, in strict scoring,
the type and direction agree (binding is undirected). Each gold edge matches at most once.
A predicted edge that only repeats a gold edge already matched (a composite end such as
"FGF/FGFR" split in two) counts neither for nor against. The baseline links every pair of
entities mentioned in the same sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml

from viewer.mechanism.build import extract_mechanism
from viewer.mechanism.lexicon import Lexicon
from viewer.mechanism.model import Mechanism
from viewer.mechanism.names import normalise
from viewer.mechanism.text import split_sentences, tag
from viewer.record.model import FigureRecord


@dataclass(frozen=True, slots=True)
class Scored:
    """An edge reduced to what scoring compares: the names of its ends, type."""

    source: frozenset[str]
    target: frozenset[str]
    type: str


@dataclass
class Score:
    """Counts and the figures derived from them."""

    matched_predicted: int = 0
    predicted: int = 0
    matched_gold: int = 0
    gold: int = 0

    def add(self, other: Score) -> None:
        """Add another figure's counts."""
        self.matched_predicted += other.matched_predicted
        self.predicted += other.predicted
        self.matched_gold += other.matched_gold
        self.gold += other.gold

    @property
    def precision(self) -> float:
        """Share of predicted edges that a reader drew too."""
        return self.matched_predicted / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        """Share of the reader's edges that were predicted."""
        return self.matched_gold / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_gold(path: Path) -> list[dict[str, Any]]:
    """The figures of a gold file."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))["figures"]


def gold_edges(figure: dict[str, Any]) -> list[Scored]:
    """A gold figure's edges with normalised names."""
    return [
        Scored(
            frozenset(normalise(str(n)) for n in edge["source"]),
            frozenset(normalise(str(n)) for n in edge["target"]),
            edge["type"],
        )
        for edge in figure.get("edges") or []
    ]


def _names(mechanism: Mechanism, node_id: str) -> frozenset[str]:
    node = mechanism.node(node_id)
    return frozenset(normalise(n) for n in (node.label, *node.mentions))


def predicted_edges(mechanism: Mechanism) -> list[Scored]:
    """The extractor's edges with normalised names."""
    return [
        Scored(_names(mechanism, e.source), _names(mechanism, e.target), e.type)
        for e in mechanism.edges
    ]


def baseline_edges(record: FigureRecord) -> list[Scored]:
    """Every pair of entities mentioned in one sentence, in reading order, as "association"."""
    lexicon = Lexicon(record)
    edges: list[Scored] = []
    for text in split_sentences(record.caption or ""):
        seen: dict[str, set[str]] = {}
        for item in tag(text, lexicon).items:
            if item.entity is not None:
                seen.setdefault(item.entity.key, {normalise(item.entity.label)}).add(
                    normalise(item.text)
                )
        for a, b in combinations(seen, 2):
            edges.append(Scored(frozenset(seen[a]), frozenset(seen[b]), "association"))
    return edges


def _matches(p: Scored, g: Scored, strict: bool) -> bool:
    forward = bool(p.source & g.source) and bool(p.target & g.target)
    backward = bool(p.source & g.target) and bool(p.target & g.source)
    if not strict:
        return forward or backward
    if p.type != g.type:
        return False
    return forward or (g.type == "binding" and backward)


def score(predicted: Iterable[Scored], gold: Iterable[Scored], *, strict: bool = True) -> Score:
    """Match predicted edges to gold edges one to one."""
    predicted, gold = list(predicted), list(gold)
    used: set[int] = set()
    matched = redundant = 0
    for p in predicted:
        hit = next(
            (i for i, g in enumerate(gold) if i not in used and _matches(p, g, strict)), None
        )
        if hit is not None:
            used.add(hit)
            matched += 1
        elif any(_matches(p, gold[i], strict) for i in used):
            # The reader wrote "FGF/FGFR → PD-L1" as one edge with both names; the extractor
            # draws FGF → PD-L1 and FGFR → PD-L1. The second is the same relation, not an error.
            redundant += 1
    return Score(matched, len(predicted) - redundant, len(used), len(gold))


def evaluate(
    figures: list[dict[str, Any]], records: dict[str, FigureRecord], *, strict: bool = True
) -> tuple[Score, Score]:
    """Scores of the extractor and of the same-sentence baseline over the gold figures."""
    ours, base = Score(), Score()
    for figure in figures:
        record = records[figure["figid"]]
        gold = gold_edges(figure)
        ours.add(score(predicted_edges(extract_mechanism(record)), gold, strict=strict))
        base.add(score(baseline_edges(record), gold, strict=False))
    return ours, base
