"""The re-check before every start and every retry: does anything on main now block the
item? Its file's validation errors (load, references, policy, conflicts placed on it) and the
blocking conflicts it is a side of, as they stand on the tree just loaded.

Validation and the conflict engine run once per loaded tree and are kept until the run loads
again (another run or a merge moved main); a target's wave sees only what concerns that wave.
"""

from __future__ import annotations

from datetime import datetime
from functools import cached_property

from ftgitops.codes import Severity
from ftgitops.conflicts import Conflict, describe, find_conflicts
from ftgitops.deploy.targets import Target
from ftgitops.findings import Finding
from ftgitops.load import Loaded
from ftgitops.model import Change, Release
from ftgitops.validate import findings_of


class Simulation:
    """The blocking findings and conflicts of one loaded tree at `now`."""

    def __init__(self, loaded: Loaded, now: datetime) -> None:
        self.loaded = loaded
        self.now = now

    @cached_property
    def _errors(self) -> dict[str, list[Finding]]:
        found: dict[str, list[Finding]] = {}
        for finding in findings_of(self.loaded, self.now).findings:
            if finding.level is Severity.ERROR:
                found.setdefault(finding.file, []).append(finding)
        return found

    @cached_property
    def _conflicts(self) -> list[Conflict]:
        assert self.loaded.model is not None
        found = find_conflicts(self.loaded.model, self.now)
        return [c for c in found if c.severity is Severity.ERROR]

    def blockers(self, item: Change | Release, target: Target) -> list[str]:
        """Why the target must not start now, one sentence each; empty when nothing blocks."""
        reasons = [f.format() for f in self._errors.get(item.path, []) if _concerns(f, target)]
        side = item.id if target.wave is None else f"{item.id} wave {target.wave}"
        for conflict in self._conflicts:
            if conflict.paths[0] != item.path and side in (conflict.first, conflict.second):
                reasons.append(f"{conflict.paths[0]}: error[{conflict.code}]: {describe(conflict)}")
        return reasons


def _concerns(finding: Finding, target: Target) -> bool:
    """Whether a finding on the item's file is about the target (not another wave's)."""
    path = finding.json_path
    if target.wave is None or len(path) < 2 or path[0] != "waves":
        return True
    return path[1] == target.wave - 1
