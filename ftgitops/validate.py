"""Validation: every finding in a tree of data files, from loading to conflicts.

The stages in order: load (syntax, schema, values), references, policy, conflicts. Every
finding is collected, so one run reports every problem in every file. A pure function of the
files and one aware `now`.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from ftgitops.conflicts.findings import conflict_findings
from ftgitops.findings import Finding
from ftgitops.load import Loaded, load, load_directory
from ftgitops.load.schemas import SchemaSet
from ftgitops.load.sources import Source
from ftgitops.model import Model
from ftgitops.rules.crossrefs import crossref_findings
from ftgitops.rules.policy import check_policy
from ftgitops.rules.references import reference_findings


class Result(NamedTuple):
    """Findings, placed and sorted, and the model of every file that loaded (None without a
    platform)."""

    findings: list[Finding]
    model: Model | None


def validate(
    root: Path, now: datetime, schemas: SchemaSet | None = None, only: Collection[str] | None = None
) -> Result:
    """Validate the repository at `root`; report findings for `only` those files when given."""
    return findings_of(load_directory(root, schemas, only or ()), now, only)


def validate_source(
    source: Source,
    now: datetime,
    schemas: SchemaSet | None = None,
    only: Collection[str] | None = None,
) -> Result:
    """Validate a tree of data files (a folder, or a commit's files held in memory)."""
    return findings_of(load(source, schemas, only or ()), now, only)


def findings_of(loaded: Loaded, now: datetime, only: Collection[str] | None = None) -> Result:
    """Every finding of a loaded tree at `now`: load, references, policy, cross-references,
    conflicts."""
    findings = [*loaded.findings, *reference_findings(loaded)]
    if loaded.model is not None:
        findings += check_policy(loaded.model, now)
        findings += crossref_findings(loaded.model)
        findings += conflict_findings(loaded.model, now)
    if only is not None:
        wanted = set(only)
        findings = [f for f in findings if f.file in wanted]
    return Result(loaded.locate(findings), loaded.model)
