"""Relations whose subject or object is named in the sentence before.

"LATS1/2 phosphorylates YAP. This triggers …", "… Smad1, Smad5 or Smad8. These phosphorylated
Smads form a complex with Smad4", "Association of TRAFs with these receptors", "The
intracellular domains interact with Act1", "Engagement with TRAF6 …".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from viewer.mechanism.actions import Action
from viewer.mechanism.names import normalise
from viewer.mechanism.text import Item
from viewer.mechanism.vocabulary import (
    BINDING,
    DETERMINERS,
    EVENT_NOUNS,
    INHIBITION,
    NOUNS,
    PART_NOUNS,
    RECEPTORS,
    lemma,
)

# A receptor's name, normalised: "TNFR1", "IL6R", "EGFR", "BMPRII", "TLR4".
_RECEPTOR_NAME = re.compile(r"[A-Z]R(?:\d{1,2}[A-Z]?|I{1,3})?$")


@dataclass(frozen=True, slots=True)
class Antecedents:
    """What a sentence leaves for the next one to refer back to.

    Its last action ("LATS1/2 phosphorylates YAP. This triggers …" is about YAP), its subject
    and its entity mentions, group by group ("TNFR1 and TNFR2 … these receptors").
    """

    action: Action | None = None
    subject: tuple[str, ...] = ()
    groups: tuple[tuple[Item, ...], ...] = ()


class AnaphoraReader:
    """Resolves references to the sentence before (a mixin of the reader)."""

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
