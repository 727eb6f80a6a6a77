"""Lifecycle rules between the base and the head of a pull request: what an edit may not do.

The record of a change is evidence for audits, so a pull request may move an item forward
through its lifecycle but not rewrite its history. From DESIGN.md's lifecycle:

Changes and releases: `draft > proposed > approved > scheduled > in-progress > completed |
failed | rolled-back`, and `cancelled` from any state that has not ended.

| from        | allowed to                                                        |
| ----------- | ----------------------------------------------------------------- |
| draft       | proposed, cancelled                                               |
| proposed    | approved, cancelled                                               |
| approved    | scheduled, in-progress, cancelled                                 |
| scheduled   | in-progress, completed, failed, rolled-back, cancelled            |
| in-progress | completed, failed, rolled-back                                    |
| ended       | nothing (completed, failed, rolled-back, cancelled)               |

Maintenance notices: `draft > scheduled > in-progress > completed`, `cancelled` from any state
that has not ended; a scheduled window may be recorded as completed in one step.

- FT501: an ended item is edited. Only `problems` and `related` may still be added (incidents
  found later); anything else is history. Equal parsed data (a comment or layout edit) passes.
- FT502: a published notice (any status but draft) is deleted: cancel it instead.
- FT503: a status moves backwards (for example scheduled to proposed).
- FT504: a status skips a step (for example draft to completed, proposed to scheduled).
- FT505: an item's id changes (edited in place, or renamed to another id).
- FT506: a change or release that reached approval is deleted: cancel it instead.

What a new file may start as, and what a file may record once its window is over, is
`recording`'s (FT507, FT508). Incidents and tenants have no lifecycle rule here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ftgitops.findings import Finding
from ftgitops.gitrepo import FileChange
from ftgitops.load.documents import Document
from ftgitops.model import ENDED

WORK_ORDER = ("draft", "proposed", "approved", "scheduled", "in-progress", "completed")
WORK_ALLOWED: Mapping[str, frozenset[str]] = {
    "draft": frozenset({"proposed", "cancelled"}),
    "proposed": frozenset({"approved", "cancelled"}),
    "approved": frozenset({"scheduled", "in-progress", "cancelled"}),
    "scheduled": frozenset({"in-progress", "completed", "failed", "rolled-back", "cancelled"}),
    "in-progress": frozenset({"completed", "failed", "rolled-back"}),
}
NOTICE_ORDER = ("draft", "scheduled", "in-progress", "completed")
NOTICE_ALLOWED: Mapping[str, frozenset[str]] = {
    "draft": frozenset({"scheduled", "cancelled"}),
    "scheduled": frozenset({"in-progress", "completed", "cancelled"}),
    "in-progress": frozenset({"completed", "cancelled"}),
}
ADDABLE_AFTER_END = frozenset({"problems", "related"})
LIFECYCLE_KINDS = ("change", "release", "maintenance")


def check_transitions(
    change: FileChange, before: Document | None, after: Document | None
) -> list[Finding]:
    """The lifecycle findings for one changed file, given its base and head documents."""
    if before is None or before.kind not in LIFECYCLE_KINDS:
        return []
    if change.status == "deleted" or after is None:
        return list(_deleted(before)) if change.status == "deleted" else []
    findings = list(_id_changed(before, after))
    if after.kind == before.kind:
        findings.extend(_status_moves(before, after))
    return findings


def _deleted(before: Document) -> Iterator[Finding]:
    status, item_id = before.data.get("status"), before.data.get("id")
    if before.kind == "maintenance" and status != "draft":
        message = (
            f"{item_id} is a published maintenance notice ({status}) and cannot be deleted: "
            "customers have seen it; set `status: cancelled` instead"
        )
        yield Finding("FT502", message, before.path, line=1, column=1)
    elif before.kind != "maintenance" and status not in ("draft", "proposed"):
        message = (
            f"{item_id} is {status} and cannot be deleted: it is part of the change record; "
            "set `status: cancelled` instead"
        )
        yield Finding("FT506", message, before.path, line=1, column=1)


def _id_changed(before: Document, after: Document) -> Iterator[Finding]:
    old, new = before.data.get("id"), after.data.get("id")
    if old != new:
        message = (
            f"the id changed from {old} to {new}: an id is permanent once merged "
            "(links, feeds and calendars use it); restore it and add a new file for new work"
        )
        yield Finding("FT505", message, after.path, ("id",))


def _status_moves(before: Document, after: Document) -> Iterator[Finding]:
    old, new = str(before.data.get("status")), str(after.data.get("status"))
    item_id = after.data.get("id")
    if old in ENDED:
        yield from _ended_edit(before, after)
        return
    if old == new:
        return
    order, allowed = _rules(after.kind)
    if new not in allowed.get(old, frozenset()):
        backwards = new in order and old in order and order.index(new) < order.index(old)
        code = "FT503" if backwards else "FT504"
        what = "moves backwards" if backwards else "skips a step"
        steps = ", ".join(sorted(allowed.get(old, ()))) or "nothing"
        message = f"{item_id}: status {what} from {old} to {new}; from {old} it may go to {steps}"
        yield Finding(code, message, after.path, ("status",))


def _rules(kind: str) -> tuple[tuple[str, ...], Mapping[str, frozenset[str]]]:
    if kind == "maintenance":
        return NOTICE_ORDER, NOTICE_ALLOWED
    return WORK_ORDER, WORK_ALLOWED


def _ended_edit(before: Document, after: Document) -> Iterator[Finding]:
    edited = _edited_fields(before.data, after.data) - ADDABLE_AFTER_END
    if not edited:
        return
    fields = ", ".join(sorted(edited))
    message = (
        f"{before.data.get('id')} is {before.data.get('status')}: its record is history and "
        f"cannot be edited (changed: {fields}); only problems and related may be added; "
        "open a new change for new work"
    )
    first = "status" if "status" in edited else sorted(edited)[0]
    yield Finding("FT501", message, after.path, (first,))


def _edited_fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> set[str]:
    return {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}
