"""The site's layout in a real browser (Playwright driving Debian's Chromium) at 1280 and 390 px.

Every page of every edition (public, internal and two tenants of the example data, and the
three editions with a script payload in every free text) is opened at a desktop and a phone
width: the page never scrolls sideways, no element is wider than the box that holds it (a
table either fits or reflows), no console error is logged and no payload runs. A release
wave's downtime is on the home page of the tenant it concerns and not on another's. The home
page, the incident pages, the maintenance page, the change calendar, the reports and the
history are photographed into `public-screenshots/` (git-ignored) for a reviewer to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_test import CHROMIUM, CHROMIUM_ARGS, _require_chromium, page_urls, served
from payloads import build_editions
from site_helpers import NOW, PROJECT_ROOT, build

sync_api = pytest.importorskip("playwright.sync_api")

WIDTHS = (1280, 390)
SHOTS = PROJECT_ROOT / "public-screenshots"
EXAMPLE_EDITIONS = (
    "public",
    "internal",
    "tenant:pennine-recruitment",  # UK, customer group 2: its production upgrade is on 14 Dec
    "tenant:thames-valley-locums",  # UK, customer group 1: its upgrade is on 23 Nov, not 14 Dec
)
# The project's own mkdocs.yml (no web fonts: the site loads only its own files), over the
# example data, with the fixed clock.
CONFIG = """\
site_name: FastTrack360 status
site_url: https://status.fasttrack360.example.com/
docs_dir: {docs}
theme: {{name: material, font: false, features: [navigation.prune]}}
plugins:
  - search
  - ftgitops:
      root: {root}
      now: "{now}"
"""
# Pages photographed, by edition: (name, path).
PHOTOGRAPHED = {
    "public": (
        ("home", ""),
        ("incidents", "incidents/"),
        ("incident-month", "history/2026-11/"),
        ("maintenance", "maintenance/"),
        ("history", "history/"),
        ("releases", "releases/"),
    ),
    "internal": (("home", ""), ("calendar", "calendar/"), ("reports", "reports/")),
    "tenant:pennine-recruitment": (("home", ""), ("tenant", "tenant/")),
}
# Every element of the content that scrolls or clips sideways must not need to; the page must
# not scroll sideways; nothing may stick out of the content column.
OVERFLOW = """
() => {
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (typeof el.className === "string" && el.className ? "." + el.className.split(" ")[0] : "");
  const found = [];
  const root = document.scrollingElement;
  if (root.scrollWidth > innerWidth) found.push(`page ${root.scrollWidth} > ${innerWidth}`);
  const content = document.querySelector(".md-content");
  if (!content) return found;
  const column = content.getBoundingClientRect();
  for (const el of content.querySelectorAll("*")) {
    // Visually hidden text (1 px boxes) and code blocks (which scroll by design) aside.
    if (el.closest(".ft-sr, pre") || el.clientWidth === 1) continue;
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    if (style.overflowX !== "visible" && el.clientWidth > 1
        && el.scrollWidth > el.clientWidth + 1)
      found.push(`${name(el)} holds ${el.scrollWidth} in ${el.clientWidth}`);
    const box = el.getBoundingClientRect();
    if (box.width > 1 && box.right > column.right + 1)
      found.push(`${name(el)} ends at ${Math.round(box.right)} past ${Math.round(column.right)}`);
  }
  return found.slice(0, 10);
}
"""


@pytest.fixture(scope="module")
def chromium() -> Iterator[sync_api.Browser]:
    _require_chromium()
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def example_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example data's editions, built for real with the fixed clock."""
    folder = tmp_path_factory.mktemp("layout")
    config = folder / "mkdocs.yml"
    config.write_text(CONFIG.format(docs=PROJECT_ROOT / "site", root=PROJECT_ROOT, now=NOW))
    sites = {}
    for audience in EXAMPLE_EDITIONS:
        out = folder / audience.replace(":", "-")
        assert (
            build(
                PROJECT_ROOT, "--config", str(config), "--output", str(out), "--audience", audience
            )
            == 0
        )
        sites[audience] = out
    return sites


@pytest.fixture(scope="module")
def payload_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_editions(tmp_path_factory.mktemp("layout-payloads"))


class Viewer:
    """One browser context at one width, recording console errors and dialogs."""

    def __init__(self, chromium: sync_api.Browser, width: int, javascript: bool = True) -> None:
        self.context = chromium.new_context(
            viewport={"width": width, "height": 900}, java_script_enabled=javascript
        )
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else 0)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def overflow(self, url: str) -> list[str]:
        self.page.goto(url, wait_until="load")
        found: list[str] = self.page.evaluate(OVERFLOW)
        return found

    def close(self) -> None:
        self.context.close()


def check_every_page(chromium: sync_api.Browser, site: Path) -> None:
    with served(site) as root_url:
        urls = page_urls(site, root_url)
        assert len(urls) > 8
        for width in WIDTHS:
            viewer = Viewer(chromium, width)
            wide = {url: found for url in urls if (found := viewer.overflow(url))}
            viewer.close()
            assert wide == {}, width
            assert viewer.errors == [], width
            assert viewer.dialogs == []


@pytest.mark.parametrize("audience", EXAMPLE_EDITIONS)
def test_no_page_of_the_example_editions_is_wider_than_the_screen(
    chromium: sync_api.Browser, example_sites: dict[str, Path], audience: str
) -> None:
    check_every_page(chromium, example_sites[audience])


@pytest.mark.parametrize("audience", ["public", "internal", "tenant:zebra-secret"])
def test_no_page_with_payloads_is_wider_than_the_screen(
    chromium: sync_api.Browser, payload_sites: dict[str, Path], audience: str
) -> None:
    check_every_page(chromium, payload_sites[audience])


def upcoming_text(viewer: Viewer, url: str) -> str:
    viewer.page.goto(url, wait_until="load")
    article = viewer.page.inner_text("article")
    return article.split("Maintenance and upgrades")[1].split("Components")[0]


def test_a_wave_with_downtime_is_on_the_home_of_the_tenant_it_concerns_only(
    chromium: sync_api.Browser, example_sites: dict[str, Path]
) -> None:
    """2026.2 reaches UK group 2 (Pennine) on Mon 14 Dec and UK group 1 (Thames Valley) on
    Mon 23 Nov, both 23:00-01:00 London: each home shows its own wave, not the other's."""
    viewer = Viewer(chromium, 390)
    wave = "Mon 14 Dec 2026 23:00–Tue 15 Dec 01:00 GMT (14 Dec 23:00–15 Dec 01:00 UTC)"
    other = "Mon 23 Nov 2026 23:00–Tue 24 Nov 01:00 GMT (23 Nov 23:00–24 Nov 01:00 UTC)"
    with served(example_sites["tenant:pennine-recruitment"]) as url:
        pennine = upcoming_text(viewer, url)
    with served(example_sites["tenant:thames-valley-locums"]) as url:
        thames = upcoming_text(viewer, url)
    viewer.close()
    assert "Upgrade to FastTrack360 2026.2 (2026.2.0)" in pennine
    assert f"Upgrade: {wave}" in pennine
    assert "UK · Production · Customer group 2" in pennine
    assert wave not in thames and "Customer group 2" not in thames
    assert f"Upgrade: {other}" in thames and "UK · Production · Customer group 1" in thames
    assert other not in pennine and "Customer group 1" not in pennine
    assert "AEDT" not in pennine + thames  # a UK tenant's home holds no APAC window


def test_the_home_reads_with_javascript_off_on_a_phone(
    chromium: sync_api.Browser, example_sites: dict[str, Path]
) -> None:
    viewer = Viewer(chromium, 390, javascript=False)
    with served(example_sites["public"]) as url:
        assert viewer.overflow(url + "maintenance/") == []
        table = viewer.page.locator(".ft-past tr").nth(1).bounding_box()
        assert table is not None and table["width"] <= 390
        assert viewer.overflow(url) == []
        assert viewer.page.locator("#overall-status").is_visible()
        assert viewer.page.locator(".ft-subscribe").is_visible()
        head = viewer.page.locator('link[rel="alternate"][type="application/rss+xml"]')
        assert head.get_attribute("href") == "feeds/status.rss"
    viewer.close()


def test_screenshots_for_a_reviewer(
    chromium: sync_api.Browser, example_sites: dict[str, Path]
) -> None:
    SHOTS.mkdir(exist_ok=True)
    taken = []
    for audience, pages in PHOTOGRAPHED.items():
        with served(example_sites[audience]) as root_url:
            for width in WIDTHS:
                viewer = Viewer(chromium, width)
                for label, path in pages:
                    viewer.page.goto(root_url + path, wait_until="load")
                    target = SHOTS / f"{audience.replace(':', '-')}-{label}-{width}.png"
                    viewer.page.screenshot(path=str(target), full_page=True)
                    taken.append(target)
                viewer.close()
    assert all(path.stat().st_size > 10_000 for path in taken)
