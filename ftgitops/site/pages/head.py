"""Feed autodiscovery: `<link rel="alternate">` in every page's head.

Browsers and feed readers find a site's feeds from these links (what Statuspage, Instatus and
cState put in their heads). Written by the plugin after the theme has rendered the page, so it
needs no theme override and survives a change of theme; the hrefs are relative to the page,
so every edition (and a site served from a sub-path) links to its own feeds.
"""

from __future__ import annotations

from html import escape

from mkdocs.utils import get_relative_url

FEEDS = (
    ("application/rss+xml", "feeds/status.rss", "RSS"),
    ("application/atom+xml", "feeds/status.atom", "Atom"),
)
# Material's script fetches `sitemap.xml` beside every `<link rel="alternate">` (for its
# language switcher): an empty sitemap there keeps that fetch from failing in the console.
SITEMAP_STUB = {
    "feeds/sitemap.xml": b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
}


def feed_links(site_name: str, page_url: str) -> str:
    """The `<link>` elements for a page at `page_url` (`maintenance/`, `` for the home)."""
    title = escape(site_name, quote=True)
    return "".join(
        f'<link rel="alternate" type="{kind}" title="{title} ({label})" '
        f'href="{escape(get_relative_url(path, page_url), quote=True)}">'
        for kind, path, label in FEEDS
    )


def with_feed_links(html: str, site_name: str, page_url: str) -> str:
    """The page with its feed links just before `</head>` (unchanged if it has no head)."""
    head, found, rest = html.partition("</head>")
    if not found:
        return html
    return f"{head}{feed_links(site_name, page_url)}</head>{rest}"
