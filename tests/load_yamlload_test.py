"""The strict loader: YAML 1.1 traps defused, dangerous or ambiguous files refused."""

from __future__ import annotations

import time
from typing import Any

import pytest

from ftgitops.load import documents
from ftgitops.load.yamlload import MAX_BYTES, MAX_DEPTH, LoadError, load_mapping


@pytest.mark.parametrize(
    ("written", "loaded"),
    [
        ("23:00", "23:00"),  # YAML 1.1: the sexagesimal number 1380
        ("190:20:30", "190:20:30"),
        ("no", "no"),  # YAML 1.1: false
        ("off", "off"),
        ("yes", "yes"),
        ("on", "on"),
        ("y", "y"),
        ("2026-11-28", "2026-11-28"),  # YAML 1.1: a date object
        ("2026-11-28T23:00", "2026-11-28T23:00"),
        ("2026-01-13T23:02Z", "2026-01-13T23:02Z"),
        ("2026-11-28 23:00:00+11:00", "2026-11-28 23:00:00+11:00"),
        ("1_000", "1_000"),  # YAML 1.1: 1000
        ("0b101", "0b101"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("012", 12),  # YAML 1.1: octal 10
        ("0o17", 15),
        ("0x1F", 31),
        ("-7", -7),
        ("2026.10", 2026.1),  # a number: the schema then says to quote a version
        ("1e3", 1000.0),
        ('"23:00"', "23:00"),
        ("'no'", "no"),
    ],
)
def test_plain_scalars_follow_yaml_1_2_core(written: str, loaded: Any) -> None:
    value = load_mapping(f"value: {written}\n".encode())["value"]
    assert value == loaded
    assert type(value) is type(loaded)


def test_a_real_change_file_keeps_times_and_dates_as_text() -> None:
    data = (
        b"# yaml-language-server: $schema=../../schemas/change.schema.json\n"
        b"id: CHG-2026-0001\nwindow: {start: 2026-11-28T23:00, end: 2026-11-29T01:00}\n"
        b"slot: 23:00\ndowntime: no\n"
    )
    document, findings = documents.parse("changes/2026/CHG-2026-0001.yaml", data)
    assert findings == []
    assert document is not None
    assert document.kind == "change"
    assert document.data["window"] == {"start": "2026-11-28T23:00", "end": "2026-11-29T01:00"}
    assert document.data["slot"] == "23:00"
    assert document.data["downtime"] == "no"


def _refusal(data: bytes) -> tuple[str, int, int]:
    with pytest.raises(LoadError) as raised:
        load_mapping(data)
    return raised.value.code, raised.value.line, raised.value.column


@pytest.mark.parametrize(
    ("data", "code", "line", "column"),
    [
        (b"a: 1\nb: 2\na: 3\n", "FT005", 3, 1),
        (b"a:\n  x: 1\n  x: 1\n", "FT005", 3, 3),
        (b"a: &x 1\nb: *x\n", "FT006", 1, 4),
        (b"base: &b {x: 1}\nother:\n  <<: *b\n", "FT006", 1, 7),
        (b"a: *nowhere\n", "FT004", 1, 4),  # an alias without its anchor
        (b"a: !!python/object/apply:os.system [echo]\n", "FT004", 1, 4),
        (b"a: !!binary aGVsbG8=\n", "FT004", 1, 4),
        (b"a: !!set {x}\n", "FT004", 1, 4),
        (b"a: !local 1\n", "FT004", 1, 4),
        (b"a: [1, 2\n", "FT004", 2, 1),
        (b"a: b: c\n", "FT004", 1, 5),
        (b"a:\n\tb: 1\n", "FT004", 2, 1),
        (b"- a\n- b\n", "FT008", 1, 1),
        (b"just text\n", "FT008", 1, 1),
        (b"", "FT008", 1, 1),
        (b"# only a comment\n", "FT008", 1, 1),
        (b"---\na: 1\n---\nb: 2\n", "FT004", 3, 1),
        (b"1: one\n", "FT009", 1, 1),
        (b"a:\n  true: yes\n", "FT009", 2, 3),
        (b"~: nothing\n", "FT009", 1, 1),
        (b"? [a, b]\n: c\n", "FT009", 1, 3),
        (b"title: caf\xe9\n", "FT002", 1, 11),
        (b"a: 1\nb: \xff\xfe\n", "FT002", 2, 4),
        (b"a: \x07\n", "FT004", 1, 4),
        ("a: \u00e9t\u00e9\nb: x\x07y\n".encode(), "FT004", 2, 5),  # columns count characters
    ],
)
def test_refused_files_name_code_line_and_column(
    data: bytes, code: str, line: int, column: int
) -> None:
    assert _refusal(data) == (code, line, column)


def _flow_nesting(levels: int) -> bytes:
    """A mapping (level 1) holding `levels - 1` nested flow lists."""
    return b"a: " + b"[" * (levels - 1) + b"]" * (levels - 1) + b"\n"


def _block_nesting(levels: int) -> bytes:
    """`levels` nested block mappings, one space of indentation per level."""
    lines = [" " * depth + f"k{depth}:" for depth in range(levels)]
    return ("\n".join(lines) + " 1\n").encode()


@pytest.mark.parametrize("nesting", [_flow_nesting, _block_nesting])
def test_nesting_is_allowed_to_64_levels_and_refused_beyond(nesting: Any) -> None:
    assert load_mapping(nesting(MAX_DEPTH))
    code, _, _ = _refusal(nesting(MAX_DEPTH + 1))
    assert code == "FT007"


def test_very_deep_nesting_is_refused_without_recursion_error() -> None:
    code, line, column = _refusal(_flow_nesting(100_000))
    assert (code, line) == ("FT007", 1)
    assert column == len(b"a: ") + MAX_DEPTH  # the bracket that opens level 65


def test_a_billion_laughs_is_refused_before_any_expansion() -> None:
    lines = [b"a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]".encode() for i in range(1, 10)]
    started = time.perf_counter()
    assert _refusal(b"\n".join(lines) + b"\n")[0] == "FT006"
    assert time.perf_counter() - started < 1.0


def test_size_limit_is_exactly_one_mebibyte() -> None:
    body = b"a: 1\n"
    at_limit = body + b"#" * (MAX_BYTES - len(body) - 1) + b"\n"
    assert len(at_limit) == MAX_BYTES
    assert load_mapping(at_limit) == {"a": 1}
    assert _refusal(at_limit + b"\n")[0] == "FT003"


def test_utf8_byte_order_mark_and_non_ascii_text_are_fine() -> None:
    assert load_mapping("\ufefftitle: Café in Zürich\n".encode()) == {"title": "Café in Zürich"}


def test_a_bad_byte_is_placed_in_characters_like_every_other_finding() -> None:
    assert _refusal("a: é".encode() + b"\xff\n") == ("FT002", 1, 5)


@pytest.mark.parametrize(
    ("written", "shown", "digits"),
    [
        ("9" * 5000, "999999999999...", "5,000"),
        ("0x" + "f" * 5000, "0xffffffffff...", "5,000"),
        ("-" + "1" * 19, "-11111111111...", "19"),
        ("0o" + "7" * 19, "0o7777777777...", "19"),
    ],
)
def test_a_number_longer_than_18_digits_is_refused_where_it_stands(
    written: str, shown: str, digits: str
) -> None:
    for data in (f"a: 1\nb: {written}\n", f"a: 1.5\nb: {written}\n"):  # fast path and strict
        with pytest.raises(LoadError) as raised:
            load_mapping(data.encode())
        message = f"the number {shown} has {digits} digits; no field takes more than 18"
        assert (raised.value.code, raised.value.message) == ("FT101", message)
        assert (raised.value.line, raised.value.column) == (2, 4)
    assert load_mapping(b"a: -999999999999999999\nb: 0xffffffffffffffffff") == {
        "a": -999999999999999999,
        "b": 0xFFFFFFFFFFFFFFFFFF,
    }
