"""The names a caption may use for a record's entities, and what each name stands for.

Three sources, in this order: the record's own genes (by OCR word, matched symbol and official
symbol, grouped by OCR word so that a family word such as "NFKB" stands for all its genes),
FamPlex families and complexes ("NF-κB", "IκB", "STATs"), and gene-like names nobody lists
("gp130", "EGFR"), which become caption-only entities.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from viewer.mechanism.famplex import famplex
from viewer.mechanism.model import Member, NodeKind
from viewer.mechanism.names import long_form_start, normalise
from viewer.record.model import FigureRecord, Gene

# Common words that OCR matching turns into genes ("and" → four fly genes, "Step" → PTPN5);
# a caption's use of them is never a gene mention.
STOP_WORDS = frozenset(
    "a an and are as at be by can cell cells for from has have in into is it its of on or "
    "that the their then these this those to via was were which with step cycle role model "
    "figure fig type types time proposed pathway pathways signaling signalling mechanism "
    "overview schematic summary cancer tumor tumour growth death damage stress response "
    "activity function level levels factor factors protein proteins gene genes receptor "
    "receptors complex kinase kinases ligand ligands all not no other both each after before "
    "during under over between through large small high low early late left right top bottom "
    "red green blue black white yellow gray grey arrow arrows line lines box boxes panel we "
    "our also may might via per up down out key main major minor new old end set ii iii iv vi "
    "vii x y z".split()
)
# Gene-like names not listed anywhere: gp130, p53, p38, p19ARF, p90RSK; STAT5, CDK4, IL6R.
_GENE_LIKE = re.compile(r"^(?:G?P\d{2,3}(?:[A-Z]{2,4}\d?[A-Z]?)?|[A-Z]{2,6}\d{1,3}[A-Z]{0,2}\d?)$")
# G-protein subunits: Gs, Gi, Gq, Gz, Gαs, Gαi2, Gβγ, G12/13, Gi/o, Gq/11.
_G_PROTEIN = re.compile(r"^G(?:[siqz]|α[siqoz]?\d?|βγ|12|13|olf)(?:/(?:o|\d{1,2}))?$")
# Receptors named by their ligand's letters and a subtype number: B2R, AT1R, EP1R, D2R, A2AR.
_NUMBERED_RECEPTOR = re.compile(r"^[A-Z][A-Za-z]{0,3}\d{1,2}[A-Z]?R$")
# A gene symbol that is a family name and a number: DNMT1, AKAP10, PDE4D (prefix captured).
_NUMBERED_SYMBOL = re.compile(r"^([A-Z]{3,})\d")
# Isoforms named by a Greek letter: LHβ, IKKβ, PLCγ1, TGF-β.
_GREEK_SUFFIXED = re.compile(r"^[A-Z][A-Za-z]{1,5}\d?-?[α-ω]\d?$")
# Proteins named with a Greek letter first: α-SMA, β-TrCP, β2AR (not α-KG: too short).
_GREEK_PREFIXED = re.compile(r"^[α-ω](?:\d?-?[A-Z][A-Za-z]{2,5}|\d[A-Z]{2,4})\d?$")
# Protein-style spellings: TrkA, RhoA, RecA, LexA; aPKC, cPLA2; mDia, hVps34, dCas9.
_PROTEIN_LIKE = re.compile(
    r"^(?:[A-Z][a-z]{1,3}[A-Z]{1,3}|[a-z][A-Z]{2,4}\d?|[a-z]{1,3}[A-Z][a-z]{1,4}\d{0,2}[A-Z]?)$"
)
_NOT_GENES = frozenset(
    "H2O2 CO2 NO2 O2 CA2 NAD NADH NADPH ATP ADP AMP GTP GDP UTP UDP PIP2 PIP3 IP3 IP DAG CAMP CGMP "
    "ROS COVID19 SARSCOV2 MERS HIV1 HIV2 IGG1 HSV1 CD4 CD8 ORF1 H1 H3 H4 PC12 HEK293 HELA MCF7 "
    "HT29 A549 U2OS PGE2 PGD2 PGF2 PGI2 TXA2 TXB2 LTB4 LTC4 LTD4 H2S NH3 NH4 SO4 PO4 CO "
    "MRNA TRNA RRNA SIRNA MIRNA SHRNA LNCRNA CDNA SSDNA DSDNA MTDNA POLYI POLYIC DSRNA SSRNA "
    "ACCOA MIRS MABS KDA LPS".split()
)
# A residue, not a gene: "Serine1177", "Ser40", "Thr308", "Y490".
_RESIDUE = re.compile(r"^(?:ser|thr|tyr|serine|threonine|tyrosine)\d+$", re.IGNORECASE)


# "smoothened homologue (SMO)", "a stimulatory G protein (Gs)": an abbreviation defined in
# brackets after a name whose last words say it is a gene product.
_DEFINED = re.compile(r"((?:[\w'/-]+ ){1,6})\(([A-Za-z][\w/-]{1,11})\)(?=(?: (\w+))?)")
# Endings of the last word before such a bracket: "kinase", "receptors", "calmodulin".
_PRODUCT_ENDINGS = (
    "protein", "ase", "receptor", "factor", "homolog", "homologue", "adapter", "adaptor",
    "inhibitor", "activator", "repressor", "peptide", "hormone", "interferon", "hedgehog",
    "channel", "transporter", "subunit", "domain", "in", "or",
)  # fmt: skip
_PRODUCT_HEADS = frozenset("protein proteins gene genes family kinase receptor".split())
_CELL_WORDS = frozenset(
    "cell macrophage lymphocyte neutrophil monocyte fibroblast neuron tissue organ".split()
)
# "cyclin B1", "lipin 1", "caspase 8"; not a residue such as "IκB S32" or "AKT T308".
_DESIGNATOR = re.compile(r"^(?![STY]\d\d)[A-Z]?\d{1,2}[a-z]?$")
# The receptors of the TGF-β, BMP, activin and interferon families are named by type.
_TYPED_RECEPTOR = re.compile(r"^type (?:I|II|III) receptors?$", re.IGNORECASE)
# So are other products named by type, which differ in kind: "type I interferon", "type 2 IFN".
_TYPED = re.compile(r"^type (?:I|II|III|1|2|3) (\S+)$", re.IGNORECASE)
_ROMAN = frozenset(["I", "II", "III", "IV", "V", "VI"])
# One enzyme named by what it phosphorylates: "glucokinase", "hexokinase" (not "kinase").
_NAMED_KINASE = re.compile(r"^[a-z]{3,}kinase$")
# A family named after a member or its root: "Bcl-2 family members", "SOCS family proteins".
_FAMILY = re.compile(r"^(\S+) family(?: members?| proteins?)?$", re.IGNORECASE)
# Words that say the name before them is a protein's: "Cactus phosphorylation", "the Insig
# proteins", "HIPPO pathway members"; or the name after them: "phosphorylation of Cactus".
_NAME = r"([A-Z][A-Za-z0-9]*(?:-[A-Z0-9][A-Za-z0-9]*)*)"  # not "AMP-activated"
_PROTEIN_CONTEXT = re.compile(
    rf"{_NAME} (?:proteins?|family|pathway members|(?:de)?phosphorylation|ubiquitination)\b"
    rf"|\b(?:(?:de)?phosphorylation|ubiquitination) of (?:the )?{_NAME}"
)


@dataclass(frozen=True, slots=True)
class Entity:
    """Something a caption name can stand for; ``key`` is also its node id."""

    key: str
    label: str
    kind: NodeKind
    members: tuple[Member, ...]
    in_record: bool


def _record_genes(record: FigureRecord) -> list[Gene]:
    """The record's genes, limited to its own organisms when the table mixes several."""
    organisms = record.gene_organisms
    if len(organisms) <= 1:
        return list(record.genes)
    own = set(record.own_organisms) & set(organisms)
    return [g for g in record.genes if g.organism in own] if own else list(record.genes)


def _members(genes: list[Gene]) -> tuple[Member, ...]:
    seen: dict[str, Member] = {}
    for gene in genes:
        symbol = gene.hgnc_symbol or gene.symbol or gene.word or gene.entrez
        seen.setdefault(symbol, Member(symbol, gene.entrez))
    return tuple(seen.values())


class Lexicon:
    """Looks up caption names for one record."""

    def __init__(self, record: FigureRecord) -> None:
        self.fam = famplex()
        genes = _record_genes(record)
        self.by_symbol: dict[str, list[Gene]] = defaultdict(list)
        self._by_prefix: dict[str, list[Gene]] | None = None  # "DNMT" → DNMT1, built on demand
        by_word: dict[str, list[Gene]] = defaultdict(list)
        self.word_labels: dict[str, str] = {}
        for gene in genes:
            word_key = normalise(gene.symbol or gene.word or "")
            if word_key:
                by_word[word_key].append(gene)
                self.word_labels.setdefault(word_key, gene.symbol or gene.word or word_key)
            for name in (gene.hgnc_symbol, gene.word):
                if name and normalise(name):
                    self.by_symbol[normalise(name)].append(gene)
        self.by_word = dict(by_word)
        self.entities: dict[str, Entity] = {}
        self.defined, self.cells = self._abbreviations(record.caption or "")
        self.named = _protein_names(record.caption or "") | _shown_names(genes)

    @staticmethod
    def _abbreviations(caption: str) -> tuple[frozenset[str], frozenset[str]]:
        """Keys of the abbreviations a caption defines: for gene products, and for cells.

        "smoothened homologue (SMO)" names a gene product; "neural stem cells (NSCs)" names
        cells, which are no gene even if the record lists one.
        """
        found, cells = set(), set()
        caption = " ".join(caption.split())
        for match in _DEFINED.finditer(caption):
            words, short = match.group(1).split(), match.group(2)
            if words[-1].lower().rstrip("s") in _CELL_WORDS:
                cells.add(normalise(short))
                cells.add(normalise(short.rstrip("s")))
                continue
            if short.lower() == short or normalise(short) in _NOT_GENES:
                continue  # "(i)", "(bold arrow)", "(ROS)"
            # One capital and no digit is a word ("(Fig)"), except G-protein names: "(Gs)".
            capitals = sum(c.isupper() for c in short)
            one_capital = capitals < 2 and not any(c.isdigit() for c in short)
            if one_capital and not re.fullmatch(r"G[a-z]", short):
                continue
            product = words[-1].lower().rstrip("s").endswith(_PRODUCT_ENDINGS)
            # "Light Harvesting Chlorophyll a/b Binding (LHCB) protein": the word after says.
            product = product or (match.group(3) or "").lower() in _PRODUCT_HEADS
            if product or _initials(words, short) or _one_word_name(words, short, match, caption):
                found.add(normalise(short))
        return frozenset(found), frozenset(cells - found)

    # Each record word (OCR word / matched symbol) is an entity: one gene or a family.
    def word_entity(self, key: str, label: str | None = None) -> Entity:
        """The entity for a record word: a gene when it maps to one gene, else a family."""
        genes = self.by_word[key]
        members = _members(genes)
        if len(members) == 1:
            return self._entity("g:" + normalise(members[0].symbol), members[0].symbol,
                                "gene", members, True)  # fmt: skip
        return self._entity("f:" + key, label or self.word_labels[key], "family", members, True)

    def _entity(
        self, key: str, label: str, kind: NodeKind, members: tuple[Member, ...], in_record: bool
    ) -> Entity:
        if key not in self.entities:
            self.entities[key] = Entity(key, label, kind, members, in_record)
        return self.entities[key]

    def lookup(self, text: str, *, lowercase_ok: bool = False) -> Entity | None:
        """The entity a caption name stands for, or ``None``.

        All-lowercase words are names only when FamPlex spells them so ("p38") or the record's
        genes were read from that word ("src" in a figure showing SRC); common words that OCR
        matching turns into genes ("and", "cycle") never are.
        """
        key = normalise(text)
        if (
            not key
            or text.lower() in STOP_WORDS
            or key in _NOT_GENES
            or key in self.cells
            or _RESIDUE.match(text)
        ):
            return None  # "and", "ROS", "CD4" (T cells), "NSCs" where they are cells
        if _TYPED_RECEPTOR.match(text):
            return self._entity("c:" + key, text, "caption", (), False)  # "type I receptor"
        typed = _TYPED.match(text)
        if typed and self.lookup(typed.group(1)) is not None:
            return self._entity("c:" + key, text, "caption", (), False)  # "type I interferon"
        if text.startswith("p-") and len(text) > 4:
            found = self.lookup(text[2:])
            if found is not None:
                return found  # "p-Akt": phosphorylated Akt is Akt
        if text.replace("-", " ").rpartition(" ")[2] in _ROMAN:
            return self._numbered(text)  # "MHC II", although "II" alone is no gene
        head, _, last = text.rpartition(" ")
        if last in ("receptor", "receptors") and head and " " not in head:
            return self._receptor(head, text)
        family = _FAMILY.match(text)
        if family:
            return self._family(family.group(1))
        if " " in text and any(part.lower() in STOP_WORDS for part in text.split()):
            return None
        if _G_PROTEIN.match(text) or _NUMBERED_RECEPTOR.match(text):
            return self._lookup_key(key, text) or self._entity(
                "c:" + key, text, "caption", (), False
            )
        if len(key) < 3 and not any(c.isdigit() for c in key) and key not in self.defined:
            return None  # "T" (cells), "ER" (reticulum): too short to be sure of a gene
        plain_lower = text.isalpha() and text.islower()
        if (
            plain_lower
            and not lowercase_ok
            and text not in self.fam.exact_names
            and not (len(text) >= 6 and text.capitalize() in self.fam.exact_names)
            and not (len(text) >= 3 and key in self.by_word)
            and not _NAMED_KINASE.match(text)
        ):
            return None
        found = self._lookup_key(key, text)
        if found is None and len(key) > 3 and key.endswith("S") and text[-1:] == "s":
            found = self._lookup_key(key[:-1], text[:-1])  # plurals: STATs, SMADs
        if found is None and text.count(" ") == 1:
            found = self._designated(text)
        return found

    def _numbered_members(self, key: str, text: str) -> list[Gene]:
        """The record's genes a family name written in capitals numbers ("DNMT": DNMT1)."""
        if len(key) < 3 or not key.isalpha() or not text.isupper():
            return []
        if self._by_prefix is None:
            self._by_prefix = defaultdict(list)
            for symbol, genes in sorted(self.by_symbol.items()):
                prefix = _NUMBERED_SYMBOL.match(symbol)
                if prefix:
                    self._by_prefix[prefix.group(1)].extend(genes)
        return self._by_prefix.get(key, [])

    def _designated(self, text: str) -> Entity | None:
        """A family's name with a member's designator: "cyclin B1", "lipin 1" (own entity)."""
        head, designator = text.split(" ")
        if not _DESIGNATOR.match(designator) or len(head) < 3 or self.lookup(head) is None:
            return None
        return self._entity("c:" + normalise(text), text, "caption", (), False)

    def _family(self, head: str) -> Entity | None:
        """The family a name gives its name to: "the Bcl-2 family members", "TRAF family".

        A name FamPlex knows as a family ("TRAF", "SOCS") is that family; a gene's name
        ("Bcl-2") names a family of its own, which is not the gene.
        """
        base = self.lookup(head)
        if base is None:
            return None
        name = f"{head} family"
        grounded = self._lookup_key(normalise(name), name)  # FamPlex: "CREB family"
        if grounded is not None:
            return grounded
        family = self.fam.ground(head)
        if family is not None and family.namespace == "FPLX":
            return base
        return self._entity("c:" + normalise(name), name, "caption", (), False)

    def _receptor(self, head: str, text: str) -> Entity | None:
        """A receptor of X ("TGFβ receptor", "IL-6 receptor") is its own entity, not X.

        Unless X already names a receptor: "EGFR receptor", "TLR4 receptors" are EGFR, TLR4.
        """
        ligand = self.lookup(head)
        if ligand is None:
            return None
        if re.search(r"R\d*$", normalise(head)):
            return ligand
        grounding = self.fam.groundings.get(normalise(text))
        if grounding is not None and grounding.namespace == "FPLX":
            return self._lookup_key(normalise(text), text)
        return self._entity("c:" + normalise(text), text, "caption", (), False)

    def _numbered(self, text: str) -> Entity | None:
        """A name with a Roman numeral: "MHC II", "BMPR-I", "Pol IV" (its own entity)."""
        head, _, numeral = text.replace("-", " ").rpartition(" ")
        if numeral not in _ROMAN or not head or " " in head.strip():
            return None
        base = self.lookup(head.strip())
        if base is None and not (head.isupper() and len(head) >= 2):
            return None
        members = base.members if base is not None else ()
        in_record = base.in_record if base is not None else False
        return self._entity("c:" + normalise(text), text, "caption", members, in_record)

    def _lookup_key(self, key: str, text: str) -> Entity | None:
        spaced = " " in text
        if key in self.by_word:
            return self.word_entity(key, text if len(self.by_word[key]) > 1 else None)
        if key in self.by_symbol:
            members = _members(self.by_symbol[key])
            if len(members) == 1:
                return self._entity("g:" + key, members[0].symbol, "gene", members, True)
            return self._entity("f:" + key, text, "family", members, True)
        grounding = self.fam.groundings.get(key)
        if grounding is not None and grounding.namespace == "FPLX":
            symbols = self.fam.family_members(grounding.identifier)
            listed = [g for s in symbols for g in self.by_symbol.get(normalise(s), [])]
            if listed:
                return self._entity("f:" + key, text, "family", _members(listed), True)
            members = tuple(Member(s) for s in symbols)
            return self._entity("c:" + key, text, "caption", members, False)
        numbered = self._numbered_members(key, text)
        if numbered:
            # "DNMT", "AKAP" in a figure listing DNMT1 or AKAP5, AKAP10: those genes
            return self._entity("f:" + key, text, "family", _members(numbered), True)
        if grounding is not None or (
            not spaced
            and key not in _NOT_GENES
            and (
                _GENE_LIKE.match(key)
                or _PROTEIN_LIKE.match(text)
                or _GREEK_SUFFIXED.match(text)
                or _GREEK_PREFIXED.match(text)
                or _NAMED_KINASE.match(text)
                or key in self.defined
                or key in self.named
            )
        ):
            return self._entity("c:" + key, text, "caption", (), False)
        return None


def _initials(words: list[str], short: str) -> bool:
    """The abbreviation spells the first letters of the words before it: "(MLCK)"."""
    letters = [c for c in short.upper() if c.isalpha()]
    initials = "".join(w[0].upper() for w in words if w[0].isalpha())
    return len(letters) >= 2 and initials.endswith("".join(letters))


def _protein_names(caption: str) -> frozenset[str]:
    """Keys of the names a caption's own words mark as proteins' ("Cactus phosphorylation").

    A capitalised word opening a sentence is an ordinary word as often as a name ("Membrane
    proteins"), so there only names with two capitals or a digit count ("HIPPO pathway").
    """
    caption = " ".join(caption.split())
    found = set()
    for match in _PROTEIN_CONTEXT.finditer(caption):
        name = match.group(1) or match.group(2)
        before = caption[: match.start(1) if match.group(1) else match.start(2)].rstrip()
        opens = not before or before[-1] in ".!?"
        marked = sum(c.isupper() for c in name) >= 2 or any(c.isdigit() for c in name)
        if name.lower() not in STOP_WORDS and (marked or not opens):
            found.add(normalise(name))
    return frozenset(found - _NOT_GENES)


def _shown_names(genes: list[Gene]) -> frozenset[str]:
    """Keys of the names the figure writes beside a gene's in one word: "Dorsal" in "Dif/Dorsal".

    Only capitalised words of four letters or more ("Dorsal"), not numbers ("ERK1/2").
    """
    found = set()
    for gene in genes:
        word = gene.word or ""
        for part in word.split("/") if "/" in word else ():
            part = part.strip(",.;:()*")
            if re.fullmatch(r"[A-Z][a-z]{3,}", part) and part.lower() not in STOP_WORDS:
                found.add(normalise(part))
    return frozenset(found)


def _one_word_name(words: list[str], short: str, match: re.Match[str], caption: str) -> bool:
    """A capitalised name mid-sentence that spells the abbreviation out: "Jagged (JAG)".

    At least three capitals; not at a sentence's start, where any word is capitalised.
    """
    name = words[-1]
    if sum(c.isupper() for c in short) < 3 or not name[:1].isupper():
        return False
    before = caption[: match.end(1) - len(name) - 1].rstrip()
    if not before or before[-1] in ".!?":
        return False
    return long_form_start(short, name) == 0
