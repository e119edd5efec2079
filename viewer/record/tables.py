"""Read the split layout's side tables: ``{figid}-genes.tsv``, ``-chemicals.tsv``, ``-diseases``.

The current PFOCR database keeps a figure's mentions in ``_data/`` beside ``_figures/``. Tables
are tab-separated with one header line and ``NA`` for missing values. A bad row is dropped with
a warning naming the table and line; a table that cannot be read at all is skipped the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from viewer.record.model import Gene, Mention
from viewer.record.values import clean_text, entrez_id

MAX_TABLE_BYTES = 20 * 1024 * 1024
TABLE_KINDS = ("genes", "chemicals", "diseases")


def find_tables(record_path: Path, figid: str) -> dict[str, Path]:
    """Locate the side tables for ``figid`` near a record file.

    Looks in the ``_data`` folder beside the record's folder (the PFOCR repository layout),
    then in a ``_data`` folder inside the record's folder, then in the record's own folder.
    """
    folder = record_path.parent
    candidates = (folder.parent / "_data", folder / "_data", folder)
    found: dict[str, Path] = {}
    for kind in TABLE_KINDS:
        for place in candidates:
            table = place / f"{figid}-{kind}.tsv"
            if table.is_file():
                found[kind] = table
                break
    return found


def _rows(table: Path, warnings: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) pairs of a TSV table, reporting unreadable tables as warnings."""
    try:
        if table.stat().st_size > MAX_TABLE_BYTES:
            warnings.append(f"{table.name}: table larger than 20 MiB skipped")
            return
        text = table.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        warnings.append(f"{table.name}: not UTF-8 text; table skipped")
        return
    except OSError as exc:
        warnings.append(f"{table.name}: cannot be read ({exc.strerror}); table skipped")
        return
    lines = text.splitlines()
    if not lines:
        return
    header = [name.strip() for name in lines[0].split("\t")]
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(header):
            warnings.append(
                f"{table.name} line {number}: {len(cells)} columns where the header has "
                f"{len(header)}; row dropped"
            )
            continue
        yield number, dict(zip(header, cells, strict=True))


_GENE_COLUMNS = ("word", "match", "ncbigene_symbol", "ncbigene_id")


def read_genes(table: Path, warnings: list[str]) -> list[Gene]:
    """Read a genes table into ``Gene`` values, keeping each row's organism."""
    genes: dict[Gene, None] = {}
    for number, row in _rows(table, warnings):
        missing = [name for name in _GENE_COLUMNS if name not in row]
        if missing:
            warnings.append(f"{table.name}: no column {', '.join(missing)}; genes table skipped")
            return []
        where = f"{table.name} line {number}"
        entrez = entrez_id(row.get("ncbigene_id"))
        symbol = clean_text(row.get("match"))
        hgnc = clean_text(row.get("ncbigene_symbol"))
        if entrez is None:
            warnings.append(
                f"{where}: gene row dropped: NCBI Gene id {row.get('ncbigene_id')!r} "
                "is not a number"
            )
            continue
        if symbol is None and hgnc is None:
            warnings.append(f"{where}: gene row dropped: no symbol")
            continue
        gene = Gene(
            word=clean_text(row.get("word")),
            symbol=symbol,
            source=clean_text(row.get("source")),
            hgnc_symbol=hgnc,
            entrez=entrez,
            organism=clean_text(row.get("organism_name")),
            taxon=clean_text(row.get("organism_id")),
        )
        genes.setdefault(gene, None)  # PFOCR tables sometimes repeat a whole block
    return list(genes)


def _curie(value: str | None) -> tuple[str, str] | None:
    """Split ``mesh:D009243`` into (``MESH``, ``D009243``)."""
    if value is None or ":" not in value:
        return None
    prefix, _, local = value.partition(":")
    prefix, local = prefix.strip().upper(), local.strip()
    return (prefix, local) if prefix and local else None


def read_mentions(table: Path, id_columns: tuple[str, ...], warnings: list[str]) -> list[Mention]:
    """Read a chemicals or diseases table.

    Current tables give CURIE columns (``mesh``, ``chebi``, ``doid``); the first one filled
    becomes the mention's id and the rest go to ``other_ids``. Older tables give
    ``word, source, identifier`` directly.
    """
    mentions: dict[Mention, None] = {}
    for _number, row in _rows(table, warnings):
        word = clean_text(row.get("word"))
        if "identifier" in row:
            mention = Mention(
                word, clean_text(row.get("source")), clean_text(row.get("identifier"))
            )
        else:
            ids = [c for c in (_curie(clean_text(row.get(col))) for col in id_columns) if c]
            source, identifier = ids[0] if ids else (None, None)
            mention = Mention(
                word,
                source,
                identifier,
                name=clean_text(row.get("name")),
                other_ids=tuple(f"{p.lower()}:{i}" for p, i in ids[1:]),
            )
        if mention.word is None and mention.identifier is None:
            continue
        mentions.setdefault(mention, None)
    return list(mentions)


CHEMICAL_ID_COLUMNS = ("mesh", "chebi")
DISEASE_ID_COLUMNS = ("mesh", "doid")
