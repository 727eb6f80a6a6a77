"""The check report as GitHub Actions workflow commands, so findings show on the diff lines.

`::error file=F,line=L,col=C,title=FT501::message`. GitHub reads `%`, CR and LF in the
message as escapes (`%25`, `%0D`, `%0A`); property values also escape `:` and `,`.
"""

from __future__ import annotations

from ftgitops.check import wording
from ftgitops.check.run import CheckReport
from ftgitops.codes import Severity
from ftgitops.findings import Finding


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """One workflow command for one finding."""
    command = "error" if finding.level is Severity.ERROR else "warning"
    properties = {
        "file": finding.file,
        "line": str(max(finding.line, 1)),
        "col": str(max(finding.column, 1)),
        "title": finding.code,
    }
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{command} {joined}::{escape_data(finding.message)}"


def as_annotations(report: CheckReport, internal: bool = False) -> str:
    """An annotation per finding, a notice when approvals were not read, then the verdict."""
    lines = [annotation(finding) for finding in report.findings]
    if not report.verified:
        lines.append(f"::notice title=ftgitops::{escape_data(wording.NOT_VERIFIED)}")
    lines.append(f"ftgitops check: {wording.verdict(report)}")
    return "\n".join(lines) + "\n"
