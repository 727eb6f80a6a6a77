"""Validation of the head tree for the check: every finding a pull request must answer for.

The layers are `validate`'s (parse, schema, model, references, policy), run in the same order
so that findings come out in the same order; conflicts are left to the caller, which runs the
engine once. What differs is how much is checked:

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
from datetime import date

from ftgitops.check.treesource import GitTreeSource
from ftgitops.findings import sort_key
from ftgitops.model import Model
from ftgitops.policy import check_policy
from ftgitops.validate import Result, build_model, locate, reference_findings


def check_head(tree: GitTreeSource, changed: Collection[str], shared: bool, today: date) -> Result:
    """Findings (without conflicts) and the model of the head tree.

    With `shared`, every finding in the tree; otherwise those in the `changed` paths.
    """
    outcomes = [tree.outcome(path) for path in tree.paths()]
    parsed = [o.document for o in outcomes if o.document is not None]
    valid = [o.document for o in outcomes if o.valid and o.document is not None]
    model, model_findings = build_model(valid, tree.build_item)
    findings = [f for o in outcomes for f in o.parse_findings]
    findings += [f for o in outcomes for f in o.schema_findings or ()]
    findings += model_findings
    wanted = None if shared else frozenset(changed)
    findings += reference_findings(parsed, valid, model.platform if model else None, wanted)
    if model is not None:
        findings += check_policy(model if wanted is None else _only(model, wanted), today)
    if wanted is not None:
        findings = [f for f in findings if f.file in wanted]
    return Result(sorted(locate(tree, findings), key=sort_key), model)


def _only(model: Model, paths: Collection[str]) -> Model:
    """The model with only the items at `paths` and no tenants: what their policy reads.

    The policy checks each item against the platform alone; tenant and freeze findings are
    in files that did not change.
    """
    items = {item_id: item for item_id, item in model.items.items() if item.path in paths}
    return Model(model.platform, {}, items)
