"""The table of codes: well formed, and the README shows exactly what the code says."""

from __future__ import annotations

import re

from conftest import PROJECT_ROOT

from ftgitops.codes import CODES, Severity, markdown_table, severity_of

START, END = "<!-- codes:start -->", "<!-- codes:end -->"


def _readme_table() -> str:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.count(START) == 1 and readme.count(END) == 1
    return readme.split(START, 1)[1].split(END, 1)[0]


def test_readme_holds_exactly_the_generated_table() -> None:
    hint = "paste `python -c 'import ftgitops.codes as c; print(c.markdown_table())'` into README"
    assert _readme_table() == "\n" + markdown_table(), hint


def test_every_code_is_a_row_of_the_readme_table() -> None:
    table = _readme_table()
    for code in CODES.values():
        assert f"| `{code.code}` | {code.severity} | " in table, code.code


def test_codes_are_stable_shaped_unique_and_summarised() -> None:
    rows = markdown_table().splitlines()[2:]
    assert len(rows) == len(CODES)
    for key, code in CODES.items():
        assert re.fullmatch(r"FT\d{3}", key) and key == code.code
        assert code.summary.endswith(".") and code.summary[0].isupper()
        assert severity_of(key) in (Severity.ERROR, Severity.WARNING)
    assert list(CODES) == sorted(CODES)
