"""The validation pipeline on example files: every code shown, every kind clean when right."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import (
    A_YEAR_LATER,
    EXAMPLES,
    PROJECT_ROOT,
    TODAY,
    CliResult,
    Example,
    example_files,
    install_example,
    midnight,
    read_example,
)

from ftgitops.codes import CODES, Severity
from ftgitops.load import documents
from ftgitops.load.schemas import SchemaSet
from ftgitops.model import Model
from ftgitops.validate import validate

NEGATIVE = example_files("negative")
POSITIVE = example_files("positive")


def _code_of(path: Path) -> str:
    return path.name.split("-", 1)[0]


def test_every_code_has_a_negative_example() -> None:
    """Adding a code without an example fails here.

    Examples that need more than one file in the repository (a git history for `check`, say)
    may live in a subfolder with their own harness; they count here by their name.
    """
    covered = {_code_of(path) for path in (EXAMPLES / "negative").rglob("FT*")}
    missing = sorted(set(CODES) - covered)
    assert missing == [], f"codes without a file in tests/examples/negative/: {missing}"


def test_every_negative_example_names_a_known_code_and_expects_it() -> None:
    for path in NEGATIVE:
        example = read_example(path)
        assert _code_of(path) in CODES, path.name
        assert example.expected, f"{path.name}: no '# expect:' line"
        assert any(f"[{_code_of(path)}]" in line for line in example.expected), path.name


def _validate_lines(example: Example, root: Path, schemas: SchemaSet, only: bool) -> list[str]:
    result = validate(root, midnight(example.today), schemas, [example.target] if only else None)
    return [finding.format() for finding in result.findings]


@pytest.mark.parametrize("path", NEGATIVE, ids=lambda p: p.name)
def test_negative_example_gives_exactly_its_finding(
    path: Path, repo: Path, schemas: SchemaSet, cli: Callable[..., CliResult]
) -> None:
    example = read_example(path)
    install_example(example, repo)
    if example.run is not None:
        result = cli("--root", repo, *shlex.split(example.run))
        assert set(example.expected) <= set(result.out.splitlines())
        assert result.code == (1 if any("error[" in line for line in example.expected) else 0)
        return
    assert _validate_lines(example, repo, schemas, only=False) == example.expected
    own = [line for line in example.expected if line.startswith(f"{example.target}:")]
    assert _validate_lines(example, repo, schemas, only=True) == own


@pytest.mark.parametrize("today", [TODAY, A_YEAR_LATER])
@pytest.mark.parametrize("path", POSITIVE, ids=lambda p: p.name)
def test_positive_example_is_clean_now_and_a_year_later(
    path: Path, today: str, repo: Path, schemas: SchemaSet
) -> None:
    """Nothing that was valid may turn red, or yellow, by itself as time passes; but for the
    reminder to record what happened (FT309) once a window is over and the record says it is
    still to come."""
    example = read_example(path)
    install_example(example, repo)
    result = validate(repo, midnight(today), schemas)
    reminders = [f for f in result.findings if f.code == "FT309"]
    assert [f.format() for f in result.findings if f not in reminders] == []
    assert all(f.json_path[0] in ("status", "waves") for f in reminders)
    assert reminders == [] or today == A_YEAR_LATER
    assert result.model is not None
    assert _in_model(example.target, result.model)


def _in_model(target: str, model: Model) -> bool:
    kind = documents.kind_of(target)
    stem = Path(target).stem
    if kind == "platform":
        return bool(model.platform.regions)
    if kind == "tenant":
        return model.tenants[stem].path == target
    return model.items[stem].path == target


def test_positive_examples_cover_every_kind() -> None:
    kinds = {documents.kind_of(read_example(path).target) for path in POSITIVE}
    assert kinds == {"platform", "tenant", "change", "release", "maintenance", "incident"}


def test_minimal_fixture_is_clean_and_fully_built(repo: Path, schemas: SchemaSet) -> None:
    result = validate(repo, midnight(TODAY), schemas)
    assert result.findings == []
    assert result.model is not None
    assert sorted(result.model.tenants) == ["harbour-staffing", "thames-care"]
    assert sorted(result.model.items) == [
        "CHG-2026-0001",
        "INC-2026-0001",
        "MNT-2026-0001",
        "REL-2026-0001",
    ]
    assert set(result.model.platform.regions) == {"apac", "uk"}


def test_one_typo_does_not_cascade(repo: Path, schemas: SchemaSet) -> None:
    """A change that fails its schema is left out of references and policy."""
    change = repo / "changes/2026/CHG-2026-0001.yaml"
    text = change.read_text(encoding="utf-8")
    change.write_text(text.replace("owner: alice", "owner: 42"), encoding="utf-8")
    result = validate(repo, midnight(TODAY), schemas)
    assert [f.code for f in result.findings] == ["FT104"]


def test_every_finding_in_a_broken_repository_is_reported(repo: Path, schemas: SchemaSet) -> None:
    """One run reports every bad file, not just the first."""
    names = [
        "FT005-duplicate-key.yaml",
        "FT106-no-such-go-live-day.yaml",
        "FT210-service-cycle.yaml",
    ]
    examples = [read_example(EXAMPLES / "negative" / name) for name in names]
    for example in examples:
        install_example(example, repo)
    result = validate(repo, midnight(TODAY), schemas)
    expected = sorted(line for example in examples for line in example.expected)
    assert sorted(finding.format() for finding in result.findings) == expected


@pytest.mark.parametrize("today", [TODAY, A_YEAR_LATER])
def test_the_repositorys_own_example_data_is_valid(
    today: str, cli: Callable[..., CliResult]
) -> None:
    result = cli("--root", PROJECT_ROOT, "validate", "--today", today)
    errors = [line for line in result.out.splitlines() if f"{Severity.ERROR}[FT" in line]
    assert errors == []
    assert result.code == 0, result.out + result.err
