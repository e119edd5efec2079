"""The words the relation reader knows.

Verbs, nouns and particles with the relation each states, and the little words that shape a
clause (determiners, adverbs, joiners). ``lemma`` finds the verb a word is a form of.
"""

from __future__ import annotations

from viewer.mechanism.model import RelationType

ACTIVATION, INHIBITION, BINDING, ASSOCIATION = "activation", "inhibition", "binding", "association"

VERBS: dict[str, RelationType] = {
    **dict.fromkeys(
        (
            "activate induce stimulate promote enhance upregulate increase trigger "
            "phosphorylate transactivate cause mediate produce release secrete express "
            "elevate augment potentiate initiate facilitate lead result act signal converge "
            "drive evoke elicit amplify sustain contribute stabilize stabilise assist depend"
        ).split(),
        ACTIVATION,
    ),
    **dict.fromkeys(
        (
            "inhibit suppress block repress downregulate attenuate reduce decrease diminish "
            "prevent antagonize antagonise degrade inactivate abolish impair "
            "dephosphorylate abrogate silence sequester counteract restrain limit "
            "ubiquitinate destabilize interfere restrict"
        ).split(),
        INHIBITION,
    ),
    **dict.fromkeys(
        "bind interact associate dimerize heterodimerize oligomerize recruit".split(), BINDING
    ),
    **dict.fromkeys(
        "regulate modulate target control affect influence synergize synergise cooperate "
        "couple".split(),
        ASSOCIATION,
    ),
}
IRREGULAR = {
    "led": "lead", "leading": "lead", "leads": "lead", "bound": "bind", "drove": "drive",
    "driven": "drive", "binds": "bind", "binding": "bind",
}  # fmt: skip
# Verbs that need a particle to mean a relation: "leads to", "acts on", "interacts with".
PARTICLES = {
    "lead": ("to",), "result": ("in",), "act": ("on", "upon", "through", "via", "against"),
    "signal": ("to", "through", "via"), "converge": ("on", "upon"), "interact": ("with",),
    "associate": ("with",), "depend": ("on", "upon"),
    "interfere": ("with",), "contribute": ("to",), "synergize": ("with",),
    "synergise": ("with",), "cooperate": ("with",), "couple": ("to", "with"),
}  # fmt: skip
OPTIONAL_PARTICLES = ("to", "with")
NOUNS: dict[str, RelationType] = {
    **dict.fromkeys(
        (
            "activation induction stimulation promotion enhancement upregulation increase "
            "phosphorylation transactivation production release secretion expression "
            "elevation synthesis accumulation"
        ).split(),
        ACTIVATION,
    ),
    **dict.fromkeys(
        (
            "inhibition suppression blockade blocking repression downregulation attenuation "
            "reduction decrease prevention degradation inactivation dephosphorylation "
            "sequestration ubiquitination loss"
        ).split(),
        INHIBITION,
    ),
    **dict.fromkeys(
        ["binding", "interaction", "interactions", "association", "dimerization", "recruitment"],
        BINDING,
    ),
    **dict.fromkeys(["regulation", "modulation"], ASSOCIATION),
}
GENERIC_VERBS = frozenset(
    {"lead", "result", "cause", "mediate", "act", "signal", "converge", "contribute"}
)
COMPOUNDS: dict[str, RelationType] = {
    **dict.fromkeys(
        (
            "induced mediated dependent activated stimulated driven triggered evoked "
            "elicited promoted primed"
        ).split(),
        ACTIVATION,
    ),
    **dict.fromkeys(["inhibited", "suppressed", "blocked", "repressed"], INHIBITION),
    "associated": ASSOCIATION,
}
# Second halves of compounds in which a name only describes another thing: "G-protein-linked
# PLC", "TRAF-binding site", "Ca2+-dependent".
QUALIFIERS = frozenset("linked coupled related like bound binding containing responsive".split())
# Verbs that let an entity do what follows: "allowing NICD to interact with RBPJ".
ENABLERS = frozenset(
    "allow allows allowing allowed enable enables enabling enabled permit permits permitting "
    "cause causes causing caused".split()
)
# Nouns for things several proteins form together: "X forms a heterodimer with Y".
COMPLEX_NOUNS = frozenset(
    "complex complexes scaffold dimer dimers heterodimer heterodimers partnership".split()
)
UNDERGO = frozenset(["undergo", "undergoes", "underwent", "undergoing"])
# Verbs that place a protein in a pathway: "MYC lies downstream of STAT3".
PLACED = frozenset("function functions lie lies operate operates sit sits".split())
# Words that open an adverbial before a sentence's subject: "In response to EGF, KRAS …".
OPENERS = frozenset(
    "in upon after following during under with without once when while although as before".split()
)
# Words between a subject and "to" + verb: "X is able to bind", "X was shown to induce".
ABLE = frozenset(
    "capable able unable shown found reported known thought proposed suggested believed "
    "likely predicted".split()
)
# Verbs that say what a protein is: "SOCS3 acts as a negative regulator of JAK2".
SERVES = frozenset("acts act serves serve functions function".split())
# Verbs of acting together before a purpose: "STAT3 and RELA act synergistically to induce".
COOPERATE = frozenset("act acts work works combine combines cooperate cooperates".split())
# Adjectives of a requirement: "JAK1 is essential for STAT3 activation" (JAK1 → STAT3).
NEEDED = frozenset("essential necessary sufficient needed indispensable critical crucial".split())
BE = frozenset(
    ["is", "are", "was", "were", "be", "been", "being", "get", "gets", "got", "become", "becomes"]
)
NEGATIONS = frozenset(
    (
        "not no never without cannot fail fails failed unable neither nor lack lacks "
        "lacking independent independently absence"
    ).split()
)
ADVERBS = frozenset(
    (
        "directly also then further subsequently specifically strongly potently "
        "would will should must "
        "constitutively indirectly may might can could probably likely both rapidly markedly "
        "significantly partially mainly primarily tightly negatively positively subsequently "
        "itself themselves help helps helped"
    ).split()
)
NOT_ADVERBS = frozenset(["family", "assembly", "supply", "only", "early", "anomaly"])
# Amounts that may qualify a listed name: "activated by Ptx1 and low levels of Egr-1".
AMOUNTS = frozenset("low high increased reduced elevated decreased basal".split())
GROUP_JOINERS = frozenset({",", "and", "or", "/", "&", "then"})
TARGET_STOPS = frozenset(
    {",", ";", ":", ".", "which", "that", "by", "but", "while", "whereas", "although", "whereby"}
    | {"via", "through"}  # "X inhibits protein synthesis via Y": Y is a route, not the target
)
HEAD_NOUNS = frozenset(
    "signaling signalling pathway pathways axis activity activation kinase kinases protein "
    "proteins complex complexes receptor receptors family expression levels cascade "
    "stimulation engagement overexpression mrna translation transcription gene genes promoter "
    "processing stability maturation localization localisation translocation "
    "promoters".split()
)
# Nouns that may stand between a subject and its verb: "The IL-17RA and IL-17RC subunits bind".
SUBJECT_HEADS = HEAD_NOUNS | frozenset(
    "subunit subunits member members isoform isoforms homolog homologs homologue homologues "
    "ligand ligands signals proteins phosphorylation accumulation production release "
    "secretion mutation mutations amplification treatment".split()
)
ING_NOUNS = frozenset(["signaling", "signalling"])
LOSS_NOUNS = frozenset(
    "inhibition loss knockdown knockout deletion depletion blockade silencing deficiency "
    "ablation absence suppression inhibitor inhibitors antagonist antagonists".split()
)
ROLE_NOUNS: dict[str, RelationType] = {
    **dict.fromkeys("activator activators inducer inducers agonist".split(), ACTIVATION),
    **dict.fromkeys(
        "inhibitor inhibitors repressor repressors suppressor antagonist decoy".split(), INHIBITION
    ),
    **dict.fromkeys("regulator regulators modulator modulators".split(), ASSOCIATION),
    **dict.fromkeys("target targets substrate substrates".split(), ASSOCIATION),
    **dict.fromkeys("effector effectors".split(), ACTIVATION),
}
# Role nouns whose owner acts on their subject: "STAT3 is a target of JAK2" (JAK2 → STAT3).
REVERSED_ROLES = frozenset("target targets substrate substrates effector effectors".split())
DETERMINERS = frozenset(["the", "a", "an", "its", "their", "this", "these", "those", "his", "her"])
CHAIN = frozenset({"-", "–", "/"})
CONSEQUENCE = frozenset({"thereby", "thus", "hence", "consequently", "therefore"})
ARROWS: dict[str, RelationType] = {"→": ACTIVATION, "⟶": ACTIVATION, "⊣": INHIBITION}
MAX_TARGET_DISTANCE = 10
CLAUSE_ENDS = frozenset({";", ".", "which", "that", "but", "while", "whereas", "and"})
# Nouns for an event told of in the sentence before: "This interaction subsequently affects …",
# "This translocation influences …".
EVENT_NOUNS = frozenset(NOUNS) | frozenset(
    "translocation event events process step effect cleavage".split()
)
# Parts of an entity the sentence before was about: "The intracellular domains interact with …".
PART_NOUNS = frozenset("domain domains tail tails region regions subunit subunits".split())
# The class noun of "these receptors", whose members a name shows ("TNFR1", "IL6R").
RECEPTORS = frozenset(["receptor", "receptors"])


def lemma(word: str) -> tuple[str | None, str]:
    """The verb a word is a form of, and the form: ``base``, ``ed`` or ``ing``."""
    if word in IRREGULAR:
        base = IRREGULAR[word]
        return base, "ing" if word.endswith("ing") else "ed" if word in ("led", "bound") else "base"
    if word in VERBS:
        return word, "base"
    candidates: list[tuple[str, str]] = []
    if word.endswith("s"):
        candidates += [(word[:-1], "base"), (word[:-2], "base")]
    if word.endswith("ed"):
        candidates += [(word[:-1], "ed"), (word[:-2], "ed"), (word[:-3], "ed")]
    if word.endswith("ing"):
        candidates += [(word[:-3] + "e", "ing"), (word[:-3], "ing"), (word[:-4], "ing")]
    for base, form in candidates:
        if base in VERBS:
            return base, form
    for prefix in ("hyper", "over"):  # "hyperproduce", "overexpresses"
        if word.startswith(prefix) and len(word) > len(prefix) + 3:
            base, form = lemma(word[len(prefix) :])
            if base is not None:
                return base, form
    return None, ""


def is_adverb(word: str) -> bool:
    """A word that may stand between a subject and its verb: "also", "functionally"."""
    return word in ADVERBS or (len(word) > 4 and word.endswith("ly") and word not in NOT_ADVERBS)
