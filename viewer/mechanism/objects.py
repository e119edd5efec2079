"""What a verb acts on: the first entity within reach, its examples, its route.

"leads to increased MAPK activity", "phosphorylates a variety of targets, including Elk-1",
"via eukaryotic initiation factor 2B (eIF2B)", "the inhibitor of NF-κB (IkB) kinase (IKK)",
and the antecedent of a "which" or "that".
"""

from __future__ import annotations

from viewer.mechanism.model import RelationType
from viewer.mechanism.vocabulary import (
    BE,
    CLAUSE_ENDS,
    COMPOUNDS,
    DETERMINERS,
    GROUP_JOINERS,
    HEAD_NOUNS,
    ING_NOUNS,
    INHIBITION,
    MAX_TARGET_DISTANCE,
    NOUNS,
    QUALIFIERS,
    SERVES,
    TARGET_STOPS,
    lemma,
)


class ObjectFinder:
    """Finds a verb's or noun's target, its examples and its route (a mixin of the reader)."""

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
