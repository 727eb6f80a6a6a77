"""The validation pipeline: syntax, schema, model, references, policy; every finding collected.

One run reports every problem in every file rather than stopping at the first. Files that fail
an early layer are left out of the later ones, so one typo does not cascade into ten findings.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Collection, Container, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import NamedTuple

from ftgitops import documents as docs
from ftgitops.conflicts.findings import conflict_findings
from ftgitops.convert import Converter
from ftgitops.documents import Document
from ftgitops.errors import FtgitopsError
from ftgitops.findings import Finding, sort_key
from ftgitops.itembuild import Expander, build_item
from ftgitops.model import AnyItem, Model, Platform, Tenant
from ftgitops.platformbuild import build_platform, build_tenant
from ftgitops.policy import check_policy
from ftgitops.positions import SourceMap
from ftgitops.references import check_references, check_service_cycles, check_unique_ids, known_ids
from ftgitops.schemas import SchemaSet
from ftgitops.sources import DirectorySource, Source


class Result(NamedTuple):
    """Findings, sorted, and the model of every file that passed (None without a platform)."""

    findings: list[Finding]
    model: Model | None


def parse_all(source: Source, paths: Iterable[str]) -> tuple[list[Document], list[Finding]]:
    """Read and parse every file; findings for those that fail."""
    parsed: list[Document] = []
    findings: list[Finding] = []
    for relative in paths:
        document, problems = source.parse(relative)
        findings.extend(problems)
        if document is not None:
            parsed.append(document)
    return parsed, findings


def schema_check(
    documents: list[Document], schemas: SchemaSet
) -> tuple[list[Document], list[Finding]]:
    """Split the documents into those that fit their schema, and findings for the rest."""
    valid: list[Document] = []
    findings: list[Finding] = []
    for document in documents:
        problems = schemas.problems(document.kind, document.data)
        findings.extend(Finding(p.code, p.message, document.path, p.path) for p in problems)
        if not problems:
            valid.append(document)
    return valid, findings


Built = tuple[AnyItem | None, list[Finding]]
ItemBuilder = Callable[[Document, Expander], Built]


def build_fresh(document: Document, expand: Expander) -> Built:
    """One item built now from its checked document: None with findings when a time fails."""
    convert = Converter(document.path)
    return build_item(document, expand, convert), convert.findings


def build_model(
    valid: list[Document], build: ItemBuilder = build_fresh
) -> tuple[Model | None, list[Finding]]:
    """Typed records for every valid document whose times can be placed.

    `build` makes one item; `ftgitops check` passes one that answers from its cache.
    """
    platform_doc = next((d for d in valid if d.kind == "platform"), None)
    if platform_doc is None:
        return None, []
    convert = Converter(platform_doc.path)
    platform = build_platform(platform_doc, convert)
    findings = list(convert.findings)
    tenants: dict[str, Tenant] = {}
    items: dict[str, AnyItem] = {}
    for document in (d for d in valid if d.kind == "tenant"):
        convert = Converter(document.path)
        tenant = build_tenant(document, convert)
        findings.extend(convert.findings)
        tenants.setdefault(tenant.id, tenant)
    expand = Expander(platform, tenants)
    for document in (d for d in valid if d.kind not in ("platform", "tenant")):
        item, problems = build(document, expand)
        findings.extend(problems)
        if item is not None:
            items.setdefault(item.id, item)
    return Model(platform, dict(sorted(tenants.items())), dict(sorted(items.items()))), findings


def reference_findings(
    parsed: list[Document],
    valid: list[Document],
    platform: Platform | None,
    wanted: Container[str] | None = None,
) -> list[Finding]:
    """Unknown references, duplicate ids and service cycles, against every parsed file's ids.

    `wanted` limits the per-file reference check to those paths (the tree-wide checks are
    cheap and always run); `ftgitops check` uses it when only item files changed.
    """
    platform_doc = next((d for d in valid if d.kind == "platform"), None)
    if platform is None or platform_doc is None:
        return []
    known = known_ids(platform_doc.data, parsed)
    findings = check_service_cycles(platform_doc) + check_unique_ids(parsed)
    for document in valid:
        if wanted is None or document.path in wanted:
            findings.extend(check_references(document, known))
    return findings


def locate(source: Source, findings: list[Finding]) -> list[Finding]:
    """Fill in line and column from the JSON path, composing each file at most once."""
    maps: dict[str, SourceMap] = {}
    located = []
    for finding in findings:
        if finding.line == 0:
            if finding.file not in maps:
                text = source.read(finding.file).decode("utf-8-sig", errors="replace")
                maps[finding.file] = SourceMap(text)
            line, column = maps[finding.file].locate(finding.json_path, key=finding.code == "FT103")
            finding = finding._replace(line=line, column=column)
        located.append(finding)
    return located


def validate(
    root: Path, today: date, schemas: SchemaSet, only: Collection[str] | None = None
) -> Result:
    """Validate the repository at `root`; report findings for `only` those files when given."""
    if not (root / docs.PLATFORM_FILE).is_file():
        raise FtgitopsError(
            f"no {docs.PLATFORM_FILE} in {root}: run inside a change repository or pass --root"
        )
    return validate_source(DirectorySource(root), today, schemas, only)


def validate_source(
    source: Source, today: date, schemas: SchemaSet, only: Collection[str] | None = None
) -> Result:
    """Validate a tree of data files (a folder, or a commit's files held in memory)."""
    with collector_paused():
        return _validate_source(source, today, schemas, only)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one run; reference counting still frees.

    A run builds large acyclic trees (documents, then the model) and keeps them to the end;
    the collector would traverse that growing heap again and again, for nothing: about a tenth
    of a run over 10,000 files. The previous state is restored afterwards.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _validate_source(
    source: Source, today: date, schemas: SchemaSet, only: Collection[str] | None
) -> Result:
    paths = source.paths()
    listed = set(paths)
    extra = [p for p in (only or ()) if p not in listed]
    parsed, findings = parse_all(source, [*paths, *extra])
    valid, schema_findings = schema_check(parsed, schemas)
    model, model_findings = build_model(valid)
    findings += schema_findings + model_findings
    findings += reference_findings(parsed, valid, model.platform if model else None)
    if model is not None:
        findings += check_policy(model, today)
        findings += conflict_findings(model, today)
    if only is not None:
        wanted = set(only)
        findings = [f for f in findings if f.file in wanted]
    return Result(sorted(locate(source, findings), key=sort_key), model)
