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
"""
