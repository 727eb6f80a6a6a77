"""Validation of the head tree for the check: every finding a pull request must answer for.

The stages are `validate`'s (load, references, policy); conflicts are left to the caller,
which runs the engine once. What differs is how much is checked:

- Each file's parse and schema findings depend only on its bytes: they come from the cache.
- Typed items depend on their file and on the platform and tenant files: cached by both.
- When a shared file (the platform or a tenant) changed, any file may break, and the check
  reports errors anywhere: references and policy are checked for every file, as `validate`
  does.
- Otherwise only findings in the changed files are reported, and those depend on the rest of
  the tree only through the ids it defines (references, duplicate ids) and the platform
  (policy): references and policy are checked for the changed files alone, against every
  file's ids. Findings on unchanged files would be dropped anyway.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import NamedTuple

from ftgitops.check.treesource import GitTreeSource
from ftgitops.findings import Finding
from ftgitops.load import Loaded, load
from ftgitops.load.schemas import SchemaSet
from ftgitops.model import Model
from ftgitops.rules.crossrefs import crossref_findings
from ftgitops.rules.policy import check_policy
from ftgitops.rules.references import reference_findings


class Head(NamedTuple):
    """The head tree loaded, and the findings it must answer for, placed and sorted."""

    loaded: Loaded
    findings: list[Finding]

    @property
    def model(self) -> Model | None:
        return self.loaded.model


def check_head(
    tree: GitTreeSource,
    schemas: SchemaSet,
    changed: Collection[str],
    shared: bool,
    now: datetime,
) -> Head:
    """Findings (without conflicts) and the model of the head tree.

    With `shared`, every finding in the tree; otherwise those in the `changed` paths.
    """
    loaded = load(tree, schemas)
    model = loaded.model
    wanted = None if shared else frozenset(changed)
    findings = [*loaded.findings, *reference_findings(loaded, wanted)]
    if model is not None:
        findings += check_policy(model if wanted is None else _only(model, wanted), now)
        findings += crossref_findings(model)  # reads other files: the whole model, filtered
    if wanted is not None:
        findings = [f for f in findings if f.file in wanted]
    return Head(loaded, loaded.locate(findings))


def _only(model: Model, paths: Collection[str]) -> Model:
    """The model with only the items at `paths` and no tenants: what their policy reads.

    The policy checks each item against the platform alone; tenant and freeze findings are
    in files that did not change.
    """
    items = {item_id: item for item_id, item in model.items.items() if item.path in paths}
    return Model(model.platform, {}, items)
