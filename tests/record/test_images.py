"""Where a figure image is looked for: plain local names only, online addresses from checked ids."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import SEED, SEED_LINKS

from viewer import links
from viewer.record import FigureRecord, load_record
from viewer.record.images import (
    IMAGE_BASE_ENV,
    image_cache_name,
    is_plain_name,
    local_image_candidates,
    online_image_urls,
    source_name,
)

FIGID = "PMC1584297__neo0809_0733_fig009"
PMC_BIN = "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1584297/bin/neo0809_0733_fig009.jpg"


@pytest.fixture(autouse=True)
def _no_image_base(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(IMAGE_BASE_ENV, raising=False)


def record(**fields: object) -> FigureRecord:
    values: dict[str, object] = {
        "figid": FIGID,
        "pmcid": "PMC1584297",
        "filename": "neo0809_0733_fig009.jpg",
        "path": "/data/figs/record.md",
    }
    values.update(fields)
    return FigureRecord(**values)  # type: ignore[arg-type]


def test_local_candidates_beside_the_record_then_in_images() -> None:
    here, images = Path("/data/figs"), Path("/data/figs/images")
    names = [
        "neo0809_0733_fig009.jpg",
        f"{FIGID}.jpg",
        f"{FIGID}.jpeg",
        f"{FIGID}.png",
    ]
    assert local_image_candidates(record()) == [here / n for n in names] + [
        images / n for n in names
    ]


def test_local_candidates_of_the_seed_record() -> None:
    candidates = local_image_candidates(load_record(SEED))
    assert candidates[0] == SEED.parent / "neo0809_0733_fig009.jpg"
    assert candidates[4] == SEED.parent / "images" / "neo0809_0733_fig009.jpg"
    assert len(candidates) == 8


@pytest.mark.parametrize(
    "filename",
    [
        "../secret.jpg",
        "sub/fig.jpg",
        "sub\\fig.jpg",
        ".hidden.jpg",
        "..",
        "",
        None,
        "/etc/passwd",
        "C:fig.jpg",
        " fig.jpg",
    ],
)
def test_only_plain_file_names_are_used(filename: str | None) -> None:
    paths = local_image_candidates(record(filename=filename))
    assert [p.name for p in paths[:3]] == [f"{FIGID}.jpg", f"{FIGID}.jpeg", f"{FIGID}.png"]
    assert all(p.parent in (Path("/data/figs"), Path("/data/figs/images")) for p in paths)


def test_a_figid_that_is_not_a_plain_name_gives_no_figid_names() -> None:
    paths = local_image_candidates(record(figid="../../etc/x"))
    assert [p.name for p in paths] == ["neo0809_0733_fig009.jpg"] * 2


def test_a_record_without_a_file_has_no_local_copies() -> None:
    assert local_image_candidates(record(path=None)) == []


@pytest.mark.parametrize(
    ("name", "plain"),
    [("fig.jpg", True), ("a..b.jpg", False), (".x", False), ("a/b", False), ("a\x00b", False)],
)
def test_is_plain_name(name: str, plain: bool) -> None:
    assert is_plain_name(name) is plain


def test_online_urls_europe_pmc_first_then_pmc() -> None:
    assert online_image_urls(load_record(SEED)) == [SEED_LINKS["image"], PMC_BIN]


def test_pmc_image_link_is_checked() -> None:
    assert links.pmc_image("PMC1584297", "neo0809_0733_fig009.jpg") == PMC_BIN
    assert links.pmc_image("PMC1584297", "../x.jpg") is None
    assert links.pmc_image("1584297", "fig.jpg") is None
    assert links.pmc_image("PMC1584297", "fig.exe") is None


@pytest.mark.parametrize(
    "fields",
    [
        {"pmcid": None},
        {"pmcid": "PMC12x"},
        {"pmcid": "javascript:alert(1)"},
        {"filename": None},
        {"filename": "../../x.jpg"},
        {"filename": "fig.html"},
        {"filename": "a b.jpg"},
    ],
)
def test_no_online_urls_without_checked_ids(fields: dict[str, object]) -> None:
    assert online_image_urls(record(**fields)) == []
    assert image_cache_name(record(**fields)) is None


def test_env_var_replaces_the_online_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(IMAGE_BASE_ENV, "http://127.0.0.1:8123/")
    assert online_image_urls(record()) == [
        "http://127.0.0.1:8123/PMC1584297/neo0809_0733_fig009.jpg"
    ]


def test_sources_argument_wins_over_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(IMAGE_BASE_ENV, "http://127.0.0.1:8123")
    urls = online_image_urls(
        record(), ["http://localhost:1/a", "file:///etc", "https://mirror.example/b/"]
    )
    assert urls == [
        "http://localhost:1/a/PMC1584297/neo0809_0733_fig009.jpg",
        "https://mirror.example/b/PMC1584297/neo0809_0733_fig009.jpg",
    ]


def test_cache_name_is_pmcid_and_filename() -> None:
    assert image_cache_name(record()) == "PMC1584297__neo0809_0733_fig009.jpg"


def test_source_names() -> None:
    assert source_name(SEED_LINKS["image"] or "") == "Europe PMC"
    assert source_name(PMC_BIN) == "PMC"
    assert source_name("http://127.0.0.1:8123/x") == "127.0.0.1"
