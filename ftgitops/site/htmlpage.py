"""A generated page whose body is already HTML: the permanent page of an incident, a window or
a piece of work.

Thousands of these are built, and MkDocs costs about 16 ms a page (Markdown conversion, the
theme's template, the search plugin's parse). They need none of it: the generators write
escaped HTML (`text.name`, `text.Renderer`) and the plugin pours each body into the theme's
page shell, rendered once (`site.shell`). They are in no navigation; list pages link to them
(`site.permalinks`), and the search index gets one entry each: the title and `summary`.
The body holds no `<h1>`: the theme writes the title as the page's heading.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """A page's title (plain text), its body (HTML) and the one line the search index keeps."""

    title: str
    body: str
    summary: str = ""
