"""The offline GPML 2013a validator itself.

It accepts PathVisio's examples and our files and rejects broken ones, so that "valid" in the
other tests means something.
"""

from __future__ import annotations

import pytest
from corpus import SEED, SHARED_CORPUS
from exporting import exported
from gpml_schema import BIOPAX, MAIN, SCHEMA_DIR, gpml_errors

# The schema files are kept exactly as published (tests/data/gpml/README.md).
PUBLISHED = {
    "GPML2013a.xsd": 21018,
    "GPML2013a-biopax.xsd": 5031,
}


def test_schema_files_are_unchanged_copies() -> None:
    for name, size in PUBLISHED.items():
        assert (SCHEMA_DIR / name).stat().st_size == size
    assert b"cdn.rawgit.com" in MAIN.read_bytes()  # the remote import is still there
    assert b'name="PublicationXref" minOccurs="0"' in BIOPAX.read_bytes()
    specs = SHARED_CORPUS.parent / "specs" / "gpml"  # the workspace's copy, where there is one
    for copy in SCHEMA_DIR.iterdir():
        if (specs / copy.name).is_file():
            assert copy.read_bytes() == (specs / copy.name).read_bytes(), copy.name


@pytest.mark.parametrize("name", ["example-one-edge.gpml", "example-double-edge.gpml"])
def test_pathvisio_examples_validate(name) -> None:
    assert gpml_errors((SCHEMA_DIR / name).read_bytes()) == []


def _seed_gpml() -> str:
    return exported(SEED, "gpml")


BROKEN = {
    "no-xref": (lambda t: t.replace('<Xref Database="Entrez Gene" ID="6774" />', "", 1), "Xref"),
    "no-infobox": (lambda t: t.replace('<InfoBox CenterX="0" CenterY="0" />', ""), "InfoBox"),
    "bad-line-style": (
        lambda t: t.replace('LineThickness="1.0"', 'LineStyle="Dotted"', 1),
        "Dotted",
    ),
    "dangling-graphref": (
        lambda t: t.replace('GraphRef="n', 'GraphRef="nowhere', 1),
        "names nothing",
    ),
    "dangling-groupref": (
        lambda t: t.replace('GroupRef="grp', 'GroupRef="elsewhere', 1),
        "names nothing",
    ),
    "duplicate-id": (
        lambda t: t.replace('GraphId="n0008"', 'GraphId="n0003"', 1),
        "not a valid value",
    ),
    "bad-attribute": (lambda t: t.replace("<Pathway ", "<Pathway Bogus='1' ", 1), "Bogus"),
    "broken-xml": (lambda t: t.replace("</Pathway>", "<Pathway>"), "not well-formed"),
}


@pytest.mark.parametrize(("change", "complaint"), BROKEN.values(), ids=BROKEN.keys())
def test_broken_files_are_rejected(change, complaint) -> None:
    good = _seed_gpml()
    assert gpml_errors(good) == []
    bad = change(good)
    assert bad != good
    errors = gpml_errors(bad)
    assert errors and complaint in " ".join(errors)
