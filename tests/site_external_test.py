"""Every edition loads only its own files: no script, stylesheet, font or image from another
host (the status page must work offline, behind strict networks and under its CSP).

Builds the example data's public, internal and a tenant edition for real and reads every
HTML page and stylesheet written. A reference to the site's own `site_url` is the site.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from site_helpers import PROJECT_ROOT, build, example_config

SITE_HOST = "status.fasttrack360.example.com"
EDITIONS = ("public", "internal", "tenant:pennine-recruitment")
# Attributes through which a browser fetches something to show or run (not `<a href>`).
LOADING = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"),
}
CSS_URL = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])([^"')\s]+)""", re.I)


class Loads(HTMLParser):
    """Every URL a page asks the browser to fetch, and every element of class `mermaid`."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.mermaid = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        for key in LOADING.get(tag, ()):
            if key in values:
                self.urls += [part.split()[0] for part in values[key].split(",") if part.strip()]
        self.urls += CSS_URL.findall(values.get("style", ""))
        self.mermaid += "mermaid" in values.get("class", "").split()

    def handle_data(self, data: str) -> None:
        if self.lasttag == "style":
            self.urls += CSS_URL.findall(data)


def external(url: str) -> bool:
    """A URL on another host (absolute or scheme-relative); `data:` URLs are inline."""
    parts = urlsplit(url.strip())
    if parts.scheme in ("data", "blob") or not (parts.netloc or parts.scheme):
        return False
    return parts.hostname != SITE_HOST


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("external")
    config = example_config(folder)
    built = {}
    for audience in EDITIONS:
        out = folder / audience.replace(":", "-")
        args = ("--config", str(config), "--output", str(out), "--audience", audience)
        assert build(PROJECT_ROOT, *args) == 0
        built[audience] = out
    return built


@pytest.mark.parametrize("audience", EDITIONS)
def test_no_page_loads_anything_from_another_host(sites: dict[str, Path], audience: str) -> None:
    pages = sorted(sites[audience].rglob("*.html"))
    assert len(pages) > 8
    found: dict[str, list[str]] = {}
    for page in pages:
        loads = Loads()
        loads.feed(page.read_text(encoding="utf-8"))
        # The parser saw what the page loads: the theme's script and the site's stylesheet.
        assert any(url.endswith("assets/ftgitops.css") for url in loads.urls), page
        assert any("javascripts/bundle" in url for url in loads.urls), page
        assert loads.mermaid == 0, page  # Material would fetch Mermaid from its CDN for it
        outside = [url for url in loads.urls if external(url)]
        if outside:
            found[page.relative_to(sites[audience]).as_posix()] = outside
    assert found == {}


@pytest.mark.parametrize("audience", EDITIONS)
def test_no_stylesheet_imports_a_font_or_image_from_another_host(
    sites: dict[str, Path], audience: str
) -> None:
    sheets = sorted(sites[audience].rglob("*.css"))
    assert any(sheet.name == "ftgitops.css" for sheet in sheets)
    found = {
        sheet.name: outside
        for sheet in sheets
        if (outside := [u for u in CSS_URL.findall(sheet.read_text("utf-8")) if external(u)])
    }
    assert found == {}


def test_the_check_itself_tells_another_host_from_the_site() -> None:
    assert external("https://unpkg.com/mermaid@11/dist/mermaid.min.js")
    assert external("//fonts.googleapis.com/css?family=Roboto")
    assert not external("https://status.fasttrack360.example.com/feeds/status.rss")
    assert not external("../assets/javascripts/bundle.js")
    assert not external("data:image/svg+xml;base64,AAAA")
    loads = Loads()
    loads.feed(
        '<img srcset="https://a.example/x.png 1x, y.png 2x"><div style="background: '
        'url(https://b.example/z.png)"></div><style>@import "https://c.example/f.css";</style>'
        '<svg><use xlink:href="https://d.example/s.svg#i"/></svg><pre class="mermaid"></pre>'
    )
    assert [u for u in loads.urls if external(u)] == [
        "https://a.example/x.png",
        "https://b.example/z.png",
        "https://c.example/f.css",
        "https://d.example/s.svg#i",
    ]
    assert loads.mermaid == 1
