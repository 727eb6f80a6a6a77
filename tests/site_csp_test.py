"""The Content-Security-Policy meta: the theme's inline scripts by hash, the content's never."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest
from site_helpers import build, copy_fixture

from ftgitops.site.csp import digest, inline_scripts, policy, with_policy

THEME = "var a=1;"
PAGE = (
    '<!doctype html><html><head><meta charset="utf-8">'
    f"<script>{THEME}</script>"
    '<script src="assets/bundle.js"></script>'
    '<script id="__config" type="application/json">{"a": 1}</script>'
    "</head><body><header>x</header><article>{content}</article>"
    '<script type="module">import "./m.js"</script></body></html>'
)


def test_a_hash_is_the_sha256_of_the_script_text_with_parser_line_ends() -> None:
    expected = base64.b64encode(hashlib.sha256(b"a;\nb;").digest()).decode()
    assert digest("a;\r\nb;") == digest("a;\rb;") == f"'sha256-{expected}'"


def test_only_inline_scripts_a_browser_runs_are_found() -> None:
    assert inline_scripts(PAGE.replace("{content}", "")) == [THEME, 'import "./m.js"']


def test_the_policy_allows_the_site_and_the_hashes_and_nothing_else() -> None:
    assert policy([THEME, THEME]) == (
        f"script-src 'self' {digest(THEME)}; object-src 'none'; base-uri 'self'; form-action 'self'"
    )
    assert policy([]).startswith("script-src 'self'; ")


def test_the_meta_is_the_first_element_of_head() -> None:
    page = with_policy(PAGE.replace("{content}", "<p>hi</p>"), "<p>hi</p>")
    head = page.split("<head>", 1)[1]
    assert head.startswith('<meta http-equiv="Content-Security-Policy" content="script-src ')
    assert digest(THEME) in head.split(">", 1)[0]
    assert "unsafe-inline" not in page and "unsafe-eval" not in page


def test_a_script_in_the_content_is_not_allowed_by_its_own_hash() -> None:
    injected = "<script>alert(1)</script>"
    page = with_policy(PAGE.replace("{content}", injected), injected)
    meta = page.split("<head>", 1)[1].split(">", 1)[0]
    assert digest("alert(1)") not in meta
    assert digest(THEME) in meta


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("csp")
    root = copy_fixture(folder / "repo")
    found = {}
    for audience in ("public", "internal", "tenant:zebra-secret"):
        output = folder / audience.replace(":", "-")
        assert build(root, "--audience", audience, "--output", str(output)) == 0
        found[audience] = output
    return found


def test_every_html_page_of_every_edition_has_a_policy_covering_its_inline_scripts(
    editions: dict[str, Path],
) -> None:
    for site in editions.values():
        pages = sorted(site.rglob("*.html"))
        assert len(pages) > 5
        for path in pages:
            page = path.read_text(encoding="utf-8")
            head = page.split("<head>", 1)[1]
            assert head.startswith('<meta http-equiv="Content-Security-Policy"'), path
            meta = head.split(">", 1)[0]
            content = meta.split('content="', 1)[1]
            assert "'unsafe-inline'" not in content and "http" not in content, path
            for script in inline_scripts(page):
                assert digest(script) in meta, (path, script[:60])
