"""Text from the data made safe for pages: names as inert text, free text as sanitised HTML.

Two kinds of data text reach a page, and every one goes through this module.

A *name* (a title, a region, a service, a wave, a tenant, a slot) is one line of plain text.
`name` writes each character HTML or Markdown could read as syntax as a character reference
(`<` as `&lt;`, `{` as `&#123;`), so the same string is safe in a heading, a table cell, a
link's text, an HTML element or a quoted attribute: MkDocs' own Markdown, which has
`attr_list` on for the generated pages' anchors, sees no `{`, `[`, `*`, `|` or `<` in it, and
the browser shows exactly the characters written. (`plain` is the multi-line form for the
internal edition's field lists, which are raw HTML blocks Markdown never reads.)

*Free text* (a maintenance notice, an update, release notes, a postmortem) is Markdown.
`Renderer` converts it with Python-Markdown with only `sane_lists` and its raw-HTML readers
removed (so `<script>` is text, and `{: onfocus=... }` stays text: no `attr_list`), then
cleans the HTML with nh3 (ammonia) against an allow-list: a few text tags, no attribute but a
link's `href` and `title`, only http, https and mailto links (inline or reference-style; a
relative or `javascript:` link becomes its text), no images, so no request leaves the site.
The result is written on one line (newlines as `&#10;`) inside a `<div>` of its own: the page's
Markdown takes it as a raw HTML block and passes it through unparsed, and the Markdown
characters in it are references too, so no later pass can read syntax into it either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import markdown as markdown_lib
import nh3
from markdown.extensions import Extension

# Tags free text may keep: what core Markdown writes for paragraphs, emphasis, code, quotes,
# lists, rules and links. Headings and images are not kept (their text is).
TAGS = frozenset(
    {"p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "hr", "a"}
)
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener noreferrer"
TEXT_CLASS = "ft-text"
# Characters Markdown (core, attr_list, tables, the usual pymdownx inline extensions) reads as
# syntax inside a line; written as numeric references they are shown, never parsed.
MARKDOWN_SYNTAX = "\\`*_{}[]|~^$"
_MARKDOWN_REFS = {ord(c): f"&#{ord(c)};" for c in MARKDOWN_SYNTAX}
# `html.escape(quote=True)`'s references; a name also gets Markdown's (one pass each).
_HTML_ESCAPES = {
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    ord('"'): "&quot;",
    ord("'"): "&#x27;",
}
_NAME_REFS = _MARKDOWN_REFS | _HTML_ESCAPES
_TEXT_REFS = _HTML_ESCAPES | {ord("\n"): "&#10;"}
# Cleaned HTML: its tags and attributes use none of these characters, so references are exact.
_HTML_REFS = _MARKDOWN_REFS | {ord("\n"): "&#10;"}
_LINE_START = re.compile(r"^(?:[#+\-]|\d+[.)])")
# One line of words and plain punctuation, starting with a letter: no Markdown or HTML reads
# anything in it, so it renders as one paragraph of itself, without the converter's cost.
_PUNCTUATION = r"[ ,.;:'\"?!()/%@\-]"
_PLAIN_LINE = re.compile(  # words and punctuation runs alternate, so it never backtracks
    rf"[^\W\d_][^\W_]*(?:{_PUNCTUATION}+[^\W_]+)*{_PUNCTUATION}*", re.ASCII
)
# A link the cleaner took the target from (`javascript:`, relative): nh3 writes it exactly so.
_DEAD_LINK = re.compile(f'<a(?: title="[^"]*")? rel="{LINK_REL}">(.*?)</a>', re.S)


def name(text: str) -> str:
    """One line of data text for any spot in a generated page (Markdown or HTML, element or
    attribute): whitespace runs made one space, syntax characters written as references."""
    flat = " ".join(text.split()).translate(_NAME_REFS)
    start = _LINE_START.match(flat)
    if start:  # never a heading or list item, should a caller start a line with it
        mark = start.group()
        flat = f"{mark[:-1]}&#{ord(mark[-1])};{flat[len(mark) :]}"
    return flat


def plain(text: str) -> str:
    """Multi-line data text as it is written, for inside a raw HTML block (the internal
    edition's field lists, shown with `white-space: pre-line`): HTML escaped, each newline
    kept as `&#10;` so the block has no blank line. Markdown never reads inside a raw block,
    so its characters are left as they are; anywhere else, use `name`."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_TEXT_REFS)


class NoRawHtml(Extension):
    """Python-Markdown without its raw-HTML readers: a tag in the text is shown as text."""

    def extendMarkdown(self, md: markdown_lib.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


class Renderer:
    """Free text (Markdown) to sanitised HTML; one per build, reused for every text."""

    def __init__(self) -> None:
        self._markdown = markdown_lib.Markdown(extensions=[NoRawHtml(), "sane_lists"])
        self._cleaner = nh3.Cleaner(
            tags=set(TAGS),
            clean_content_tags=set(),
            attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
            url_schemes=set(URL_SCHEMES),
            url_relative="deny",
            link_rel=LINK_REL,
            strip_comments=True,
        )

    def html(self, text: str) -> str:
        """The text's Markdown as cleaned HTML on one line, inert to any later Markdown."""
        stripped = text.strip()
        if _PLAIN_LINE.fullmatch(stripped):
            return f"<p>{stripped}</p>"
        return self.converted(stripped)

    def converted(self, text: str) -> str:
        """`html` the long way: converted, cleaned, dead links unwrapped, made inert."""
        self._markdown.reset()
        converted = self._markdown.convert(text)
        cleaned = _DEAD_LINK.sub(r"\1", self._cleaner.clean(converted))
        return cleaned.translate(_HTML_REFS)

    def block(self, text: str) -> str:
        """A raw HTML block for a generated page: put it on a line of its own."""
        return f'<div class="{TEXT_CLASS}">{self.html(text)}</div>'

    def items(self, texts: Iterable[str]) -> str:
        """A bulleted list with each text rendered, as one raw HTML block."""
        rows = "".join(f"<li>{self.html(text)}</li>" for text in texts)
        return f'<div class="{TEXT_CLASS}"><ul>{rows}</ul></div>'
