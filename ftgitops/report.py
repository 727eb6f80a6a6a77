"""Formats findings for people (text) and machines (JSON); it decides nothing."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ftgitops.codes import Severity
from ftgitops.findings import Finding


def summary(findings: Sequence[Finding], files: int) -> str:
    """`2 errors, 1 warning in 57 files` (or `no problems in 57 files`)."""
    errors = sum(1 for f in findings if f.level is Severity.ERROR)
    warnings = len(findings) - errors
    counted = f"{files} file{'s' * (files != 1)}"
    if not findings:
        return f"no problems in {counted}"
    parts = [f"{errors} error{'s' * (errors != 1)}", f"{warnings} warning{'s' * (warnings != 1)}"]
    return f"{', '.join(parts)} in {counted}"


def as_text(findings: Sequence[Finding], files: int) -> str:
    """One line per finding, then the summary."""
    return "\n".join([*(f.format() for f in findings), summary(findings, files)]) + "\n"


def as_json(findings: Sequence[Finding], files: int) -> str:
    """`{"files": N, "errors": N, "warnings": N, "findings": [...]}`."""
    errors = sum(1 for f in findings if f.level is Severity.ERROR)
    document = {
        "files": files,
        "errors": errors,
        "warnings": len(findings) - errors,
        "findings": [f.as_dict() for f in findings],
    }
    return json.dumps(document, indent=2) + "\n"
