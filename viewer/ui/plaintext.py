"""Show untrusted text literally where Qt would guess rich text (tooltips)."""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """Tooltip markup that shows ``text`` literally, whatever it contains.

    Qt guesses whether a tooltip is rich text, so record text such as ``<a href=…>`` could
    become a live link. Escaping it and wrapping it in ``<qt>`` settles the guess as rich text
    whose every character is literal.
    """
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"
