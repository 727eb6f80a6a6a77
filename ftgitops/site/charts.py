"""Charts as plain HTML: a table whose cells carry bars, readable with JavaScript off.

Every figure is written as text in its own cell; the bar is a styled `<span>` beside it, so a
screen reader or a text browser reads the same numbers the picture shows.
"""

from __future__ import annotations

from collections.abc import Sequence

from ftgitops.site.text import name

Row = tuple[str, float, str]  # label, value, the value as shown


def bar_chart(caption: str, heading: str, rows: Sequence[Row], chart_id: str) -> str:
    """One horizontal bar per row, scaled to the largest value."""
    top = max((value for _, value, _ in rows), default=0) or 1
    body = "".join(
        f'<tr><th scope="row">{name(label)}</th><td class="ft-chart-value">{shown}</td>'
        f'<td class="ft-chart-bar"><span style="width: {100 * value / top:.1f}%">'
        "</span></td></tr>"
        for label, value, shown in rows
    )
    return (
        f'<table class="ft-chart" id="{chart_id}"><caption>{name(caption)}</caption>'
        f'<thead><tr><th scope="col">{name(heading)}</th><th scope="col">Value</th>'
        f'<th scope="col"><span class="ft-sr">Bar</span></th></tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def count_rows(counts: dict[str, int]) -> list[Row]:
    return [(label, count, str(count)) for label, count in counts.items()]


def matrix(
    caption: str, rows: dict[str, dict[str, int]], columns: Sequence[str], table_id: str
) -> str:
    """Counts by row and column (months by category), with a total and its bar per row."""
    totals = {row: sum(cells.values()) for row, cells in rows.items()}
    top = max(totals.values(), default=0) or 1
    head = "".join(f'<th scope="col">{name(c)}</th>' for c in columns)
    body = "".join(
        f'<tr><th scope="row">{name(row)}</th>'
        + "".join(f"<td>{cells.get(c, 0)}</td>" for c in columns)
        + f'<td class="ft-chart-value">{totals[row]}</td><td class="ft-chart-bar">'
        f'<span style="width: {100 * totals[row] / top:.1f}%"></span></td></tr>'
        for row, cells in rows.items()
    )
    return (
        f'<table class="ft-chart" id="{table_id}"><caption>{name(caption)}</caption>'
        f'<thead><tr><th scope="col">Month</th>{head}<th scope="col">Total</th>'
        f'<th scope="col"><span class="ft-sr">Bar</span></th></tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )
