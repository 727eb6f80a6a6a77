"""Creating a new item file: the next free id, a sensible window, a write that never overwrites.

Two people (or two CI jobs) may run `ftgitops new` at once: the file is written to a temp file
and hard-linked to its final name, which fails if the name is taken, so each run gets its own
id and no file is ever replaced.
"""

from __future__ import annotations

import os
import re
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

from ftgitops.errors import FtgitopsError
from ftgitops.load import documents as docs
from ftgitops.load import load_directory
from ftgitops.model import Platform, Region, Window
from ftgitops.skeleton import Draft, render
from ftgitops.timeutil import TimeProblem, place_local

MAX_NUMBER = 9999
ATTEMPTS = 50
FALLBACK_START_HOUR = 22
FALLBACK_MINUTES = 120
SLOT_KINDS = {"maintenance": "maintenance", "release": "upgrade"}
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


def load_platform(root: Path) -> Platform:
    """The platform record, or a usage error when ftgitops.yaml is missing or invalid."""
    return load_directory(root, platform_only=True).platform_model().platform


def region_of(platform: Platform, region_id: str | None) -> Region:
    """The named region, or the platform's first."""
    if region_id is None:
        return next(iter(platform.regions.values()))
    if region_id not in platform.regions:
        known = ", ".join(platform.regions)
        raise FtgitopsError(f"unknown region {region_id!r}: it must be one of {known}")
    return platform.regions[region_id]


def next_slot(region: Region, slot_kind: str, earliest: datetime) -> Window | None:
    """The region's first slot of that kind at or after `earliest`, a naive time on the
    region's wall clock (notice is counted on it, see `policy`), if the region has one."""
    slot = next((s for s in region.slots if s.kind == slot_kind), None)
    if slot is None:
        return None
    first_day = datetime.combine(earliest.date().replace(day=1), slot.start)
    rule = rrulestr(slot.rrule, dtstart=first_day)
    for naive in rule.xafter(earliest, count=ATTEMPTS, inc=True):
        try:
            start = place_local(naive, region.zone)
        except TimeProblem:
            continue  # skipped or repeated at a daylight-saving change: take the next
        return Window(start, start + timedelta(minutes=slot.minutes), region.zone)
    return None


def window_for(kind: str, region: Region, now: datetime, notice_days: int) -> Window:
    """A window the notice policy accepts: the region's next slot for the kind once the notice
    period is over, or else an evening `notice_days + 1` days from now."""
    local_now = now.astimezone(region.zone).replace(tzinfo=None)
    slot_kind = SLOT_KINDS.get(kind)
    earliest = local_now + timedelta(days=notice_days)
    window = next_slot(region, slot_kind, earliest) if slot_kind else None
    if window is not None:
        return window
    day = (local_now + timedelta(days=notice_days + 1)).date()
    start = datetime(day.year, day.month, day.day, FALLBACK_START_HOUR, tzinfo=region.zone)
    return Window(start, start + timedelta(minutes=FALLBACK_MINUTES), region.zone)


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
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
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


def aware(now: datetime, zone: ZoneInfo) -> datetime:
    """`now` with a zone: a naive time is read as the region's local time."""
    if now.tzinfo is not None:
        return now
    try:
        return place_local(now, zone)
    except TimeProblem as problem:
        raise FtgitopsError(f"--now: {problem.message}") from None


def create(
    root: Path, kind: str, now: datetime, title: str | None = None, region_id: str | None = None
) -> Path:
    """Write a new skeleton of `kind` under the next free id; return the path written."""
    platform = load_platform(root)
    region = region_of(platform, region_id)
    local_now = aware(now, region.zone).astimezone(region.zone)
    window = window_for(kind, region, local_now, platform.policies.notice_days)
    prefix, year = docs.KIND_PREFIXES[kind], local_now.year
    for _attempt in range(ATTEMPTS):
        number = next_number(root, prefix, year)
        if number > MAX_NUMBER:
            raise FtgitopsError(f"no {prefix} id left for {year}: {MAX_NUMBER} are taken")
        item_id = f"{prefix}-{year}-{number:04d}"
        relative = f"changes/{year}/{item_id}.yaml"
        draft = Draft(
            item_id=item_id,
            kind=kind,
            path=relative,
            title=title or default_title(kind, region, window),
            region=region.id,
            zone=str(region.zone),
            now=local_now.isoformat(timespec="minutes"),
            window_start=wall_clock(window.start, region.zone),
            window_end=wall_clock(window.end, region.zone),
        )
        if write_new(root / relative, render(draft)):
            return root / relative
    raise FtgitopsError(f"could not claim a free {prefix} id in {ATTEMPTS} attempts: try again")
