"""One definition of text: FT108 for a control character in any key or value, on its line."""

from __future__ import annotations

import pytest

from ftgitops.load.documents import parse
from ftgitops.load.textcheck import text_findings

CHG = "changes/2026/CHG-2026-0001.yaml"
SCHEMA = b"# yaml-language-server: $schema=../../schemas/change.schema.json\n"


@pytest.mark.parametrize(
    ("escape", "named"),
    [
        (r"\e", "U+001B, a control character"),
        (r"\0", "U+0000, a control character"),
        (r"\v", "U+000B, a control character"),
        (r"\r", "U+000D, a control character"),
        (r"\x7f", "U+007F, a control character"),
        (r"\N", "U+0085, a control character"),
        (r"\x9b", "U+009B, a control character"),
        (r"\uFFFF", "U+FFFF, a non-character"),
    ],
)
def test_a_control_character_in_a_value_is_ft108_at_the_value(escape: str, named: str) -> None:
    data = SCHEMA + f'id: CHG-2026-0001\nrisk:\n  controls: [ok, "a{escape}b"]\n'.encode()
    document, findings = parse(CHG, data)
    assert document is not None  # read, so its id is known, but not valid (see pipeline)
    assert [f.format() for f in findings] == [
        f"{CHG}:4:18: error[FT108]: the text contains {named}, at character 2: only tabs and "
        "line breaks may appear in text ($.risk.controls[1])"
    ]


def test_a_control_character_in_a_key_is_ft108_at_the_key() -> None:
    data = SCHEMA + b'id: CHG-2026-0001\nimpact:\n  "down\\ttime": true\n  "x\\ey": 1\n'
    assert [f.format() for f in parse(CHG, data)[1]] == [
        f"{CHG}:5:3: error[FT108]: the key 'x\\x1by' contains U+001B, a control character: "
        "only tabs and line breaks may appear in text ($.impact)"
    ]


def test_tabs_line_breaks_and_any_other_character_are_text() -> None:
    text = 'title: "a\\tb\\nc \\u2028 \\u202e \\U0001F600 \\_"\nlist: ["\\\\", \'\\0\']\n'
    assert parse(CHG, SCHEMA + text.encode())[1] == []


def test_a_file_without_a_backslash_is_not_walked() -> None:
    assert text_findings(CHG, b"title: plain", {"title": "\x1b[31m"}) == []
