"""The internal edition's charts in a real browser (Playwright driving Debian's Chromium), at
1280 and 390 px: the change timeline and the report charts are drawn (not text), fill their
column without pushing the page sideways, keep their text readable on a phone, and fetch
nothing. Screenshots go to `public-screenshots/` (git-ignored) for a reviewer to look at.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_test import CHROMIUM, CHROMIUM_ARGS, served
from site_helpers import PROJECT_ROOT, build, example_config

sync_api = pytest.importorskip("playwright.sync_api")
SHOTS = PROJECT_ROOT / "public-screenshots"
WIDTHS = (1280, 390)
PAGES = {"timeline": "calendar/2026-11/", "reports": "reports/"}
# Per chart: its width, and the smallest height its text is drawn at (CSS pixels).
MEASURE = """
() => [...document.querySelectorAll("svg.ft-svg")].map((svg) => ({
  id: svg.id,
  width: svg.getBoundingClientRect().width,
  text: Math.min(...[...svg.querySelectorAll("text")].filter((t) => t.textContent.trim())
    .map((t) => t.getBoundingClientRect().height)),
}))
"""


@pytest.fixture(scope="module")
def internal_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("charts")
    out = folder / "internal"
    config = example_config(folder)
    args = ("--config", str(config), "--output", str(out), "--audience", "internal")
    assert build(PROJECT_ROOT, *args) == 0
    with served(out) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not (shutil.which(CHROMIUM) or Path(CHROMIUM).exists()):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_charts_fit_and_stay_readable(
    browser: Any, internal_url: str, name: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: outside.append(r.url) if "127.0.0.1" not in r.url else None)
    page.goto(internal_url + PAGES[name], wait_until="networkidle")
    for summary in page.locator("details.ft-data > summary").all():
        summary.click()  # open every data table: they must fit too
    charts = page.evaluate(MEASURE)
    column = page.evaluate("document.querySelector('.md-content__inner').clientWidth")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"internal-{name}-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert len(charts) == (1 if name == "timeline" else 6)  # the example data has no conflict
    for chart in charts:
        assert 300 <= chart["width"] <= column, chart
        assert chart["text"] >= 11, chart  # 14 px in a 440-wide viewBox, at least 358 px wide
    assert errors == [] and outside == []
    context.close()
