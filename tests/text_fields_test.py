"""Every text field of every kind: whatever passes `validate` also builds, and whatever fails
is refused by the build with a located error (never a crash).

The fields are read from the schemas (every string without a pattern, a list of choices or a
constant); `tests/fixtures/values` fills each of them in, so any one can be replaced by an
arbitrary text (control characters, markup, any Unicode) in a file that is otherwise valid.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from ftgitops.findings import has_errors
from ftgitops.load import documents
from ftgitops.load.schemas import SchemaSet
from ftgitops.load.yamlload import load_mapping
from ftgitops.main import main
from ftgitops.validate import validate

VALUES = Path(__file__).parent / "fixtures" / "values"
NOW = "2026-11-21T12:00:00+00:00"
FILES = {
    "platform": "ftgitops.yaml",
    "tenant": "tenants/harbour-staffing.yaml",
    "change": "changes/2026/CHG-2026-0001.yaml",
    "release": "changes/2026/REL-2026-0001.yaml",
    "maintenance": "changes/2026/MNT-2026-0001.yaml",
    "incident": "changes/2026/INC-2026-0001.yaml",
}
Path_ = tuple[str | int, ...]  # a field's place: "*" is any key of a mapping, 0 a list's first


def _resolved(node: dict[str, Any], base: dict[str, Any], by_id: dict[str, Any]) -> Any:
    while "$ref" in node:
        uri, _, fragment = node["$ref"].partition("#")
        base = by_id[f"https://ftgitops.example/schemas/{uri}"] if uri else base
        target: Any = base
        for part in filter(None, fragment.split("/")):
            target = target[part]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node, base


def _text_fields(
    node: dict[str, Any], base: dict[str, Any], by_id: Any, at: Path_
) -> Iterator[Path_]:
    node, base = _resolved(node, base, by_id)
    for branch in node.get("oneOf", []):
        yield from _text_fields(branch, base, by_id, at)
    if node.get("type") == "string" and not {"pattern", "enum", "const"} & node.keys():
        yield at
    for name, child in node.get("properties", {}).items():
        yield from _text_fields(child, base, by_id, (*at, name))
    if isinstance(node.get("additionalProperties"), dict):
        yield from _text_fields(node["additionalProperties"], base, by_id, (*at, "*"))
    if "items" in node:
        yield from _text_fields(node["items"], base, by_id, (*at, 0))


def text_fields() -> list[tuple[str, Path_]]:
    """Every free-text field of every kind, as the schemas define them."""
    shipped = SchemaSet().documents
    by_id = {document["$id"]: document for document in shipped.values()}
    found = []
    for kind in FILES:
        schema = shipped[f"{kind}.schema.json"]
        found += [(kind, path) for path in dict.fromkeys(_text_fields(schema, schema, by_id, ()))]
    return found


FIELDS = text_fields()
PAYLOADS = st.sampled_from(
    [
        "\x1b[31mred", "nul\x00", "\x0b", "\x7f", "\x85", "\x9b", "\ufffe", "\r", "\t", "\n",
        "\u2028", "\u202e", "<script>alert(1)</script>", "{: onclick=alert(1) }",
        "[x](javascript:alert(1))", "&#0;", "]]>", "|", "`", "*", "#", "---", "{{ x }}", "%",
    ]
)  # fmt: skip
TEXTS = st.lists(st.text(min_size=1, max_size=8) | PAYLOADS, min_size=1, max_size=3).map("".join)


def _document(kind: str) -> dict[str, Any]:
    return load_mapping((VALUES / FILES[kind]).read_bytes())


def _place(document: dict[str, Any], path: Path_) -> tuple[Any, str | int]:
    """The container and key of the field at `path` (`*` is the mapping's first key)."""
    holder: Any = document
    for part in path[:-1]:
        holder = holder[next(iter(holder)) if part == "*" else part]
    last = path[-1]
    return holder, next(iter(holder)) if last == "*" else last


def test_the_fixture_fills_in_every_text_field() -> None:
    assert len(FIELDS) >= 50
    for kind, path in FIELDS:
        holder, key = _place(_document(kind), path)
        assert isinstance(holder[key], str), (kind, path)


@pytest.fixture(scope="module")
def values_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Path(shutil.copytree(VALUES, tmp_path_factory.mktemp("text") / "repo"))


def _written(kind: str, path: Path_, text: str) -> bytes:
    document = _document(kind)
    holder, key = _place(document, path)
    holder[key] = text
    schema = documents.schema_line_for(kind, FILES[kind])
    body = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    return f"{schema}\n{body}".encode()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(FIELDS), text=TEXTS)
def test_whatever_passes_validate_also_builds(
    values_repo: Path, schemas: SchemaSet, field: tuple[str, Path_], text: str
) -> None:
    kind, path = field
    target = values_repo / FILES[kind]
    original = target.read_bytes()
    target.write_bytes(_written(kind, path, text))
    try:
        findings = validate(values_repo, datetime.fromisoformat(NOW), schemas).findings
        code = main(["--root", str(values_repo), "build", "--now", NOW])
    finally:
        target.write_bytes(original)
    assert all(f.line >= 1 for f in findings), findings
    event("refused" if has_errors(findings) else "built")
    if has_errors(findings):
        assert code in (0, 2), (kind, path, text)  # 0: a policy or conflict error only
    else:
        assert code == 0, (kind, path, text)
