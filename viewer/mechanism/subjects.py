"""Who does what a verb says: the subject of a clause, however far or hidden it is.

Active subjects, relative clauses, pronouns, nominal subjects ("The binding of X to R
leads to …"), subjects shared across "and", participle phrases ("Gβγ released from Gi
stimulates …"), purposes ("… to activate"), consequences ("…, thereby blocking").
"""

from __future__ import annotations

from viewer.mechanism.vocabulary import (
    ABLE,
    ASSOCIATION,
    BE,
    BINDING,
    COMPOUNDS,
    CONSEQUENCE,
    COOPERATE,
    DETERMINERS,
    ENABLERS,
    LOSS_NOUNS,
    NOUNS,
    SUBJECT_HEADS,
    lemma,
)


class SubjectFinder:
    """Finds a verb's agent (a mixin of the reader)."""

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
