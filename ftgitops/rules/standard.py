"""Standard changes: pre-approved work that must stay within its template (FT513).

A standard change is approved once, as a template under `standard_changes` in ftgitops.yaml
(what it may touch: category, regions, services, environments, downtime, window length), and
then carried out many times without the CAB. So a change of type `standard` names its template
(`template:`), and everything it touches must be within it; a standard change that strays is
an error, told at each field that strays. One within its template needs only the template's
approvals (default: the low level's), whatever its score (`rules.risk` reads `within`).
Work that has ended is history and is not judged again against today's templates.
"""

from __future__ import annotations

from collections.abc import Iterator

from ftgitops.findings import Finding, JsonPath
from ftgitops.model import Change, Model, Platform, StandardChange

Stray = tuple[JsonPath, str]


def standard_findings(model: Model) -> list[Finding]:
    """FT513 for every live standard change without a template, or straying from it."""
    findings = []
    for change in model.of_kind(Change):
        if change.type != "standard" or change.ended:
            continue
        for at, why in strays(change, model.platform):
            findings.append(
                Finding("FT513", f"{change.id} is a standard change: {why}", change.path, at)
            )
    return findings


def template_of(change: Change, platform: Platform) -> StandardChange | None:
    """The template a change names, if ftgitops.yaml defines it."""
    named = change.raw.get("template")
    return platform.standard_changes.get(named) if isinstance(named, str) else None


def within(change: Change, platform: Platform) -> StandardChange | None:
    """The template of a standard change that stays within it; None for any other change."""
    if change.type != "standard":
        return None
    template = template_of(change, platform)
    return template if template is not None and not list(strays(change, platform)) else None


def strays(change: Change, platform: Platform) -> Iterator[Stray]:
    """Where a standard change leaves its template, with why (or why it has none)."""
    template = template_of(change, platform)
    known = ", ".join(sorted(platform.standard_changes)) or "none is defined"
    if "template" not in change.raw:
        yield (
            ("type",),
            (
                f"name its pre-approved template (`template:`; standard_changes in ftgitops.yaml: "
                f"{known}), or make it a normal change"
            ),
        )
    elif template is None:
        yield (
            ("template",),
            (
                f"its template {change.raw['template']!r} is not among the standard_changes in "
                f"ftgitops.yaml ({known})"
            ),
        )
    else:
        yield from _outside(change, template)


def _outside(change: Change, template: StandardChange) -> Iterator[Stray]:
    name = f"template {template.id}"
    if template.category is not None and change.category != template.category:
        yield ("category",), f"its {name} is for {template.category}, not {change.category}"
    targets = change.targets
    if targets is not None:
        for field, allowed, given in (
            ("regions", template.regions, targets.regions),
            ("services", template.services, targets.services),
            ("environments", template.environments, targets.environments),
        ):
            extra = [value for value in given if allowed is not None and value not in allowed]
            if extra:
                told = f"{', '.join(extra)} {'is' if len(extra) == 1 else 'are'} outside"
                yield ("targets", field), f"{told} its {name} ({', '.join(allowed or ())})"
    if change.downtime and not template.downtime:
        yield ("impact", "downtime"), f"its {name} does not allow downtime"
    window = change.window
    if window is not None and template.max_minutes is not None:
        minutes = int((window.end - window.start).total_seconds() // 60)
        if minutes > template.max_minutes:
            yield (
                ("window",),
                (f"its window is {minutes} minutes; its {name} allows {template.max_minutes}"),
            )
