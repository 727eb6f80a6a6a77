"""The pull-request check: from base and head revisions to one report of what blocks the merge.

Findings are reported for the changed files only, so a pull request answers for what it
changes; when the platform or a tenant file changes, every file may break, so errors anywhere
are reported too (`headcheck` validates accordingly, from a per-blob cache). Conflicts are
reported when they involve a changed file on either side; short notice is left to the policy
finding FT306, as in `validate`.

The conflict engine runs once, over the span of the changed items' windows (`involved`).
"""

from __future__ import annotations

import contextlib
import pickle
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from ftgitops.check.approvals import ApprovalState, PullRequest, Reviewers, resolve
from ftgitops.check.cache import CACHE_FOLDER, CheckCache, version_key
from ftgitops.check.confidential import TenantTerms, tenant_terms
from ftgitops.check.gate import Required, approval_findings, approval_states
from ftgitops.check.headcheck import check_head
from ftgitops.check.impact import Impact, affected
from ftgitops.check.involved import changed_items, conflict_findings, involved_conflicts, sides
from ftgitops.check.noticecheck import notice_findings
from ftgitops.check.recording import Recorded, recording_findings
from ftgitops.check.suggest import Suggestion, suggest
from ftgitops.check.transitions import check_transitions
from ftgitops.check.treesource import BlobReader, GitTreeSource, parse_blob
from ftgitops.codes import Severity
from ftgitops.conflicts import Conflict
from ftgitops.errors import FtgitopsError
from ftgitops.findings import Finding, has_errors, sort_key
from ftgitops.gitrepo import FileChange, GitRepo
from ftgitops.load.documents import PLATFORM_FILE, Document, kind_of
from ftgitops.load.schemas import SchemaSet
from ftgitops.load.sources import is_data_path
from ftgitops.model import AnyItem, Change, Model, Release
from ftgitops.rules.risk import Assessment, assess


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
    suggestions: tuple[Suggestion, ...] = ()  # next free slots for changed items in conflict

    @property
    def blocking(self) -> bool:
        """Whether anything stops the merge: an error-level finding."""
        return has_errors(self.findings)

    @property
    def verified(self) -> bool:
        """Whether approvals were read from the pull request's reviews."""
        return self.reviewers is not None


def run_check(root: Path, options: CheckOptions) -> CheckReport:
    """Compare the head with its merge base and report; `.git/ftgitops-cache/` keeps results.

    The caller pauses the cyclic garbage collector (`ftgitops.collector`, at the command's
    entry): the run builds and keeps large acyclic trees it would walk again and again.
    """
    repo = GitRepo(root)
    try:
        return _cached_check(repo, options)
    finally:
        repo.close()


def _cached_check(repo: GitRepo, options: CheckOptions) -> CheckReport:
    schemas = SchemaSet()
    folder = repo.git_dir / CACHE_FOLDER if options.use_cache else None
    cache = CheckCache(folder, version_key(schemas))
    report = _check(repo, cache, schemas, options)
    _save_quietly(cache)
    return report


def _save_quietly(cache: CheckCache) -> None:
    """A read-only clone (or a file too deeply nested to pickle) still gets its report; the
    next run parses again."""
    with contextlib.suppress(OSError, pickle.PicklingError, RecursionError):
        cache.save()


def _check(
    repo: GitRepo, cache: CheckCache, schemas: SchemaSet, options: CheckOptions
) -> CheckReport:
    base_sha = repo.merge_base(options.base, options.head)
    head_sha = repo.resolve(options.head)
    head = GitTreeSource(repo, head_sha, cache)
    if head.entry(PLATFORM_FILE) is None:
        raise FtgitopsError(f"{options.head} has no {PLATFORM_FILE}: not a change repository")
    changed = _changed_data_files(repo.changed_files(base_sha, head_sha), head)
    paths = _head_paths(changed, head)
    result = check_head(head, schemas, paths, _shared_changed(changed), options.now)
    locate = result.loaded.locate
    findings = _changed_findings(result.findings, paths, changed)
    bases = _base_documents(repo, cache, changed)
    findings += locate(_transitions(head, changed, bases))
    conflicts: list[Conflict] = []
    risks: list[Risk] = []
    approvals: list[ApprovalState] = []
    reviewers = None
    impact = None
    suggestions: list[Suggestion] = []
    if result.model is not None:
        model = result.model
        findings = _recorded(findings, model, changed, bases, options.now, locate)
        involved = involved_conflicts(model, changed, options.now)
        conflicts = involved.touching
        findings += locate(conflict_findings(conflicts, changed, model.platform))
        items = changed_items(model, changed)
        suggestions = suggest(model, items, conflicts, options.now, involved.run)
        every = involved.found
        risks = [Risk(assess(i, model, every), i.path, i.title) for i in _assessable(items)]
        reviewers = resolve(options.pull, model.platform, head_sha) if options.pull else None
        approvals = approval_states(_required(risks, model), reviewers)
        findings += locate(approval_findings(approvals, reviewers, options.require_approvals))
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
        tuple(suggestions),
    )


def _changed_data_files(
    changes: Sequence[FileChange], head: GitTreeSource
) -> tuple[FileChange, ...]:
    """The changes to data files, and to whatever the head has where a data file is expected
    (a link, a submodule, a misnamed file or folder: their findings block the merge)."""
    return tuple(
        c
        for c in changes
        if (c.b_path is not None and head.entry(c.b_path) is not None)
        or any(is_data_path(p) for p in sides(c))
    )


def _head_paths(changed: Sequence[FileChange], head: GitTreeSource) -> frozenset[str]:
    """The head's entries the pull request changed: a file's own path, or the misnamed folder
    it lies in."""
    return frozenset(head.entry(c.b_path) or c.b_path for c in changed if c.b_path)


def _shared_changed(changed: Sequence[FileChange]) -> bool:
    """Whether a file every other file depends on (the platform, a tenant) changed."""
    return any(kind_of(p) in ("platform", "tenant") for c in changed for p in sides(c))


def _changed_findings(
    findings: Sequence[Finding], paths: frozenset[str], changed: Sequence[FileChange]
) -> list[Finding]:
    """Findings in changed files; errors anywhere when a file everything depends on changed."""
    shared = _shared_changed(changed)
    return [f for f in findings if f.file in paths or (shared and f.level is Severity.ERROR)]


def _base_documents(
    repo: GitRepo, cache: CheckCache, changed: Sequence[FileChange]
) -> dict[str, Document | None]:
    """Each changed file's base document by its base path (None: it does not parse)."""
    base_side = [(c.a_path, c.a_sha) for c in changed if c.a_path and c.a_sha]
    read = BlobReader(repo, cache, base_side)  # the base side's uncached blobs in one batch
    return {path: parse_blob(repo, cache, path, sha, read).document for path, sha in base_side}


def _transitions(
    head: GitTreeSource, changed: Sequence[FileChange], bases: dict[str, Document | None]
) -> list[Finding]:
    findings: list[Finding] = []
    for change in changed:
        if change.a_path is None or change.a_sha is None:
            continue
        after = head.parse(change.b_path)[0] if change.b_path else None
        findings.extend(check_transitions(change, bases[change.a_path], after))
    return findings


def _recorded(
    findings: list[Finding],
    model: Model,
    changed: Sequence[FileChange],
    bases: dict[str, Document | None],
    now: datetime,
    locate: Callable[[Iterable[Finding]], list[Finding]],
) -> list[Finding]:
    """FT507 and FT508 added, and FT314 counted from git; FT309 left out where FT507 tells the
    same fact as an error, and validate's FT314 replaced by the check's."""
    by_path = {item.path: item for item in model.items.values()}
    recorded = [
        Recorded(by_path[c.b_path], bases.get(c.a_path) if c.a_path else None)
        for c in changed
        if c.b_path in by_path
    ]
    found = locate([*recording_findings(recorded, now), *notice_findings(model, recorded, now)])
    told = {(f.file, f.json_path) for f in found if f.code == "FT507"}
    mine = {entry.item.path for entry in recorded}
    kept = [
        f
        for f in findings
        if not (f.code == "FT314" and f.file in mine)
        and not (f.code == "FT309" and (f.file, ("status",)) in told)
    ]
    return kept + found


def _tenant_files(
    repo: GitRepo, cache: CheckCache, head: GitTreeSource, changed: Sequence[FileChange]
) -> list[tuple[str, Document | None]]:
    """Every tenant file of the head (and whatever stands in tenants/ where one should: its
    name is a tenant's too), and the base side of each changed one."""
    paths = (p for p in head.paths() if p.startswith("tenants/"))
    files = [(path, head.parse(path)[0]) for path in paths]
    for change in changed:
        if change.a_path and change.a_sha and kind_of(change.a_path) == "tenant":
            before = parse_blob(repo, cache, change.a_path, change.a_sha).document
            files.append((change.a_path, before))
    return files


def _assessable(items: Sequence[AnyItem]) -> list[Change | Release]:
    """Changes and releases still to happen: an ended record needs no new approval."""
    return [i for i in items if isinstance(i, Change | Release) and not i.ended]


def _required(risks: Sequence[Risk], model: Model) -> list[Required]:
    """What each assessed item needs approved, and who implements it."""
    required = []
    for risk in risks:
        item = model.items[risk.assessment.item_id]
        implementers = item.implementers if isinstance(item, Change | Release) else ()
        assessment = risk.assessment
        required.append(
            Required(item.id, risk.path, assessment.level, assessment.approvals, implementers)
        )
    return required
