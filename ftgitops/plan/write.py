"""Writing planned notices and decommission changes: complete files, each under the next
free id, atomically.

Uses the writer of `ftgitops new` (`newitem.write_new`: temp file, then a hard link that never
replaces a file), so two runs at once never share an id. A planned notice has nothing left to
fill in, so `ftgitops validate` passes on it as written.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ftgitops.errors import FtgitopsError
from ftgitops.load import documents as docs
from ftgitops.model import Model, Region, Window
from ftgitops.newitem import ATTEMPTS, MAX_NUMBER, default_title, next_number, wall_clock, write_new
from ftgitops.plan.decommission import Decommission, decommission_file
from ftgitops.plan.maintenance import Planned
from ftgitops.skeleton import Draft, render_planned_maintenance
from ftgitops.timetext import local_range

OWNER_ROLES = ("cab",)


def maintenance_owner(model: Model, region: Region) -> str:
    """The first person (by id) with the CAB role in the region: who keeps the calendar."""
    for person in sorted(model.platform.people.values(), key=lambda p: p.id):
        if region.id in person.regions and any(r in OWNER_ROLES for r in person.roles):
            return person.id
    raise FtgitopsError(f"no person with a cab role in region {region.id} to own its maintenance")


def public_text(model: Model, planned: Planned) -> str:
    """What customers are told: which region, when in its local time, and that all is down."""
    when = local_range(planned.start, planned.end, planned.region.zone)
    who = f"{planned.region.name} customers"
    return (
        f"{model.platform.name} will be unavailable for {who} during the\n"
        f"monthly platform maintenance: {when} ({planned.region.zone} time).\n"
        "Production, UAT and Training environments are affected."
    )


def write_planned(root: Path, model: Model, planned: Planned, now: datetime) -> Path:
    """Write one planned notice under the next free MNT id; return the path written."""
    region, zone = planned.region, planned.region.zone
    local_now = now.astimezone(zone)
    prefix, year = docs.KIND_PREFIXES["maintenance"], local_now.year
    window = Window(planned.start, planned.end, zone)
    owner, text = maintenance_owner(model, region), public_text(model, planned)
    for _attempt in range(ATTEMPTS):
        number = next_number(root, prefix, year)
        if number > MAX_NUMBER:
            raise FtgitopsError(f"no {prefix} id left for {year}: {MAX_NUMBER} are taken")
        item_id = f"{prefix}-{year}-{number:04d}"
        draft = Draft(
            item_id=item_id,
            kind="maintenance",
            path=f"changes/{year}/{item_id}.yaml",
            title=default_title("maintenance", region, window),
            region=region.id,
            zone=str(zone),
            now=local_now.isoformat(timespec="minutes"),
            window_start=wall_clock(planned.start, zone),
            window_end=wall_clock(planned.end, zone),
        )
        if write_new(root / draft.path, render_planned_maintenance(draft, owner, text)):
            return root / draft.path
    raise FtgitopsError(f"could not claim a free {prefix} id in {ATTEMPTS} attempts: try again")


def write_decommission(root: Path, model: Model, plan: Decommission, now: datetime) -> Path:
    """Write one decommission change under the next free CHG id; return the path written."""
    year = now.astimezone(plan.region.zone).year
    for _attempt in range(ATTEMPTS):
        number = next_number(root, "CHG", year)
        if number > MAX_NUMBER:
            raise FtgitopsError(f"no CHG id left for {year}: {MAX_NUMBER} are taken")
        path, text = decommission_file(model, plan, f"CHG-{year}-{number:04d}", now)
        if write_new(root / path, text):
            return root / path
    raise FtgitopsError(f"could not claim a free CHG id in {ATTEMPTS} attempts: try again")
