"""Which figures of a collection match a gene list: over-representation analysis (no Qt here).

``enrich(collection, names)`` resolves the names to NCBI Gene ids of one organism (Homo
sapiens by default) through the index's gene names (ids and official symbols first, then the
symbols PFOCR matched, then OCR words), then ranks every figure with at least ``min_size``
genes of that organism by the one-sided hypergeometric p-value of its overlap with the list:

- the background is every gene of that organism in the collection (or ``background``, a size
  the user gives, e.g. 20,000 for the human genome);
- the list counts the resolved genes found in the collection (names that lead nowhere in it
  are reported as unknown);
- p-values are adjusted with Benjamini–Hochberg over all figures tested; the odds ratio is that
  of the 2×2 table (Haldane–Anscombe corrected when a cell is 0).

Figures that share no gene with the list are tested (they count for the adjustment) but not
listed. One pass over the index's packed gene sets answers a query, so a 200-gene list over
100,000 figures takes well under a second (``bench/enrich.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from viewer.collection.keys import normalise_key
from viewer.collection.stats import benjamini_hochberg, hypergeom_sf, odds_ratio

if TYPE_CHECKING:
    from viewer.collection.index import Collection

DEFAULT_ORGANISM = "Homo sapiens"
DEFAULT_MIN_SIZE = 3  # PFOCR leaves figures with fewer genes out of its gene sets
COLUMNS = ("figid", "figtitle", "overlap", "size", "p_value", "adjusted_p", "odds_ratio", "genes")


class EnrichmentError(ValueError):
    """An analysis that cannot be run as asked (unknown organism, impossible background)."""


@dataclass(frozen=True)
class Resolution:
    """What the names of a list lead to among one organism's genes in the collection.

    ``genes`` maps each name found to its genes as ``(entrez, symbol)`` pairs; a name that leads
    to several (an OCR word such as ``AKT``) keeps them all. ``unknown`` keeps the names found
    nowhere, in list order.
    """

    genes: dict[str, tuple[tuple[int, str], ...]]
    unknown: tuple[str, ...]

    @property
    def entrez(self) -> frozenset[int]:
        """The distinct NCBI Gene ids of the list."""
        return frozenset(e for pairs in self.genes.values() for e, _symbol in pairs)

    @property
    def symbols(self) -> dict[int, str]:
        """The symbol to show for each id of the list."""
        return {e: s for pairs in self.genes.values() for e, s in pairs}


@dataclass(frozen=True)
class FigureMatch:
    """One figure's overlap with the list, and how surprising it is."""

    figure: int  # the figure's id in the index
    figid: str
    figtitle: str | None
    path: str
    overlap: int
    size: int
    p_value: float
    adjusted_p: float
    odds_ratio: float
    entrez: tuple[int, ...]  # the overlapping genes, in the order of ``genes``
    genes: tuple[str, ...]  # their symbols, sorted

    @property
    def title(self) -> str:
        """The title to show: the figure title, else the figure id."""
        return self.figtitle or self.figid


@dataclass(frozen=True)
class Enrichment:
    """The answer to one gene list: the figures best first, and the numbers behind them."""

    organism: str
    resolution: Resolution
    list_size: int  # genes of the list found in the collection (the hypergeometric "successes")
    background: int  # the population: the collection's genes, or the size the user gave
    tested: int  # figures with at least ``min_size`` genes of the organism
    min_size: int
    matches: tuple[FigureMatch, ...] = field(default=())

    def tsv_lines(self, limit: int | None = None) -> list[str]:
        """The table as tab-separated lines, header first (``COLUMNS``), best first."""
        lines = ["\t".join(COLUMNS)]
        for match in self.matches[:limit]:
            title = " ".join((match.figtitle or "").split())  # no tabs or new lines in a cell
            lines.append(
                "\t".join(
                    (
                        match.figid,
                        title,
                        str(match.overlap),
                        str(match.size),
                        f"{match.p_value:.6g}",
                        f"{match.adjusted_p:.6g}",
                        f"{match.odds_ratio:.6g}",
                        ",".join(match.genes),
                    )
                )
            )
        return lines


def resolve_names(collection: Collection, names: Iterable[str], organism: str) -> Resolution:
    """Resolve list names to genes of ``organism`` by the best rank each name has."""
    names = list(names)
    keys = {name: normalise_key(name) for name in names}
    found = collection.gene_names(organism, keys.values())
    genes: dict[str, tuple[tuple[int, str], ...]] = {}
    unknown: list[str] = []
    for name in names:
        rows = found.get(keys[name])
        if not rows:
            unknown.append(name)
            continue
        best = rows[0][0]
        genes[name] = tuple(sorted({(e, s) for rank, e, s in rows if rank == best}))
    return Resolution(genes, tuple(unknown))


def _organism(collection: Collection, organism: str) -> str | None:
    """The collection's spelling of ``organism``; ``None`` when the collection has no genes."""
    known = [name for name, _count in collection.gene_organisms()]
    if not known:
        return None
    wanted = normalise_key(organism)
    for name in known:
        if normalise_key(name) == wanted:
            return name
    shown = ", ".join(known[:12]) + (", …" if len(known) > 12 else "")
    raise EnrichmentError(f"no {organism} genes in this collection; it has genes of: {shown}")


def enrich(
    collection: Collection,
    names: Iterable[str],
    organism: str = DEFAULT_ORGANISM,
    min_size: int = DEFAULT_MIN_SIZE,
    background: int | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Enrichment:
    """Rank the figures of ``collection`` by over-representation of the genes ``names`` name.

    Raises ``EnrichmentError`` for an organism the collection has no genes of, a ``min_size``
    below 1, or a ``background`` smaller than the list or a figure; ``cancelled()`` is asked
    now and then and stops the analysis with ``InterruptedError``.
    """
    names = list(names)
    if min_size < 1:
        raise EnrichmentError("the minimum figure size must be at least 1")
    if background is not None and background < 1:
        raise EnrichmentError("the background size must be at least 1")
    spelled = _organism(collection, organism)
    if spelled is None:  # an empty collection: nothing to resolve against, nothing to rank
        return Enrichment(organism, Resolution({}, tuple(names)), 0, background or 0, 0, min_size)
    resolution = resolve_names(collection, names, spelled)
    wanted = resolution.entrez
    universe: set[int] = set()
    tested = 0
    largest = 0
    overlaps: list[tuple[int, int, set[int]]] = []  # (figure, size, common genes)
    for count, (figure, ids) in enumerate(collection.gene_id_arrays(spelled)):
        if cancelled is not None and count % 4096 == 0 and cancelled():
            raise InterruptedError("enrichment cancelled")
        universe.update(ids)
        size = len(ids)
        if size < min_size:
            continue
        tested += 1
        largest = max(largest, size)
        common = wanted.intersection(ids)
        if common:
            overlaps.append((figure, size, common))
    # Names whose genes no figure has any more (their figures left the index) are unknown.
    absent = {
        name for name, pairs in resolution.genes.items() if not any(e in universe for e, _ in pairs)
    }
    if absent:
        resolution = Resolution(
            {n: p for n, p in resolution.genes.items() if n not in absent},
            tuple(n for n in names if n in absent or n in resolution.unknown),
        )
    listed = resolution.entrez & universe
    population = len(universe) if background is None else background
    if population < max(len(listed), largest):
        what = (
            f"the largest figure ({largest:,} genes)"
            if largest >= len(listed)
            else f"the gene list ({len(listed):,} genes found)"
        )
        raise EnrichmentError(f"a background of {population:,} genes is smaller than {what}")
    p_values = [
        hypergeom_sf(len(common), population, len(listed), size) for _f, size, common in overlaps
    ]
    adjusted = benjamini_hochberg(p_values, tests=tested)
    rows = collection.rows([figure for figure, _size, _common in overlaps])
    symbols = resolution.symbols
    matches = []
    for (figure, size, common), p_value, adjusted_p in zip(
        overlaps, p_values, adjusted, strict=True
    ):
        row = rows.get(figure)
        if row is None:  # left the index while this ran
            continue
        genes = sorted(common, key=lambda e: (symbols.get(e, ""), e))
        matches.append(
            FigureMatch(
                figure=figure,
                figid=row.figid,
                figtitle=row.figtitle,
                path=row.path,
                overlap=len(common),
                size=size,
                p_value=p_value,
                adjusted_p=adjusted_p,
                odds_ratio=odds_ratio(len(common), len(listed), size, population),
                entrez=tuple(genes),
                genes=tuple(symbols.get(e, str(e)) for e in genes),
            )
        )
    matches.sort(key=lambda m: (m.p_value, -m.overlap, m.figid, m.figure))
    return Enrichment(
        organism=spelled,
        resolution=resolution,
        list_size=len(listed),
        background=population,
        tested=tested,
        min_size=min_size,
        matches=tuple(matches),
    )
