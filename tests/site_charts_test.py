"""The chart helpers: pygal's SVG made fit for an inline figure (no script, no comment,
scalable, titled, same output every build), names shown as text, whole-number axes."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest

from ftgitops.site import charts, reports
from ftgitops.site.pages import gantt

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert(1)</script> & "x" </figure>'


def parse(picture: str) -> ET.Element:
    """The first `<svg>` of a picture (an SVG, perhaps followed by its HTML legend)."""
    return ET.fromstring(picture[: picture.index("</svg>") + len("</svg>")])


def drawn(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == "bar"]


def test_columns_are_a_titled_scalable_svg_without_script_or_comment() -> None:
    series = [
        charts.Series("code", [1, 0, 2], "#1565c0"),
        charts.Series("infrastructure", [0, 0, 1], "#2e7d32"),
    ]
    picture = charts.columns("demo", "Demo chart", ["2026-01", "2026-02", "2026-03"], series)
    assert picture == charts.columns(
        "demo", "Demo chart", ["2026-01", "2026-02", "2026-03"], series
    )  # no uuid, no date: the same every build
    assert "<!--" not in picture and "<script" not in picture and "<desc" not in picture
    root = parse(picture)
    assert [t.text for t in root.iter(f"{SVG}title")] == ["Demo chart"]  # no raw axis values
    assert root.get("id") == "chart-demo" and root.get("role") == "img"
    assert root.get("viewBox") == f"0 0 {charts.WIDTH} 300" and root.get("width") is None
    assert root.findtext(f"{SVG}title") == "Demo chart"
    assert root.get("aria-labelledby") == "chart-demo-title"
    assert len(drawn(root)) == 3  # the zero cells draw nothing
    axis = [t.text for t in root.iter(f"{SVG}text")]
    assert axis == ["0", "1", "2", "3", "4", "2026-01", "2026-02", "2026-03"]
    legend = picture.split("</svg>", 1)[1]
    assert legend.count("<li>") == 2 and legend.endswith("infrastructure</li></ul>")


def test_names_are_text_in_the_svg_and_its_legend() -> None:
    rows = [(HOSTILE, 2.0, "2"), ("calm", 1.0, "1")]
    picture = charts.bars("hostile", HOSTILE, rows)
    root = parse(picture)
    assert root.findtext(f"{SVG}title") == HOSTILE
    assert f"{HOSTILE}: 2" in [t.text for t in root.iter(f"{SVG}text")]
    assert "<script>" not in picture
    legend = charts.legend([(HOSTILE, "#000")])
    assert "&lt;script&gt;" in legend and "<script>" not in legend
    figure = charts.figure("f", HOSTILE, picture, charts.value_table("t", "Name", rows))
    assert "<script>" not in figure and figure.count("</figure>") == 1


def test_bars_are_drawn_in_order_top_down_and_to_scale() -> None:
    root = parse(charts.bars("order", "Order", [("a", 4, "4"), ("b", 1, "1"), ("c", 2, "2")]))
    rects = [next(bar.iter(f"{SVG}rect")) for bar in drawn(root)]
    by_height = sorted(rects, key=lambda r: float(r.get("y", 0)))
    widths = [float(r.get("width", 0)) for r in by_height]
    assert widths[0] == 4 * widths[1] and widths[2] == 2 * widths[1]


def test_whole_number_ticks() -> None:
    assert charts.whole_ticks(0) == [0, 1]
    assert charts.whole_ticks(3) == [0, 1, 2, 3, 4]
    assert charts.whole_ticks(19) == [0, 4, 8, 12, 16, 20]


def test_every_month_in_range_is_kept() -> None:
    assert reports.month_range(["2026-11", "2027-02", "2026-12"]) == [
        "2026-11",
        "2026-12",
        "2027-01",
        "2027-02",
    ]
    assert reports.month_range([]) == []


def test_a_timeline_row_per_task_and_short_windows_stay_visible() -> None:
    def at(day: int, hour: int) -> datetime:
        return datetime(2026, 11, day, hour, tzinfo=UTC)

    tasks = [
        gantt.Task("CHG-1", "one", at(2, 20), at(2, 21), "planned", "#chg-1"),
        gantt.Task("CHG-2", "two", at(10, 0), at(17, 0), "completed", ""),
        gantt.Task("CHG-3", "three", at(30, 23), at(30, 23), "failed", "#chg-3"),
    ]
    picture = gantt.timeline("timeline", "2026-11", tasks)
    root = parse(picture.split('<div class="ft-picture">')[1])
    rects = [next(bar.iter(f"{SVG}rect")) for bar in drawn(root)]
    assert len(rects) == 3
    widths = sorted(float(r.get("width", 0)) for r in rects)
    # 1 hour and 0 hours are drawn at 1% of the 720-hour axis; 7 days at 168/720 of it.
    assert widths[0] == pytest.approx(widths[1])
    assert widths[2] / widths[0] == pytest.approx(168 / 7.2)
    assert "Planned" in picture and "Completed" in picture and "Failed or rolled back" in picture
    assert "In progress" not in picture
