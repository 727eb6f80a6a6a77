"""The status site in a real browser (Playwright driving Debian's Chromium).

Checks what only a browser can: the page loads with no console error, the banner and a
component show the state the data implies, a script payload in an incident title is shown as
text and never runs, and, with a payload in every name and free text (`payloads.py`), every
page of every edition can be hovered, focused and clicked all over without a script of the
data running, a Content-Security-Policy violation or a request to another host.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from payloads import build_editions
from site_helpers import build, copy_fixture

CHROMIUM = os.environ.get("FTGITOPS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

sync_api = pytest.importorskip("playwright.sync_api")
Browser = sync_api.Browser
Page = sync_api.Page


def _require_chromium() -> None:
    """Locally a missing browser skips; in CI (.ci/run installs it) it is a failure."""
    if shutil.which(CHROMIUM) or Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"Chromium not found at {CHROMIUM}; .ci/run should have installed it")
    pytest.skip(f"Chromium not found at {CHROMIUM}")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output to what matters."""


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """The folder served over HTTP on 127.0.0.1; yields its root URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The hostile fixture's public edition, built for real and served on 127.0.0.1."""
    root = copy_fixture(tmp_path_factory.mktemp("browser") / "repo")
    assert build(root) == 0
    with served(root / "public") as url:
        yield url


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    _require_chromium()
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _open(
    chromium: Browser, url: str, *, javascript: bool = True
) -> tuple[Page, list[str], list[str]]:
    context = chromium.new_context(java_script_enabled=javascript)
    page = context.new_page()
    errors: list[str] = []
    dialogs: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url, wait_until="networkidle")
    return page, errors, dialogs


def test_status_page_loads_without_console_errors(chromium: Browser, site_url: str) -> None:
    page, errors, _ = _open(chromium, site_url)
    assert page.title().startswith("Hostile fixture")
    assert errors == []


def test_banner_and_component_show_the_active_incident(chromium: Browser, site_url: str) -> None:
    page, _, _ = _open(chromium, site_url)
    banner = page.locator("#overall-status")
    assert banner.get_attribute("data-state") == "partial-outage"
    assert "Partial outage" in banner.inner_text()
    api = page.locator("#component-apac-api")
    assert api.get_attribute("data-state") == "partial-outage"
    states = {
        component: page.locator(f"#component-{component}").get_attribute("data-state")
        for component in ("uk-web", "uk-database", "apac-web")
    }
    # uk-web is in a maintenance window; apac-web's major outage is a security incident,
    # which never reaches the public page, so the banner stays at partial outage.
    assert states == {
        "uk-web": "under-maintenance",
        "uk-database": "operational",
        "apac-web": "operational",
    }


def test_status_is_readable_with_javascript_off(chromium: Browser, site_url: str) -> None:
    page, _, _ = _open(chromium, site_url, javascript=False)
    banner = page.locator("#overall-status")
    assert banner.is_visible()
    assert banner.get_attribute("data-state") == "partial-outage"


def test_script_in_an_incident_title_is_text_and_never_runs(
    chromium: Browser, site_url: str
) -> None:
    page, errors, dialogs = _open(chromium, site_url + "incidents/")
    body = page.inner_text("body")
    assert "<script>alert('x')</script>" in body
    assert "<img src=x onerror=alert(1)>" in body
    assert page.locator("script:text('alert')").count() == 0
    assert dialogs == []
    assert errors == []


def test_uptime_bars_lie_in_a_row_with_a_text_for_every_day(
    chromium: Browser, site_url: str
) -> None:
    page, errors, _ = _open(chromium, site_url + "history/")
    bar = page.locator("ol.ft-bar").first
    days = bar.locator("li")
    assert days.count() == 90
    first, second = days.nth(0).bounding_box(), days.nth(1).bounding_box()
    assert first is not None and second is not None
    assert first["y"] == second["y"] and second["x"] > first["x"]  # side by side, not a list
    assert first["height"] < 60
    # The day's text is there for screen readers (not only a hover title), but not drawn.
    label = days.nth(0).locator(".ft-sr")
    assert label.inner_text().endswith(("no incidents", "outage", "degraded"))
    box = label.bounding_box()
    assert box is not None and box["width"] <= 1
    assert errors == []


# --- payloads in every name and free text, every page of every edition ------------------

# Recorded before any page script runs: every CSP violation the browser reports.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
}, true);
"""
# Hover, focus and click every element of the page (links only when their target is a
# script: others would leave the page), then report what could still carry a script.
TOUCH_EVERYTHING = """
() => {
  const isScript = (value) => /^\\s*(javascript|data|vbscript):/i.test(value || "");
  const keep = (event) => {
    const link = event.target.closest && event.target.closest("a[href], area[href]");
    if (link && !isScript(link.getAttribute("href"))) event.preventDefault();
  };
  document.addEventListener("click", keep, true);
  document.addEventListener("submit", (event) => event.preventDefault(), true);
  const all = Array.from(document.querySelectorAll("body *"));
  const mouse = ["pointerover", "pointerenter", "mouseover", "mouseenter", "mousemove",
                 "mousedown", "mouseup", "dblclick", "contextmenu"];
  for (const element of all) {
    for (const type of mouse) element.dispatchEvent(new MouseEvent(type, {bubbles: true}));
    if (element.focus) element.focus();
    element.dispatchEvent(new FocusEvent("focusin", {bubbles: true}));
    if (element.click) element.click();
    element.dispatchEvent(new FocusEvent("focusout", {bubbles: true}));
  }
  const handlers = [];
  const links = [];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith("on") || attribute.name === "autofocus")
        handlers.push(`${element.tagName} ${attribute.name}`);
      if (["href", "src", "action", "formaction", "data"].includes(attribute.name)
          && isScript(attribute.value))
        links.push(`${element.tagName} ${attribute.name}=${attribute.value}`);
    }
  }
  return {touched: all.length, handlers, links};
}
"""


class Visit:
    """What one browser context saw: dialogs, errors, CSP violations, requests elsewhere."""

    def __init__(self, chromium: Browser) -> None:
        self.context = chromium.new_context()
        self.context.add_init_script(WATCH_VIOLATIONS)
        self.context.route("**/*", self.route)
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else 0)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("popup", lambda popup: self.outside.append(f"popup {popup.url}"))

    def route(self, route: Any) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def touch(self, url: str) -> dict[str, Any]:
        """Open the page, touch everything on it, and say what could carry a script."""
        self.page.goto(url, wait_until="load")
        found: dict[str, Any] = self.page.evaluate(TOUCH_EVERYTHING)
        self.page.wait_for_timeout(50)  # a handler fired asynchronously would show by now
        found["violations"] = self.page.evaluate("window.__violations")
        return found


def page_urls(site: Path, root_url: str) -> list[str]:
    """The URL of every HTML page of a built site."""
    urls = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        urls.append(root_url + relative.removesuffix("index.html"))
    return urls


@pytest.fixture(scope="module")
def payload_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_editions(tmp_path_factory.mktemp("browser-payloads"))


@pytest.mark.parametrize("audience", ["public", "internal", "tenant:zebra-secret"])
def test_no_payload_runs_on_any_page_however_it_is_touched(
    chromium: Browser, payload_sites: dict[str, Path], audience: str
) -> None:
    site = payload_sites[audience]
    visit = Visit(chromium)
    with served(site) as root_url:
        urls = page_urls(site, root_url)
        assert len(urls) > 8
        for url in urls:
            found = visit.touch(url)
            assert found["touched"] > 50, url
            assert found["handlers"] == [] and found["links"] == [], (url, found)
            assert found["violations"] == [], url
    visit.context.close()
    assert visit.dialogs == []
    assert visit.outside == []
    assert visit.errors == []


def test_search_finds_the_payloads_as_text_and_runs_none(
    chromium: Browser, payload_sites: dict[str, Path]
) -> None:
    visit = Visit(chromium)
    with served(payload_sites["public"]) as root_url:
        visit.page.goto(root_url, wait_until="networkidle")
        query = visit.page.locator("input[data-md-component=search-query]")
        query.click()
        results = visit.page.locator(".md-search-result__item")
        for _ in range(10):  # the search worker may still be loading its index: ask again
            query.fill("")
            query.press_sequentially("onerror")
            try:
                results.first.wait_for(timeout=3000)
                break
            except sync_api.TimeoutError:
                continue
        assert "<img src=x onerror=alert('img')>" in results.first.inner_text()
        found = visit.page.evaluate(TOUCH_EVERYTHING)
        assert found["handlers"] == [] and found["links"] == []
        assert visit.page.evaluate("window.__violations") == []
    visit.context.close()
    assert visit.dialogs == [] and visit.errors == [] and visit.outside == []
