"""Which strings name a tenant in a check: each tenant's file stem, id and name.

The report carries them so that output which is not internal can leave every one out. They
are read from the tenant files themselves, on both sides of the pull request, rather than
from the model: a tenant file that fails validation, or that the pull request deletes or
renames, still names a tenant in the paths and messages of the report.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath

from ftgitops.load.documents import Document

TenantTerms = tuple[tuple[str, ...], ...]


def tenant_terms(files: Iterable[tuple[str, Document | None]]) -> TenantTerms:
    """Each tenant's naming strings, once per tenant (by file stem), sorted.

    `files` are tenant files as (path, parsed document or None); the base and head versions
    of one file fold together, so a renamed customer's old and new names are both kept.
    """
    tenants: dict[str, set[str]] = {}
    for path, document in files:
        stem = PurePosixPath(path).stem
        terms = tenants.setdefault(stem, {stem})
        if document is not None:
            terms.update(_named(document.data.get("id"), document.data.get("name")))
    return tuple(tuple(sorted(terms)) for _, terms in sorted(tenants.items()))


def _named(*values: object) -> Iterable[str]:
    return (value.strip() for value in values if isinstance(value, str) and value.strip())
