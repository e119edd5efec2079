"""Read relations from a tagged sentence: who activates, inhibits or binds whom.

Patterns, each with its own confidence: active voice ("X activates Y"), passive ("Y is
activated by X", each "by" agent of "…, by A (through B), by C"), nominalisations ("activation
of Y by X", "X-induced Y", "X-mediated activation of Y", "X leads to the production of Y",
"The binding of X to R leads to …"), relative clauses ("Y, which acts on Z", "a complex that
activates Z"), coordination on either side ("X and Y inhibit Z"), verb coordination that keeps
the subject ("X binds Y and activates Z"), complexes ("X–Y complex", "a scaffold consisting of
X, Y and Z"), role nouns ("X, an inhibitor of Y"), arrows ("X → Y").

The rules follow those of the hand-read gold set (tests/data/mechanism_gold.yaml): a route
("X inhibits Y via Z") gives X → Y and an association X – Z; a consequence ("X activates Y,
thus stimulating Z") is credited to the entity acted on (Y → Z), flipped when X's action was
an inhibition, and retypes X's action when it is about Y itself ("…, resulting in the
degradation of the inhibitor"); an agentless means in a passive ("Apoptosis is stimulated via
phosphorylation of BAX") belongs to the caption's topic. Negations ("does not activate",
"X-independent", "prevents the interaction of") and legends that spell out abbreviations give
no edge.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from viewer.mechanism.model import RelationType
from viewer.mechanism.names import normalise
from viewer.mechanism.text import Item, Sentence
from viewer.mechanism.vocabulary import (
    ABLE,
    ACTIVATION,
    AMOUNTS,
    ARROWS,
    ASSOCIATION,
    BE,
    BINDING,
    CHAIN,
    CLAUSE_ENDS,
    COMPLEX_NOUNS,
    COMPOUNDS,
    CONSEQUENCE,
    COOPERATE,
    DETERMINERS,
    ENABLERS,
    EVENT_NOUNS,
    GENERIC_VERBS,
    GROUP_JOINERS,
    HEAD_NOUNS,
    ING_NOUNS,
    INHIBITION,
    LOSS_NOUNS,
    MAX_TARGET_DISTANCE,
    NEEDED,
    NEGATIONS,
    NOUNS,
    OPENERS,
    OPTIONAL_PARTICLES,
    PART_NOUNS,
    PARTICLES,
    PLACED,
    QUALIFIERS,
    RECEPTORS,
    REVERSED_ROLES,
    ROLE_NOUNS,
    SERVES,
    SUBJECT_HEADS,
    TARGET_STOPS,
    UNDERGO,
    VERBS,
    is_adverb,
    lemma,
)


@dataclass(frozen=True, slots=True)
class _Action:
    """The last relation drawn: whom a following "thereby …" or ", causing …" is about."""

    sources: list[str]
    targets: list[str]
    type: RelationType
    first: int  # index of its first relation in the reader's list


@dataclass(frozen=True, slots=True)
class Relation:
    """One relation found in a sentence, between entity keys."""

    source: str
    target: str
    type: RelationType
    confidence: float
    pattern: str


@dataclass(frozen=True, slots=True)
class Antecedents:
    """What a sentence leaves for the next one to refer back to.

    Its last action ("LATS1/2 phosphorylates YAP. This triggers …" is about YAP), its subject
    and its entity mentions, group by group ("TNFR1 and TNFR2 … these receptors").
    """

    action: _Action | None = None
    subject: tuple[str, ...] = ()
    groups: tuple[tuple[Item, ...], ...] = ()


class _Reader:
    def __init__(
        self, sentence: Sentence, topic: list[str], before: Antecedents | None = None
    ) -> None:
        self.items = sentence.items
        self.topic = topic  # what the caption was last about: an agent for agentless means
        self.before = before or Antecedents()  # what the sentence before left to refer to
        self.groups: dict[int, tuple[int, int]] = {}  # item index → (first, last) of its group
        self.bracketed: set[int] = set()  # items inside a bracket that explains a listed name
        self._find_groups()
        self.relations: list[Relation] = []
        self.last_agent: tuple[list[str], int] | None = None  # entity keys, item index
        self.last_action: _Action | None = None
        self.complexes: dict[int, list[str]] = {}  # item index of "complex" → its members
        # The subject of the last passive and its agent: "Y is induced by X and inhibits Z".
        self.passive_subject: tuple[list[str], tuple[list[str], int]] | None = None
        self.referents = self._find_referents()  # "these Smads" → the Smads named before

    def _find_groups(self) -> None:
        items = self.items
        i = 0
        while i < len(items):
            if items[i].kind != "E":
                i += 1
                continue
            first = last = i
            j = i + 1
            listed = False  # "A, B, and C" is a list; "A, and B verbs…" starts a new clause
            while j < len(items):
                bracket = j
                closing = self._bracket_end(j)
                if closing is not None:
                    j = closing + 1  # "NIK (NF-κB inducing kinase) and MEKK1"
                k = j
                while k < len(items) and items[k].lower in GROUP_JOINERS and k - j < 2:
                    k += 1
                comma_conjunction = k - j == 2 and items[j].text == ","
                if k > j:
                    k = self._amount_after(k)  # "by Ptx1, SF-1, and low levels of Egr-1"
                if k > j and k < len(items) and items[k].kind == "E":
                    if comma_conjunction and not listed:
                        break
                    if items[j].text == "," and j == self._opening_comma():
                        break  # "In response to EGF, KRAS activates BRAF": no list
                    listed = listed or items[j].text == ","
                    if closing is not None:  # the bracket explains a listed name
                        self.bracketed.update(range(bracket, closing + 1))
                    last = k
                    j = k + 1
                else:
                    break
            for index in range(first, last + 1):
                self.groups[index] = (first, last)
            i = last + 1

    def _opening_comma(self) -> int | None:
        """The comma that closes an opening adverbial ("Upon stimulation with EGF, …")."""
        if self._word(0) not in OPENERS:
            return None
        return next((k for k, item in enumerate(self.items) if item.text == ","), None)

    def _amount_after(self, k: int) -> int:
        """Past words that qualify a listed name, else ``k``.

        An amount ("Ptx1, SF-1, and low levels of Egr-1") or a relation to the name before
        ("ERK or its downstream substrate RSK").
        """
        amount = self._word(k) in AMOUNTS and self._word(k + 1) in ("levels", "amounts")
        if amount and self._word(k + 2) == "of":
            return k + 3
        if self._word(k) in ("its", "their"):
            for m in range(k + 1, min(len(self.items), k + 4)):
                if self.items[m].kind == "E":
                    return m
                if self.items[m].kind != "W" or self._is_verb(m):
                    break
        return k

    def _bracket_end(self, j: int) -> int | None:
        """Where a short bracket opening at ``j`` closes, when a list goes on after it."""
        if self._word(j) != "(":
            return None
        for k in range(j + 1, min(len(self.items), j + 10)):
            if self._word(k) == ")":
                after = self._word(k + 1)
                return k if after in GROUP_JOINERS and after not in CHAIN else None
            if self._word(k) == "(":
                return None
        return None

    def keys(self, index: int) -> list[str]:
        """Entity keys of the group containing item ``index`` (negated mentions left out)."""
        if index in self.referents:
            return self.referents[index]
        first, last = self.groups[index]
        return [
            it.entity.key
            for n, it in enumerate(self.items[first : last + 1], start=first)
            if it.kind == "E"
            and it.entity is not None
            and not self._negated(n)
            and n not in self.bracketed
        ]

    def _negated(self, index: int) -> bool:
        """A mention followed by "-independent" (or "independent of" before it)."""
        items = self.items
        after = items[index + 1 : index + 3]
        return len(after) == 2 and after[0].text == "-" and after[1].lower == "independent"

    def _in_question(self, t: int) -> bool:
        """The clause of the word at ``t`` asks whether something holds, and states nothing."""
        for k in range(t - 1, max(-1, t - 12), -1):
            word = self._word(k)
            if word == "whether":
                return True
            if word in (",", ";", ":", "."):
                return False
        return False

    def _words(self, index: int, count: int) -> str:
        """The ``count`` words from ``index`` on, joined by spaces."""
        return " ".join(self._word(k) for k in range(index, index + count))

    def _word(self, index: int) -> str:
        return self.items[index].lower if 0 <= index < len(self.items) else ""

    def negated_before(self, index: int) -> bool:
        """A negation stands just before ``index`` ("does not activate", "unable to bind").

        "independently" negates only as "independently of X", not in "while independently
        inducing MPF activation".
        """
        return any(
            self._word(index - k) in NEGATIONS
            and (self._word(index - k) != "independently" or self._word(index - k + 1) == "of")
            for k in (1, 2, 3)
        )

    def antecedent(self, which_index: int) -> int | None:
        """The entity a "which"/"that" at ``which_index`` refers to."""
        j = which_index - 1
        if j >= 0 and self.items[j].text == ",":
            j -= 1
        while j >= 1 and which_index - j < 4 and self._word(j) in HEAD_NOUNS:
            j -= 1  # "the WNT signaling pathway, which"
        if j >= 0 and self.items[j].text == ")":  # "interleukin-6 (IL-6), which"
            if self.items[j - 1].kind == "E" and self._word(j - 2) == "(":
                return j - 1  # "the GLI2 activator (GLI2A), which"
            while j >= 0 and self.items[j].text != "(":
                j -= 1
            j -= 1
        if j >= 0 and self.items[j].kind == "E":
            return j
        return self._copular_subject(j)

    def _copular_subject(self, j: int) -> int | None:
        """For "MDM2 is an E3 ligase that targets p53", the entity the noun at ``j`` describes."""
        k = j
        while k >= 0 and j - k < 5 and self.items[k].kind != "P" and self._word(k) not in BE:
            if self._word(k) in ("a", "an"):
                break
            k -= 1
        if self._word(k) not in ("a", "an"):
            return None
        if self._word(k - 1) in BE:
            subject = k - 2
        elif self._word(k - 1) == "as" and self._word(k - 2) in SERVES:
            subject = k - 3  # "SOCS3 acts as a negative feedback regulator of JAK2"
        else:
            return None
        return subject if subject >= 0 and self.items[subject].kind == "E" else None

    def target_after(self, index: int) -> tuple[int, RelationType | None, int] | None:
        """The first entity after ``index`` within reach, a noun's type on the way, the distance."""
        noun_type: RelationType | None = None
        j = index
        limit = min(len(self.items), index + MAX_TARGET_DISTANCE + 1)
        while j < limit:
            item = self.items[j]
            if item.kind == "E":
                if self._negated(j):
                    return None
                if self._modifier(j):
                    # "inhibited interferon-mediated expression of MHC I": the target is MHC I.
                    j = self.groups[j][1] + 3
                    continue
                owner = self._owner(j)
                if owner is not None:
                    j = owner
                    continue
                following = self._word(self.groups[j][1] + 1)
                if noun_type is None and following in NOUNS:
                    noun_type = NOUNS[following]  # "reduces PD-L1 degradation"
                return self._examples(self._spelled_out(j)), noun_type, j - index
            word = item.lower
            if self._word(j - 1) == "-" and j - 1 > index:
                j += 1  # a compound's second half: "mitogen-activated", "pain-related"
                continue
            if word.endswith("ing") and (
                self._word(j - 1) in DETERMINERS | {"of"} or word in ING_NOUNS
            ):
                j += 1  # a gerund or adjective: "the signaling adapter", "signaling proteins"
                continue
            if word == "," and self._word(j + 1) in ("including", "such", "namely"):
                j += 1  # "a cascade of signaling pathways, including MAPK, PI3K …"
                continue
            if word in TARGET_STOPS or (item.kind == "P" and word not in "()-"):
                return None
            if word in NOUNS:
                noun_type = noun_type or NOUNS[word]
            elif (
                lemma(word)[1] == "ed"
                and j + 1 < len(self.items)
                and (
                    self.items[j + 1].kind == "E"
                    or self._word(j - 1) in DETERMINERS | {"to", "of"}
                    or j == index  # "causes increased expression of TRPV1"
                )
            ):
                pass  # a participle used as an adjective: "leads to increased MAPK activity"
            elif lemma(word)[0] is not None and word not in NOUNS:
                # "recruits and phosphorylates Smad2": coordinated verbs share the object.
                if j == index + 1 and self._word(j - 1) in ("and", "or") and j - 1 >= index:
                    j += 1
                    continue
                return None  # another verb: its own relation
            j += 1
        return None

    def _owner(self, j: int) -> int | None:
        """For "the GAP activity of the TSC", the entity that owns the activity (TSC)."""
        k = self.groups[j][1] + 1
        if self._word(k) not in ("activity", "function", "domain") or self._word(k + 1) != "of":
            return None
        k += 2
        while self._word(k) in DETERMINERS:
            k += 1
        return k if k < len(self.items) and self.items[k].kind == "E" else None

    def _modifier(self, j: int) -> bool:
        """An entity that only qualifies what follows: "interferon-mediated expression".

        Also "G-protein-linked PLC", "TRAF-binding site": the entity is not the target.
        """
        _first, last = self.groups[j]
        return self._word(last + 1) == "-" and (
            self._word(last + 2) in COMPOUNDS or self._word(last + 2) in QUALIFIERS
        )

    def _examples(self, j: int) -> int:
        """For "neuropeptides such as CGRP", "PRRs including TLR3": the examples are meant."""
        _first, last = self.groups[j]
        k = last + 1
        if self._word(k) == ",":
            k += 1
        if self._word(k) == "such" and self._word(k + 1) == "as":
            k += 2
        elif self._word(k) in ("including", "like"):
            k += 1
        else:
            return j
        while self._word(k) in DETERMINERS:
            k += 1
        return k if k < len(self.items) and self.items[k].kind == "E" else j

    def _example_list(self, k: int) -> list[str]:
        """The entities a plain object names by example, read from ``k`` on.

        "phosphorylates a variety of targets that may contribute to growth, including the
        transcription factors Elk-1 and GATA4, and several proteins that …, including tuberin,
        Mnk1 and p90RSK"; "modulated by any one of the following elements: FRS2, src and aPKC".
        The object names no entity of its own before its examples; the list ends the clause.
        """
        keys: list[str] = []
        limit = min(len(self.items), k + 30)
        while k < limit:
            word = self._word(k)
            if self.items[k].kind == "E" or word in (".", ";", "but", "while", "whereas"):
                break
            start = self._example_start(k)
            if start is None:
                k += 1
                continue
            m = start
            while m < len(self.items) and self.items[m].kind == "W" and m - start < 4:
                if self._is_verb(m) or self._word(m) in CLAUSE_ENDS:
                    break
                m += 1  # "including the transcription factors Elk-1"
            if m >= len(self.items) or self.items[m].kind != "E":
                break
            keys += [key for key in self._listed(m, +1) if key not in keys]
            k = self.groups[m][1] + 1
            while self._word(k) == "(" and self._bracket_close(k) is not None:
                k = self._bracket_close(k) + 1  # "tuberin (TSC2 gene product)"
            if self._word(k) != "," or self._word(k + 1) != "and":
                break  # "…, and several proteins that …, including …" goes on
            k += 2
        return keys

    def _example_start(self, k: int) -> int | None:
        """Where a list of examples starts when one is announced at ``k``, else ``None``."""
        word = self._word(k)
        if word in ("including", "namely"):
            return k + 1
        if word == "such" and self._word(k + 1) == "as":
            return k + 2
        if word in ("include", "includes") and self._word(k - 1) in ("which", "that"):
            return k + 1
        if word == ":" and k > 0 and self._word(k - 1) != ")":
            return k + 1  # "the following elements: FRS2, src, p62/ZIP, and aPKC"
        return None

    def _bracket_close(self, k: int) -> int | None:
        """Where a bracket opening at ``k`` closes, within a few words."""
        for m in range(k + 1, min(len(self.items), k + 8)):
            if self._word(m) == ")":
                return m
            if self._word(m) == "(":
                return None
        return None

    def _adverb_at(self, i: int) -> bool:
        """An adverb (or "in turn") starts at ``i``."""
        word = self._word(i)
        return is_adverb(word) or (word == "in" and self._word(i + 1) == "turn")

    def _adverb_before(self, j: int) -> bool:
        """An adverb (or "in turn") ends at ``j``."""
        word = self._word(j)
        return is_adverb(word) or (word == "turn" and self._word(j - 1) == "in")

    def _before_bracket(self, j: int) -> int:
        """The entity a bracket closing at ``j`` belongs to, else ``j``.

        The name inside when it holds one name only ("hedgehog (IHH)"), else the entity just
        before it ("Akt (p-Akt)").
        """
        opening = j - 1
        while opening >= 0 and j - opening < 8 and self._word(opening) != "(":
            opening -= 1
        if self._word(opening) != "(":
            return j
        if opening == j - 2 and self.items[j - 1].kind == "E":
            return j - 1
        if opening >= 1 and self.items[opening - 1].kind == "E":
            return opening - 1
        return j

    def _bracket_members(self, closing: int) -> list[str]:
        """Keys of two or more entities a bracket closing at ``closing`` lists, else none."""
        keys: list[str] = []
        k = closing - 1
        while k >= 0 and closing - k < 10 and self._word(k) != "(":
            item = self.items[k]
            if item.kind == "E" and item.entity is not None:
                keys.insert(0, item.entity.key)
            elif item.lower not in GROUP_JOINERS:
                return []
            k -= 1
        return keys if self._word(k) == "(" and len(keys) >= 2 else []

    def _spelled_out(self, j: int) -> int:
        """For "VEGF receptor 2 (VEGFR2)", the entity in brackets names the thing meant.

        Also past a first bracket: "the inhibitor of NF-κB (IkB) kinase (IKK)" is IKK.
        """
        k = j + 1
        words = 0
        while k < len(self.items) and k - j <= 6:
            if self._word(k) in GROUP_JOINERS:
                break
            if self.items[k].kind in ("W", "E"):  # "glycogen synthase kinase-3 beta (GSK-3β)"
                words += 1
            elif not (self._word(k) == "(" and self._word(k + 2) == ")" and words == 0):
                break
            else:
                k += 2  # "the inhibitor of NF-κB (IkB) kinase (IKK)": past "(IkB)"
            k += 1
        if (
            words > 0
            and words <= 3
            and self._word(k) == "("
            and k + 1 < len(self.items)
            and self.items[k + 1].kind == "E"
            and self._word(k + 2) == ")"
        ):
            return k + 1
        return j

    def add(self, sources: list[str], targets: list[str], kind: RelationType, conf: float,
            pattern: str) -> None:  # fmt: skip
        first = len(self.relations)
        for source in sources:
            for target in targets:
                if source != target:
                    self.relations.append(Relation(source, target, kind, conf, pattern))
        if len(self.relations) > first:
            self.last_action = _Action(sources, targets, kind, first)

    def retype(self, kind: RelationType) -> None:
        """The last action turns out to be ``kind``.

        "IKK phosphorylates IkB, resulting in the degradation of the inhibitor" is an inhibition.
        """
        if self.last_action is None:
            return
        first = self.last_action.first
        self.relations[first:] = [replace(r, type=kind) for r in self.relations[first:]]
        self.last_action = replace(self.last_action, type=kind)

    # Patterns ------------------------------------------------------------------------------

    def read(self) -> list[Relation]:
        self.opening_binding()
        for t, item in enumerate(self.items):
            if item.kind == "P" and item.text in ARROWS:
                self.arrow(t, ARROWS[item.text])
            elif item.kind == "P" and item.text == ">" and self._word(t - 1) == "-":
                self.arrow(t, ACTIVATION)
            if item.kind != "W":
                continue
            word = item.lower
            if self._word(t - 1) == "-" and t >= 2 and self.items[t - 2].kind == "E":
                if word in COMPOUNDS:
                    self.compound(t, COMPOUNDS[word])
                continue
            if word in NOUNS and self._word(t + 1) in ("of", "between"):
                self.noun(t, NOUNS[word])
                continue
            if word in NOUNS and t >= 1 and self.items[t - 1].kind == "E":
                self.noun_after(t, NOUNS[word], t - 1)
                if NOUNS[word] == BINDING and len(self._chain(t - 1)) >= 2:
                    # "the MDM2–p53 interaction", "PD-1/PD-L1 binding": they bind each other
                    for a, b in itertools.combinations(sorted(self._chain(t - 1)), 2):
                        self.add([a], [b], BINDING, 0.8, "X-Y interaction")
            elif word in NOUNS and self._word(t - 1) in UNDERGO:
                k = t - 2  # "YAP/TAZ proteins, undergo phosphorylation by LATS1/2 kinases"
                while self._word(k) in SUBJECT_HEADS or self._word(k) == ",":
                    k -= 1
                if k >= 0 and self.items[k].kind == "E":
                    self.noun_after(t, NOUNS[word], k)
            if word in COMPLEX_NOUNS:
                self.complex(t)
                continue
            if word in ("target", "targets") and self._owned_target(t):
                continue  # "MYC and CCND1 are STAT3 target genes"
            if word in ROLE_NOUNS and (word not in REVERSED_ROLES or self._word(t + 1) == "of"):
                self.role_noun(t, ROLE_NOUNS[word])  # not the verb: "STAT3 targets the MYC gene"
                continue
            if word in ("require", "requires", "required", "requiring") or word in NEEDED:
                self.requirement(t)
                continue
            if word == "involved" and self._word(t + 1) == "in":
                self.involvement(t)
                continue
            if word in ("downstream", "upstream") and self._word(t + 1) == "of":
                self.position(t)
                continue
            base, form = lemma(word)
            if base is not None:
                self.verb(t, base, form)
        return self.relations

    def arrow(self, t: int, kind: RelationType) -> None:
        left = t - 2 if self.items[t].text == ">" else t - 1
        if (
            left >= 0
            and self.items[left].kind == "E"
            and t + 1 < len(self.items)
            and self.items[t + 1].kind == "E"
        ):
            self.add(self.keys(left), self.keys(t + 1), kind, 0.9, "arrow")

    def compound(self, t: int, kind: RelationType) -> None:
        """Compounds: "X-induced Y", "X-mediated activation of Y"."""
        source = self.keys(t - 2)
        found = self.target_after(t + 1)
        if found is None or not source:
            return
        target, noun_type, distance = found
        if noun_type == INHIBITION or kind == INHIBITION:
            kind = INHIBITION
        self.add(source, self.keys(target), kind, 0.8 if distance <= 3 else 0.65, "compound")

    def noun(self, t: int, kind: RelationType) -> None:
        """Nouns: "activation of Y by X", "binding of X to Y", "interaction between X and Y"."""
        if self.negated_before(t) or self._prevented(t):
            return
        j = t + 2
        while j < len(self.items) and self.items[j].lower in DETERMINERS:
            j += 1
        if j >= len(self.items) or self.items[j].kind != "E":
            return
        _first, last = self.groups[j]
        if self._word(t + 1) == "between" and kind == BINDING:
            members = self.keys(j)  # "interactions between ALDH, ABCC1 and p53": each pair
            for a, b in itertools.combinations(members, 2):
                self.add([a], [b], BINDING, 0.85, "interaction between")
            return
        k = last + 1
        while k < len(self.items) and self.items[k].lower in DETERMINERS | HEAD_NOUNS | {
            "ligand", "ligands", "pathway",
        }:  # fmt: skip
            k += 1
        if self._word(k) in ("at", "on") and k + 1 < len(self.items):
            k += 2  # a site: "phosphorylation of AKT at T308 by PDK1"
        link = self._word(k)
        if kind == BINDING and link not in ("to", "with") and len(self.keys(j)) >= 2:
            # "the binding of aPKC and src": they bind each other
            for a, b in itertools.combinations(self.keys(j), 2):
                self.add([a], [b], BINDING, 0.8, "binding of X and Y")
            return
        if kind == BINDING and link in ("to", "with"):
            m = k + 1
            while (
                m < len(self.items)
                and self.items[m].kind == "W"
                and m - k <= 6
                and not self._is_verb(m)
            ):
                m += 1  # "to cell surface tyrosine kinase FGF receptors"
            if self._word(m) == "(" and m + 1 < len(self.items):
                m += 1  # "to bone morphogenetic protein receptors (BMPR-I and BMPR-II)"
            if m < len(self.items) and self.items[m].kind == "E":
                self.add(self.keys(j), self.keys(m), BINDING, 0.85, "binding of X to Y")
            elif self._receptors_before(k + 1):  # "Association of TRAFs with these receptors"
                self.add(self.keys(j), self._receptors_before(k + 1), BINDING, 0.7, "anaphora")
            return
        if link == "by" and k + 1 < len(self.items):
            m = k + 1
            while m < len(self.items) and self.items[m].lower in DETERMINERS:
                m += 1
            if m < len(self.items) and self.items[m].kind == "E":
                self.add(self.keys(m), self.keys(j), kind, 0.85, "activation of Y by X")
                self.last_agent = (self.keys(m), m)
                return
        if t >= 1 and self.items[t - 1].kind == "E" and kind != BINDING:
            # "JAK2 phosphorylation of STAT3 induces MYC": JAK2 phosphorylates STAT3
            self.add(self.keys(t - 1), self.keys(j), kind, 0.75, "X activation of Y")
            return
        means = t - 1
        while self._word(means) in ("direct", "directly", "its", "their", "the"):
            means -= 1
        subject = self._sentence_subject(means) if self.last_agent is None else None
        if self._word(means) in ("by", "via", "through") and self.last_agent is not None:
            # "p38 regulates the cell cycle by phosphorylation of MK2": p38 phosphorylates MK2.
            agent_keys, agent_index = self.last_agent
            if agent_index < means:
                self.add(agent_keys, self.keys(j), kind, 0.7, "by means of")
        elif self._word(means) in ("by", "via") and self.topic and self._passive_clause(means):
            # "JNK1 acts on … Apoptosis is stimulated via the phosphorylation of BAX": JNK1.
            self.add(self.topic, self.keys(j), kind, 0.6, "topic")
        elif self._word(means) in ("by", "via") and subject is not None:
            # "ATM may have a role in end processing by phosphorylation of Artemis"
            self.add(self.keys(subject), self.keys(j), kind, 0.65, "subject's means")

    def noun_after(self, t: int, kind: RelationType, target: int) -> None:
        """Nouns after their target: "Cactus phosphorylation by Pelle"."""
        if self._word(t + 1) == "by" and t + 2 < len(self.items):
            m = t + 2
            while m < len(self.items) and self.items[m].lower in DETERMINERS:
                m += 1
            if m < len(self.items) and self.items[m].kind == "E" and not self.negated_before(t):
                self.add(self.keys(m), self.keys(target), kind, 0.85, "Y activation by X")

    def role_noun(self, t: int, kind: RelationType) -> None:
        """Role nouns: "Rheb, a potent mTORC1 activator", "the PTR2 repressor Cup9p"."""
        before, after = t - 1, t + 1
        if self._word(after) in ("of", "for") and after + 1 < len(self.items):
            m = after + 1
            while self._word(m) in DETERMINERS:
                m += 1
            target = m if m < len(self.items) and self.items[m].kind == "E" else None
        elif before >= 0 and self.items[before].kind == "E":
            target = before
        else:
            return
        if target is None:
            return
        agent = None
        if after < len(self.items) and self.items[after].kind == "E" and target == before:
            agent = after  # "the PTR2 repressor Cup9p"
        else:
            k = min(t, target) - 1
            while k >= 0 and (self.items[k].lower in DETERMINERS or self.items[k].kind == "W"):
                if t - k > 5:
                    break
                k -= 1
            if self._word(k) == "," and k - 1 >= 0 and self.items[k - 1].kind == "E":
                agent = k - 1  # "Rheb, a potent mTORC1 activator"
        if agent is None and self._word(t + 1) in ("of", "for"):
            agent = self._named_after(self.groups[target][1] + 1)
        if agent is None and self._word(t + 1) in ("of", "for"):
            agent = self._copular_subject(t)  # "MDM2 is a negative regulator of p53"
        if kind == ASSOCIATION:
            signs = {"negative": INHIBITION, "positive": ACTIVATION}
            kind = signs.get(self._word(t - 1)) or signs.get(self._word(t - 2)) or kind
        if agent is not None and agent != target:
            if self.items[t].lower in REVERSED_ROLES:
                agent, target = target, agent  # "STAT3 is a direct target of JAK2": JAK2 acts
            self.add(self.keys(agent), self.keys(target), kind, 0.8, "role noun")

    def _named_after(self, k: int) -> int | None:
        """The entities a role noun's phrase goes on to name, if it names some.

        "the inhibitors of the Jak/Stat pathway controlled by Gcm (i.e. Ptp61F, Socs36E and …)"
        """
        limit = min(len(self.items), k + 10)
        while k < limit and self._word(k) not in CLAUSE_ENDS - {"and"}:
            word = self._word(k)
            such_as = word == "such" and self._word(k + 1) == "as"
            if word in ("i", "namely", "including") or such_as:  # "i" of "i.e."
                m = k + 1
                while m < len(self.items) and self.items[m].kind != "E" and m - k <= 4:
                    m += 1
                return m if m < len(self.items) and self.items[m].kind == "E" else None
            k += 1
        return None

    def requirement(self, t: int) -> None:
        """Requirements: what is required acts on what requires it.

        "SREBP processing has been found to require S6K1": S6K1 acts on SREBP; "X is required
        for Y", "X is essential for Y": X acts on Y. The object must follow at once.
        """
        k = t - 1
        while k >= 0 and self.items[k].kind != "E" and t - k <= 8:
            if self._is_verb(k) or self._word(k) in CLAUSE_ENDS | {",", "by"}:
                return
            k -= 1
        after = t + 1
        if self._word(after) == "and" and self._word(after + 1) in NEEDED:
            after += 2  # "STAT3 is necessary and sufficient for MYC induction"
        passive = self._word(t - 1) in BE and self._word(after) == "for"
        if self._word(t) in NEEDED and not passive:
            return  # "essential" on its own needs "X is essential for Y"
        m = after + 1 if passive else t + 1
        while self._word(m) in DETERMINERS:
            m += 1
        if k < 0 or self.items[k].kind != "E" or self.negated_before(t):
            return
        if m < len(self.items) and self.items[m].kind == "E":
            needed, needing = (k, m) if passive else (m, k)
            self.add(self.keys(needed), self.keys(needing), ACTIVATION, 0.75, "requires")

    def involvement(self, t: int) -> None:
        """Involvement: "Foxo is a factor involved in the positive regulation of p27"."""
        k = t + 2
        while self._word(k) in DETERMINERS:
            k += 1
        kind = {"positive": ACTIVATION, "negative": INHIBITION}.get(self._word(k), ASSOCIATION)
        if kind != ASSOCIATION:
            k += 1
        if self._word(k) not in ("regulation", "control") or self._word(k + 1) != "of":
            return
        k += 2
        while self._word(k) in DETERMINERS:
            k += 1
        be = next((i for i in range(t - 1, max(-1, t - 8), -1) if self._word(i) in BE), None)
        subject = be - 1 if be is not None and be >= 1 else None  # "Foxo is a … factor"
        if subject is None or self.items[subject].kind != "E":
            return
        if k < len(self.items) and self.items[k].kind == "E":
            self.add(self.keys(subject), self.keys(k), kind, 0.7, "involved in")

    def _owned_target(self, t: int) -> bool:
        """Targets named by their regulator: "MYC and CCND1 are STAT3 target genes"."""
        if t < 3 or self.items[t - 1].kind != "E":
            return False
        owner = t - 1
        first, _last = self.groups[owner]
        if self._word(first - 1) not in BE or self.items[first - 2].kind != "E":
            return False
        self.add(self.keys(owner), self.keys(first - 2), ASSOCIATION, 0.75, "X target genes")
        return True

    def position(self, t: int) -> None:
        """Places in a pathway: "BRAF is activated downstream of KRAS", "X acts upstream of Y"."""
        other = t + 2
        while self._word(other) in DETERMINERS:
            other += 1
        if other >= len(self.items) or self.items[other].kind != "E":
            return
        k, kind = t - 1, ACTIVATION
        while k >= 0 and t - k <= 4 and self.items[k].kind == "W":
            base = lemma(self._word(k))[0]
            if base is not None and VERBS[base] in (INHIBITION, BINDING):
                kind = VERBS[base]  # "is inhibited downstream of"
            elif base is None and self._word(k) not in BE | PLACED and not self._adverb_at(k):
                return
            k -= 1
        if k < 0 or self.items[k].kind != "E" or k == t - 1 or self.negated_before(t):
            return
        subject = self.keys(k)
        if self._word(t) == "downstream":
            self.add(self.keys(other), subject, kind, 0.7, "downstream of")
        else:
            self.add(subject, self.keys(other), kind, 0.7, "upstream of")

    def complex(self, t: int) -> None:
        """Complexes: "X forms a complex with Y", "X and Y form a complex", "X–Y complex"."""
        if self._word(t + 1) == "with":
            m = t + 2
            while m < len(self.items) and self.items[m].lower in DETERMINERS:
                m += 1
            if m < len(self.items) and self.items[m].kind == "E":
                start = max(0, t - 6)
                subject = [i for i in range(start, t) if self.items[i].kind == "E"]
                pronoun = next(
                    (i for i in range(start, t) if self._word(i) in ("they", "it")), None
                )
                if not subject and pronoun is not None:
                    # "YAP/TAZ … move into the nucleus, where they form a partnership with TEADs"
                    first = self._sentence_subject(pronoun)
                    subject = [first] if first is not None else []
                if subject:
                    self.add(self.keys(subject[-1]), self.keys(m), BINDING, 0.8, "complex with")
                return
        # "a complex between X and Y", "a scaffold consisting of X, Y and Z"
        k = t + 1
        if self._word(k) in ("consisting", "composed") and self._word(k + 1) == "of":
            k += 2
        elif self._word(k) in ("between", "containing", "comprising"):
            k += 1
        if k > t + 1:
            while self._word(k) in DETERMINERS:
                k += 1
            members = self._listed(k, +1)
            if len(members) >= 2:
                self._complex(t, members, "complex of")
            return
        # "TrkA–src–aPKC complexes", "the NGF/TrkA complex": entities joined by dashes/slashes.
        chain = []
        i = t - 1
        while i >= 0 and (self.items[i].kind == "E" or self.items[i].text in ("-", "–", "/")):
            if self.items[i].kind == "E":
                chain.append(i)
            i -= 1
        if len(chain) >= 2:
            keys = [k for index in reversed(chain) for k in self.keys(index)]
            self._complex(t, keys, "X-Y complex")
        elif self._word(t - 1) == "a" and self._word(t - 2) in ("form", "forms", "formed"):
            # "X and Y form a complex", "X kinases and Y collaborate to form a complex"
            k = t - 3
            while k >= 0 and t - k < 8 and self.items[k].kind != "E" and not self._is_verb(k - 1):
                k -= 1
            members = self._listed(k, -1) if k >= 0 and self.items[k].kind == "E" else []
            if len(members) >= 2:
                self._complex(t, members, "X and Y form a complex")

    def _listed(self, k: int, step: int) -> list[str]:
        """Keys of a list of entities from ``k`` on, forwards or backwards.

        The list holds entities, joiners and the nouns that name them ("MST1/2 kinases and SAV1").
        """
        keys: list[str] = []
        while 0 <= k < len(self.items):
            item = self.items[k]
            if item.kind == "E":
                keys += [key for key in self.keys(k) if key not in keys]
            elif item.lower not in GROUP_JOINERS | CHAIN | SUBJECT_HEADS:
                break
            k += step
        return keys if step > 0 else keys[::-1]

    def _complex(self, t: int, members: list[str], pattern: str) -> None:
        """Every pair of a complex's members binds; a later "that …" refers to all of them."""
        for a, b in itertools.combinations(members, 2):
            self.add([a], [b], BINDING, 0.8, pattern)
        self.complexes[t] = members
        self.last_agent = (members, t)

    def verb(self, t: int, base: str, form: str) -> None:
        kind = VERBS[base]
        if self.negated_before(t) or (base == "depend" and form != "base"):
            return  # "…, depending on EGF" states a condition, not a relation
        if self._in_question(t):
            return  # "Whether STAT3 activates MYC remains unknown"
        after = t + 1
        while self._adverb_at(after):
            after += 2 if self._word(after) == "in" else 1
        if self._word(after) == "(" and self._word(after + 1) == "and":
            aside = lemma(self._word(after + 2))[0]  # "phosphorylated (and inactivated) by"
            if aside is not None and self._word(after + 3) == ")":
                kind = INHIBITION if VERBS[aside] == INHIBITION else kind
                after += 4
        particle = self._word(after)
        needed = PARTICLES.get(base)
        if needed:
            if particle not in needed:
                return
            if particle == "against":
                kind = INHIBITION  # "RNF11 acts against the degradation of the TGFβ receptor"
            after += 1
        elif particle in OPTIONAL_PARTICLES and kind == BINDING:
            after += 1
        # Passive: "Y is activated by X", "Y, activated by X".
        if form == "ed" and self._word(after) == "by":
            self._passive(t, after, kind)
            return
        if form == "ed" and self._word(t - 1) in BE and self._words(after, 3) == "in response to":
            self._passive(t, after + 2, kind)  # "AKT is activated in response to EGF"
            return
        if form == "ed" and self._word(t - 1) in BE:
            return  # passive without an agent: nothing to draw
        if form == "ed" and self._word(after) == "from":
            return  # a participle: "Gβγ subunits released from Gi" release nothing
        second = lemma(self._word(after + 1))[0]
        if self._word(after) in ("and", "or") and second is not None:
            after += 2  # "recruits and phosphorylates Smad2": both verbs act on Smad2
            if VERBS[second] == INHIBITION and kind == ACTIVATION:
                kind = INHIBITION  # "phosphorylates and inhibits p53": an inhibition
        # The subject first: a later "by inhibiting Y" needs it even when this verb has no
        # entity for an object ("X promotes growth by inhibiting Y").
        agent_keys, confidence, pattern = self.agent(t, form)
        found = self.target_after(after)
        if pattern == "consequence":
            if base == "act" and self._word(after - 1) in ("via", "through"):
                self._acting_via(found)
            else:
                self._consequence(after, kind, found)
            return
        if found is None:
            examples = self._example_list(after) if agent_keys else []
            if examples:
                # "ERK phosphorylates a variety of targets …, including Elk-1 and GATA4"
                self.add(agent_keys, examples, kind, 0.65, "examples")
                return
            # "GSK3β inhibits protein synthesis via eIF2B": the route is all we can draw.
            route = self._route(after)
            if route is not None and agent_keys:
                self.add(agent_keys, self.keys(route[0]), route[1] or ASSOCIATION, 0.7, "via")
            return
        target, noun_type, distance = found
        more, end = self._more_objects(target)
        route = self._route(end + 1)
        if not agent_keys:
            if route is not None and kind != BINDING:
                # "The checkpoint inhibits the APC via Mad1 and Mad2": they inhibit it.
                self.add(self.keys(route[0]), self.keys(target), kind, 0.7, "via")
            else:
                # "a β2 agonist activates Gs, thus stimulating AC": Gs is acted on.
                self.last_action = _Action([], self.keys(target), kind, len(self.relations))
            return
        if route is not None:
            # "FGFR inhibits MHC II via the RAS/MAPK pathway": FGFR acts through RAS/MAPK.
            self.add(agent_keys, self.keys(route[0]), route[1] or ASSOCIATION, 0.7, "via")
        if kind == INHIBITION and noun_type == INHIBITION:
            kind = ACTIVATION  # "FGFR4 reduces PD-L1 degradation": it stabilises PD-L1
        elif kind == INHIBITION or noun_type == INHIBITION:
            kind = INHIBITION
        elif base in GENERIC_VERBS and noun_type is not None:
            kind = noun_type
        if kind == ASSOCIATION:
            kind = self._signed(t, end) or kind
        if self._loss_of_agent(t) and kind in (ACTIVATION, INHIBITION):
            # "inhibition of AKT reduced mTOR activity": AKT sustains mTOR.
            kind = ACTIVATION if kind == INHIBITION else INHIBITION
        if distance > 4:
            confidence -= 0.1
        if base == "depend":
            # "MYC expression depends on STAT3": STAT3 acts on MYC
            self.add(self.keys(target) + more, agent_keys, kind, confidence, "depends on")
            return
        self.add(agent_keys, self.keys(target) + more, kind, confidence, pattern)

    def _signed(self, t: int, end: int) -> RelationType | None:
        """The effect a vague verb at ``t`` (object ending at ``end``) is given a sign of.

        "negatively regulates" is an inhibition, "positively regulates" an activation;
        "targets p53 for degradation" is an inhibition.
        """
        around = {self._word(t - 1), self._word(t - 2), self._word(t + 1)}
        if "negatively" in around:
            return INHIBITION
        if "positively" in around:
            return ACTIVATION
        if self._word(end + 1) == "for" and NOUNS.get(self._word(end + 2)) == INHIBITION:
            return INHIBITION
        return None

    def _more_objects(self, target: int) -> tuple[list[str], int]:
        """Objects coordinated after the first as nouns: "… of PD-L1 and secretion of CXCL10".

        Their keys and the index of the last one's end.
        """
        keys: list[str] = []
        end = self.groups[target][1]
        while self._word(end + 1) == "and" and self._word(end + 2) in NOUNS:
            m = end + 3
            if self._word(m) != "of":
                break
            m += 1
            while self._word(m) in DETERMINERS:
                m += 1
            if m >= len(self.items) or self.items[m].kind != "E":
                break
            keys += self.keys(m)
            end = self.groups[m][1]
        return keys, end

    def _consequence(
        self, after: int, kind: RelationType, found: tuple[int, RelationType | None, int] | None
    ) -> None:
        """A consequence: "…, thereby blocking the activation of Z".

        The entity acted on before acts on Z; when Z is that entity itself ("…, resulting in
        the degradation of the inhibitor"), the consequence says what the action was.
        """
        action = self.last_action
        assert action is not None
        if found is None:
            nouns = [NOUNS.get(self._word(k)) for k in range(after, after + 3)]
            if INHIBITION in nouns and action.type == ACTIVATION:
                self.retype(INHIBITION)
            return
        target, noun_type, _distance = found
        if kind != INHIBITION and noun_type is not None and kind != BINDING:
            kind = noun_type
        targets = self.keys(target)
        if self._chain(target) & set(action.targets):
            if kind == INHIBITION and action.type == ACTIVATION:
                self.retype(INHIBITION)
            return
        if action.type == INHIBITION and kind in (ACTIVATION, INHIBITION):
            # "Inhibition of NF-κB by IκB …, thereby blocking STAT3": NF-κB sustains STAT3.
            kind = ACTIVATION if kind == INHIBITION else INHIBITION
        sources = self._consequence_agent() or []
        self.add(sources, targets, kind, 0.7, "consequence")

    def _acting_via(self, found: tuple[int, RelationType | None, int] | None) -> None:
        """An agent acting via Y: "Stress regulates mTORC1, acting via LKB1" (LKB1 does)."""
        action = self.last_action
        if found is None or action is None or action.sources:
            return
        self.add(self.keys(found[0]), action.targets, action.type, 0.7, "acting via")

    def _route(self, k: int) -> tuple[int, RelationType | None] | None:
        """The entity of a "via Y" / "through Y" phrase in the clause from ``k`` on."""
        limit = min(len(self.items), k + 12)
        while k < limit:
            word = self._word(k)
            if word in ("via", "through"):
                m, noun_type = k + 1, None
                while m < len(self.items) and self.items[m].kind == "W" and m - k <= 4:
                    if self._word(m) in NOUNS:
                        noun_type = (
                            INHIBITION
                            if INHIBITION in (noun_type, NOUNS[self._word(m)])
                            else noun_type or NOUNS[self._word(m)]
                        )
                    elif self._word(m) == "and" and self._word(m - 1) in NOUNS:
                        pass  # "via phosphorylation and inhibition of p53"
                    elif self._is_verb(m) or self._word(m) in CLAUSE_ENDS | TARGET_STOPS:
                        break  # adjectives go on: "via the canonical β-catenin pathway"
                    m += 1
                if self._word(m) == "(" and self._word(m + 2) == ")":
                    m += 1  # "via eukaryotic initiation factor 2B (eIF2B)"
                if m < len(self.items) and self.items[m].kind == "E":
                    return self._spelled_out(m), noun_type
                return None
            if word in CLAUSE_ENDS or self._is_verb(k):
                return None
            k += 1
        return None

    def _loss_of_agent(self, t: int) -> bool:
        """The verb's subject is the loss of its agent: "inhibition of X", "X knockdown"."""
        if self.last_agent is None:
            return False
        first, _last = self.groups.get(self.last_agent[1], (self.last_agent[1], 0))
        k = first - 1
        while self._word(k) in DETERMINERS:
            k -= 1
        if self._word(k) == "of" and self._word(k - 1) in LOSS_NOUNS and k < t:
            return True
        after = self.groups.get(self.last_agent[1], (0, self.last_agent[1]))[1] + 1
        return self._word(after) in LOSS_NOUNS and after < t  # "BRAF inhibition reduces MYC"

    def _passive(self, t: int, by: int, kind: RelationType) -> None:
        """A passive ("Y is activated by X"): every "by" agent, and the route each takes.

        "mTORC1 is controlled by Wnt signaling (through GSK3), by hypoxia (through REDD1)":
        Wnt acts on mTORC1 through GSK3; hypoxia is no entity, so REDD1 acts on mTORC1.
        """
        j = t - 1
        while self._adverb_before(j):
            j -= 2 if self._word(j) == "turn" else 1
        be = self._word(j) in BE
        if not be and self._word(j) == ",":  # "MYC, induced by STAT3, …"
            j -= 1
        if be:
            j -= 1
            while self._adverb_before(j):  # "NF-κB may be modulated by …"
                j -= 1
            while (
                self._word(j) in HEAD_NOUNS
                or self._word(j) in NOUNS
                or (self._word(j) == "and" and self._word(j - 1) in HEAD_NOUNS)
            ):  # "MYC levels are increased by …", "SREBP processing and activation is …"
                j -= 1  # "MTOR phosphorylation is increased by AKT1"
            j = self._subject_modifier(j)
        members: list[str] = []
        if self._word(j) == ")" and be:
            # "PRRs such as TLR3 and RLRs (RIG-I and MDA5) are activated": RIG-I and MDA5.
            members = self._bracket_members(j)
            j = self._before_bracket(j)
        target = j if j >= 0 and self.items[j].kind == "E" else None
        if target is None and self._word(j) in ("which", "that"):
            target = self.antecedent(j)
        if target is not None:
            targets = self.keys(target)
            if members:
                named = self.items[target].entity
                targets = [key for key in targets if named is None or key != named.key]
                targets += [key for key in members if key not in targets]
        else:
            # "Antiapoptotic proteins are phosphorylated by JNK1, which include BCL2 and MCL-1"
            agent = by + 1
            while self._word(agent) in DETERMINERS:
                agent += 1
            if agent >= len(self.items) or self.items[agent].kind != "E":
                return
            targets = self._example_list(self.groups[agent][1] + 1)
            if not targets:
                return
        while by is not None:
            agent = by + 1
            while self._word(agent) in DETERMINERS | {"both", "either"}:
                agent += 1
            if self._word(agent + 1) == "such" and self._word(agent + 2) == "as":
                agent += 3  # "stimulated by signals such as IGF-I"
            if agent < len(self.items) and self.items[agent].kind == "E":
                self.add(self.keys(agent), targets, kind, 0.9 if be else 0.85, "passive")
                self.last_agent = (self.keys(agent), agent)
                if be:
                    self.passive_subject = (targets, self.last_agent)
                route = self._route(self.groups[agent][1] + 1)
                if route is not None:
                    self.add(self.keys(agent), self.keys(route[0]), route[1] or ASSOCIATION,
                             0.7, "via")  # fmt: skip
            else:
                route = self._route(agent)
                examples = self._example_list(agent) if route is None else []
                if route is not None and kind != BINDING:
                    self.add(self.keys(route[0]), targets, kind, 0.7, "via")
                elif examples:
                    # "modulated by any one of the following elements: FRS2, src and aPKC"
                    self.add(examples, targets, kind, 0.65, "examples")
            by = self._next_by(agent)

    def _passive_clause(self, k: int) -> bool:
        """A passive verb without an entity for subject comes just before ``k``."""
        j = k - 1
        while self._adverb_before(j):
            j -= 1
        base, form = lemma(self._word(j))
        if base is None or form != "ed" or self._word(j - 1) not in BE:
            return False
        head = j - 2  # the subject's last word: not an entity, nor "MYC expression"
        if head >= 0 and self.items[head].kind != "W":
            return False
        if head >= 1 and self.items[head - 1].kind == "E" and self._word(head) in HEAD_NOUNS:
            return False
        # Entities before may only qualify the subject: "The NRF2 antioxidant response is …"
        return all(
            self.items[k + 1].kind == "W" and self._word(k + 1) not in GROUP_JOINERS
            for k in range(j)
            if self.items[k].kind == "E"
        )

    def _next_by(self, k: int) -> int | None:
        """The next agent of a passive: "…, by TNFα", "… and by DNA damage"."""
        limit = min(len(self.items), k + 10)
        k += 1
        while k < limit:
            word = self._word(k)
            if word == "by" and self._word(k - 1) in (",", "and", "or"):
                return k
            if word in (".", ";", ":", "which", "that") or self._is_verb(k):
                return None
            k += 1
        return None

    def _subject_modifier(self, j: int) -> int:
        """In "The NF-κB-mediated survival pathway is activated", NF-κB is what is activated."""
        k = j
        while k >= 2 and j - k < 3 and self.items[k].kind == "W":
            if self._word(k) in COMPOUNDS and self._word(k - 1) == "-":
                return k - 2 if self.items[k - 2].kind == "E" else j
            if self._is_verb(k):
                break
            k -= 1
        return j

    def _prevented(self, t: int) -> bool:
        """The noun at ``t`` is what an inhibiting verb stops: "prevent the interaction of"."""
        k = t - 1
        while self._word(k) in DETERMINERS:
            k -= 1
        base, _form = lemma(self._word(k))
        return base is not None and VERBS[base] == INHIBITION

    def _chain(self, j: int) -> set[str]:
        """Keys of the entities joined to ``j`` by dashes or slashes: "calcineurin-NFAT"."""
        first = last = j
        while first >= 2 and self._word(first - 1) in CHAIN and self.items[first - 2].kind == "E":
            first -= 2
        while (
            self._word(last + 1) in CHAIN
            and last + 2 < len(self.items)
            and (self.items[last + 2].kind == "E")
        ):
            last += 2
        return {k for i in range(first, last + 1, 2) for k in self.keys(i)}

    def _is_verb(self, k: int) -> bool:
        """The word at ``k`` is a relation verb, not a noun: another clause starts there."""
        word = self._word(k)
        return (
            self.items[k].kind == "W"
            and lemma(word)[0] is not None
            and word not in NOUNS
            and word not in ING_NOUNS
        )

    def _opening_subject(self, j: int) -> int | None:
        """The entity of a clause opening "The binding of X to …" or "Activation of X …".

        The clause runs to the verb without a comma, another verb or a "by" agent of its own.
        """
        k = j
        while k >= 0 and self._word(k) not in (",", ";", ":", ".", "which", "that", "by"):
            if self._is_verb(k) and k != j:
                return None
            k -= 1
        if self._word(k) == "by":
            return None
        start = k + 1
        while self._word(start) in DETERMINERS:
            start += 1
        noun = self._word(start)
        if (noun in NOUNS or noun in LOSS_NOUNS) and self._word(start + 1) == "of":
            m = start + 2
            while self._word(m) in DETERMINERS:
                m += 1
            if m < j and self.items[m].kind == "E":
                return m
        return None

    def _nominal_subject(self, j: int) -> int | None:
        """The entity of a subject such as "Association of TRAFs with these receptors"."""
        k = j
        while k >= 0 and j - k <= 6 and self.items[k].kind != "E":
            word = self._word(k)
            if (self.items[k].kind == "P" and word not in "-/()") or word == "by":
                return None
            if self._is_verb(k) or word in ("which", "that"):
                return None
            k -= 1
        if k < 0 or k == j or self.items[k].kind != "E":
            return None
        first, _last = self.groups[k]
        m = first - 1
        while self._word(m) in DETERMINERS:
            m -= 1
        noun = self._word(m - 1)
        if self._word(m) == "of" and (noun in NOUNS or noun in LOSS_NOUNS):
            return k
        return None

    def _sentence_subject(self, j: int) -> int | None:
        """The entity a sentence opens with, when the clause up to ``j`` names no other one.

        "Phosphorylated Smad2 dissociates from the receptor and oligomerizes with Smad4": Smad2.
        """
        opening = self._after_label()
        if self._word(opening) in ("when", "while", "after", "once", "upon", "if", "as"):
            # "When the Hippo pathway is off, YAP/TAZ …": the subject follows the comma
            comma = next((k for k in range(opening, j) if self._word(k) == ","), None)
            opening = comma + 1 if comma is not None else opening
        first = next(
            (k for k in range(opening, j) if self.items[k].kind != "W"),
            None,
        )
        if first is None or first - opening > 3 or self.items[first].kind != "E":
            return None
        if any(self._is_verb(k) and lemma(self._word(k))[1] != "ed" for k in range(opening, first)):
            return None  # "Activating MYC …" opens with a verb, not a subject
        for k in range(self.groups[first][1] + 1, j):
            if self.items[k].kind == "E" or self._word(k) in (";", ":", "which", "that", "by"):
                return None
        return first

    def _after_label(self) -> int:
        """Where a sentence's text starts after a panel or step label: "(A)", "Step 3:"."""
        for k in range(min(5, len(self.items))):
            if self._word(k) in (":", ")") and all(
                item.text == "("
                or (item.kind == "W" and (len(item.text) <= 2 or item.lower == "step"))
                for item in self.items[:k]
            ):
                return k + 1
        return 0

    def _qualified_subject(self, j: int) -> int:
        """The subject a participle phrase ending at ``j`` qualifies, else ``j``.

        "Gβγ subunits released from Gi stimulate AC II": Gβγ, not Gi, stimulates.
        """
        k = self.groups[j][0] - 1
        while self._word(k) in DETERMINERS:
            k -= 1
        if self._word(k) == "by" and self._word(k - 1) in NOUNS and self.items[k - 2].kind == "E":
            return k - 2  # "STAT3 activation by IL-6 leads to MYC induction": STAT3 does
        if self._word(k) not in ("from", "by") or lemma(self._word(k - 1))[1] != "ed":
            return j
        m = k - 2
        while self._word(m) in SUBJECT_HEADS:
            m -= 1
        if m < 0 or self.items[m].kind != "E" or self._word(k - 2) in BE:
            return j
        return m

    def _past_route_aside(self, j: int) -> int:
        """Before a route set off by commas ("EGF, via KRAS, activates BRAF"), else ``j``.

        The subject's association with the route is drawn here (the gold rules' X – Y).
        """
        if self._word(j) != ",":
            return j
        for c in range(j - 2, max(-1, j - 8), -1):
            if self._word(c) == "," and self._word(c + 1) in ("via", "through"):
                route = self._route(c + 1)
                if route is not None and c >= 1 and self.items[c - 1].kind == "E":
                    kind = route[1] or ASSOCIATION
                    self.add(self.keys(c - 1), self.keys(route[0]), kind, 0.7, "via")
                    return c - 1
                return j
        return j

    def _role_owner(self, j: int) -> int | None:
        """The entity whose role a gerund at ``j + 1`` describes: "AKT's role in promoting"."""
        if self._word(j) != "in" or self._word(j - 1) not in ("role", "roles", "function"):
            return None
        k = j - 2
        while self._word(k) in ("key", "central", "critical", "important", "major"):
            k -= 1
        if self._word(k) == "s" and self._word(k - 1) in ("'", "’"):
            k -= 2
        return k if k >= 0 and self.items[k].kind == "E" else None

    def _enabled_agent(self, j: int) -> int | None:
        """The entity let do something: "allowing the Notch domain (NICD) to interact with"."""
        if self._word(j) != "to" or j < 1:
            return None
        k = self._before_bracket(j - 1) if self._word(j - 1) == ")" else j - 1
        if k < 0 or self.items[k].kind != "E":
            return None
        m = self.groups[k][0] - 1
        if self._word(m) == "(":
            m -= 1  # "allowing the Notch intracellular domain (NICD) to": back to "allowing"
        start = m
        while m > 0 and start - m < 5 and self.items[m].kind != "P":
            if self._word(m) in ENABLERS or self._is_verb(m):
                break
            m -= 1
        return k if self._word(m) in ENABLERS else None

    def _consequence_agent(self) -> list[str] | None:
        """Who a consequence is credited to.

        The entity acted on ("X activates Y, thus stimulating Z": Y), or the subject of a
        binding ("X binds Y, leading to Z": X).
        """
        action = self.last_action
        if action is None:
            return None
        return action.sources if action.type == BINDING else action.targets

    def agent(self, t: int, form: str) -> tuple[list[str], float, str]:
        """Who does what the verb at ``t`` says."""
        j = t - 1
        if self._word(j) in ("—", "–"):
            # "β-catenin, which—through yet unidentified mechanisms—potentiates"
            opening = next(
                (k for k in range(j - 1, max(-1, j - 12), -1) if self._word(k) == self._word(j)),
                None,
            )
            j = opening - 1 if opening is not None else j
        aside = j if self._word(j) == "," else None
        while self._adverb_before(j) or (
            self._word(j) == ","
            and (self._adverb_before(j - 1) or self._word(j - 1) in ("which", "that"))
        ):
            j -= 2 if self._word(j) == "turn" else 1  # "which, in turn, stimulates"
        if (
            aside not in (None, j)
            and self._word(j) == ","
            and j >= 1
            and self.items[j - 1].kind == "E"
        ):
            j -= 1  # "BRAF, in turn, activates MYC"
        j = self._past_route_aside(j)
        if self._word(j) == "to" and form == "base":
            k = j - 1
            while self._adverb_before(k):
                k -= 1
            if self._word(k) in COOPERATE:
                j = k  # "STAT3 and RELA act synergistically to induce IL6"
        if self._word(j) in COOPERATE and j >= 1 and self.items[j - 1].kind == "E":
            j -= 1
        if self._word(j) in ("of", "to") and self._word(j - 1) in ABLE:
            j -= 2  # "X and Y are capable of binding to Z", "STAT3 was shown to induce MYC"
            if self._word(j) in BE:
                j -= 1
        opening = self._opening_subject(j) if form != "ing" else None
        if opening is not None:
            self.last_agent = (self.keys(opening), opening)
            return self.keys(opening), 0.75, "nominal subject"
        if self._word(j) == ")":
            j = self._before_bracket(j)  # "Indian hedgehog (IHH) binds", "Akt (p-Akt) acts"
        if self._word(j) in ("to", "in") and j >= 1 and self.items[j - 1].kind == "E":
            first, _last = self.groups[j - 1]
            if self._word(first - 1) == "of" and (self._word(j) == "to" or form == "ing"):
                # "the ability of E2F1 to induce p73", "the role of ATM in inducing p53"
                self.last_agent = (self.keys(j - 1), j - 1)
                return self.keys(j - 1), 0.8, "of X to"
        owner = self._role_owner(j) if form == "ing" else None
        if owner is not None:
            self.last_agent = (self.keys(owner), owner)
            return self.keys(owner), 0.8, "role in"
        enabled = self._enabled_agent(j) if form == "base" else None
        if enabled is not None:
            self.last_agent = (self.keys(enabled), enabled)
            return self.keys(enabled), 0.75, "enabled to"
        if j >= 0 and self.items[j].kind == "E":
            j = self._qualified_subject(j)
            self.last_agent = (self.keys(j), j)
            return self.keys(j), 0.9, "active"
        # "FGF/FGFR signaling inhibits …", "the PI3K/Akt pathway activates …"
        k = j
        while (
            k >= 0 and j - k < 2 and (self._word(k) in SUBJECT_HEADS or self._word(k) in LOSS_NOUNS)
        ):
            k -= 1  # "BRAF inhibition reduces MYC levels": BRAF's loss (see _loss_of_agent)
        if k < j and k >= 0 and self.items[k].kind == "E":
            self.last_agent = (self.keys(k), k)
            return self.keys(k), 0.85, "active"
        if (
            k < j
            and self._word(k) in COMPOUNDS
            and self._word(k - 1) == "-"
            and k >= 2
            and self.items[k - 2].kind == "E"
        ):
            # "AKT-mediated phosphorylation inactivates MTOR": AKT does, through it
            self.last_agent = (self.keys(k - 2), k - 2)
            return self.keys(k - 2), 0.75, "X-mediated subject"
        if self._word(j) in ("which", "that") and self.complexes.get(j - 1):
            return self.complexes[j - 1], 0.8, "relative clause"  # "a complex that activates"
        if self._word(j) in ("which", "that"):
            antecedent = self.antecedent(j)
            if antecedent is not None:
                self.last_agent = (self.keys(antecedent), antecedent)
                return self.keys(antecedent), 0.85, "relative clause"
        if self._word(j) in ("it", "they"):
            # "When GnRH is secreted, it binds …": the sentence's first entity, else the topic.
            before = next((k for k in range(j) if self.items[k].kind == "E"), None)
            if before is not None:
                # "it" is one of a group ("YAP/TAZ … it" is YAP); "they" is all of it
                keys = self.keys(before)
                return (keys[:1] if self._word(j) == "it" else keys), 0.6, "pronoun"
            if self.topic:
                return self.topic, 0.6, "pronoun"
        referred = self._referred_subject(j)
        if referred:
            return referred, 0.6, "anaphora"
        action = self.last_action
        if self._word(j) == "to" and form == "base" and action is not None and not action.sources:
            # "Stress activates the ATF6 pathway to further activate NF-κB": ATF6 does.
            return action.targets, 0.7, "purpose"
        nominal = self._nominal_subject(j)
        if nominal is not None:
            self.last_agent = (self.keys(nominal), nominal)
            return self.keys(nominal), 0.75, "nominal subject"
        if self._word(j) in CONSEQUENCE or (form == "ing" and self._word(j) == ","):
            consequence = self._consequence_agent()
            if consequence is not None:
                return consequence, 0.7, "consequence"
        if self._word(j) in CONSEQUENCE:
            return [], 0.0, ""
        if form == "ing":
            # "X promotes Y by activating Z", "X binds Y, triggering the activation of Z"
            if self.last_agent is not None and self._word(j) in (
                "by", "via", "through", ",", "while", "thereby",
            ):  # fmt: skip
                return self.last_agent[0], 0.7, "participle"
            if self.topic and self._word(j) in ("by", "via") and self._passive_clause(j):
                # "JNK1 acts on … Proliferation is induced by phosphorylating JUN": JNK1 does.
                return self.topic, 0.6, "topic"
            subject = self._sentence_subject(j) if self._word(j) in ("by", "via") else None
            if subject is not None:
                # "The Mre11 complex may be involved in CSR by activating ATM"
                return self.keys(subject), 0.65, "subject's means"
            return [], 0.0, ""
        passive = self.passive_subject
        if self._word(j) == "and" and passive is not None and passive[1] == self.last_agent:
            # "SOCS3 is induced by STAT3 and inhibits JAK2": SOCS3 inhibits, not STAT3
            return passive[0], 0.7, "shared subject"
        if self._word(j) == "and" and self.last_agent is not None:
            return self.last_agent[0], 0.7, "shared subject"
        subject = self._sentence_subject(j) if self._word(j) == "and" else None
        if subject is not None:
            # "TRIM21 itself detects viruses and initiates the NF-κB pathway"
            return self.keys(subject), 0.7, "shared subject"
        return [], 0.0, ""

    # Anaphora: a subject or object that refers back to the sentence before -----------------

    def antecedents(self) -> Antecedents:
        """What this sentence leaves for the next one to refer back to."""
        groups: list[tuple[Item, ...]] = []
        for first, last in sorted(set(self.groups.values())):
            kept = self.keys(first)
            mentions = tuple(
                item
                for item in self.items[first : last + 1]
                if item.entity is not None and item.entity.key in kept
            )
            if mentions:
                groups.append(mentions)
        subject: tuple[str, ...] = ()
        if self.groups:
            first = min(self.groups)
            if not any(self._is_verb(k) for k in range(first)):
                subject = tuple(self.keys(first))  # "The IL-17RA and IL-17RC subunits bind"
        return Antecedents(self.last_action, subject, tuple(groups))

    def _find_referents(self) -> dict[int, list[str]]:
        """Family mentions that stand for the members the sentence before named.

        "… leads to the phosphorylation of Smad1, Smad5, or Smad8. Subsequently, these
        phosphorylated Smads form a complex with Smad4": these Smads are Smad1, Smad5 and Smad8.
        """
        referents: dict[int, list[str]] = {}
        for index, item in enumerate(self.items):
            if item.entity is None or self.groups.get(index) != (index, index):
                continue
            k = index - 1
            while k > index - 3 and self.items[k].kind == "W" and self._adjective(k):
                k -= 1  # "these phosphorylated Smads"
            if self._word(k) not in ("these", "those"):
                continue
            members = self._members_before(item)
            if members:
                referents[index] = members
        return referents

    def _adjective(self, k: int) -> bool:
        """The word at ``k`` may qualify a noun: not a determiner, nor a verb but a participle."""
        word = self._word(k)
        return word not in DETERMINERS and (not self._is_verb(k) or lemma(word)[1] == "ed")

    def _members_before(self, family: Item) -> list[str]:
        """Keys of the entities the sentence before named that belong to ``family``.

        A member's genes are all the family's ("Smad5" of "Smads"), or its name starts with the
        family's ("TNFR1" of "TNFRs").
        """
        assert family.entity is not None
        genes = {m.symbol for m in family.entity.members}
        stem = normalise(family.text).removesuffix("S")
        found: list[str] = []
        for item in (item for group in self.before.groups for item in group):
            entity = item.entity
            if entity is None or entity.key == family.entity.key or entity.key in found:
                continue
            symbols = {m.symbol for m in entity.members}
            if (symbols and symbols <= genes) or (
                len(stem) >= 2 and normalise(item.text).startswith(stem)
            ):
                found.append(entity.key)
        return found

    def opening_binding(self) -> None:
        """A sentence opening with a binding that names no binder: the subject before binds.

        "Act1 additionally contains a TRAF-binding site … Engagement with TRAF6 drives …":
        Act1 binds TRAF6.
        """
        k = self._clause_start()
        if self._word(k) in DETERMINERS:
            k += 1
        noun = self._word(k)
        if not (NOUNS.get(noun) == BINDING or noun == "engagement"):
            return
        if self._word(k + 1) not in ("with", "to"):
            return
        m = k + 2
        while m < len(self.items) and m - k < 6 and self.items[m].kind == "W":
            if self._is_verb(m):
                return
            m += 1  # "Binding to the adaptor MyD88"
        if m >= len(self.items) or self.items[m].kind != "E" or not self.before.subject:
            return
        first, last = self.groups[m]
        listed = any(self._word(i) in ("and", "or") for i in range(first, last))
        if self._word(m + 1) != "," or listed:  # "Binding to IL6R, IL6 …" names its binder
            self.add(list(self.before.subject), self.keys(m), BINDING, 0.6, "anaphora")

    def _receptors_before(self, k: int) -> list[str]:
        """For "these receptors" at ``k``, the receptors the sentence before named.

        "… is activated by both TNFR1 and TNFR2. Association of TRAFs with these receptors …":
        TNFR1 and TNFR2, receptors by name (a final R, with a number, or "receptor").
        """
        if self._word(k) not in ("these", "those") or self._word(k + 1) not in RECEPTORS:
            return []
        found: list[str] = []
        for item in (item for group in self.before.groups for item in group):
            name = normalise(item.text)
            receptor = _RECEPTOR_NAME.search(name) or "receptor" in item.text.lower()
            if receptor and item.entity is not None and item.entity.key not in found:
                found.append(item.entity.key)
        return found

    def _clause_start(self) -> int:
        """Where the main clause starts, after an opening "Subsequently," or "In turn,"."""
        for k in range(min(4, len(self.items))):
            if self.items[k].kind == "E" or self._is_verb(k):
                return 0
            if self._word(k) == ",":
                return k + 1
        return 0

    def _referred_subject(self, j: int) -> list[str]:
        """What a subject ending at ``j`` that points back to the sentence before stands for.

        "This triggers …", "This interaction subsequently affects …": the last action there;
        "The intracellular domains interact with …": the parts of that sentence's subject.
        """
        start = self._clause_start()
        words = [self._word(k) for k in range(start, j + 1)]
        if any(self.items[k].kind != "W" for k in range(start, j + 1)):
            return []
        if words == ["this"] or (
            len(words) == 2 and words[0] in ("this", "these") and words[1] in EVENT_NOUNS
        ):
            return self._last_event()
        if (
            2 <= len(words) <= 4
            and words[0] in ("the", "their", "its", "these")
            and words[-1] in PART_NOUNS
            and not any(self._is_verb(k) for k in range(start, j))
        ):
            return list(self.before.subject)  # "The intracellular domains interact with Act1"
        return []

    def _last_event(self) -> list[str]:
        """Who a "This …" opening a sentence is about: the entity the last action was about.

        As for a consequence: the entity acted on ("X activates Y. This leads to …": Y), or the
        subject of a binding. After an inhibition the sentence would be about the loss of the
        entity acted on, so nothing is drawn; without an action, the sentence's only entity.
        """
        action = self.before.action
        if action is None:
            mentions = [item for group in self.before.groups for item in group]
            return [mentions[0].entity.key] if len(mentions) == 1 and mentions[0].entity else []
        if action.type == INHIBITION:
            return []
        if action.type == BINDING and action.sources:
            return list(action.sources)
        return list(action.targets)


# A receptor's name, normalised: "TNFR1", "IL6R", "EGFR", "BMPRII", "TLR4".
_RECEPTOR_NAME = re.compile(r"[A-Z]R(?:\d{1,2}[A-Z]?|I{1,3})?$")

# One entry of a legend's list of abbreviations: "AKT, RAC-α serine/threonine-protein kinase".
_DEFINITION = re.compile(r"^\s*[^\s,;]{1,20}(?: [^\s,;]{1,12})?, \S")


def is_definition_list(text: str) -> bool:
    """A legend that spells out abbreviations, which names things and relates none of them.

    "ERK, extracellular signal-regulated kinase; GAP, GTPase activating protein; …"
    """
    entries = text.split(";")
    defined = sum(1 for entry in entries if _DEFINITION.match(entry))
    return len(entries) >= 3 and defined >= 0.6 * len(entries)


def read_relations(
    sentence: Sentence, topic: list[str] | None = None, before: Antecedents | None = None
) -> list[Relation]:
    """All relations one sentence states.

    ``topic`` is the entity the caption was last about (see ``sentence_topic``): it is the agent
    of a means without one ("Apoptosis is stimulated via the phosphorylation of BAX").
    ``before`` is what the sentence before left (see ``read_sentence``): "This triggers …".
    """
    return read_sentence(sentence, topic, before)[0]


def read_sentence(
    sentence: Sentence, topic: list[str] | None = None, before: Antecedents | None = None
) -> tuple[list[Relation], Antecedents]:
    """All relations one sentence states, and what it leaves for the next one to refer back to."""
    if is_definition_list(sentence.text):
        return [], Antecedents()
    reader = _Reader(sentence, topic or [], before)
    entities = sum(1 for item in sentence.items if item.kind == "E")
    if entities < (1 if topic or (before and before.groups) else 2):
        return [], reader.antecedents()
    return reader.read(), reader.antecedents()


def sentence_topic(sentence: Sentence) -> list[str] | None:
    """The entity a sentence is about, when it opens with one; else ``None``.

    "JNK1 exerts …" and "The kinase functions of p38α/β …" are about JNK1 and p38α/β.
    """
    items = sentence.items
    k = 0
    while k < len(items) and items[k].kind == "W" and k < 5:
        if items[k].lower == "of" and k + 1 < len(items) and items[k + 1].kind == "E":
            k += 1  # "The kinase functions of p38α/β"
            break
        k += 1
    if k < len(items) and items[k].kind == "E" and (k == 0 or items[k - 1].lower in ("of",)):
        entity = items[k].entity
        return [entity.key] if entity is not None else None
    return None
