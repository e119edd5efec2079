"""Typed, immutable values for a pathway figure record and the mentions it lists."""

from __future__ import annotations

import copyreg
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

Layout = Literal["inline", "split", "none"]


def _empty_mapping() -> Mapping[str, Any]:
    return MappingProxyType({})


def frozen_mapping(items: dict[str, Any]) -> Mapping[str, Any]:
    """A read-only view of ``items``, as records keep their unknown fields."""
    return MappingProxyType(items)


def _reduce_mapping(mapping: MappingProxyType) -> tuple[Any, tuple[dict[str, Any]]]:
    return frozen_mapping, (dict(mapping),)


# Records cross process boundaries (start-up prefetch, parallel indexing): let pickle carry
# their read-only mappings, which it cannot do by default.
copyreg.pickle(MappingProxyType, _reduce_mapping)


@dataclass(frozen=True, slots=True)
class Gene:
    """One gene found in the figure: OCR word → matched symbol → NCBI Gene id.

    ``organism`` and ``taxon`` are set for split-layout records, whose tables match the same
    words against several organisms; inline records leave them ``None``.
    """

    word: str | None
    symbol: str | None
    source: str | None
    hgnc_symbol: str | None
    entrez: str
    organism: str | None = None
    taxon: str | None = None

    @property
    def display_symbol(self) -> str:
        """The best symbol to show: the official one when known, else the matched one."""
        return self.hgnc_symbol or self.symbol or self.word or self.entrez


@dataclass(frozen=True, slots=True)
class Mention:
    """A chemical or disease named in the figure, with the vocabulary it was matched in.

    ``source`` is the vocabulary (``MESH``, ``CHEBI``, ``DOID``) and ``identifier`` the id in it
    (``D009243``, ``15846``); ``other_ids`` keeps further ids as ``prefix:id`` strings.
    """

    word: str | None
    source: str | None
    identifier: str | None
    name: str | None = None
    other_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Annotation:
    """A typed note attached to the figure (PFOCR's ``annotations`` list)."""

    type: str
    value: str


@dataclass(frozen=True, slots=True)
class FigureRecord:
    """A pathway figure record as the viewer uses it.

    Text fields are ``None`` when the record leaves them empty or marks them missing
    (``''``, ``NA``, ``.na.character``). ``extra`` keeps every field this class does not name,
    as read, so that nothing in the record is lost; ``warnings`` lists what was repaired or
    dropped while reading.
    """

    figid: str
    figtitle: str | None = None
    caption: str | None = None
    number: str | None = None
    figtype: str | None = None
    pmcid: str | None = None
    papertitle: str | None = None
    reftext: str | None = None
    year: int | None = None
    filename: str | None = None
    figlink: str | None = None
    organisms: tuple[str, ...] = ()
    genes: tuple[Gene, ...] = ()
    chemicals: tuple[Mention, ...] = ()
    diseases: tuple[Mention, ...] = ()
    annotations: tuple[Annotation, ...] = ()
    ndex: str | None = None
    wpid: str | None = None
    extra: Mapping[str, Any] = field(default_factory=_empty_mapping, hash=False)
    warnings: tuple[str, ...] = ()
    path: str | None = field(default=None, compare=False)
    layout: Layout = field(default="none", compare=False)

    @property
    def title(self) -> str:
        """The title to show: the figure title, else the figure id."""
        return self.figtitle or self.figid

    @property
    def own_organisms(self) -> tuple[str, ...]:
        """The organisms the record says the figure is about.

        ``organisms``, plus the names the newer schema found by text mining
        (``organisms_ner``), since ``organisms`` is often just ``[NA]`` there.
        """
        names = dict.fromkeys(self.organisms)
        mined = self.extra.get("organisms_ner")
        for name in mined if isinstance(mined, tuple) else ():
            if isinstance(name, str) and name.strip() not in ("", "NA", ".na.character"):
                names.setdefault(name.strip(), None)
        return tuple(names)

    @property
    def gene_organisms(self) -> tuple[str, ...]:
        """Organisms the genes were matched in, in order of first appearance."""
        return tuple(dict.fromkeys(g.organism for g in self.genes if g.organism))
