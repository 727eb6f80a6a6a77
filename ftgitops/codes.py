"""The table of finding codes: each stable code, its default severity and what it means.

The README's table of codes is generated from here, and tests assert that every code has a
negative example, so a code cannot be added without being documented and shown.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class Severity(StrEnum):
    """How much a finding matters: errors block, warnings inform."""

    ERROR = "error"
    WARNING = "warning"


class Code(NamedTuple):
    """One finding code."""

    code: str
    severity: Severity
    summary: str


E, W = Severity.ERROR, Severity.WARNING

_TABLE = (
    Code("FT001", E, "The file cannot be read."),
    Code("FT002", E, "The file is not UTF-8 text."),
    Code("FT003", E, "The file is larger than 1 MiB."),
    Code("FT004", E, "YAML syntax error."),
    Code("FT005", E, "A key appears twice in one mapping (YAML would silently keep the last)."),
    Code(
        "FT006", E, "Anchors and aliases (`&name`, `*name`) are not allowed: write the value out."
    ),
    Code("FT007", E, "Nesting is deeper than 64 levels."),
    Code("FT008", E, "The top level of the file is not a mapping of fields."),
    Code("FT009", E, "A mapping key is not text (for example a bare number): quote it."),
    Code("FT010", W, "Line 1 does not name the file's schema for editors."),
    Code("FT011", E, "The file's name or place does not say what kind of file it is."),
    Code(
        "FT012",
        E,
        "Not a regular file: a symlink, submodule, FIFO, device or socket where a data file is "
        "expected.",
    ),
    Code(
        "FT013",
        E,
        "A folder, or a file with a wrong-case extension, where a data file is expected.",
    ),
    Code(
        "FT020",
        E,
        "The build's output folder is refused: the repository, a data, site-source or git "
        "folder, or a folder with files that no build made.",
    ),
    Code("FT101", E, "A value does not have the required form (pattern, length or range)."),
    Code("FT102", E, "A required field is missing."),
    Code("FT103", E, "A field is not known to the schema (often a typo)."),
    Code("FT104", E, "A value has the wrong type (text, number, true/false, list, mapping)."),
    Code("FT105", E, "A value is not one of the allowed values."),
    Code("FT106", E, "A date or time does not exist in the calendar."),
    Code(
        "FT107", E, "Unknown IANA time zone (`Asia` and `localtime`, for example, are not zones)."
    ),
    Code("FT108", E, "A text contains a control character."),
    Code("FT110", E, "A date is outside 1970-2100."),
    Code("FT201", E, "Unknown person."),
    Code("FT202", E, "Unknown tenant."),
    Code("FT203", E, "Unknown service."),
    Code("FT204", E, "Unknown region."),
    Code("FT205", E, "Unknown site in the region."),
    Code("FT206", E, "Unknown change, release, notice or incident, or one of the wrong kind."),
    Code("FT207", E, "The id does not match the file's name or year folder."),
    Code("FT208", E, "The same id is used by two files."),
    Code("FT209", E, "Unknown role."),
    Code("FT210", E, "The service dependencies form a cycle."),
    Code(
        "FT211",
        E,
        "Targets do not fit together: a tenant outside the regions, an environment missing or "
        "decommissioned at the window, a wave's group without tenants.",
    ),
    Code("FT212", E, "An incident's `caused_by` and its cause's `problems` disagree."),
    Code("FT301", E, "A window ends before or when it starts."),
    Code("FT302", E, "A local time does not exist (skipped at a daylight-saving change)."),
    Code("FT303", E, "A local time is ambiguous (repeated at a daylight-saving change)."),
    Code("FT304", E, "A rollback plan is required (risk medium or above, or production downtime)."),
    Code("FT305", E, "An emergency change or hotfix needs a justification."),
    Code("FT306", E, "A public maintenance notice was given with less than the policy's notice."),
    Code("FT307", W, "A UAT or Training environment is past its decommission date."),
    Code("FT308", E, "An incident's timeline is inconsistent."),
    Code("FT309", W, "Work is still approved, scheduled or in progress after its window ended."),
    Code("FT311", E, "A recurrence rule is not allowed or cannot be read."),
    Code("FT312", E, "A window or release is larger than the tool allows."),
    Code("FT313", E, "A placeholder (`TODO`) is left in a field of an item past draft."),
    Code(
        "FT314",
        E,
        "Production downtime in a change or release wave is given less than the policy's "
        "notice (emergencies excepted).",
    ),
    Code("FT401", E, "Two windows overlap on the same tenant environment, service or shared part."),
    Code("FT402", W, "A window overlaps one on a service it depends on, or that depends on it."),
    Code("FT403", E, "Production downtime outside the region's maintenance and upgrade slots."),
    Code("FT404", E, "A window falls in a freeze (a soft freeze or an emergency override warns)."),
    Code("FT405", W, "The same person implements two overlapping windows."),
    Code("FT406", E, "A release wave overlaps a maintenance window in its region."),
    Code("FT407", E, "A tenant's production wave runs before its UAT wave of the same release."),
    Code("FT408", E, "A public maintenance notice gives less than the policy's notice."),
    Code("FT501", E, "A completed, failed, rolled-back or cancelled item was edited."),
    Code("FT502", E, "A published maintenance notice was deleted: cancel it instead."),
    Code("FT503", E, "A status moved backwards in the lifecycle."),
    Code("FT504", E, "A status skipped a lifecycle step (for example draft to completed)."),
    Code("FT505", E, "An item's id changed."),
    Code("FT506", E, "An approved (or later) change or release was deleted: cancel it instead."),
    Code(
        "FT507",
        E,
        "A new or edited item whose window ended is not recorded as ended, or a new one is "
        "recorded after the event without `recorded_after` (or being an emergency).",
    ),
    Code("FT508", E, "A new change or release starts beyond draft or proposed."),
    Code("FT510", E, "A required approval is missing from the pull request's reviews."),
    Code(
        "FT511",
        E,
        "Separation of duties: one person fills two required roles with one review, or the "
        "author or an implementer would approve.",
    ),
    Code("FT512", E, "An approval was given on an older commit than the head (stale)."),
    Code("FT513", E, "A standard change names no pre-approved template, or strays from it."),
    Code(
        "FT601",
        E,
        "Octopus work is due but `OCTOPUS_API_KEY`, or the server's URL (`octopus.url` in "
        "ftgitops.yaml or `OCTOPUS_URL`), is not set.",
    ),
)

CODES: dict[str, Code] = {code.code: code for code in _TABLE}


def severity_of(code: str) -> Severity:
    """The default severity of a code."""
    return CODES[code].severity


def markdown_table() -> str:
    """The README's table of codes (between `<!-- codes:start -->` and `<!-- codes:end -->`)."""
    rows = [f"| `{c.code}` | {c.severity} | {_cell(c.summary)} |" for c in _TABLE]
    return "\n".join(["| code | severity | meaning |", "| --- | --- | --- |", *rows]) + "\n"


def _cell(text: str) -> str:
    """Text made safe for a Markdown table cell."""
    return text.replace("|", r"\|")
