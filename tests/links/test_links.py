"""Links are built from checked ids only; anything odd gives no link at all."""

from __future__ import annotations

import pytest
from corpus import SEED, SEED_LINKS

from viewer import links
from viewer.record import Mention, load_record


def test_links_of_the_seed_record() -> None:
    assert links.record_links(load_record(SEED)) == {
        **SEED_LINKS,
        "europepmc_article": "https://europepmc.org/article/PMC/PMC1584297",
    }


@pytest.mark.parametrize(
    ("builder", "good", "url"),
    [
        (links.ncbi_gene, "3569", "https://www.ncbi.nlm.nih.gov/gene/3569"),
        (links.wikipathways, "WP5283", "https://www.wikipathways.org/pathways/WP5283.html"),
        (
            links.ndex_network,
            "1c2b5aa2-deed-11ea-99da-0ac135e8bacf",
            "https://www.ndexbio.org/viewer/networks/1c2b5aa2-deed-11ea-99da-0ac135e8bacf",
        ),
        (
            links.hgnc_symbol,
            "STAT3",
            "https://www.genenames.org/data/gene-symbol-report/#!/symbol/STAT3",
        ),
    ],
)
def test_good_ids_give_https_links(builder, good, url) -> None:
    assert builder(good) == url


@pytest.mark.parametrize(
    ("builder", "bad"),
    [
        (links.ncbi_gene, "12a"),
        (links.ncbi_gene, "0"),
        (links.ncbi_gene, "../../evil"),
        (links.pmc_article, "PMC123/../../x"),
        (links.pmc_article, "javascript:alert(1)"),
        (links.pmc_figure, "https://evil.example/pmc/articles/PMC1/figure/F1/"),
        (links.pmc_figure, "/pmc/articles/PMC1/figure/F1/?redirect=//evil.example"),
        (links.pmc_figure, "//evil.example/pmc/articles/"),
        (links.ndex_network, "not-a-uuid"),
        (links.wikipathways, "WP1; rm -rf"),
        (links.pfocr_figure, "PMC1__<script>"),
        (links.hgnc_symbol, "A B"),
        (links.ncbi_gene, None),
    ],
)
def test_bad_ids_give_no_link(builder, bad) -> None:
    assert builder(bad) is None


def test_image_link_needs_a_plain_file_name() -> None:
    assert links.figure_image("PMC1", "../../etc/passwd") is None
    assert links.figure_image("PMC1", "fig 1.jpg") is None
    assert links.figure_image("PMC1", "fig1.jpg").endswith("fileName=fig1.jpg&mimeType=image/jpeg")


def test_mention_links() -> None:
    assert (
        links.mention(Mention("NADH", "MESH", "D009243")) == "https://id.nlm.nih.gov/mesh/D009243"
    )
    assert links.mention(Mention("x", "CHEBI", "15846")) == "https://bioregistry.io/chebi:15846"
    assert links.mention(Mention("y", "DOID", "DOID:1612")) == "https://bioregistry.io/doid:1612"
    assert links.mention(Mention("Cancer", None, None)) is None
    assert links.mention(Mention("z", "MESH", "D0/../x")) is None
