"""Show untrusted text literally where Qt would guess rich text (tooltips)."""

from __future__ import annotations

# What html.escape replaces, in one pass: the html module loads its entity tables (3-4 ms), and
# the metadata panel makes a tooltip here before the window's first paint.
_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;", "\n": "<br>"}
)


def plain_tooltip(text: str) -> str:
    """Tooltip markup that shows ``text`` literally, whatever it contains.

    Qt guesses whether a tooltip is rich text, so record text such as ``<a href=…>`` could
    become a live link. Escaping it and wrapping it in ``<qt>`` settles the guess as rich text
    whose every character is literal.
    """
    return "<qt>" + text.translate(_ESCAPES) + "</qt>"
