"""Charts as static SVG drawn at build time by pygal, each beside its data table.

pygal writes plain SVG with its text as `<text>` (not glyph outlines), costs about 0.1 s to
import and 15 ms a chart, and needs no numpy. Its output is made fit for an inline figure
on a page with a strict Content-Security-Policy and nothing loaded from another host: the
inline `<script>` pygal writes for its tooltips and its comments (one dated, so builds would
differ) are dropped, no script file or web font is asked for, the root `<svg>` keeps only its
`viewBox` (the stylesheet makes it 100% wide) and gets `role="img"` and a `<title>` that
names it. The numbers are in a `<table>` in the same `<figure>` (folded in a `<details>`),
so a screen reader, a text browser and a reader who wants the exact figure all have them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

import pygal  # type: ignore[import-untyped]
from pygal.etree import etree  # type: ignore[import-untyped]
from pygal.style import Style  # type: ignore[import-untyped]

from ftgitops.site.text import name

WIDTH = 440
FONT = 14
# Colours readable on white (WCAG 3:1 against the page for graphics), in series order.
PALETTE = ("#1565c0", "#2e7d32", "#c43e00", "#6a1b9a", "#00838f", "#8a5300", "#ad1457", "#455a64")
DROPPED = frozenset({"script", "desc"})
Row = tuple[str, float, str]  # label, value, the value as shown in the data table


class Series(NamedTuple):
    """One series of a chart: its name in the legend, a value per label, its colour."""

    name: str
    values: Sequence[float | None]
    color: str


def style(colors: Iterable[str]) -> Any:
    """The site's look: transparent background, the page's own font, no animation."""
    return Style(
        background="transparent",
        plot_background="transparent",
        font_family="inherit",
        foreground="rgba(0,0,0,.87)",
        foreground_strong="rgba(0,0,0,.87)",
        foreground_subtle="rgba(0,0,0,.25)",
        colors=tuple(colors),
        opacity="1",
        opacity_hover=".8",
        transition="0ms",
        label_font_size=FONT,
        major_label_font_size=FONT,
        legend_font_size=FONT,
        value_font_size=FONT,
        tooltip_font_size=FONT,
        title_font_size=FONT,
    )


def options(height: int, colors: Iterable[str], **more: Any) -> dict[str, Any]:
    """What every chart shares: no script, no XML declaration, legend below, a fixed size."""
    return {
        "style": style(colors),
        "js": (),
        "disable_xml_declaration": True,
        "width": WIDTH,
        "height": height,
        "margin": 8,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 2,
        "truncate_legend": -1,
        "truncate_label": -1,
        "print_values": False,
        **more,
    }


def _local(tag: object) -> str:
    return str(tag).rpartition("}")[2]


def clean(root: Any, hidden: str = "") -> None:
    """Drop what pygal writes for its script (the script, the `<desc>` data it reads, the
    axis guides' raw values as titles), its comments (one carries the day's date), bars of
    no size (a missing value) and the series whose class is `hidden` (a timeline's offsets)."""
    for parent in list(root.iter()):
        guides = "guides" in str(parent.attrib.get("class", "")).split()
        for child in list(parent):
            if _dropped(child, hidden) or (guides and _local(child.tag) == "title"):
                parent.remove(child)


def _dropped(node: Any, hidden: str) -> bool:
    if node.tag is etree.Comment or _local(node.tag) in DROPPED:
        return True
    return hidden in str(node.attrib.get("class", "")).split() or _empty_bar(node)


def _empty_bar(node: Any) -> bool:
    if node.attrib.get("class") != "bar":
        return False
    rect = next((n for n in node.iter() if _local(n.tag) == "rect"), None)
    return rect is None or not float(rect.get("width", 0)) or not float(rect.get("height", 0))


def svg(chart: Any, chart_id: str, title: str, hidden: str = "") -> str:
    """The chart as an inline `<svg>` with id `chart-<chart_id>` (pygal's CSS is scoped to
    it), a role and a title naming it."""
    chart.uuid = chart_id
    root = chart.render_tree()
    clean(root, hidden)
    root_id = root.attrib["id"]
    root.attrib["class"] = "ft-svg"
    root.attrib["role"] = "img"
    root.attrib["aria-labelledby"] = f"{root_id}-title"
    heading = next(child for child in root if _local(child.tag) == "title")
    heading.text = title
    heading.attrib["id"] = f"{root_id}-title"
    return str(etree.tostring(root, encoding="unicode"))


def figure(figure_id: str, caption: str, picture: str, table: str = "") -> str:
    """A `<figure>` on one line (a raw HTML block to Markdown): caption, picture, data."""
    data = (
        '<details class="ft-data"><summary>Data table</summary>'
        f'<div class="ft-scroll">{table}</div></details>'
    )
    return (
        f'<figure class="ft-figure" id="{figure_id}"><figcaption>{name(caption)}</figcaption>'
        f'<div class="ft-picture">{picture}</div>{data if table else ""}</figure>'
    )


def columns(
    chart_id: str, title: str, labels: Sequence[str], series: Sequence[Series], **more: Any
) -> str:
    """Stacked columns, one per label (a month), one colour per series, the legend in HTML
    below; past a year of months only every third month is labelled. Counts get whole-number
    ticks unless `more` sets the axis."""
    many = len(labels) > 12
    stacks = zip(*(s.values for s in series), strict=True)
    totals = [sum(v or 0 for v in stack) for stack in stacks]
    settings = {
        "x_label_rotation": -45 if len(labels) > 6 else 0,
        "x_labels_major_every": 3 if many else None,
        "show_minor_x_labels": not many,
        "show_legend": False,
        "y_labels": whole_ticks(max(totals, default=0)),
        **more,
    }
    chart = pygal.StackedBar(**options(300, (s.color for s in series), **settings))
    chart.x_labels = list(labels)
    for one in series:
        chart.add(one.name, list(one.values))
    shown = svg(chart, chart_id, title)
    return shown + legend([(s.name, s.color) for s in series]) if len(series) > 1 else shown


def whole_ticks(top: float, most: int = 6) -> list[int]:
    """Whole-number ticks from 0 past `top`, at most `most` + 1 of them."""
    step = max(1, -(-int(top) // most))
    return list(range(0, int(top) + step + 1, step)) if top else [0, 1]


def legend(items: Sequence[tuple[str, str]]) -> str:
    """A legend as an HTML list (it wraps on a phone, where SVG text would only shrink);
    each swatch is a one-rectangle SVG with the series' colour as its `fill`."""
    swatches = "".join(
        f'<li><svg class="ft-swatch" viewBox="0 0 1 1" aria-hidden="true">'
        f'<rect width="1" height="1" fill="{color}"/></svg>{name(label)}</li>'
        for label, color in items
    )
    return f'<ul class="ft-legend">{swatches}</ul>'


def bars(chart_id: str, title: str, rows: Sequence[Row], colors: Sequence[str] = ()) -> str:
    """One horizontal bar per row, labelled on the left with its value as shown."""
    palette = list(colors) or [PALETTE[0]]
    chart = pygal.HorizontalBar(
        **options(
            40 + 40 * len(rows),
            [PALETTE[0]],
            show_legend=False,
            y_labels=whole_ticks(max((value for _, value, _ in rows), default=0)),
        )
    )
    # pygal draws the first row at the bottom: reversed, the first row is on top.
    chart.x_labels = [f"{label}: {shown}" for label, _, shown in reversed(rows)]
    values = [
        {"value": value, "color": palette[i % len(palette)], "formatter": _shown(shown)}
        for i, (_, value, shown) in enumerate(rows)
    ]
    chart.add("", list(reversed(values)))
    return svg(chart, chart_id, title)


def _shown(text: str) -> Any:
    return lambda _value: text


def count_rows(counts: Mapping[str, int]) -> list[Row]:
    return [(label, count, str(count)) for label, count in counts.items()]


def value_table(table_id: str, heading: str, rows: Sequence[Row]) -> str:
    """The data of a bar chart: a label and its value as shown."""
    body = "".join(
        f'<tr><th scope="row">{name(label)}</th><td class="ft-chart-value">{shown}</td></tr>'
        for label, _, shown in rows
    )
    return (
        f'<table class="ft-chart" id="{table_id}"><thead><tr><th scope="col">{name(heading)}'
        f'</th><th scope="col">Value</th></tr></thead><tbody>{body}</tbody></table>'
    )


def matrix(table_id: str, rows: Mapping[str, Mapping[str, int]], cols: Sequence[str]) -> str:
    """The data of stacked columns: counts by row (month) and column, with a total."""
    head = "".join(f'<th scope="col">{name(c)}</th>' for c in cols)
    body = "".join(
        f'<tr><th scope="row">{name(row)}</th>'
        + "".join(f"<td>{cells.get(c, 0)}</td>" for c in cols)
        + f'<td class="ft-chart-value">{sum(cells.values())}</td></tr>'
        for row, cells in rows.items()
    )
    return (
        f'<table class="ft-chart" id="{table_id}"><thead><tr><th scope="col">Month</th>{head}'
        f'<th scope="col">Total</th></tr></thead><tbody>{body}</tbody></table>'
    )
