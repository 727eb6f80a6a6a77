"""Publishing a built site in one atomic step, so a reader never finds a page missing.

The published path (`public`, say) is a symbolic link into a hidden sibling folder of builds:

    public -> .public.builds/site-<random>   the site readers see
    .public.builds/.ftgitops-site            marker: `ftgitops build` made this folder
    .public.builds/.lock                     one build of this output at a time (flock)
    .public.builds/site-<random>/            a build, with its own .ftgitops-site marker

MkDocs writes a new build folder; then a new link is renamed over `public` (`os.replace`,
rename(2), atomic on POSIX): a reader resolves the old site or the new one, never neither.
Web servers (`root public/;`), GitHub's upload-pages-artifact (`tar --dereference --directory`)
and upload-artifact follow the link. The replaced build stays until the next build starts,
so a reader half-way through a path lookup still finds it; the next build removes it and
anything a killed build left. A real folder that an older version published is swapped for
the link in one step where the system can (Linux `renameat2(RENAME_EXCHANGE)`).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

MARKER = ".ftgitops-site"
MARKER_TEXT = "Made by `ftgitops build`: the next build replaces this folder.\n"
LOCK = ".lock"
PUBLISHED_MODE = 0o755
PAUSE_VARIABLE = "FTGITOPS_TEST_PAUSE_AT"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def builds_folder(published: Path) -> Path:
    """The hidden sibling that holds the builds: `.public.builds` for `public`."""
    return published.with_name(f".{published.name}.builds")


def is_our_link(path: Path) -> bool:
    """Whether `path` is a link this module made: `.NAME.builds/<one name>`, relative."""
    if not path.is_symlink():
        return False
    pattern = rf"\.{re.escape(path.name)}\.builds/[^/]+"
    return re.fullmatch(pattern, os.readlink(path)) is not None


def is_marked(folder: Path) -> bool:
    """Whether a real folder carries the marker a build leaves in what it makes."""
    marker = folder / MARKER
    return not folder.is_symlink() and marker.is_file() and not marker.is_symlink()


def mark(folder: Path) -> None:
    """Leave the marker in a folder a build made (once)."""
    marker = folder / MARKER
    if not marker.is_file():
        marker.write_text(MARKER_TEXT, encoding="utf-8")


def publish(published: Path, build: Callable[[Path], object]) -> None:
    """Let `build` fill a new folder beside `published`, then make it the published site.

    The caller has checked that `published` is free or ours (`outputguard`). On any failure
    the new folder is removed and the published site is left as it was.
    """
    builds = builds_folder(published)
    builds.mkdir(parents=True, exist_ok=True)
    mark(builds)
    with _locked(builds):
        clean(published)
        folder = Path(tempfile.mkdtemp(prefix="site-", dir=builds))
        try:
            build(folder)
            pause_point("staged")
            mark(folder)
            folder.chmod(PUBLISHED_MODE)  # mkdtemp makes it private; a site is there to be read
            switch(published, folder)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise


def switch(published: Path, folder: Path) -> None:
    """Point `published` at `folder` (a child of its builds folder) in one rename."""
    builds = builds_folder(published)
    link = builds / f".link-{secrets.token_hex(4)}"
    os.symlink(f"{builds.name}/{folder.name}", link)
    pause_point("linked")
    if published.is_symlink() or not published.exists():
        os.replace(link, published)
    else:
        _replace_folder(published, link)
    pause_point("switched")


def _replace_folder(published: Path, link: Path) -> None:
    """Put `link` where the real folder `published` is; the folder goes into the builds."""
    if _exchange(link, published):
        return  # one step: the old folder now has the link's name, removed at the next build
    aside = builds_folder(published) / f"old-{secrets.token_hex(4)}"
    published.rename(aside)
    pause_point("moved-aside")
    os.replace(link, published)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two names atomically (Linux renameat2); False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError, TypeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    names = (os.fsencode(first), os.fsencode(second))
    if renameat2(_AT_FDCWD, names[0], _AT_FDCWD, names[1], _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), os.fspath(second))


def clean(published: Path) -> None:
    """Remove from the builds folder all but the published build, and an older version's
    `.NAME.new-*`/`.NAME.old-*` leftovers beside it. Call it holding the lock."""
    builds = builds_folder(published)
    current = os.readlink(published).split("/", 1)[1] if is_our_link(published) else None
    for entry in builds.iterdir():
        if entry.name not in (MARKER, LOCK, current):
            _remove(entry)
    legacy = re.compile(rf"\.{re.escape(published.name)}\.(new-[a-z0-9_]{{8}}|old-[0-9]+)")
    for entry in published.parent.iterdir():
        if legacy.fullmatch(entry.name) and entry.is_dir() and not entry.is_symlink():
            _remove(entry)


def _remove(entry: Path) -> None:
    if entry.is_dir() and not entry.is_symlink():
        shutil.rmtree(entry, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            entry.unlink()


@contextlib.contextmanager
def _locked(builds: Path) -> Iterator[None]:
    """Hold the output's lock: a second build of the same output waits for the first. The
    kernel drops it when the process dies, so a killed build never leaves it taken."""
    import fcntl  # POSIX only, like the links: imported here so other commands run anywhere

    with open(builds / LOCK, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def pause_point(name: str) -> None:
    """Test hook: with FTGITOPS_TEST_PAUSE_AT=name the build says so and waits here, for a
    test to kill it at exactly this step. Does nothing otherwise."""
    if os.environ.get(PAUSE_VARIABLE) == name:
        print(f"paused at {name}", file=sys.stderr, flush=True)
        time.sleep(60)
