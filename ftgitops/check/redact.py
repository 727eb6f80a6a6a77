"""Tenant ids and names taken out of rendered check output that is not internal.

Conflict messages, `shared` labels, titles and file paths can each name a customer, and the
rule is that only internal output does. Redacting the finished text of every format, in this
one place, keeps the rule when a field or a format is added. Each tenant becomes `tenant #N`
(and a path to its file `a tenant file (tenant #N)`, which no one takes for a real path),
numbered by first appearance, and keeps its number in every format rendered with the same
`Redactor`; the number says nothing about who it is (an alphabetical index would, to anyone
holding the tenant list). The escaped forms the formats write (JSON strings, Markdown table
cells, workflow-command data and properties) are matched as well as the plain text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ftgitops.check.annotations import escape_data, escape_property
from ftgitops.check.markdown import cell

LABEL = "tenant "
WORD = re.compile(r"\w")
# A path in tenants/ that names a tenant: the whole path goes, or it would name a file that
# does not exist (`tenants/tenant #1.yaml`); it ends on a word character, not a full stop.
PATH_BEFORE, PATH_AFTER = r"(?<![\w./-])(tenants/[\w./-]*?)", r"((?:[\w./-]*\w)?)"
FILE_LABEL = "a tenant file ({})"
ESCAPES: tuple[Callable[[str], str], ...] = (
    lambda term: term,
    lambda term: json.dumps(term)[1:-1],
    lambda term: json.dumps(term, ensure_ascii=False)[1:-1],
    cell,
    escape_data,
    escape_property,
)


Trie = dict[str, Any]  # a character -> the rest; "" marks the end of a form


class Redactor:
    """Replaces every tenant term; one per report, so each format numbers tenants alike."""

    def __init__(self, tenants: Sequence[Sequence[str]]) -> None:
        self._owner: dict[str, int] = {}  # a lower-case form -> the tenant's index
        for index, terms in enumerate(tenants):
            for form in _forms(terms):
                self._owner.setdefault(form.lower(), index)
        self._numbers: dict[int, int] = {}

    def __call__(self, text: str) -> str:
        """The text with each tenant term, and a `tenant ` before it, as `tenant #N`; a path
        in tenants/ that names one as `a tenant file (tenant #N)`."""
        lowered = text.lower()
        present = [form for form in self._owner if form in lowered]
        if not present:
            return text
        alternatives = _trie_pattern(present)
        path = f"{PATH_BEFORE}({alternatives}){PATH_AFTER}"
        pattern = re.compile(rf"{path}|(?:(?<!\w)({LABEL}))?({alternatives})", re.IGNORECASE)
        return pattern.sub(self._label, text)

    def _label(self, match: re.Match[str]) -> str:
        in_path = match[2] is not None
        term = match[2] if in_path else match[5]
        tenant = self._owner.get(term.lower(), -1)  # -1: a case-folding oddity, still hidden
        number = self._numbers.setdefault(tenant, len(self._numbers) + 1)
        if in_path:
            return FILE_LABEL.format(f"{LABEL}#{number}")
        return f"{match[4] or LABEL}#{number}"


def _trie_pattern(forms: Iterable[str]) -> str:
    """One pattern for all the forms, as a trie: a flat alternation of hundreds of names is
    tried name by name at every position, a trie one character at a time. Whole words only
    (`care` is not in `scare`), and the longest form wins (`thames-care` over `thames`)."""
    trie: Trie = {}
    for form in forms:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}  # a form ends here
    return _node_pattern(trie, "")


def _node_pattern(node: Trie, previous: str) -> str:
    branches = []
    for char in sorted(key for key in node if key):  # longer forms first, then the end
        guard = r"(?<!\w)" if not previous and WORD.match(char) else ""
        branches.append(guard + re.escape(char) + _node_pattern(node[char], char))
    if "" in node:
        branches.append(r"(?!\w)" if WORD.match(previous) else "")
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


def _forms(terms: Iterable[str]) -> set[str]:
    """Each term as every format may write it."""
    return {escape(term) for term in terms if term for escape in ESCAPES}
