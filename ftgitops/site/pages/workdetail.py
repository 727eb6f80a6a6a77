"""One change, release or maintenance notice in full, for the internal edition.

Every field is shown (the file as written, confidential ones included: this edition is
internal), with the assessed risk, its conflicts and its history from git: each commit that
touched the file, when, who, and what it changed in status or window.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from ftgitops.model import Change, Maintenance, Release
from ftgitops.site import timefmt
from ftgitops.site.context import SiteContext
from ftgitops.site.githistory import Revision
from ftgitops.site.pages.common import heading
from ftgitops.site.review import Review
from ftgitops.site.text import inline

Scheduled = Change | Release | Maintenance
BACKTICKS = re.compile(r"`+")


def plain(data: Any) -> Any:
    """The raw mapping as plain dicts and lists, for `yaml.safe_dump`."""
    if isinstance(data, Mapping):
        return {str(key): plain(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [plain(value) for value in data]
    return data


def all_fields(item: Scheduled) -> str:
    """The file's fields as a YAML code block (a fence longer than any run of backticks)."""
    text = yaml.dump(
        plain(item.raw), Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=100
    )
    longest = max((len(run) for run in BACKTICKS.findall(text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence} yaml\n{text.rstrip()}\n{fence}"


def people(ctx: SiteContext, ids: Sequence[str]) -> str:
    known = ctx.model.platform.people
    return ", ".join(inline(known[p].name) if p in known else inline(p) for p in ids) or "none"


def windows(item: Scheduled, ctx: SiteContext) -> list[str]:
    """`When:` lines: the window, or each wave's, in local time and UTC."""
    if isinstance(item, Release):
        return [
            f"- {inline(w.name)} ({ctx.region_names((w.region,))}, groups "
            f"{', '.join(str(g) for g in w.groups)}): "
            f"{timefmt.span(w.window.start, w.window.end, ctx.zones((w.region,), w.window.zone))}"
            for w in item.waves
        ]
    if item.window is None:
        return ["- not scheduled"]
    regions = item.targets.regions if item.targets else ()
    zones = ctx.zones(regions, item.window.zone)
    return [f"- {timefmt.span(item.window.start, item.window.end, zones)}"]


def summary(item: Scheduled, ctx: SiteContext) -> list[str]:
    lines = [f"{item.kind.capitalize()} · **{item.status}** · {item.id} · `{item.path}`", ""]
    if isinstance(item, Change):
        lines.append(f"Category: {item.category} · Type: {item.type}  ")
    if isinstance(item, Release):
        lines.append(f"Release type: {item.release_type} · Version: {inline(item.version)}  ")
    lines.append(f"Owner: {people(ctx, (item.owner,) if item.owner else ())}  ")
    if isinstance(item, Change | Release):
        lines.append(f"Implementers: {people(ctx, item.implementers)}  ")
    targets = getattr(item, "targets", None)
    if targets is not None:
        lines.append(
            f"Targets: {ctx.region_names(targets.regions)}; "
            f"{ctx.service_names(targets.services) or 'no service'}; "
            f"{', '.join(targets.environments)}; {len(targets.tenants)} tenants  "
        )
    return [*lines, "", "**When**", "", *windows(item, ctx), ""]


def risk_lines(item: Scheduled, found: Review) -> list[str]:
    assessment = found.risk.get(item.id)
    if assessment is None:
        return []
    reasons = [f"- {inline(reason)}" for reason in assessment.reasons]
    approvals = ", ".join(assessment.approvals) or "none"
    return [
        f"**Risk: {assessment.level}** (score {assessment.score}, declared "
        f"{assessment.declared}); approvals needed: {approvals}",
        "",
        *reasons,
        "",
    ]


def conflict_lines(item: Scheduled, found: Review) -> list[str]:
    mine = found.conflicts_of(item.id)
    if not mine:
        return ["**Conflicts:** none", ""]
    rows = [f"- {c.severity.value} {c.code} ({c.kind}): {inline(c.message)}" for c in mine]
    return [f"**Conflicts: {len(mine)}**", "", *rows, ""]


def changed(before: Revision | None, after: Revision) -> str:
    """What a commit changed in status or window, in words."""
    if before is None:
        return f"created: status {after.status or 'unreadable'}; window {after.window or 'none'}"
    said = []
    if before.status != after.status:
        said.append(f"status {before.status} → {after.status}")
    if before.window != after.window:
        said.append(f"window {before.window or 'none'} → {after.window or 'none'}")
    return "; ".join(said) or "other fields"


def history_table(revisions: Sequence[Revision]) -> list[str]:
    """Each commit that touched the file, oldest first."""
    if not revisions:
        return ["No commits yet: the file is not in git history.", ""]
    rows = ["| When | Who | Commit | What changed |", "| --- | --- | --- | --- |"]
    previous: Revision | None = None
    for revision in revisions:
        rows.append(
            f"| {timefmt.when(revision.at, [])} | {inline(revision.author)} | "
            f"`{revision.sha[:10]}` | {inline(changed(previous, revision))} |"
        )
        previous = revision
    return [*rows, ""]


def detail_block(item: Scheduled, ctx: SiteContext, found: Review) -> str:
    """The item's heading (its anchor), summary, risk, conflicts, fields and history."""
    lines = [heading(3, item.title, item.id), "", *summary(item, ctx)]
    lines += risk_lines(item, found) + conflict_lines(item, found)
    lines += ["**History**", "", *history_table(ctx.revisions.get(item.path, ()))]
    lines += ["**All fields**", "", all_fields(item), ""]
    return "\n".join(lines)
