"""Helpers for the site tests: real `ftgitops build` runs on fixtures and on the example data."""

from __future__ import annotations

import shutil
from pathlib import Path

from gitfixture import commit, init

from ftgitops.main import main

TESTS = Path(__file__).parent
PROJECT_ROOT = TESTS.parent
HOSTILE = TESTS / "fixtures" / "site" / "hostile"
NOW = "2026-11-21T12:00:00+00:00"


def copy_fixture(target: Path, fixture: Path = HOSTILE) -> Path:
    """A private copy of a fixture repository (builds write next to it)."""
    shutil.copytree(fixture, target, ignore=shutil.ignore_patterns("public*"))
    return target


def build(root: Path, *args: str) -> int:
    """Run `ftgitops --root ROOT build ARGS...` in-process, as a user would."""
    return main(["--root", str(root), "build", *args])


def example_config(folder: Path, now: str = NOW) -> Path:
    """An mkdocs.yml that builds the project's example data with a fixed clock."""
    config = folder / "mkdocs.yml"
    config.write_text(
        "site_name: Example status\n"
        "site_url: https://status.fasttrack360.example.com/\n"
        f"docs_dir: {PROJECT_ROOT / 'site'}\n"
        "theme: {name: material, features: [navigation.prune]}\n"
        "plugins:\n"
        "  - search\n"
        "  - ftgitops:\n"
        f"      root: {PROJECT_ROOT}\n"
        f'      now: "{now}"\n',
        encoding="utf-8",
    )
    return config


def read_all(site: Path) -> dict[str, str]:
    """Every text file of a built site, by relative path."""
    return {
        path.relative_to(site).as_posix(): path.read_text(encoding="utf-8", errors="replace")
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.suffix not in (".gz", ".png", ".ico", ".woff2")
    }


CALENDAR = TESTS / "fixtures" / "site" / "calendar"
GIT_DAYS = (
    # (when, author, what happened to CHG-2026-0001 in that commit)
    ("2026-09-01T09:00:00+00:00", "Alice Calendarperson", "draft"),
    ("2026-09-03T09:00:00+00:00", "Alice Calendarperson", "proposed"),
    ("2026-09-10T09:00:00+00:00", "Carol Cabperson", "approved"),
    ("2026-10-07T09:00:00+00:00", "ftgitops deployer", "completed"),
)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def calendar_repo(target: Path) -> Path:
    """The calendar fixture as a git repository with a real history.

    CHG-2026-0001 is committed as a draft on 1 Sep with its window on 5 Oct, proposed on
    3 Sep, approved (and moved to 6 Oct) on 10 Sep, completed on 7 Oct. CHG-2026-0002 is
    committed as scheduled on 1 Sep and completed only in the working tree (the deployer's
    commit is not pushed yet). Everything else is committed once, on 1 Sep, as it is now.
    """
    root = copy_fixture(target, CALENDAR)
    first = root / "changes" / "2026" / "CHG-2026-0001.yaml"
    second = root / "changes" / "2026" / "CHG-2026-0002.yaml"
    replace(first, "2026-10-06T", "2026-10-05T")
    replace(first, "status: completed", "status: draft")
    replace(second, "status: completed", "status: scheduled")
    init(root)
    previous = "draft"
    for when, author, status in GIT_DAYS:
        replace(first, f"status: {previous}", f"status: {status}")
        if status == "approved":
            replace(first, "2026-10-05T", "2026-10-06T")
        commit(root, f"CHG-2026-0001 {status}", when=when, author=author)
        previous = status
    replace(second, "status: scheduled", "status: completed")
    return root
