"""Creating a new item file: the next free id, a free window, a write that never overwrites.

Two people (or two CI jobs) may run `ftgitops new` at once: the file is written to a temp file
and hard-linked to its final name, which fails if the name is taken, so each run gets its own
id and no file is ever replaced.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo

from ftgitops.atomic import create_temp
from ftgitops.errors import FtgitopsError
from ftgitops.freewindow import free_window
from ftgitops.load import documents as docs
from ftgitops.load import load_directory
from ftgitops.load.itembuild import Expander
from ftgitops.load.pipeline import build_fresh
from ftgitops.model import AnyItem, Model, Platform, Region, Window
from ftgitops.skeleton import Draft, render
from ftgitops.timeutil import TimeProblem, place_local

MAX_NUMBER = 9999
ATTEMPTS = 50
_ITEM_FILE = re.compile(r"^(CHG|REL|MNT|INC)-([0-9]{4})-([0-9]{4})\.ya?ml$")


def used_numbers(root: Path, prefix: str, year: int) -> set[int]:
    """Numbers taken for a prefix and year, by any file under changes/ (whatever its folder)."""
    taken: set[int] = set()
    for _directory, _dirnames, filenames in os.walk(root / "changes"):
        for name in filenames:
            match = _ITEM_FILE.match(name)
            if match and match[1] == prefix and int(match[2]) == year:
                taken.add(int(match[3]))
    return taken


def next_number(root: Path, prefix: str, year: int) -> int:
    """One past the highest number taken: a gap is never reused, its id may be cited."""
    return max(used_numbers(root, prefix, year), default=0) + 1


def region_of(platform: Platform, region_id: str | None) -> Region:
    """The named region, or the platform's first."""
    if region_id is None:
        return next(iter(platform.regions.values()))
    if region_id not in platform.regions:
        known = ", ".join(platform.regions)
        raise FtgitopsError(f"unknown region {region_id!r}: it must be one of {known}")
    return platform.regions[region_id]


def wall_clock(moment: datetime, zone: ZoneInfo) -> str:
    """Local time as written in a file; with its offset only when the local time is ambiguous."""
    local = moment.astimezone(zone)
    naive = local.replace(tzinfo=None)
    try:
        if place_local(naive, zone) == local:
            return naive.isoformat(timespec="minutes")
    except TimeProblem:
        pass
    return local.isoformat(timespec="minutes")


def write_new(target: Path, text: str) -> bool:
    """Write `text` to `target` unless it exists (True if written); never a partial file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = create_temp(target)  # a new file's mode: 0644 under the usual umask
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.link(temp, target)
    except FileExistsError:
        return False
    finally:
        os.unlink(temp)
    return True


def default_title(kind: str, region: Region, window: Window) -> str | None:
    """A maintenance notice's title is known: the region and the month of its window."""
    if kind != "maintenance":
        return None
    return f"{region.name} maintenance ({window.start.astimezone(region.zone):%B %Y})"


def create(
    root: Path, kind: str, now: datetime, title: str | None = None, region_id: str | None = None
) -> Path:
    """Write a new skeleton of `kind` under the next free id; return the path written."""
    model = load_directory(root).platform_model()
    region = region_of(model.platform, region_id)
    local_now = now.astimezone(region.zone)
    prefix, year = docs.KIND_PREFIXES[kind], local_now.year
    making = Making(kind, region, local_now, title)
    window = free_window(kind, region, model, now, lambda w: making.item(model, w, prefix, year))
    for _attempt in range(ATTEMPTS):
        number = next_number(root, prefix, year)
        if number > MAX_NUMBER:
            raise FtgitopsError(f"no {prefix} id left for {year}: {MAX_NUMBER} are taken")
        draft = making.draft(f"{prefix}-{year}-{number:04d}", window)
        if write_new(root / draft.path, render(draft)):
            return root / draft.path
    raise FtgitopsError(f"could not claim a free {prefix} id in {ATTEMPTS} attempts: try again")


class Making(NamedTuple):
    """What a new item is made of before its id and window are known."""

    kind: str
    region: Region
    local_now: datetime
    title: str | None

    def draft(self, item_id: str, window: Window) -> Draft:
        zone = self.region.zone
        return Draft(
            item_id=item_id,
            kind=self.kind,
            path=f"changes/{item_id[4:8]}/{item_id}.yaml",
            title=self.title or default_title(self.kind, self.region, window),
            region=self.region.id,
            zone=str(zone),
            now=self.local_now.isoformat(timespec="minutes"),
            window_start=wall_clock(window.start, zone),
            window_end=wall_clock(window.end, zone),
        )

    def item(self, model: Model, window: Window, prefix: str, year: int) -> AnyItem | None:
        """The item the skeleton would load as, with a stand-in id, to check its window."""
        draft = self.draft(f"{prefix}-{year}-{MAX_NUMBER + 1}", window)
        document, _ = docs.parse(draft.path, render(draft).encode("utf-8"))
        if document is None:
            return None
        item, _ = build_fresh(document, Expander(model.platform, model.tenants))
        return item
