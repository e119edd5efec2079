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

This module holds the reader's core (groups of names, verbs, passives, consequences); its
other parts are mixins: ``subjects`` (who acts), ``objects`` (on what, by which route),
``nominal_patterns`` (nouns, compounds, roles, complexes, arrows) and ``anaphora`` (the
sentence before).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from viewer.mechanism.actions import Action, Relation
from viewer.mechanism.anaphora import AnaphoraReader, Antecedents
from viewer.mechanism.model import RelationType
from viewer.mechanism.nominal_patterns import NominalPatterns
from viewer.mechanism.objects import ObjectFinder
from viewer.mechanism.subjects import SubjectFinder
from viewer.mechanism.text import Sentence
from viewer.mechanism.vocabulary import (
    ACTIVATION,
    AMOUNTS,
    ARROWS,
    ASSOCIATION,
    BE,
    BINDING,
    CHAIN,
    COMPLEX_NOUNS,
    COMPOUNDS,
    DETERMINERS,
    GENERIC_VERBS,
    GROUP_JOINERS,
    HEAD_NOUNS,
    ING_NOUNS,
    INHIBITION,
    LOSS_NOUNS,
    NEEDED,
    NEGATIONS,
    NOUNS,
    OPENERS,
    OPTIONAL_PARTICLES,
    PARTICLES,
    REVERSED_ROLES,
    ROLE_NOUNS,
    SUBJECT_HEADS,
    UNDERGO,
    VERBS,
    is_adverb,
    lemma,
)


class _Reader(NominalPatterns, SubjectFinder, ObjectFinder, AnaphoraReader):
    """Reads one tagged sentence: its groups of names, then each pattern where it starts."""

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
        self.last_action: Action | None = None
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

    def _adverb_at(self, i: int) -> bool:
        """An adverb (or "in turn") starts at ``i``."""
        word = self._word(i)
        return is_adverb(word) or (word == "in" and self._word(i + 1) == "turn")

    def _adverb_before(self, j: int) -> bool:
        """An adverb (or "in turn") ends at ``j``."""
        word = self._word(j)
        return is_adverb(word) or (word == "turn" and self._word(j - 1) == "in")

    def add(self, sources: list[str], targets: list[str], kind: RelationType, conf: float,
            pattern: str) -> None:  # fmt: skip
        first = len(self.relations)
        for source in sources:
            for target in targets:
                if source != target:
                    self.relations.append(Relation(source, target, kind, conf, pattern))
        if len(self.relations) > first:
            self.last_action = Action(sources, targets, kind, first)

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
                self.last_action = Action([], self.keys(target), kind, len(self.relations))
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
