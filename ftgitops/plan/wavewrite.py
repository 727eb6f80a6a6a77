"""Writing a release plan's waves into the release file: a ruamel.yaml round trip that keeps
every comment and the layout (`yamledit`), replacing the file atomically.

Waves already started stay byte for byte; only the waves after them are replaced. The waves
of an approved, scheduled or in-progress release have been announced, so replacing them
takes `--replace`; a draft's or a proposed release's are the planner's to redo.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ftgitops.atomic import write_text
from ftgitops.errors import FtgitopsError
from ftgitops.newitem import wall_clock
from ftgitops.plan.release import PlannedWave, ReleasePlan
from ftgitops.yamledit import edit_text, node

ANNOUNCED = frozenset({"approved", "scheduled", "in-progress"})


def wave_mapping(planned: PlannedWave, release_status: str) -> CommentedMap:
    """One new wave as the file holds it: lists inline, the window in the region's wall time
    (the wave's zone by default), `downtime` and `status` only where the default is wrong."""
    wave = planned.wave
    zone = wave.window.zone
    mapping = CommentedMap()
    mapping["name"] = wave.name
    mapping["region"] = wave.region
    mapping["groups"] = _inline(list(wave.groups))
    mapping["environments"] = _inline(list(wave.environments))
    if not wave.downtime:
        mapping["downtime"] = False
    if wave.status != release_status:
        mapping["status"] = wave.status
    mapping["window"] = node(
        {"start": wall_clock(wave.window.start, zone), "end": wall_clock(wave.window.end, zone)}
    )
    return mapping


def _inline(values: list[Any]) -> CommentedSeq:
    sequence = CommentedSeq(values)
    sequence.fa.set_flow_style()
    return sequence


def write_waves(root: Path, plan: ReleasePlan, replace: bool) -> bool:
    """Write the plan's new waves after the kept ones; False when the file already says so."""
    release = plan.release
    path = root / release.path
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise FtgitopsError(f"cannot read {path}: {error.strerror or error}") from None
    fresh = [wave_mapping(w, release.status) for w in plan.waves if not w.kept]

    def edit(data: CommentedMap) -> None:
        waves = data["waves"]
        for index in range(plan.kept, len(waves)):
            waves.ca.items.pop(index, None)
        del waves[plan.kept :]
        waves.extend(fresh)

    edited = edit_text(text, edit, str(path))
    if edited == text:
        return False
    unstarted = len(release.waves) - plan.kept
    if release.status in ANNOUNCED and unstarted and not replace:
        raise FtgitopsError(
            f"{release.id} is {release.status} and {unstarted} of its waves have not started: "
            "customers may have been told of them; --replace replaces them (started waves "
            "are kept)"
        )
    write_text(path, edited)
    return True
