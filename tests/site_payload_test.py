"""Payloads in every name and free text, built into every edition: the HTML and the feeds
carry no markup from the data but the renderer's allowed tags (the browser side of the same
payloads is in `browser_test.py`)."""

from __future__ import annotations

import html
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from payloads import AUDIENCES, EXTERNAL, build_editions

from ftgitops.site.text import ATTRIBUTES, LINK_REL, TAGS, URL_SCHEMES

ATOM = "{http://www.w3.org/2005/Atom}"
# What Material's templates themselves write (a focusable code block, a hidden button).
THEME_TABINDEX = {("button", "-1"), ("div", "0")}


class Elements(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def elements(markup: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(markup)
    parser.close()
    return parser.found


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_editions(tmp_path_factory.mktemp("payloads"))


def test_every_edition_shows_the_payloads_as_text(sites: dict[str, Path]) -> None:
    """The control: the payloads did reach the pages, as the characters written."""
    for audience, site in sites.items():
        text = html.unescape((site / "incidents" / "index.html").read_text(encoding="utf-8"))
        assert "<img src=x onerror=alert('img')>" in text, audience
        assert "{: autofocus tabindex=0 onfocus=alert('attr-list') }" in text, audience


def test_no_page_has_a_handler_a_script_link_or_an_outside_source(
    sites: dict[str, Path],
) -> None:
    for site in sites.values():
        pages = sorted(site.rglob("*.html"))
        assert len(pages) > 8
        for path in pages:
            for tag, attrs in elements(path.read_text(encoding="utf-8")):
                where = (path.relative_to(site).as_posix(), tag, attrs)
                assert not [name for name in attrs if name.startswith("on")], where
                assert "autofocus" not in attrs, where
                if "tabindex" in attrs:
                    assert (tag, attrs["tabindex"]) in THEME_TABINDEX, where
                for name in ("href", "src", "action", "formaction", "data"):
                    value = (attrs.get(name) or "").strip().lower()
                    assert not value.startswith(("javascript:", "data:", "vbscript:")), where
                    assert EXTERNAL not in value, where


def feed_texts(site: Path) -> list[str]:
    """Every item's HTML in every RSS and Atom feed of a site."""
    texts = []
    for path in sorted((site / "feeds").iterdir()):
        tree = ElementTree.parse(path)
        texts += [e.text or "" for e in tree.iter("description") if e.text]
        for content in tree.iter(f"{ATOM}content"):
            assert content.get("type") == "html", path
            texts.append(content.text or "")
    return texts


def test_feed_items_carry_only_allowed_tags_and_links(sites: dict[str, Path]) -> None:
    for audience, site in sites.items():
        texts = feed_texts(site)
        assert any("onerror=alert('img')" in html.unescape(t) for t in texts), audience
        for text in texts:
            for tag, attrs in elements(text):
                assert tag in TAGS, (audience, tag, text)
                allowed = ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set())
                assert set(attrs) <= allowed, (audience, tag, attrs)
                if tag == "a":
                    assert attrs["rel"] == LINK_REL
                    href = attrs.get("href")
                    assert href is None or urlsplit(href).scheme in URL_SCHEMES, href


def test_feed_payload_links_lost_their_targets_and_the_safe_one_stayed(
    sites: dict[str, Path],
) -> None:
    texts = feed_texts(sites["public"])
    hrefs = {attrs.get("href") for text in texts for tag, attrs in elements(text) if tag == "a"}
    assert hrefs == {"https://example.com/ok"}  # the script links became their text


def test_editions_are_the_three_kinds() -> None:
    assert [a.split(":")[0] for a in AUDIENCES] == ["public", "internal", "tenant"]
