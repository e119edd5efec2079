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
listed. The index keeps each gene's figures (``gene_postings``) and each figure's size, so a
query reads only the figures of the list's genes; titles and symbols are read as the matches
are (``Matches``). ``bench/enrich.py`` times a 200-gene list over 100,000 figures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, overload

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


class FigureMatch(NamedTuple):
    """One figure's overlap with the list, and how surprising it is.

    ``figure`` is the figure's id in the index (``Collection.path(figure)`` finds its file).
    """

    figure: int
    figid: str
    figtitle: str | None
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


class Ranked(NamedTuple):
    """A figure's numbers, before its title and genes are looked up; sorts best first."""

    p_value: float
    minus_overlap: int  # so that, at equal p, the larger overlap comes first
    figure: int
    size: int
    adjusted_p: float
    odds_ratio: float

    @property
    def overlap(self) -> int:
        """How many genes of the list the figure holds."""
        return -self.minus_overlap


class Matches(Sequence[FigureMatch]):
    """The ranked figures, best first; titles are read from the index a page at a time.

    Ranking needs only numbers; a table shows a screenful, a command prints what it is asked
    for. So ``FigureMatch`` values (with figure id, title and gene symbols) are made as they are
    read, from pages of ``PAGE`` figures, and kept.
    """

    PAGE = 512

    def __init__(
        self,
        collection: Collection | None,
        ranked: Sequence[Ranked],
        symbols: dict[int, str],
        organism: str,
    ) -> None:
        self._collection = collection
        self._ranked = ranked
        self._symbols = symbols  # the list's genes and their symbols
        self._organism = organism
        self._made: dict[int, FigureMatch] = {}

    def __len__(self) -> int:
        return len(self._ranked)

    @overload
    def __getitem__(self, index: int) -> FigureMatch: ...

    @overload
    def __getitem__(self, index: slice) -> list[FigureMatch]: ...

    def __getitem__(self, index: int | slice) -> FigureMatch | list[FigureMatch]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("match index out of range")
        made = self._made.get(index)
        if made is None:
            self._make_page(index // self.PAGE)
            made = self._made[index]
        return made

    def _make_page(self, page: int) -> None:
        self._make(range(page * self.PAGE, min(len(self), (page + 1) * self.PAGE)))

    def _make(self, positions: Sequence[int]) -> None:
        """Make the matches at these positions, reading their titles and genes in one go."""
        rows = [self._ranked[i] for i in positions]
        figures = [r.figure for r in rows]
        titles: dict[int, tuple[str, str | None]] = {}
        genes_of: dict[int, Any] = {}
        if self._collection is not None:
            titles = self._collection.titles(figures)
            genes_of = self._collection.figure_gene_ids(figures, self._organism)
        for position, row in zip(positions, rows, strict=True):
            figid, figtitle = titles.get(row.figure, (f"#{row.figure} (left the index)", None))
            common = [e for e in genes_of.get(row.figure, ()) if e in self._symbols]
            genes = sorted((self._symbols[e], e) for e in common)
            self._made[position] = FigureMatch(
                row.figure,
                figid,
                figtitle,
                row.overlap,
                row.size,
                row.p_value,
                row.adjusted_p,
                row.odds_ratio,
                tuple(e for _s, e in genes),
                tuple(s for s, _e in genes),
            )

    @property
    def ranked(self) -> Sequence[Ranked]:
        """The numbers of every match, best first, without reading titles."""
        return self._ranked

    def load_all(self) -> None:
        """Read every title and gene now (before sorting by title, say), in bulk."""
        missing = [i for i in range(len(self)) if i not in self._made]
        if missing:
            self._make(missing)


@dataclass(frozen=True)
class Enrichment:
    """The answer to one gene list: the figures best first, and the numbers behind them."""

    organism: str
    resolution: Resolution
    list_size: int  # genes of the list found in the collection (the hypergeometric "successes")
    background: int  # the population: the collection's genes, or the size the user gave
    tested: int  # figures with at least ``min_size`` genes of the organism
    min_size: int
    matches: Sequence[FigureMatch] = field(default=())

    def tsv_lines(self, limit: int | None = None) -> list[str]:
        """The table as tab-separated lines, header first (``COLUMNS``), best first."""
        lines = ["\t".join(COLUMNS)]
        if isinstance(self.matches, Matches) and (limit is None or limit > 4 * Matches.PAGE):
            self.matches.load_all()  # in bulk: cheaper than page after page
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
    between steps and stops the analysis with ``InterruptedError``.
    """

    def check() -> None:
        if cancelled is not None and cancelled():
            raise InterruptedError("enrichment cancelled")

    names = list(names)
    if min_size < 1:
        raise EnrichmentError("the minimum figure size must be at least 1")
    if background is not None and background < 1:
        raise EnrichmentError("the background size must be at least 1")
    spelled = _organism(collection, organism)
    if spelled is None:  # an empty collection: nothing to resolve against, nothing to rank
        return Enrichment(organism, Resolution({}, tuple(names)), 0, background or 0, 0, min_size)
    resolution = resolve_names(collection, names, spelled)
    check()
    sizes = dict(collection.gene_set_sizes(spelled, min_size))
    check()
    counts, present = collection.gene_overlaps(resolution.entrez)
    check()
    # Names whose genes no figure has any more are unknown (their figures left the index).
    absent = [n for n, pairs in resolution.genes.items() if not any(e in present for e, _ in pairs)]
    if absent:
        gone = set(absent)
        resolution = Resolution(
            {n: pairs for n, pairs in resolution.genes.items() if n not in gone},
            tuple(n for n in names if n in gone or n in resolution.unknown),
        )
    listed = len(present)
    largest = max(sizes.values(), default=0)
    population = collection.gene_count(spelled) if background is None else background
    if population < max(listed, largest):
        what = (
            f"the largest figure ({largest:,} genes)"
            if largest >= listed
            else f"the gene list ({listed:,} genes found)"
        )
        raise EnrichmentError(f"a background of {population:,} genes is smaller than {what}")
    # Figure sizes and overlaps are small numbers that repeat: each (overlap, size) pair is
    # worked out once per list.
    stats: dict[tuple[int, int], tuple[float, float]] = {}
    rows: list[tuple[float, int, int, int]] = []  # (p, -overlap, figure, size): sorts best first
    for figure, overlap in counts.items():
        size = sizes.get(figure)
        if size is None:  # too small, or no genes of this organism
            continue
        known = stats.get((overlap, size))
        if known is None:
            known = stats[overlap, size] = (
                hypergeom_sf(overlap, population, listed, size),
                odds_ratio(overlap, listed, size, population),
            )
        rows.append((known[0], -overlap, figure, size))
    check()
    rows.sort()
    adjusted = benjamini_hochberg([row[0] for row in rows], tests=len(sizes))
    ranked = [
        Ranked(p, minus, figure, size, q, stats[-minus, size][1])
        for (p, minus, figure, size), q in zip(rows, adjusted, strict=True)
    ]
    return Enrichment(
        organism=spelled,
        resolution=resolution,
        list_size=listed,
        background=population,
        tested=len(sizes),
        min_size=min_size,
        matches=Matches(collection, ranked, resolution.symbols, spelled),
    )
