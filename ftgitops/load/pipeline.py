"""The steps of loading, one function each: read and parse, check against the schema, build.

Every step collects findings as values and goes on, so one run reports every problem in every
file; a file that fails a step is left out of the next, so one typo does not cascade into ten
findings. A source may answer a step from a cache (`ftgitops check` does, by blob sha).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from ftgitops.findings import Finding, has_errors
from ftgitops.load.convert import Converter
from ftgitops.load.documents import Document
from ftgitops.load.itembuild import Expander, build_item
from ftgitops.load.platformbuild import build_platform, build_tenant
from ftgitops.load.schemas import SchemaSet
from ftgitops.model import AnyItem, Model, Tenant


class FileOutcome(NamedTuple):
    """What one file's bytes say on their own: its parse and its schema findings.

    `schema_findings` is None until the document has been checked against its schema (a
    base-side blob in the check is only parsed).
    """

    document: Document | None
    parse_findings: tuple[Finding, ...]
    schema_findings: tuple[Finding, ...] | None = None

    @property
    def valid(self) -> bool:
        """Parsed without an error (a warning such as FT010 is fine), and checked against its
        schema without a finding: it enters the model."""
        return (
            self.document is not None
            and self.schema_findings == ()
            and not has_errors(self.parse_findings)
        )


Built = tuple[AnyItem | None, list[Finding]]
ItemBuilder = Callable[[Document, Expander], Built]


def schema_checked(outcome: FileOutcome, schemas: SchemaSet) -> FileOutcome:
    """The outcome with its schema findings (none for a file that did not parse)."""
    document = outcome.document
    if document is None:
        return outcome._replace(schema_findings=())
    problems = schemas.problems(document.kind, document.data)
    found = tuple(Finding(p.code, p.message, document.path, p.path) for p in problems)
    return outcome._replace(schema_findings=found)


def build_fresh(document: Document, expand: Expander) -> Built:
    """One item built now from its checked document: None with findings when a time fails."""
    convert = Converter(document.path)
    return build_item(document, expand, convert), convert.findings


def build_model(
    valid: list[Document], build: ItemBuilder = build_fresh
) -> tuple[Model | None, list[Finding]]:
    """Typed records for every valid document whose times can be placed.

    `build` makes one item; a source with a cache passes one that answers from it.
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
