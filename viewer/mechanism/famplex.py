"""FamPlex: names of gene families and complexes, and which genes belong to them.

Reads the grounding map (text → FamPlex/UniProt/HGNC id) and the relations (gene ``isa`` or
``partof`` family) shipped in ``resources/famplex/`` (CC0, from the ``famplex`` package).
Loaded once, on first use.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from viewer.data_files import data_dir
from viewer.mechanism.names import normalise

# Grounding namespaces that name a gene product (the rest name chemicals, processes…).
GENE_NAMESPACES = frozenset({"FPLX", "UP", "HGNC"})


@dataclass(frozen=True, slots=True)
class Grounding:
    """What a name stands for: a namespace (``FPLX``, ``UP``, ``HGNC``) and an id in it."""

    namespace: str
    identifier: str


@dataclass(frozen=True, slots=True)
class FamPlex:
    """The grounding map keyed by normalised name, and family members by FamPlex id."""

    groundings: dict[str, Grounding]
    exact_names: frozenset[str]
    members: dict[str, tuple[str, ...]]

    def ground(self, name: str) -> Grounding | None:
        """The gene-product grounding of ``name``, if FamPlex knows it."""
        return self.groundings.get(normalise(name))

    def family_members(self, family_id: str) -> tuple[str, ...]:
        """HGNC symbols of a family's or complex's members, nested families included."""
        return self.members.get(family_id, ())


@cache
def famplex() -> FamPlex:
    """Load the FamPlex resources (once)."""
    folder = data_dir("resources") / "famplex"
    groundings: dict[str, Grounding] = {}
    exact: set[str] = set()
    with (folder / "grounding_map.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) < 3 or row[1].strip() not in GENE_NAMESPACES:
                continue
            text, namespace, identifier = row[0].strip(), row[1].strip(), row[2].strip()
            key = normalise(text)
            if key and identifier and key not in groundings:
                groundings[key] = Grounding(namespace, identifier)
                exact.add(text)
    genes: dict[str, set[str]] = defaultdict(set)
    parents: dict[str, set[str]] = defaultdict(set)
    with (folder / "relations.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) < 5 or row[3] != "FPLX" or row[2] not in ("isa", "partof"):
                continue
            if row[0] == "HGNC":
                genes[row[4]].add(row[1])
            elif row[0] == "FPLX":
                parents[row[4]].add(row[1])

    def collect(family: str, seen: set[str]) -> set[str]:
        found = set(genes.get(family, ()))
        for child in parents.get(family, ()):
            if child not in seen:
                seen.add(child)
                found |= collect(child, seen)
        return found

    families = set(genes) | set(parents)
    members = {f: tuple(sorted(collect(f, {f}))) for f in families}
    for family in families:
        # A family whose id is a plain word names itself: "Selectin" (as in "Selectins");
        # ids such as "OR", "CAP" or "TOP" are no names a caption uses for the family.
        if re.fullmatch(r"[A-Z][a-z]{4,}", family):
            groundings.setdefault(normalise(family), Grounding("FPLX", family))
    return FamPlex(groundings, frozenset(exact), members)
