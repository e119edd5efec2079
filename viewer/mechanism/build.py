"""From a record to its laid-out mechanism: find entities, read relations, place nodes."""

from __future__ import annotations

from viewer.mechanism.layout import layout
from viewer.mechanism.lexicon import Entity, Lexicon
from viewer.mechanism.model import Edge, Mechanism, Node
from viewer.mechanism.relations import (
    Antecedents,
    is_definition_list,
    read_sentence,
    sentence_topic,
)
from viewer.mechanism.text import Item, Sentence, split_sentences, tag
from viewer.record.model import FigureRecord

MENTIONED = "Mentioned in the caption"
ALSO_IN_FIGURE = "Also in the figure"
MIN_CONFIDENCE = 0.5


def extract_mechanism(record: FigureRecord) -> Mechanism:
    """Read entities and relations from the record's caption; no positions yet."""
    lexicon = Lexicon(record)
    mechanism = Mechanism(record.figid)
    mentioned: dict[str, Entity] = {}
    spellings: dict[str, list[str]] = {}
    edges: list[Edge] = []
    topic: list[str] | None = None
    before = Antecedents()  # what the sentence before left: "This triggers …"
    for text in split_sentences(record.caption or ""):
        sentence = tag(text, lexicon)
        for item in _mentions(sentence):
            if item.entity is not None:
                mentioned.setdefault(item.entity.key, item.entity)
                names = spellings.setdefault(item.entity.key, [])
                if item.text not in names:
                    names.append(item.text)
        topic = sentence_topic(sentence) or topic
        relations, before = read_sentence(sentence, topic, before)
        for rel in relations:
            if rel.confidence >= MIN_CONFIDENCE:
                edges.append(
                    Edge(
                        rel.source,
                        rel.target,
                        rel.type,
                        text,
                        round(rel.confidence, 2),
                        rel.pattern,
                    )
                )
    related = {e.source for e in edges} | {e.target for e in edges}
    for key, entity in mentioned.items():
        mechanism.add_node(
            Node(
                id=key,
                label=entity.label,
                kind=entity.kind,
                members=entity.members,
                related=key in related,
                group=None if key in related else MENTIONED,
                mentions=tuple(spellings[key]),
            )
        )
    for edge in edges:
        mechanism.add_edge(edge)
    covered = {m.entrez for e in mentioned.values() for m in e.members if m.entrez}
    for word in sorted(lexicon.by_word):
        entity = lexicon.word_entity(word)
        if entity.key in mentioned or all(m.entrez in covered for m in entity.members):
            continue
        mechanism.add_node(
            Node(entity.key, entity.label, entity.kind, entity.members, group=ALSO_IN_FIGURE)
        )
        covered.update(m.entrez for m in entity.members if m.entrez)
    return mechanism


def _mentions(sentence: Sentence) -> list[Item]:
    """The entity mentions a sentence adds to the mechanism.

    In a legend that spells out abbreviations ("AMPK, AMP-activated protein kinase; AKT,
    RAC-α serine/threonine-protein kinase; …") only the abbreviations are mentions: the words
    of their expansions ("AMP-activated", "RAC-α", "GTPase") name nothing of the figure.
    """
    items = [item for item in sentence.items if item.kind == "E"]
    if not is_definition_list(sentence.text):
        return items
    entries: list[Item] = []
    starts = True
    for item in sentence.items:
        if item.kind == "E" and starts:
            entries.append(item)
        starts = item.text == ";"
    return entries


def build_mechanism(record: FigureRecord) -> Mechanism:
    """The record's mechanism, laid out."""
    mechanism = extract_mechanism(record)
    layout(mechanism)
    return mechanism
