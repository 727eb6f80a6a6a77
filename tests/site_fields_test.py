"""An item's fields as an HTML definition list: all shown, escaped, compact where unambiguous."""

from __future__ import annotations

from datetime import date

from ftgitops.site.pages.fields import field_list


def test_short_values_share_a_line_and_free_text_keeps_its_own() -> None:
    fields = {
        "id": "CHG-2026-0001",
        "targets": {"regions": ["apac", "uk"], "tenants": "all"},
        "risk": {"likelihood": 2, "controls": ["tested on UAT, twice", "DBA on call"]},
        "deploy": None,
        "tested": True,
        "due": date(2026, 12, 1),
    }
    assert field_list(fields) == (
        '<dl class="ft-fields"><dt>id</dt><dd>CHG-2026-0001</dd>'
        "<dt>targets</dt><dd>regions: apac, uk; tenants: all</dd>"
        '<dt>risk</dt><dd><dl class="ft-fields"><dt>likelihood</dt><dd>2</dd>'
        "<dt>controls</dt><dd><ol><li>tested on UAT, twice</li><li>DBA on call</li></ol></dd>"
        "</dl></dd><dt>deploy</dt><dd>null</dd><dt>tested</dt><dd>true</dd>"
        "<dt>due</dt><dd>2026-12-01</dd></dl>"
    )


def test_keys_and_values_are_escaped_and_newlines_kept_without_blank_lines() -> None:
    shown = field_list({"<k>": "a <script>x</script> & b\n\nnext", "log": [{"by": "<i>"}]})
    assert "<script>" not in shown and "<i>" not in shown
    assert "<dt>&lt;k&gt;</dt>" in shown
    assert "<dd>a &lt;script&gt;x&lt;/script&gt; &amp; b&#10;&#10;next</dd>" in shown
    assert "<ol><li>by: &lt;i&gt;</li></ol>" in shown
    assert "\n" not in shown  # a blank line would end Markdown's raw HTML block
