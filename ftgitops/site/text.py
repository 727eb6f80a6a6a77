"""Free text made safe for Markdown: raw HTML shown as text, never run."""

from __future__ import annotations

import html
import re

_BLOCK_START = re.compile(r"^(\s*)([#>]|[-+*]\s|\d+\.\s)", re.MULTILINE)


def escape_html(text: str) -> str:
    """`<`, `>` and `&` as entities, so a `<script>` in a title renders as the text `<script>`."""
    return html.escape(text, quote=True)


def markdown(text: str) -> str:
    """Author-written Markdown (lists, emphasis, links) with any raw HTML escaped."""
    return escape_html(text.strip())


def inline(text: str) -> str:
    """One line for a heading, table cell or link text: HTML escaped, `|` and newlines tamed."""
    flat = " ".join(text.split())
    flat = escape_html(flat).replace("|", "&#124;").replace("[", "&#91;").replace("]", "&#93;")
    return _BLOCK_START.sub(r"\1\\\2", flat) if flat[:1] in "#>-+*" else flat


def attribute(text: str) -> str:
    """A value for an HTML attribute written into a generated page."""
    return html.escape(text, quote=True)
