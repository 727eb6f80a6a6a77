"""What loading gives every later stage: the model, the documents, findings, and positions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ftgitops.codes import Severity
from ftgitops.errors import FtgitopsError
from ftgitops.findings import Finding, sort_key
from ftgitops.load.documents import PLATFORM_FILE, Document
from ftgitops.load.positions import SourceMap
from ftgitops.load.sources import Source
from ftgitops.model import Model


@dataclass(frozen=True, slots=True)
class Loaded:
    """One tree of data files, loaded.

    `model` holds every file that parsed, fits its schema and whose times could be placed
    (None when the platform file does not); `parsed` every document that parsed (references
    resolve against their ids, valid or not); `findings` what stopped a file or a value, not
    yet placed on a line: `locate` places them, composing each file at most once.
    """

    source: Source
    model: Model | None
    parsed: tuple[Document, ...]
    valid: tuple[Document, ...]
    findings: tuple[Finding, ...]
    _maps: dict[str, SourceMap] = field(default_factory=dict, repr=False, compare=False)

    @property
    def platform_document(self) -> Document | None:
        """The platform file's document, when it fits its schema."""
        return next((d for d in self.valid if d.kind == "platform"), None)

    def platform_model(self) -> Model:
        """The model, for a command that needs a sound platform file: its first error (or its
        absence) is an input error naming file and line."""
        errors = [f for f in self.findings if f.file == PLATFORM_FILE and f.level is Severity.ERROR]
        if errors:
            first = self.locate(errors)[0].format()
            raise FtgitopsError(f"{first}: run `ftgitops validate` and fix {PLATFORM_FILE} first")
        if self.model is None:
            raise FtgitopsError(f"{PLATFORM_FILE} does not load: run `ftgitops validate`")
        return self.model

    def locate(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings with line and column filled in from their JSON path, sorted."""
        return sorted(map(self._located, findings), key=sort_key)

    def _located(self, finding: Finding) -> Finding:
        if finding.line != 0:
            return finding
        source_map = self._maps.get(finding.file)
        if source_map is None:
            text = self.source.read(finding.file).decode("utf-8-sig", errors="replace")
            source_map = self._maps[finding.file] = SourceMap(text)
        line, column = source_map.locate(finding.json_path, key=finding.code == "FT103")
        return finding._replace(line=line, column=column)
