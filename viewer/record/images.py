"""Where a record's figure image may be found: local copies first, then online sources (no Qt).

A record names its image twice over: ``filename`` (the file name at PMC) and ``figid``. Local
copies are looked for beside the record file and in an ``images/`` folder beside it; online
copies come from Europe PMC, then PMC. Both names come from untrusted records, so only plain
file names are used (nothing that could step out of the folder), and online addresses are built
from checked ids by ``viewer.links``.

``PATHWAY_VIEWER_IMAGE_BASE`` (a base URL such as ``http://127.0.0.1:8123``) replaces the online
sources with one mirror serving ``{base}/{pmcid}/{filename}``: for tests, demos and offline
mirrors of the PFOCR images.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote, urlsplit

from viewer import links
from viewer.record.model import FigureRecord

IMAGE_BASE_ENV = "PATHWAY_VIEWER_IMAGE_BASE"
LOCAL_SUFFIXES = (".jpg", ".jpeg", ".png")
IMAGES_FOLDER = "images"

# Hosts of the built-in sources, named the way a reader knows them (for messages).
_SOURCE_NAMES = {"europepmc.org": "Europe PMC", "www.ncbi.nlm.nih.gov": "PMC"}


def is_plain_name(name: str | None) -> bool:
    """Tell whether ``name`` is a bare file name that stays inside the folder it is joined to."""
    if not name or name != name.strip():
        return False
    return not (
        "/" in name
        or "\\" in name
        or ".." in name
        or name.startswith(".")
        or "\x00" in name
        # A drive-relative name such as "C:x.jpg" leaves the folder on Windows.
        or ":" in name
    )


def local_image_names(record: FigureRecord) -> list[str]:
    """The file names a local copy of the figure may have, best first, without repeats."""
    names = [record.filename] if is_plain_name(record.filename) else []
    if is_plain_name(record.figid):
        names += [f"{record.figid}{suffix}" for suffix in LOCAL_SUFFIXES]
    return [name for name in dict.fromkeys(names) if name and is_plain_name(name)]


def local_image_candidates(record: FigureRecord) -> list[Path]:
    """Where a local copy of the figure may be, in the order to try them.

    Every name beside the record file first, then every name in ``images/`` beside it. A
    record read from bytes alone (no ``path``) has no local copies.
    """
    if not record.path:
        return []
    folder = Path(record.path).parent
    names = local_image_names(record)
    return [folder / name for name in names] + [folder / IMAGES_FOLDER / name for name in names]


def image_cache_name(record: FigureRecord) -> str | None:
    """The file name a downloaded copy is cached under (pmcid + filename), or ``None``.

    ``None`` when the record has no checked pmcid and plain image file name, which is also
    when there is nothing to download.
    """
    if links.pmc_image(record.pmcid, record.filename) is None:
        return None
    return f"{record.pmcid}__{record.filename}"


def _mirror_url(base: str, pmcid: str, filename: str) -> str | None:
    parts = urlsplit(base.strip())
    # Only web addresses: a base such as file:///etc must not turn into a file read.
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return f"{base.strip().rstrip('/')}/{quote(pmcid)}/{quote(filename)}"


def online_image_urls(record: FigureRecord, sources: Sequence[str] | None = None) -> list[str]:
    """The addresses to download the figure from, in the order to try them.

    By default Europe PMC first, then PMC. ``sources`` (base URLs), or else the environment
    variable ``PATHWAY_VIEWER_IMAGE_BASE``, replaces them with mirrors serving
    ``{base}/{pmcid}/{filename}``. Empty when the record lacks a checked pmcid or image name.
    """
    pmcid, filename = record.pmcid, record.filename
    if image_cache_name(record) is None or pmcid is None or filename is None:
        return []
    if sources is None:
        env_base = os.environ.get(IMAGE_BASE_ENV, "").strip()
        sources = [env_base] if env_base else None
    if sources is None:
        candidates = [
            links.figure_image(pmcid, filename),
            links.pmc_image(pmcid, filename),
        ]
    else:
        candidates = [_mirror_url(base, pmcid, filename) for base in sources]
    return [url for url in dict.fromkeys(candidates) if url]


def source_name(url: str) -> str:
    """How to name the server behind ``url`` in a message: "Europe PMC", "PMC", else its host."""
    host = urlsplit(url).hostname or "the image server"
    return _SOURCE_NAMES.get(host, host)
