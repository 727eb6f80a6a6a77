"""Findings: what validation says about a file, with a stable code and a precise place."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from ftgitops.codes import Severity, severity_of

JsonPath = tuple[str | int, ...]


def format_json_path(path: JsonPath) -> str:
    """`("window", "end")` as `$.window.end`; list indexes as `[0]`."""
    text = "$"
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


class Finding(NamedTuple):
    """One problem found in one file; line and column are 1-based (0 when unknown)."""

    code: str
    message: str
    file: str
    json_path: JsonPath = ()
    line: int = 0
    column: int = 0
    severity: Severity | None = None

    @property
    def level(self) -> Severity:
        """The finding's severity: its own, or its code's default."""
        return self.severity or severity_of(self.code)

    def format(self) -> str:
        """`path:line:col: error[FT101]: message ($.window.end)`."""
        where = f"{self.file}:{self.line}:{self.column}"
        text = f"{where}: {self.level}[{self.code}]: {self.message}"
        return f"{text} ({format_json_path(self.json_path)})" if self.json_path else text

    def as_dict(self) -> dict[str, object]:
        """A plain mapping for the JSON reporter."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": str(self.level),
            "code": self.code,
            "message": self.message,
            "path": format_json_path(self.json_path),
        }


def has_errors(findings: Sequence[Finding]) -> bool:
    """Whether any finding blocks."""
    return any(finding.level is Severity.ERROR for finding in findings)


def sort_key(finding: Finding) -> tuple[str, int, int, str]:
    """Order findings as a reader scans them: by file, then line."""
    return (finding.file, finding.line, finding.column, finding.code)
