"""Which output folders a build may replace: never the repository or its data, only its own.

`ftgitops build --output X` replaces X, so X is refused (FT020) when it is the repository or
holds it; is inside, or holds, changes/, tenants/, schemas/, .git, the MkDocs docs_dir or the
MkDocs file; is a file; or is a folder with files that no build made. What a build makes
carries a marker (`publish.MARKER`); a site that an older version built, without the marker,
is known by files only ftgitops writes. Symbolic links are followed before comparing, except
the link that a build itself publishes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from ftgitops import publish
from ftgitops.errors import FtgitopsError

DATA_FOLDERS = (
    ("changes", "the change files"),
    ("tenants", "the tenant files"),
    ("schemas", "the schemas"),
    (".git", "git's own files"),
)
OLD_SITE_FILES = ("index.html", "banner.json", "api/v2/summary.json", "assets/ftgitops.css")
LEGACY_STAGING = re.compile(r"\..+\.(new-[a-z0-9_]{8}|old-[0-9]+)")
BUILDS = re.compile(r"\..+\.builds")
MAX_LINKS = 40


class Place(NamedTuple):
    """A path no output may be in or hold, and how a message names it."""

    path: Path
    label: str


class Protected(NamedTuple):
    """What a build must leave alone: repositories (the output may be inside one) and places
    (the output may be neither inside one nor hold one)."""

    roots: tuple[Path, ...]
    places: tuple[Place, ...]


def protected(roots: Iterable[Path], docs_dir: Path, config_file: Path) -> Protected:
    """The repositories, their data and git folders, the site sources and the MkDocs file."""
    real_roots = tuple(dict.fromkeys(root.resolve() for root in roots))
    places = [Place(config_file.resolve(), f"{config_file.name} (the MkDocs configuration)")]
    places.append(Place(docs_dir.resolve(), f"{docs_dir.name}/ (the MkDocs docs_dir)"))
    for root in real_roots:
        places += [
            Place((root / name).resolve(), f"{name}/ ({what})") for name, what in DATA_FOLDERS
        ]
        places += [Place(folder, ".git/ (git's own files)") for folder in _git_dirs(root)]
    return Protected(real_roots, tuple(places))


def _git_dirs(root: Path) -> list[Path]:
    """The folder a `.git` file points to (a worktree or submodule), if it is one."""
    dot_git = root / ".git"
    if not dot_git.is_file():
        return []
    text = dot_git.read_text(encoding="utf-8", errors="replace").strip()
    if not text.startswith("gitdir:"):
        return []
    return [(root / text.removeprefix("gitdir:").strip()).resolve()]


def checked(output: Path, guard: Protected, *, container: bool = False) -> Path:
    """Where to publish for `--output output`, links followed; FT020 if it is refused.

    `container` is for `--all-tenants`: the folder that holds one folder per tenant.
    """
    published = published_path(output)
    try:
        why = _place_refused(published, guard) or _content_refused(published, container)
    except OSError as error:
        raise FtgitopsError(f"{output}: cannot look into it: {error}") from None
    if why is not None:
        lexical = Path(os.path.abspath(output))
        where = "it is" if published == lexical else f"it leads to {published}, which is"
        raise FtgitopsError(f"{output}: error[FT020]: refused as the output folder: {where} {why}")
    return published


def published_path(output: Path) -> Path:
    """`output` with every symbolic link resolved, but for a link a build published."""
    path = output.absolute()
    try:
        for _ in range(MAX_LINKS):
            path = path.resolve() if path.name == ".." else path.parent.resolve() / path.name
            if not path.is_symlink() or publish.is_our_link(path):
                return path
            path = path.parent / os.readlink(path)
    except (OSError, RuntimeError) as error:  # RuntimeError: a loop, before Python 3.13
        raise FtgitopsError(f"{output}: cannot follow its links: {error}") from None
    raise FtgitopsError(f"{output}: cannot follow its links: more than {MAX_LINKS}")


def _place_refused(path: Path, guard: Protected) -> str | None:
    for folder in (path, *path.parents):
        if BUILDS.fullmatch(folder.name) and publish.is_marked(folder):
            inside = "" if folder == path else "inside "
            return f"{inside}{folder}, where the builds of an output are kept"
    for root in guard.roots:
        if path == root:
            return "the repository"
        if root.is_relative_to(path):
            return f"a folder that holds the repository {root}"
    for place in guard.places:
        if path == place.path:
            return place.label
        if path.is_relative_to(place.path):
            return f"inside {place.label}"
        if place.path.is_relative_to(path):
            return f"a folder that holds {place.label}"
    return None


def _content_refused(path: Path, container: bool) -> str | None:
    if publish.is_our_link(path):
        if container:
            return "the link to one edition, not a folder of editions"
    elif path.exists() and not path.is_dir():
        return "a file, not a folder"
    elif path.is_dir() and not _made_by_a_build(path, container):
        return f"a folder with files that no build made (no {publish.MARKER} in it): " + (
            "empty it or choose another --output"
        )
    return None if container else _builds_refused(publish.builds_folder(path))


def _builds_refused(builds: Path) -> str | None:
    """The hidden folder beside the output that the build cleans: a build's own, or none."""
    if not builds.is_symlink() and not builds.exists():
        return None
    if builds.is_symlink() or not builds.is_dir() or not _made_by_a_build(builds, False):
        return f"beside {builds.name}, which no build made (no {publish.MARKER} in it)"
    return None


def _made_by_a_build(folder: Path, container: bool) -> bool:
    """Empty, marked, or (without a marker) what an older version of the build made."""
    if publish.is_marked(folder) or not any(folder.iterdir()):
        return True
    if container:
        return all(_tenant_entry(entry) for entry in folder.iterdir())
    return all((folder / name).is_file() for name in OLD_SITE_FILES)


def _tenant_entry(entry: Path) -> bool:
    """An entry of a folder of tenant editions that a build (old or new) made."""
    if entry.name == publish.MARKER or publish.is_our_link(entry):
        return True
    if entry.is_symlink() or not entry.is_dir():
        return False
    return bool(LEGACY_STAGING.fullmatch(entry.name)) or _made_by_a_build(entry, False)
