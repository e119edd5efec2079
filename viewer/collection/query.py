"""The search language of collections, shared by the GUI's search box and ``pathway-viewer search``.

A query is a list of terms; a figure must match all of them (``AND`` may be written too):

- ``insulin``, ``IL-6``, ``"heat shock"``: words and quoted phrases in the figure title, caption
  or paper title (case and accents ignored); ``phosph*`` matches words starting ``phosph``;
- ``gene:STAT3``: the figure lists the gene, by matched symbol, HGNC symbol, OCR word or NCBI
  Gene id, case ignored;
- ``chemical:glucose``, ``disease:D009369``: a chemical or disease, by word, name or id;
- ``organism:"Homo sapiens"``: one of the figure's organisms (its full name, case ignored);
- ``year:2006``, ``year:2000..2010``, ``year:..1999``, ``year:2020..``;
- ``pmcid:PMC1584297`` (or ``pmcid:1584297``).

``a OR b`` matches either; ``OR`` binds tighter than the implicit ``AND``, so
``gene:TP53 gene:MDM2 OR gene:MDM4`` means TP53 and either MDM gene. Parentheses group.
A leading ``-`` excludes: ``-organism:"Mus musculus"``. Words with nothing to search for
(a lone ``-`` or ``/``) are ignored; anything else that cannot be read raises ``QueryError``.

Figures are ranked by how well their text matches the words (FTS5's BM25) plus one point per
``gene:``, ``chemical:`` or ``disease:`` term they contain, so with ``OR`` a figure holding more
of the genes ranks higher.

User text never reaches SQL as SQL: values are bound as parameters, and the FTS5 match
expressions built here quote every term as an FTS5 string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from viewer.collection.keys import CHEMICAL, DISEASE, GENE, ORGANISM, PMCID, key_token, pmcid_key

MAX_TERMS = 64
MAX_DEPTH = 16
FIELDS = {
    "gene": GENE,
    "chemical": CHEMICAL,
    "disease": DISEASE,
    "organism": ORGANISM,
    "pmcid": PMCID,
    "year": "year",
}
RANKED_KINDS = frozenset({GENE, CHEMICAL, DISEASE})
# BM25 weights of the text columns: figure title, caption, paper title.
TEXT_WEIGHTS = (4.0, 1.0, 2.0)


class QueryError(ValueError):
    """A search that cannot be read; ``str()`` says why in plain words."""


@dataclass(frozen=True)
class Text:
    """Words in the title, caption or paper title: a phrase, or a prefix when ``prefix``."""

    phrase: str
    prefix: bool = False


@dataclass(frozen=True)
class Key:
    """An exact, case-insensitive match of a gene, chemical, disease, organism or PMC id."""

    kind: str
    value: str


@dataclass(frozen=True)
class Year:
    """Publication year between ``low`` and ``high`` inclusive (``None``: open end)."""

    low: int | None
    high: int | None


@dataclass(frozen=True)
class And:
    """All of the parts."""

    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    """Any of the parts."""

    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    """Not the part."""

    part: Node


Node = Text | Key | Year | And | Or | Not

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<open>\()
    | (?P<close>\))
    | (?P<neg>-)(?=[^\s)])
    | (?P<field>[A-Za-z]+):(?P<fvalue>"[^"]*"|"[^"]*$|[^\s()"]+)?
    | (?P<quoted>"[^"]*"|"[^"]*$)
    | (?P<word>[^\s()"]+)
    )""",
    re.VERBOSE,
)


def _has_token_chars(text: str) -> bool:
    """Whether the text holds a letter or digit: something the full-text index can look up."""
    return any(c.isalnum() for c in text)


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = self._lex(text)
        self.position = 0
        self.terms = 0

    @staticmethod
    def _lex(text: str) -> list[tuple[str, str]]:
        tokens: list[tuple[str, str]] = []
        position = 0
        while position < len(text):
            match = _TOKEN.match(text, position)
            if match is None or match.end() == position:
                break  # only white space is left
            position = match.end()
            kind = match.lastgroup
            if kind == "fvalue":
                kind = "field"
            if kind == "field":
                name, value = match.group("field"), match.group("fvalue")
                if value is None:
                    if name.lower() in FIELDS:
                        raise QueryError(f"'{name}:' needs a value right after it, e.g. {name}:X")
                    tokens.append(("word", name))  # 'Note: …' is a word and a colon
                    continue
                tokens += [("field", name), ("value", value)]
            elif kind is not None:
                tokens.append((kind, match.group(kind)))
        return tokens

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def parse(self) -> Node | None:
        node = self.conjunction(0)
        if self.peek() is not None:
            raise QueryError("')' without a matching '('")
        return node

    def conjunction(self, depth: int) -> Node | None:
        parts: list[Node] = []
        while (token := self.peek()) is not None and token[0] != "close":
            if token == ("word", "AND"):
                self.take()
                if not parts or self.peek() in (None, ("close", ")")):
                    raise QueryError("'AND' needs a term on each side")
                continue
            node = self.disjunction(depth)
            if node is not None:
                parts.append(node)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def disjunction(self, depth: int) -> Node | None:
        if self.peek() == ("word", "OR"):
            raise QueryError("'OR' needs a term on each side")
        parts = [self.unary(depth)]
        while self.peek() == ("word", "OR"):
            self.take()
            token = self.peek()
            if token is None or token[0] == "close" or token == ("word", "OR"):
                raise QueryError("'OR' needs a term on each side")
            parts.append(self.unary(depth))
        kept = [p for p in parts if p is not None]
        if not kept:
            return None
        if len(kept) < len(parts):  # 'foo OR /': the empty side would match everything
            return None
        return kept[0] if len(kept) == 1 else Or(tuple(kept))

    def unary(self, depth: int) -> Node | None:
        token = self.peek()
        if token is not None and token[0] == "neg":
            self.take()
            following = self.peek()
            if following is None or following[0] in ("neg", "close"):
                raise QueryError("'-' must come right before the term it excludes")
            part = self.atom(depth)
            return None if part is None else Not(part)
        return self.atom(depth)

    def atom(self, depth: int) -> Node | None:
        kind, text = self.take()
        if kind == "open":
            if depth + 1 > MAX_DEPTH:
                raise QueryError(f"the search nests more than {MAX_DEPTH} levels of parentheses")
            node = self.conjunction(depth + 1)
            if self.peek() is None:
                raise QueryError("'(' without a matching ')'")
            self.take()
            if node is None:
                raise QueryError("'()' holds nothing to search for")
            return node
        if kind == "close":
            raise QueryError("')' without a matching '('")
        self.count()
        if kind == "field":
            return self.field(text, self.take()[1])
        if kind == "quoted":
            phrase = _unquote(text)
            return Text(phrase) if _has_token_chars(phrase) else None
        if text in ("OR", "AND"):
            raise QueryError(f"'{text}' needs a term on each side")
        prefix = text.endswith("*")
        word = text.rstrip("*")
        if not _has_token_chars(word):
            return None
        return Text(word, prefix)

    def count(self) -> None:
        self.terms += 1
        if self.terms > MAX_TERMS:
            raise QueryError(f"the search has more than {MAX_TERMS} terms")

    @staticmethod
    def field(name: str, raw: str) -> Node:
        kind = FIELDS.get(name.lower())
        if kind is None:
            known = ", ".join(f"{f}:" for f in FIELDS)
            raise QueryError(
                f"unknown field '{name}:'; the fields are {known} "
                f'(to search for the text, put it in quotes: "{name}:{raw}")'
            )
        value = _unquote(raw) if raw.startswith('"') else raw
        if not value.strip():
            raise QueryError(f"'{name}:' needs a value, e.g. {name}:STAT3")
        if kind == "year":
            return _year(value)
        if kind == PMCID:
            value = pmcid_key(value)
        return Key(kind, value)


def _unquote(text: str) -> str:
    if len(text) < 2 or not text.endswith('"'):
        raise QueryError(f"{text!r} has no closing quote")
    return text[1:-1]


def _year(value: str) -> Year:
    low_text, dots, high_text = value.partition("..")
    bounds: list[int | None] = []
    for text in (low_text, high_text) if dots else (low_text,):
        text = text.strip()
        if not text:
            bounds.append(None)
        elif text.isascii() and text.isdigit() and len(text) <= 4:
            bounds.append(int(text))
        else:
            raise QueryError(
                f"year:{value} is not a year or a range; write year:2006 or year:2000..2010"
            )
    if not dots:
        if bounds[0] is None:
            raise QueryError("'year:' needs a value, e.g. year:2006")
        return Year(bounds[0], bounds[0])
    low, high = bounds
    if low is None and high is None:
        raise QueryError("year:.. needs a start or an end, e.g. year:2000..2010")
    if low is not None and high is not None and low > high:
        raise QueryError(f"year:{value} is an empty range: the start is after the end")
    return Year(low, high)


def parse_query(text: str) -> Node | None:
    """Read a search into a tree of terms; ``None`` for a search that matches every figure.

    Raises ``QueryError`` with a message for the user when the search cannot be read.
    """
    return _Parser(text).parse()


# --- Compiling a parsed query to SQL ---------------------------------------------------------


def fts_string(text: str) -> str:
    """``text`` as an FTS5 string: in double quotes, with inner quotes doubled."""
    return '"' + text.replace('"', '""') + '"'


TEXT_COLUMNS = "{figtitle caption papertitle}"  # FTS5 column filter for words and phrases
KEY_COLUMN = "keys"


def _fts_expression(node: Node) -> str | None:
    """The FTS5 match expression for a subtree, or ``None`` if FTS5 cannot say it.

    Words and phrases are looked up in the text columns, keys in the ``keys`` column, so one
    lookup in the ``search`` table answers both. It cannot say a year, nor an exclusion with
    nothing to exclude from (FTS5's ``NOT`` is binary: ``a NOT b``).
    """
    if isinstance(node, Text):
        return f"{TEXT_COLUMNS} : {fts_string(node.phrase)}" + (" *" if node.prefix else "")
    if isinstance(node, Key):
        return f"{KEY_COLUMN} : {fts_string(key_token(node.kind, node.value))}"
    if isinstance(node, Or):
        parts = [_fts_expression(p) for p in node.parts]
        if any(p is None for p in parts):
            return None
        return "(" + " OR ".join(parts) + ")"  # type: ignore[arg-type]
    if isinstance(node, And):
        positive = [_fts_expression(p) for p in node.parts if not isinstance(p, Not)]
        negative = [_fts_expression(p.part) for p in node.parts if isinstance(p, Not)]
        if not positive or any(p is None for p in positive + negative):
            return None
        expression = "(" + " AND ".join(positive) + ")"  # type: ignore[arg-type]
        for part in negative:
            expression = f"({expression} NOT {part})"
        return expression
    return None


def _has_text(node: Node, excluded: bool = False) -> bool:
    """Whether words or phrases outside exclusions take part (then BM25 ranks the matches)."""
    if isinstance(node, Text):
        return not excluded
    if isinstance(node, Not):
        return _has_text(node.part, not excluded)
    if isinstance(node, (And, Or)):
        return any(_has_text(p, excluded) for p in node.parts)
    return False


@dataclass
class Compiled:
    """A query as SQL parts over the figures ``f`` that match it.

    ``score`` is an SQL expression (with ``score_params``) and ``source`` the ``FROM … WHERE …``
    part (with ``source_params``); ``select`` puts them together. ``ranked`` says whether scores
    differ between matches; ``fts_only`` holds the match expression when a single FTS5 lookup
    answers the whole query (counting can then skip the figures table).
    """

    score: str
    score_params: list[object]
    source: str
    source_params: list[object]
    ranked: bool = False
    fts_only: str | None = None

    def select(self, columns: str = "f.id", tail: str = "") -> tuple[str, list[object]]:
        """``SELECT columns, score AS score FROM …`` plus ``tail``, and the parameters before it."""
        sql = f"SELECT {columns}, {self.score} AS score FROM {self.source}"
        return (f"{sql} {tail}" if tail else sql), self.score_params + self.source_params


class _Compiler:
    def __init__(self, with_score: bool) -> None:
        self.with_score = with_score
        self.params: list[object] = []

    def match(self, expression: str) -> str:
        self.params.append(expression)
        return "f.id IN (SELECT rowid FROM search WHERE search MATCH ?)"

    def condition(self, node: Node) -> str:
        """A condition on figure ``f`` that holds when it matches ``node`` (never NULL)."""
        expression = _fts_expression(node)
        if expression is not None:
            return self.match(expression)
        if isinstance(node, Year):
            return "IFNULL(" + self.year(node) + ", 0)"
        if isinstance(node, Not):
            return f"NOT {self.condition(node.part)}"
        if isinstance(node, (Text, Key)):  # unreachable: leaves always have an expression
            raise AssertionError(node)
        joiner = " AND " if isinstance(node, And) else " OR "
        return "(" + joiner.join(self.condition(p) for p in node.parts) + ")"

    def year(self, node: Year) -> str:
        if node.low is not None and node.high is not None and node.low == node.high:
            self.params.append(node.low)
            return "f.year = ?"
        bounds = []
        if node.low is not None:
            self.params.append(node.low)
            bounds.append("f.year >= ?")
        if node.high is not None:
            self.params.append(node.high)
            bounds.append("f.year <= ?")
        return "(" + " AND ".join(bounds) + ")"

    def compile(self, root: Node | None) -> Compiled:
        if root is None:
            return Compiled("0.0", [], "figures f", [])
        parts = list(root.parts) if isinstance(root, And) else [root]
        # The conjuncts FTS5 can answer go into one lookup; years and the rest become SQL.
        searchable = [p for p in parts if _fts_expression(p.part if isinstance(p, Not) else p)]
        others = [p for p in parts if p not in searchable]
        expression = None
        if searchable:
            expression = _fts_expression(
                searchable[0] if len(searchable) == 1 else And(tuple(searchable))
            )
            if expression is None:  # exclusions only: they become NOT IN conditions
                others = parts
        where: list[str] = []
        score = ["0.0"]
        ranked = False
        if expression is not None:
            source = "search JOIN figures f ON f.id = search.rowid"
            self.params.append(expression)
            where.append("search MATCH ?")
            if self.with_score and _has_text(root):
                weights = ", ".join(str(w) for w in (*TEXT_WEIGHTS, 0.0))
                score.append(f"-bm25(search, {weights})")
                ranked = True
        else:
            source = "figures f"
        for part in others:
            if isinstance(part, Year):  # as it is, so that the year index can serve it
                where.append(self.year(part))
            else:
                where.append(self.condition(part))
        source_params = list(self.params)
        self.params.clear()
        if self.with_score:
            constant, varying = _ranked_keys(root)
            if constant:
                score.append(f"{float(constant)}")
            for key in varying:
                score.append(f"({self.match(_fts_expression(key) or '')})")
                ranked = True
        if where:
            source += " WHERE " + " AND ".join(where)
        fts_only = expression if expression is not None and not others else None
        return Compiled(
            " + ".join(score), list(self.params), source, source_params, ranked, fts_only
        )


def _ranked_keys(root: Node) -> tuple[int, list[Key]]:
    """The distinct ``gene:``/``chemical:``/``disease:`` terms that rank figures (not excluded).

    Returns how many every match contains (terms joined to the top by AND only) and the terms
    that only some matches contain (under an OR), which the score must look up per figure.
    """
    always: dict[Key, bool] = {}

    def walk(node: Node, required: bool) -> None:
        if isinstance(node, Key):
            if node.kind in RANKED_KINDS:
                always[node] = always.get(node, False) or required
        elif isinstance(node, And):
            for part in node.parts:
                walk(part, required)
        elif isinstance(node, Or):
            for part in node.parts:
                walk(part, False)

    walk(root, True)
    return sum(always.values()), [key for key, required in always.items() if not required]


def compile_query(root: Node | None, with_score: bool = True) -> Compiled:
    """SQL for the figures that match the parsed query ``root``, and their scores.

    The SQL reads the tables ``figures f`` and ``search`` of the collection index; without
    ``with_score`` every score is 0 (cheaper, for counting).
    """
    return _Compiler(with_score).compile(root)
