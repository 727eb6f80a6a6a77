"""The check report in any of its formats, with tenants redacted unless the output is internal.

Every rendering the command writes (standard output, the job summary, the pull-request
comment) goes through one `Renderer`, so none can skip the redaction, and a tenant has the
same `tenant #N` label in each.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ftgitops.check.annotations import as_annotations
from ftgitops.check.jsonout import as_json
from ftgitops.check.markdown import as_markdown
from ftgitops.check.redact import Redactor
from ftgitops.check.run import CheckReport
from ftgitops.check.text import as_text

FORMATS: Mapping[str, Callable[[CheckReport, bool], str]] = {
    "text": as_text,
    "markdown": as_markdown,
    "github": as_annotations,
    "json": as_json,
}


class Renderer:
    """One report, rendered in as many formats as asked; tenant names only when `internal`."""

    def __init__(self, report: CheckReport, internal: bool = False) -> None:
        self._report = report
        self._internal = internal
        self._redact = None if internal else Redactor(report.tenants)

    def __call__(self, format_name: str) -> str:
        text = FORMATS[format_name](self._report, self._internal)
        return text if self._redact is None else self._redact(text)
