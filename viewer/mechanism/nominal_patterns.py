"""Relations stated by nouns, compounds and arrows rather than by a verb.

"activation of Y by X", "X-induced Y", "X, an inhibitor of Y", "X is required for Y",
"X acts downstream of Y", complexes ("X–Y complex", "X forms a complex with Y"), "X → Y".
"""

from __future__ import annotations

import itertools

from viewer.mechanism.model import RelationType
from viewer.mechanism.vocabulary import (
    ACTIVATION,
    ASSOCIATION,
    BE,
    BINDING,
    CHAIN,
    CLAUSE_ENDS,
    DETERMINERS,
    GROUP_JOINERS,
    HEAD_NOUNS,
    INHIBITION,
    NEEDED,
    PLACED,
    REVERSED_ROLES,
    SUBJECT_HEADS,
    VERBS,
    lemma,
)


class NominalPatterns:
    """The reader's patterns that start at a noun, a compound or an arrow (a reader mixin)."""

    def arrow(self, t: int, kind: RelationType) -> None:
        """Arrows between two names: "KRAS → BRAF", "MDM2 ⊣ p53", "gcm -> hopTum"."""
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
