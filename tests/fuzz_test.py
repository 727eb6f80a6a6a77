"""Arbitrary input never crashes the loader or the validator: findings, or `FtgitopsError`.

Hypothesis feeds bytes, text, arbitrary YAML documents and mutated valid files through
`documents.parse` and the whole `validate` pipeline (written into a fixture repository).
"""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import MINIMAL, TODAY, midnight
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ftgitops.codes import CODES
from ftgitops.errors import FtgitopsError
from ftgitops.findings import Finding
from ftgitops.load import documents
from ftgitops.load.schemas import SchemaSet
from ftgitops.load.yamlload import load_mapping
from ftgitops.report import as_json
from ftgitops.validate import validate

CHANGE = "changes/2026/CHG-2026-0002.yaml"
VALID_FILES = [
    "ftgitops.yaml",
    "tenants/harbour-staffing.yaml",
    "changes/2026/CHG-2026-0001.yaml",
    "changes/2026/REL-2026-0001.yaml",
    "changes/2026/MNT-2026-0001.yaml",
    "changes/2026/INC-2026-0001.yaml",
]
FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# Each of these runs the whole pipeline over the repository (about 20-40 ms an example).
FUZZ_PIPELINE = settings(FUZZ, max_examples=100)

# Values that mean something to the validator, so documents get past the first layers.
MEANINGFUL = st.sampled_from(
    [
        "23:00", "no", "off", "yes", "2026-11-28", "2026-02-30", "2026-10-04T02:30",
        "2026-10-25T01:30", "2026-11-28T23:00+11:00", "Australia/Sydney", "Mars/Olympus",
        "all", "apac", "uk", "primary", "dr", "database", "web", "alice", "bob", "production",
        "uat", "CHG-2026-0001", "INC-2026-0001", "MNT-2026-0001", "change", "emergency",
        "scheduled", "resolved", "",
    ]
)  # fmt: skip
FIELDS = st.sampled_from(
    [
        "id", "kind", "title", "type", "status", "owner", "window", "start", "end", "tz",
        "targets", "regions", "sites", "services", "tenants", "environments", "impact",
        "downtime", "risk", "likelihood", "rollback", "plan", "published", "updates", "at",
        "waves", "groups", "caused_by", "problems", "go_live", "permanent", "depends_on",
    ]
)  # fmt: skip
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats()
    | st.text(max_size=12)
    | MEANINGFUL
)
KEYS = FIELDS | st.text(max_size=8)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=25,
)


@pytest.fixture(scope="module")
def fuzz_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One repository for every example: each example writes a file and puts it back."""
    return Path(shutil.copytree(MINIMAL, tmp_path_factory.mktemp("fuzz") / "repo"))


def _assert_well_formed(findings: list[Finding]) -> None:
    for finding in findings:
        assert finding.code in CODES
        assert finding.line >= 1 and finding.column >= 1, finding
        assert finding.file and finding.message
        assert finding.format().startswith(f"{finding.file}:{finding.line}:{finding.column}: ")
    assert json.loads(as_json(findings, 1))["errors"] <= len(findings)


def _check(
    root: Path, schemas: SchemaSet, relative: str, data: bytes, *, whole: bool = True
) -> None:
    """Parse and validate `data` at `relative`; anything but findings or our error fails.

    With `whole=False` a file the loader refuses is not validated again with the rest of the
    repository (most random bytes are refused, and the pipeline only passes that on).
    """
    document, findings = documents.parse(relative, data)
    assert document is not None or findings, "a refused file must say why"
    _assert_well_formed(findings)
    if document is None and not whole:
        return
    target = root / relative
    original = target.read_bytes() if target.exists() else None
    target.write_bytes(data)
    try:
        result = validate(root, midnight(TODAY), schemas)
    except FtgitopsError:
        return
    finally:
        if original is None:
            target.unlink()
        else:
            target.write_bytes(original)
    _assert_well_formed(result.findings)
    if document is None:
        assert {f.code for f in findings} <= {f.code for f in result.findings if f.file == relative}


@FUZZ
@given(data=st.binary(max_size=600))
def test_arbitrary_bytes(fuzz_repo: Path, schemas: SchemaSet, data: bytes) -> None:
    _check(fuzz_repo, schemas, CHANGE, data, whole=False)


@FUZZ
@given(text=st.text(max_size=400))
def test_arbitrary_text(fuzz_repo: Path, schemas: SchemaSet, text: str) -> None:
    _check(fuzz_repo, schemas, CHANGE, text.encode("utf-8", errors="surrogatepass"), whole=False)


@FUZZ_PIPELINE
@given(
    document=st.dictionaries(KEYS | st.integers() | st.booleans(), VALUES, max_size=12) | VALUES,
    flow=st.booleans(),
)
def test_arbitrary_yaml_documents(
    fuzz_repo: Path, schemas: SchemaSet, document: Any, flow: bool
) -> None:
    text = yaml.safe_dump(document, default_flow_style=flow, allow_unicode=True)
    _check(fuzz_repo, schemas, CHANGE, text.encode("utf-8", errors="surrogatepass"))


def _paths(value: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value inside a loaded document (not the root itself)."""
    if isinstance(value, dict):
        children: list[tuple[Any, Any]] = list(value.items())
    elif isinstance(value, list):
        children = list(enumerate(value))
    else:
        return
    for key, child in children:
        yield (*at, key)
        yield from _paths(child, (*at, key))


def _mutate(document: dict[str, Any], path: tuple[Any, ...], new: Any, drop: bool) -> None:
    holder: Any = document
    for part in path[:-1]:
        holder = holder[part]
    if drop:
        del holder[path[-1]]
    else:
        holder[path[-1]] = new


@FUZZ_PIPELINE
@given(source=st.sampled_from(VALID_FILES), data=st.data())
def test_mutated_valid_files(
    fuzz_repo: Path, schemas: SchemaSet, source: str, data: st.DataObject
) -> None:
    document = copy.deepcopy(load_mapping((MINIMAL / source).read_bytes()))
    for _ in range(data.draw(st.integers(min_value=1, max_value=4), label="mutations")):
        paths = list(_paths(document))
        if not paths:
            break
        path = data.draw(st.sampled_from(paths), label="path")
        drop = data.draw(st.booleans(), label="drop")
        _mutate(document, path, None if drop else data.draw(VALUES, label="new value"), drop)
    schema = documents.schema_line_for(str(documents.kind_of(source)), source)
    text = schema + "\n" + yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    _check(fuzz_repo, schemas, source, text.encode("utf-8", errors="surrogatepass"))
