"""Finding and reading the repository's data files, and telling their kind from their place.

Layout: `ftgitops.yaml` (platform), `tenants/<id>.yaml`, `changes/<year>/<ID>.yaml` with the
ID prefix naming the kind. Reading never raises for bad content: it returns findings.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

from ftgitops.findings import Finding
from ftgitops.load.entries import PLATFORM_FILE as PLATFORM_FILE
from ftgitops.load.entries import YAML_SUFFIXES as YAML_SUFFIXES
from ftgitops.load.entries import scan_directory
from ftgitops.load.textcheck import text_findings
from ftgitops.load.yamlload import LoadError, load_mapping

PREFIX_KINDS = {"CHG": "change", "REL": "release", "MNT": "maintenance", "INC": "incident"}
KIND_PREFIXES = {kind: prefix for prefix, kind in PREFIX_KINDS.items()}
SCHEMA_LINE = "# yaml-language-server: $schema="
BOM = b"\xef\xbb\xbf"  # UTF-8 byte order mark: the loader accepts it, so line 1 follows it


class Document(NamedTuple):
    """One parsed data file: its path relative to the root (POSIX), kind and mapping."""

    path: str
    kind: str
    data: dict[str, Any]


def kind_of(relative: str) -> str | None:
    """The file kind its place names, or None for a file that is not a data file."""
    parts = PurePosixPath(relative).parts
    name = parts[-1] if parts else ""
    if not name.endswith(YAML_SUFFIXES):
        return None
    if relative == PLATFORM_FILE:
        return "platform"
    if len(parts) == 2 and parts[0] == "tenants":
        return "tenant"
    if len(parts) >= 2 and parts[0] == "changes":
        return PREFIX_KINDS.get(name[:3])
    return None


def discover(root: Path) -> list[str]:
    """Every data file under the root, and every entry that should be one but is not (a link,
    a FIFO, a folder named like a file: `entries`), as sorted relative POSIX paths."""
    return scan_directory(root).paths()


def schema_line_for(kind: str, relative: str) -> str:
    """The line-1 comment that points an editor at the file's schema, relative to the file."""
    depth = len(PurePosixPath(relative).parts) - 1
    return f"{SCHEMA_LINE}{'../' * depth}schemas/{kind}.schema.json"


def names_its_schema(data: bytes, kind: str) -> bool:
    """Whether line 1 (after a byte order mark) points editors at the kind's own schema."""
    first = data.removeprefix(BOM).split(b"\n", 1)[0].rstrip()
    return first.startswith(SCHEMA_LINE.encode()) and first.endswith(f"{kind}.schema.json".encode())


def parse(relative: str, data: bytes) -> tuple[Document | None, list[Finding]]:
    """Parse one file's bytes: a document, or the findings that stop it; a document with an
    error among its findings (text that is not text, FT108) is read but not valid."""
    kind = kind_of(relative)
    if kind is None:
        message = (
            "not a data file: expected ftgitops.yaml, tenants/<id>.yaml or "
            "changes/<year>/<CHG|REL|MNT|INC>-<year>-<nnnn>.yaml"
        )
        return None, [Finding("FT011", message, relative, line=1, column=1)]
    try:
        mapping = load_mapping(data)
    except LoadError as error:
        return None, [
            Finding(error.code, error.message, relative, line=error.line, column=error.column)
        ]
    findings = text_findings(relative, data, mapping)
    if not names_its_schema(data, kind):
        expected = schema_line_for(kind, relative)
        findings.append(
            Finding(
                "FT010", f"line 1 should name the schema: {expected}", relative, line=1, column=1
            )
        )
    return Document(relative, kind, mapping), findings
