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
"""
