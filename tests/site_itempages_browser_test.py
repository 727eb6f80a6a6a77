"""The permanent item pages and the internal home in a real browser, at 1280 and 390 px: no
horizontal overflow, no console error; screenshots go to `public-screenshots/` (git-ignored)
for a reviewer to look at."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser_test import _open, chromium, served  # noqa: F401 (`chromium`: the fixture)
from site_helpers import CALENDAR, PROJECT_ROOT, build, copy_fixture, example_config, replace

sync_api = pytest.importorskip("playwright.sync_api")
SHOTS = PROJECT_ROOT / "public-screenshots"
WIDTHS = (1280, 390)
PAGES = {
    "incident": "example/incidents/inc-2026-0001/",
    "maintenance-window": "example/maintenance/mnt-2026-0001/",
    "release-wave": "example/maintenance/rel-2026-0005-uk-production-group-2/",
    "change-record": "example/changes/rel-2026-0005/",
}


@pytest.fixture(scope="module")
def internal_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example data's internal edition under `example/`, and the calendar fixture's at
    21:00 on 1 Dec (work in progress, due today, conflicts) under `calendar-fixture/`."""
    folder = tmp_path_factory.mktemp("itembrowser")
    out = folder / "site"
    config = example_config(folder)
    replace(config, "theme: {name: material,", "theme: {name: material, font: false,")  # own files
    args = ("--config", str(config), "--audience", "internal", "--output", str(out / "example"))
    assert build(PROJECT_ROOT, *args) == 0
    root = copy_fixture(folder / "repo", CALENDAR)
    replace(root / "mkdocs.yml", "2026-11-21T12:00:00+00:00", "2026-12-01T21:00:00+00:00")
    assert build(root, "--audience", "internal", "--output", str(out / "calendar-fixture")) == 0
    with served(out) as url:
        yield url


def overflow(page: sync_api.Page) -> int:
    """How many pixels the document is wider than the viewport."""
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


@pytest.mark.parametrize("width", WIDTHS)
def test_item_pages_and_the_internal_home_fit_and_load_cleanly(
    chromium: sync_api.Browser,  # noqa: F811 (the fixture imported above)
    internal_url: str,
    width: int,
) -> None:
    SHOTS.mkdir(exist_ok=True)
    for label, path in {**PAGES, "internal-home": "calendar-fixture/"}.items():
        page, errors, dialogs = _open(chromium, internal_url + path)
        page.set_viewport_size({"width": width, "height": 900})
        assert errors == [] and dialogs == [], (path, errors, dialogs)
        assert overflow(page) <= 0, (path, width)
        assert page.locator("h1").count() == 1, path
        page.screenshot(path=str(SHOTS / f"{label}-{width}.png"), full_page=True)
        page.context.close()
