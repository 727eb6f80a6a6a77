"""The site's one stylesheet: states by colour and by text, and the 90-day bars."""

from __future__ import annotations

STYLESHEET = """\
.ft-state { font-weight: 600; padding: 0 .4em; border-radius: .2em; color: #fff; }
[data-state="operational"] > .ft-state, .ft-state[data-state="operational"] { background: #2e7d32; }
.ft-state[data-state="under-maintenance"] { background: #1565c0; }
.ft-state[data-state="degraded"] { background: #8a5300; }
.ft-state[data-state="partial-outage"] { background: #c43e00; }
.ft-state[data-state="major-outage"] { background: #b71c1c; }
.ft-overall { padding: .8em 1em; border-radius: .3em; color: #fff; background: #2e7d32; }
.ft-overall[data-state="under-maintenance"] { background: #1565c0; }
.ft-overall[data-state="degraded"] { background: #8a5300; }
.ft-overall[data-state="partial-outage"] { background: #c43e00; }
.ft-overall[data-state="major-outage"] { background: #b71c1c; }
.ft-components { width: 100%; }
.ft-sr { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.md-typeset ol.ft-bar { display: flex; gap: 1px; list-style: none; margin: .2em 0 1em; padding: 0; }
.md-typeset ol.ft-bar li { flex: 1; height: 2em; margin: 0; padding: 0; background: #2e7d32;
  position: relative; }
.md-typeset ol.ft-bar li::before { content: none; }
.md-typeset .ft-bar li[data-state="degraded"] { background: #e0a800; }
.md-typeset .ft-bar li[data-state="partial-outage"] { background: #c43e00; }
.md-typeset .ft-bar li[data-state="major-outage"] { background: #b71c1c; }
.md-typeset .ft-chart .ft-chart-bar { width: 50%; }
.md-typeset .ft-chart .ft-chart-bar span { display: block; height: 1em; background: #1565c0; }
.md-typeset .ft-chart .ft-chart-value { text-align: right; white-space: nowrap; }
.md-typeset .ft-lines { white-space: pre-line; }
.md-typeset .ft-fields { display: grid; grid-template-columns: max-content 1fr; gap: 0 1em; }
.md-typeset .ft-fields dt { font-weight: 600; }
.md-typeset .ft-fields dd { margin: 0; white-space: pre-line; }
.md-typeset .ft-fields .ft-fields, .md-typeset .ft-fields ol { margin-top: 0; margin-bottom: 0; }
.md-typeset .ft-detail td code { white-space: nowrap; }
/* --- site-front (issue 14): status home, windows, uptime bars, tables that fit ---------- */
.md-typeset .ft-overall { margin-bottom: .8em; }
.md-typeset .ft-subscribe { margin: 0 0 .4em; }
.md-typeset .ft-card, .md-typeset .ft-card-meta { margin: .6em 0 1em; padding: .5em .8em;
  border-left: .2em solid var(--md-accent-fg-color, #1565c0);
  background: var(--md-code-bg-color, #f5f5f5); overflow-wrap: anywhere; }
.md-typeset .ft-card-meta { border-left-color: var(--md-default-fg-color--lighter, #bbb); }
.ft-window-state { display: inline-block; font-size: .75em; font-weight: 600; padding: 0 .5em;
  border-radius: 1em; border: 1px solid currentcolor; white-space: nowrap; }
.ft-window-state[data-window-state="upcoming"] { color: #1565c0; }
.ft-window-state[data-window-state="in-progress"] { color: #fff; background: #1565c0;
  border-color: #1565c0; }
.ft-window-state[data-window-state="overran"] { color: #fff; background: #8a5300;
  border-color: #8a5300; }
.ft-window-state[data-window-state="completed"] { color: #2e7d32; }
.ft-window-state[data-window-state="cancelled"] { color: #616161; }
.md-typeset .ft-when { overflow-wrap: anywhere; }
.md-typeset .ft-region { margin: 1em 0 1.6em; }
.md-typeset .ft-region h3 { margin: 0 0 .4em; }
.md-typeset ul.ft-components { list-style: none; margin: 0; padding: 0; }
.md-typeset ul.ft-components > li.ft-component { margin: 0 0 .9em; padding: 0; }
.md-typeset .ft-component-head { display: flex; flex-wrap: wrap; justify-content: space-between;
  gap: .2em 1em; margin: 0; }
.md-typeset .ft-uptime-line { margin: .1em 0 0; font-size: .7rem;
  color: var(--md-default-fg-color--light, #555); }
.md-typeset .ft-uptime-figure { font-weight: 600; margin-right: .6em; }
.md-typeset .ft-uptime-detail { white-space: nowrap; }
.md-typeset .ft-component ol.ft-bar { height: 1.6em; margin: .2em 0 0; }
.md-typeset .ft-component ol.ft-bar li { height: 1.6em; }
.md-typeset ol.ft-bar li { min-width: 1px; }
.md-typeset .ft-axis { display: flex; justify-content: space-between; margin: .2em 0 0;
  font-size: .65rem; color: var(--md-default-fg-color--light, #555); }
.md-typeset ul.ft-legend { display: flex; flex-wrap: wrap; gap: .2em 1.2em; list-style: none;
  margin: .4em 0 1em; padding: 0; font-size: .7rem; }
.md-typeset ul.ft-legend li { margin: 0; padding: 0; }
.ft-swatch { display: inline-block; width: .9em; height: .9em; margin-right: .35em;
  vertical-align: -.1em; border-radius: .15em; background: #2e7d32; }
.ft-swatch[data-state="degraded"] { background: #e0a800; }
.ft-swatch[data-state="partial-outage"] { background: #c43e00; }
.ft-swatch[data-state="major-outage"] { background: #b71c1c; }
.md-typeset .ft-table { max-width: 100%; overflow-x: auto; margin: .8em 0 1.2em; }
.md-typeset table.ft-grid { width: 100%; border-collapse: collapse; font-size: .7rem; }
.md-typeset table.ft-grid th, .md-typeset table.ft-grid td { padding: .45em .7em;
  text-align: left; vertical-align: top;
  border-bottom: .05rem solid var(--md-typeset-table-color, #ddd); }
.md-typeset table.ft-grid th { font-weight: 700; white-space: nowrap;
  background: var(--md-default-fg-color--lightest, #f2f2f2); }
.md-typeset table.ft-grid td { overflow-wrap: break-word; }
.md-typeset table.ft-grid td:last-child { white-space: nowrap; }
.md-typeset .ft-ahead table.ft-grid td:last-child { white-space: normal; }  /* a sentence */
.md-typeset .ft-history table.ft-grid td:first-child { white-space: nowrap; }  /* a moment */
.md-typeset .ft-history table.ft-grid td:last-child { white-space: normal;
  overflow-wrap: anywhere; }  /* what changed: long, and broken anywhere rather than wide */
@media screen and (max-width: 44.9375em) {
  .md-typeset table.ft-grid thead { display: none; }  /* each cell says its column */
  .md-typeset table.ft-grid, .md-typeset table.ft-grid tbody, .md-typeset table.ft-grid tr,
  .md-typeset table.ft-grid td { display: block; width: 100%; }
  .md-typeset table.ft-grid tr { padding: .4em 0;
    border-bottom: .05rem solid var(--md-typeset-table-color, #ddd); }
  .md-typeset table.ft-grid td, .md-typeset table.ft-grid td:last-child { border: 0;
    padding: .1em 0; white-space: normal; }  /* a stacked cell wraps, even the last one */
  .md-typeset table.ft-grid td::before { content: attr(data-label); display: block;
    font-size: .6rem; font-weight: 700; color: var(--md-default-fg-color--light, #555); }
}
/* Markdown tables (Material wraps them for scrolling): fill the column and wrap their cells,
   so a wide table fits instead of being clipped or scrolled. */
.md-typeset .md-typeset__table { display: block; }
.md-typeset table:not([class]) { display: table; width: 100%; }
.md-typeset table:not([class]) th, .md-typeset table:not([class]) td { overflow-wrap: anywhere;
  padding: .5em .7em; min-width: 0; }
/* integration: from a tablet up a column is at least a short word wide, so the widest column
   cannot squeeze the others into a letter a line; on a phone a cell breaks anywhere to fit. */
@media screen and (min-width: 45em) {
  .md-typeset table:not([class]) th, .md-typeset table:not([class]) td { min-width: 6.5em;
    padding: .5em; }  /* eight such columns fit the 688 px column at 1280 */
}
/* A file's fields (pages/fields.py): long values wrap inside the column on a phone. */
.md-typeset .ft-fields { grid-template-columns: minmax(0, max-content) minmax(0, 1fr); }
.md-typeset .ft-fields dt, .md-typeset .ft-fields dd { min-width: 0; overflow-wrap: anywhere; }
/* The reports' bar tables (until site-charts' SVG charts): fit a phone's width. */
.md-typeset table.ft-chart { width: 100%; table-layout: fixed; }
.md-typeset table.ft-chart th, .md-typeset table.ft-chart td { overflow-wrap: anywhere;
  white-space: normal; }
/* site-charts: figures (static SVG from pygal), their legends and folded data tables */
.md-typeset figure.ft-figure { display: block; width: auto; max-width: 100%; margin: 1em 0 1.5em; }
.md-typeset .ft-figure figcaption { max-width: none; margin: 0 0 .4em; font-style: normal;
  text-align: left; }
.md-typeset .ft-picture svg.ft-svg { display: block; width: 100%; max-width: 26rem; height: auto; }
.md-typeset ul.ft-legend { list-style: none; margin: .2em 0 .4em; padding: 0; display: flex;
  flex-wrap: wrap; gap: .1em 1.2em; max-width: 26rem; }
.md-typeset ul.ft-legend li { margin: 0; }
.md-typeset svg.ft-swatch { display: inline-block; width: .9em; height: .9em; margin-right: .4em;
  vertical-align: -.1em; }
.md-typeset details.ft-data { border: 0; box-shadow: none; margin: .2em 0 0; padding: 0;
  font-size: inherit; }
.md-typeset details.ft-data > summary { display: block; background: none; border: 0;
  padding: .2em 0; font-weight: normal; text-align: left; color: var(--md-typeset-a-color);
  cursor: pointer; }
.md-typeset details.ft-data > summary::before { content: ""; position: static;
  display: inline-block; width: 0; height: 0; margin-right: .5em; background: none;
  -webkit-mask-image: none; mask-image: none; border-left: .4em solid currentcolor;
  border-top: .3em solid transparent; border-bottom: .3em solid transparent;
  transform: none; transition: transform .2s; }
.md-typeset details.ft-data[open] > summary::before { transform: rotate(90deg); }
.md-typeset details.ft-data > summary::after { display: none; }
.md-typeset .ft-scroll { overflow-x: auto; max-width: 100%; }
.md-typeset details.ft-data table.ft-chart { display: table; width: auto; margin: .4em 0; }
.md-typeset table.ft-chart th, .md-typeset table.ft-chart td { white-space: nowrap;
  padding: .3em .8em; }
/* the calendar month's item details at 390 px: a long value wraps instead of widening the page */
.md-typeset .ft-fields { grid-template-columns: max-content minmax(0, 1fr); }
.md-typeset .ft-fields dd { overflow-wrap: anywhere; }
/* site-engine: permanent item pages (incident, window, work record), intervention log,
   internal home. */
.md-typeset .ft-facts { display: grid; grid-template-columns: max-content 1fr; gap: .3em 1.2em;
  margin: 1em 0; }
.md-typeset .ft-facts dt { font-weight: 600; margin: 0; }
.md-typeset .ft-facts dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.md-typeset .ft-facts .ft-affected { margin: 0; padding: 0; list-style: none; }
.md-typeset .ft-facts .ft-affected li { margin: 0; }
.md-typeset ol.ft-timeline { list-style: none; margin: 1em 0 1em .4em; padding: 0 0 0 1.2em;
  border-left: 2px solid var(--md-default-fg-color--lighter); }
.md-typeset ol.ft-timeline > li { position: relative; margin: 0 0 1.2em; }
.md-typeset ol.ft-timeline > li::before { content: ""; position: absolute; left: -1.65em;
  top: .35em; width: .75em; height: .75em; border-radius: 50%;
  background: var(--md-default-fg-color--light); }
.md-typeset ol.ft-timeline > li[data-tone="good"]::before { background: #2e7d32; }
.md-typeset ol.ft-timeline > li[data-tone="bad"]::before { background: #b71c1c; }
.md-typeset .ft-timeline-head { margin: 0 0 .2em; }
.md-typeset .ft-timeline .ft-text p:first-child, .md-typeset .ft-log-detail { margin-top: 0; }
.md-typeset .ft-log-detail { margin-bottom: .2em; color: var(--md-default-fg-color--light); }
.md-typeset .ft-log pre { white-space: pre-wrap; overflow-wrap: anywhere; }
.md-typeset td[data-tone="good"] { color: #2e7d32; font-weight: 600; }
.md-typeset td[data-tone="bad"] { color: #b71c1c; font-weight: 600; }
.md-typeset .ft-window-state { font-weight: 600; }
.md-typeset .ft-back { margin-top: 2em; }
.md-typeset .ft-scroll { max-width: 100%; overflow-x: auto; }
.md-typeset .ft-scroll table { margin: 0; }
.md-typeset .ft-incidents li { margin-bottom: .6em; }
.md-typeset .ft-internal { padding: .8em 1em; border-radius: .3em; margin-bottom: 1.5em;
  color: #fff; background: #6a1b9a; }
.md-typeset .ft-conflicts li { overflow-wrap: anywhere; }
.md-typeset .ft-detail .ft-fields { grid-template-columns: minmax(0, max-content) minmax(0, 1fr); }
.md-typeset .ft-detail .ft-fields dt, .md-typeset .ft-detail .ft-fields dd { min-width: 0;
  overflow-wrap: anywhere; }
.md-typeset .ft-work td:first-child { white-space: nowrap; }
/* integration: the internal home's work tables: the title and the regions are data, which may
   hold a long unbroken token; they break anywhere rather than widen the table. */
.md-typeset .ft-work table.ft-grid td:nth-child(2), .md-typeset .ft-work table.ft-grid
  td:last-child { white-space: normal; overflow-wrap: anywhere; }
/* integration: a table in its own scroll box (.ft-scroll) keeps the wrapper Material's
   JavaScript puts around it inside that box, without the wrapper's bleed margins. */
.md-typeset .ft-scroll .md-typeset__scrollwrap { margin: 0; }
.md-typeset .ft-scroll .md-typeset__table { margin: 0; padding: 0; }
/* integration: a report's data table fits its column: the table's size, headings that wrap;
   on a phone its column headings are set upright (read bottom to top), so a column is as
   wide as its numbers, not its heading. */
.md-typeset details.ft-data table.ft-chart { font-size: .7rem; }
.md-typeset details.ft-data table.ft-chart thead th { white-space: normal; overflow-wrap: normal;
  padding: .3em .6em; }  /* a heading breaks between words, never inside one */
@media screen and (max-width: 44.9375em) {
  .md-typeset details.ft-data table.ft-chart thead th:not(:first-child) {
    writing-mode: vertical-rl; transform: rotate(180deg); vertical-align: bottom;
    text-align: left; padding: .5em .3em; }
  .md-typeset details.ft-data table.ft-chart td { padding: .3em .5em; }
}
"""
