"""The pull-request check: from base and head revisions to one report of what blocks the merge.

The head tree is validated whole (references and conflicts need every file) but findings are
reported for the changed files only, so a pull request answers for what it changes. When the
platform or a tenant file changes, every file may break, so errors anywhere are reported too.
Conflicts are reported when they involve a changed file on either side; short notice is left
to the policy finding FT306, as in `validate`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from ftgitops.check.approvals import ApprovalState, PullRequest, Reviewers, approval_state, resolve
from ftgitops.check.confidential import TenantTerms, tenant_terms
from ftgitops.check.doccache import DocumentCache
from ftgitops.check.impact import Impact, affected
from ftgitops.check.transitions import check_transitions
from ftgitops.check.treesource import GitTreeSource, parse_blob
from ftgitops.codes import Severity
from ftgitops.conflicts import KIND_CODES, Conflict, as_findings, find_conflicts
from ftgitops.documents import PLATFORM_FILE, Document, kind_of
from ftgitops.errors import FtgitopsError
from ftgitops.findings import Finding, has_errors, sort_key
from ftgitops.gitrepo import FileChange, GitRepo
from ftgitops.model import AnyItem, Change, Model, Release
from ftgitops.risk import Assessment, assess
from ftgitops.schemas import SchemaSet
from ftgitops.sources import is_data_path
from ftgitops.validate import locate, validate_source

CONFLICT_CODES = frozenset(KIND_CODES.values())


class CheckOptions(NamedTuple):
    """What to compare, the clock, the pull request's reviews (None: not read)."""

    base: str
    head: str
    now: datetime
    pull: PullRequest | None = None
    require_approvals: bool = False
    use_cache: bool = True


class Risk(NamedTuple):
    """One changed change or release: its assessment, file and title."""

    assessment: Assessment
    path: str
    title: str


class CheckReport(NamedTuple):
    """Everything the check found; the formats only lay it out."""

    base: str
    base_sha: str
    head_sha: str
    changed: tuple[FileChange, ...]
    findings: tuple[Finding, ...]
    conflicts: tuple[Conflict, ...]
    risks: tuple[Risk, ...]
    approvals: tuple[ApprovalState, ...]
    reviewers: Reviewers | None
    impact: Impact | None
    tenants: TenantTerms = ()  # each tenant's stem, id and name: hidden unless internal

    @property
    def blocking(self) -> bool:
        """Whether anything stops the merge: an error-level finding."""
        return has_errors(self.findings)

    @property
    def verified(self) -> bool:
        """Whether approvals were read from the pull request's reviews."""
        return self.reviewers is not None


def run_check(root: Path, options: CheckOptions) -> CheckReport:
    """Compare the head with its merge base and report; `.git/ftgitops-cache/` keeps parses."""
    repo = GitRepo(root)
    try:
        cache = DocumentCache.load(repo.git_dir) if options.use_cache else DocumentCache()
        report = _check(repo, cache, options)
        if options.use_cache:
            _save_quietly(cache, repo.git_dir)
        return report
    finally:
        repo.close()


def _save_quietly(cache: DocumentCache, git_dir: Path) -> None:
    """A read-only clone still gets its report; the next run parses again."""
    with contextlib.suppress(OSError):
        cache.save(git_dir)


def _check(repo: GitRepo, cache: DocumentCache, options: CheckOptions) -> CheckReport:
    base_sha = repo.merge_base(options.base, options.head)
    head_sha = repo.resolve(options.head)
    changed = tuple(
        c
        for c in repo.changed_files(base_sha, head_sha)
        if is_data_path(c.path) or (c.a_path is not None and is_data_path(c.a_path))
    )
    head = GitTreeSource(repo, head_sha, cache)
    if head.sha(PLATFORM_FILE) is None:
        raise FtgitopsError(f"{options.head} has no {PLATFORM_FILE}: not a change repository")
    result = validate_source(head, options.now.astimezone(UTC).date(), SchemaSet())
    checked = [f for f in result.findings if f.code not in CONFLICT_CODES]  # found again below
    findings = _changed_findings(checked, changed)
    findings += locate(head, _transitions(repo, cache, head, changed))
    conflicts: list[Conflict] = []
    risks: list[Risk] = []
    approvals: list[ApprovalState] = []
    reviewers = None
    impact = None
    if result.model is not None:
        model = result.model
        every = [c for c in find_conflicts(model, options.now) if c.kind != "short-notice"]
        conflicts = _touching(every, changed)
        findings += locate(head, _conflict_findings(conflicts, changed))
        items = _changed_items(model, changed)
        risks = [Risk(assess(i, model, every), i.path, i.title) for i in _assessable(items)]
        reviewers = resolve(options.pull, model.platform) if options.pull else None
        approvals = _approvals(risks, reviewers)
        findings += locate(
            head, _approval_findings(approvals, reviewers, options.require_approvals)
        )
        impact = affected(items, model)
    return CheckReport(
        options.base,
        base_sha,
        head_sha,
        changed,
        tuple(sorted(findings, key=sort_key)),
        tuple(conflicts),
        tuple(risks),
        tuple(approvals),
        reviewers,
        impact,
        tenant_terms(_tenant_files(repo, cache, head, changed)),
    )


def _changed_findings(findings: Sequence[Finding], changed: Sequence[FileChange]) -> list[Finding]:
    """Findings in changed files; errors anywhere when a file everything depends on changed."""
    paths = {c.b_path for c in changed if c.b_path}
    shared = any(kind_of(p) in ("platform", "tenant") for c in changed for p in _sides(c))
    return [f for f in findings if f.file in paths or (shared and f.level is Severity.ERROR)]


def _sides(change: FileChange) -> tuple[str, ...]:
    return tuple(p for p in (change.a_path, change.b_path) if p)


def _transitions(
    repo: GitRepo, cache: DocumentCache, head: GitTreeSource, changed: Sequence[FileChange]
) -> list[Finding]:
    findings: list[Finding] = []
    for change in changed:
        if change.a_path is None or change.a_sha is None:
            continue
        before, _ = parse_blob(repo, cache, change.a_path, change.a_sha)
        after = head.parse(change.b_path)[0] if change.b_path else None
        findings.extend(check_transitions(change, before, after))
    return findings


def _tenant_files(
    repo: GitRepo, cache: DocumentCache, head: GitTreeSource, changed: Sequence[FileChange]
) -> list[tuple[str, Document | None]]:
    """Every tenant file of the head, and the base side of each changed one."""
    paths = (p for p in head.paths() if p.startswith("tenants/") and kind_of(p) == "tenant")
    files = [(path, head.parse(path)[0]) for path in paths]
    for change in changed:
        if change.a_path and change.a_sha and kind_of(change.a_path) == "tenant":
            files.append((change.a_path, parse_blob(repo, cache, change.a_path, change.a_sha)[0]))
    return files


def _touching(conflicts: Sequence[Conflict], changed: Sequence[FileChange]) -> list[Conflict]:
    """The conflicts that involve at least one changed file."""
    paths = {p for c in changed for p in _sides(c)}
    return [c for c in conflicts if paths.intersection(c.paths)]


def _conflict_findings(
    conflicts: Sequence[Conflict], changed: Sequence[FileChange]
) -> list[Finding]:
    """One finding per conflict, moved onto the changed side's file when the first is not."""
    heads = {c.b_path for c in changed if c.b_path and c.b_path != PLATFORM_FILE}
    findings = []
    for conflict, finding in zip(conflicts, as_findings(conflicts), strict=True):
        if finding.file not in heads:
            moved = next((p for p in conflict.paths if p in heads), None)
            if moved is not None:
                at = ("waves",) if kind_of(moved) == "release" else ("window",)
                finding = finding._replace(file=moved, json_path=at, line=0, column=0)
        findings.append(finding)
    return findings


def _changed_items(model: Model, changed: Sequence[FileChange]) -> list[AnyItem]:
    paths = {c.b_path for c in changed if c.b_path}
    return [item for item in model.items.values() if item.path in paths]


def _assessable(items: Sequence[AnyItem]) -> list[Change | Release]:
    """Changes and releases still to happen: an ended record needs no new approval."""
    return [i for i in items if isinstance(i, Change | Release) and not i.ended]


def _approvals(risks: Sequence[Risk], reviewers: Reviewers | None) -> list[ApprovalState]:
    approvers = reviewers.approvers if reviewers else ()
    return [
        approval_state(
            r.assessment.item_id, r.path, r.assessment.level, r.assessment.approvals, approvers
        )
        for r in risks
    ]


def _approval_findings(
    states: Sequence[ApprovalState], reviewers: Reviewers | None, required: bool
) -> list[Finding]:
    """Missing approvals block when reviews were read, or when `--require-approvals` asks."""
    if reviewers is None and not required:
        return []
    findings = []
    for state in states:
        if not state.missing:
            continue
        roles = ", ".join(state.missing)
        why = "not verified: run with --github-pr N" if reviewers is None else "no approving review"
        message = f"{state.item_id} ({state.level} risk) needs approval by {roles}: {why}"
        findings.append(Finding("FT510", message, state.path, ("risk",)))
    return findings
