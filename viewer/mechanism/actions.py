"""What the relation reader produces: relations, and the last action a clause drew."""

from __future__ import annotations

from dataclasses import dataclass

from viewer.mechanism.model import RelationType


@dataclass(frozen=True, slots=True)
class Action:
    """The last relation drawn: whom a following "thereby …" or ", causing …" is about."""

    sources: list[str]
    targets: list[str]
    type: RelationType
    first: int  # index of its first relation in the reader's list


@dataclass(frozen=True, slots=True)
class Relation:
    """One relation found in a sentence, between entity keys."""

    source: str
    target: str
    type: RelationType
    confidence: float
    pattern: str
