"""Render stage: the evaluation → HTML pages through Jinja themes (STYLE.md "Themes").

Theme lookup is an ordered list: the user's themes/<name>/ → the built-in default theme. A user template can
reach the one it replaces with ``{% extends "!default/base.html" %}``. Autoescape is always on; notes are
Markdown rendered to HTML and sanitized with nh3 before any template sees them, and never run as Jinja.

Templates only display. Every figure comes from the Evaluation, a RequirementResult or
``exports.text_amount``; the little arithmetic a page needs beyond that (a bar's width in percent, the chart's
geometry, days until a license expires) is done here, in the view-model functions below.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from portfolio import clock, exports, freshness, progress, reuse, windows
from portfolio.errors import plural
from portfolio.evaluate import Evaluation, TopicSplit
from portfolio.history import Dates
from portfolio.markup import CACHE_FILE, NotesCache, note_key, render_notes
from portfolio.model import (
    FORMAT_LABELS,
    STATE_EXPLAINED,
    STATE_LABELS,
    STATES,
    Activity,
    Topic,
    credit_type_order,
    slugify,
    topic_key,
)
from portfolio.parallel import pmap
from portfolio.requirements import STATE_LABELS as REQUIREMENT_STATE_LABELS
from portfolio.requirements import (
    MinimumResult,
    RequirementResult,
)
from portfolio.theme import BUILTIN, static_files, theme_dirs

RECENT = 8  # activities on the dashboard

MONTHS = tuple(name[:3] for name in clock.MONTHS)  # "Jan" … "Dec"


# ---------------------------------------------------------------------------------------------------- themes


def environment(dirs: list[Path], date_format: str = "medium") -> jinja2.Environment:
    # The built-in templates come compiled ahead (portfolio.precompiled) when they are current; the theme
    # folders before them still win, and the built-in files after them are the fallback.
    from portfolio import precompiled

    compiled = precompiled.Loader()
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader([str(d) for d in dirs if d != BUILTIN]),
            *([compiled] if BUILTIN in dirs else []),
            jinja2.FileSystemLoader([str(d) for d in dirs]),
            jinja2.PrefixLoader(
                {"!default": jinja2.ChoiceLoader([compiled, jinja2.FileSystemLoader(str(BUILTIN))])}
            ),
        ]
    )
    env = jinja2.Environment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        amount=exports.text_amount,
        progress=exports.progress_text,
        short=exports.shortfall_text,
        compact=exports.compact_progress,
        date=lambda day: long_date(day, date_format),
        days=days_phrase,
        state_label=STATE_LABELS.get,
        format_label=lambda f: FORMAT_LABELS.get(f, f),
        url=lambda path: quote(path, safe="/"),  # a site path as a link: spaces, '#', '?' escaped
    )
    return env


# ------------------------------------------------------------------------------------------------ formatting


DATE_FORMATS = ("medium", "iso")  # site.date_format: "Mar 14, 2026" (default) or "2026-03-14"


def long_date(day: dt.date | None, style: str = "medium") -> str:
    """'Mar 14, 2026', or '2026-03-14' with ``style`` "iso".

    Fixed English month names: the output must not depend on the machine's locale.
    """
    if day is None:
        return ""
    if style == "iso":
        return day.isoformat()
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def days_phrase(days: int | None) -> str:
    if days is None:
        return ""
    if days == 0:
        return "today"
    return f"in {plural(days, 'day')}" if days > 0 else f"{plural(-days, 'day')} ago"


def percent(share: Decimal) -> int:
    """0–100, for a bar's width."""
    # Rounded down: a bar is full only when the requirement really is (49.75 of 50 shows 99 %).
    return int((max(Decimal(0), min(Decimal(1), share)) * 100).quantize(Decimal(1), ROUND_FLOOR))


# ----------------------------------------------------------------------------------------------- view models


@dataclass(frozen=True)
class RequirementView:
    result: RequirementResult
    page: str  # site-relative
    percent: int
    label: str  # Met / In progress / Overdue

    @property
    def state(self) -> str:
        return self.result.state

    @property
    def unmet(self) -> tuple[tuple[str, MinimumResult], ...]:
        """(anchor on the requirement page, minimum) for each minimum still short.

        A total can be reached while a topic minimum is not: the page says which one.
        """
        return tuple((f"minimum-{i}", m) for i, m in enumerate(self.result.minimums, 1) if m.owed)

    @property
    def window_words(self) -> str:
        return windows.describe(self.result.requirement.window)

    @property
    def figures(self) -> str:
        """'3.00 of 2.00 credits', '1 of 1 activity': the one wording of progress on every page."""
        return exports.progress_text(self.result)


def requirement_views(results: Iterable[RequirementResult]) -> list[RequirementView]:
    """One view per requirement, each with a unique page path from its slug."""
    views, used = [], set()
    for result in results:
        slug, n = result.requirement.slug, 2
        while slug in used:
            slug, n = f"{result.requirement.slug}-{n}", n + 1
        used.add(slug)
        views.append(
            RequirementView(
                result=result,
                page=f"requirements/{slug}.html",
                percent=percent(result.progress),
                label=REQUIREMENT_STATE_LABELS[result.state],
            )
        )
    return views


@dataclass(frozen=True)
class RequirementLink:
    """A requirement as an activity's page names it: the page reads nothing else of it, so an activity
    page stays the same (and a rebuild keeps it) when other activities change a requirement's figures."""

    name: str
    page: str  # site-relative


@dataclass(frozen=True)
class Role:
    """What an activity did for one requirement: counted (amount) or excluded (reason)."""

    requirement: RequirementLink
    amount: Decimal | None = None
    credit_type: str = ""
    note: str = ""
    reason: str = ""


@dataclass(frozen=True)
class ActivityView:
    activity: Activity
    notes: Markup  # sanitized HTML, empty when private or absent
    counted: bool
    overdue: bool
    days_to_claim: int | None
    roles: tuple[Role, ...]
    topics: tuple[tuple[Topic, str], ...]  # (topic, anchor on topics.html)
    history: Dates | None = None  # when its file entered git; None without a history

    @property
    def state(self) -> str:
        return self.activity.state

    @property
    def explained(self) -> str:
        return STATE_EXPLAINED[self.activity.state]


def activity_views(
    ev: Evaluation, reqs: list[RequirementView], cache: NotesCache | None = None
) -> dict[str, ActivityView]:
    roles: dict[str, list[Role]] = defaultdict(list)
    for view in reqs:
        if (
            not view.result.applies
        ):  # owed by other physicians: this one's activities count toward nothing there
            continue
        link = RequirementLink(view.result.requirement.name, view.page)
        for c in view.result.contributions:
            roles[c.activity.id].append(Role(link, c.amount, c.credit_type, c.note))
        for e in view.result.excluded:
            roles[e.activity.id].append(Role(link, reason=e.reason))
    notes = _notes(ev.activities, cache or NotesCache())
    return {
        a.id: ActivityView(
            activity=a,
            notes=Markup(html),
            counted=ev.counted(a),
            overdue=a.overdue(ev.as_of),
            days_to_claim=ev.days_to_claim(a),
            roles=tuple(roles[a.id]),
            topics=tuple((t, "topic-" + slugify(t.key)) for t in a.topics),
            history=ev.history.of(a) if ev.history is not None else None,
        )
        for a, html in zip(ev.activities, notes, strict=True)
    }


def _notes(activities: Iterable[Activity], cache: NotesCache) -> list[str]:
    """Every activity's sanitized notes HTML ("" when private), reusing the cache, rendering the rest in parallel."""
    keys = [None if a.notes_private or not a.body.strip() else note_key(a.body) for a in activities]
    found = {key: cache.get(key) for key in dict.fromkeys(k for k in keys if k)}
    missing = {
        key: a.body for a, key in zip(activities, keys, strict=True) if key and found[key] is None
    }
    progress.stage("notes", len(missing), "activities")
    for key, html in zip(missing, pmap(_render_body, list(missing.values())), strict=True):
        found[key] = html
        cache.put(key, html)
    return [found[key] if key else "" for key in keys]


def _render_body(body: str) -> str:
    return str(render_notes(body))  # a plain str: it crosses process boundaries


@dataclass(frozen=True)
class LicenseView:
    state: str
    number: str
    expires: dt.date | None
    days_left: int | None


@dataclass(frozen=True)
class ChartBar:
    x: str
    y: str
    width: str
    height: str
    label_y: str
    center: str
    value: str
    series: int
    credit_type: str


@dataclass(frozen=True)
class ChartYear:
    year: int
    label_x: str
    bars: tuple[ChartBar, ...]


@dataclass(frozen=True)
class Chart:
    """Credits per completion year and credit type, as SVG geometry (viewBox units)."""

    width: int
    height: int
    left: int
    right: int
    baseline: str
    year_label_y: str
    types: tuple[str, ...]
    years: tuple[ChartYear, ...]
    gridlines: tuple[tuple[str, str], ...]  # (y, label)
    rows: tuple[
        tuple[int, tuple[str, ...]], ...
    ]  # the same figures as a table: year → amounts by type


CHART_W, CHART_H, PLOT_TOP, PLOT_BOTTOM, PLOT_LEFT = 520, 230, 24, 200, 36


def _ticks(peak: Decimal) -> tuple[int, int]:
    """(step, count): gridlines every 1, 2 or 5 × 10ⁿ credits, at most five of them, the last ≥ the peak."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            count = int((peak / (step * factor)).to_integral_value(ROUND_CEILING))
            if count <= 5:
                return step * factor, max(count, 1)
        step *= 10


def chart(ev: Evaluation) -> Chart | None:
    if not ev.by_year:
        return None
    types = tuple(
        sorted({t for amounts in ev.by_year.values() for t in amounts}, key=credit_type_order)
    )
    peak = max(v for amounts in ev.by_year.values() for v in amounts.values())
    step, count = _ticks(peak)
    top = Decimal(step * count)
    plot_h = PLOT_BOTTOM - PLOT_TOP
    group_w = (CHART_W - PLOT_LEFT - 8) / len(ev.by_year)
    bar_w = min(48.0, (group_w * 0.7) / len(types))
    years = []
    for i, (year, amounts) in enumerate(ev.by_year.items()):
        left = PLOT_LEFT + i * group_w + (group_w - bar_w * len(types)) / 2
        bars = []
        for j, credit_type in enumerate(types):
            value = amounts.get(credit_type, Decimal(0))
            h = float(value / top) * plot_h
            bars.append(
                ChartBar(
                    x=f"{left + j * bar_w:.1f}",
                    y=f"{PLOT_BOTTOM - h:.1f}",
                    width=f"{bar_w - 2:.1f}",
                    height=f"{h:.1f}",
                    label_y=f"{PLOT_BOTTOM - h - 5:.1f}",
                    center=f"{left + j * bar_w + (bar_w - 2) / 2:.1f}",
                    value=exports.text_amount(value) if value else "",
                    series=j,
                    credit_type=credit_type,
                )
            )
        years.append(ChartYear(year, f"{PLOT_LEFT + (i + 0.5) * group_w:.1f}", tuple(bars)))
    grid = tuple(
        (f"{PLOT_BOTTOM - plot_h * k / count:.1f}", str(step * k)) for k in range(1, count + 1)
    )
    rows = tuple(
        (year, tuple(exports.text_amount(amounts.get(t, Decimal(0))) for t in types))
        for year, amounts in ev.by_year.items()
    )
    return Chart(
        width=CHART_W,
        height=CHART_H,
        left=PLOT_LEFT,
        right=CHART_W - 8,
        baseline=f"{PLOT_BOTTOM}",
        year_label_y=f"{PLOT_BOTTOM + 20}",
        types=types,
        years=tuple(years),
        gridlines=grid,
        rows=rows,
    )


@dataclass(frozen=True)
class StateGroup:
    """The activities in one derived state (documented, undocumented, pending, educational)."""

    state: str
    label: str
    explained: str
    activities: tuple[ActivityView, ...]

    @property
    def count(self) -> int:
        return len(self.activities)


@dataclass
class Site:
    """Everything the templates of one site share."""

    ev: Evaluation
    requirements: list[RequirementView]
    activities: dict[str, ActivityView]
    licenses: list[LicenseView]
    chart: Chart | None
    recent: list[ActivityView]
    pending: list[ActivityView]
    by_year: list[tuple[int, list[ActivityView]]]
    topics: list[dict[str, Any]]
    states: list[StateGroup] = field(default_factory=list)


def site_model(ev: Evaluation, cache: NotesCache | None = None) -> Site:
    """Gather every figure and list the pages show, before any template runs."""
    reqs = requirement_views(ev.requirements)
    views = activity_views(ev, reqs, cache)
    licenses = [
        LicenseView(
            lic.state,
            lic.number,
            lic.expires,
            (lic.expires - ev.as_of).days if lic.expires else None,
        )
        for lic in ev.record.profile.licenses
    ]
    done = [a for a in ev.activities if a.completed <= ev.as_of]
    recent = sorted(done, key=lambda a: (a.completed, a.id), reverse=True)[:RECENT]
    years: dict[int, list[ActivityView]] = defaultdict(list)
    for a in sorted(ev.activities, key=lambda a: (a.completed, a.id), reverse=True):
        years[a.completed.year].append(views[a.id])
    topics: dict[str, dict[str, Any]] = {}
    totals = {topic_key(name): amount for name, amount in ev.topic_totals.items()}
    splits = {topic_key(name): split for name, split in ev.topic_split.items()}
    for a in sorted(ev.activities, key=lambda a: (a.completed, a.id)):
        for t in a.topics:
            entry = topics.setdefault(
                t.key,
                {
                    "name": ev.topic_names[t.key],
                    "anchor": "topic-" + slugify(t.key),
                    "total": totals.get(t.key, Decimal(0)),
                    "split": splits.get(t.key, TopicSplit(Decimal(0), Decimal(0))),
                    "activities": [],
                },
            )
            entry["activities"].append((views[a.id], t))
    states = [
        StateGroup(
            state,
            STATE_LABELS[state],
            STATE_EXPLAINED[state],
            tuple(views[a.id] for a in ev.by_state[state]),
        )
        for state in STATES
    ]
    return Site(
        ev=ev,
        requirements=reqs,
        activities=views,
        licenses=licenses,
        chart=chart(ev),
        recent=[views[a.id] for a in recent],
        pending=[views[a.id] for a in ev.pending],
        by_year=sorted(years.items(), reverse=True),
        topics=sorted(topics.values(), key=lambda e: (e["name"].lower(), e["name"])),
        states=states,
    )


# ---------------------------------------------------------------------------------------------------- pages


def _base_key(software: str, dirs: list[Path], common: dict[str, Any]) -> str:
    """What every page's key covers besides its own context (portfolio.reuse): the software, the theme, and
    every shared name but the whole-record ones (a template reading those is rendered on every build)."""
    shared = {name: common[name] for name in sorted(common) if name not in reuse.WHOLE_RECORD}
    history = common["ev"].history is not None
    return hashlib.sha256(
        f"{software}\0{reuse.theme_key(dirs)}\0{history}\0".encode() + reuse.value_key(shared)
    ).hexdigest()


class _PageKeys:
    """Each page's key (portfolio.reuse), or "" for a page rendered on every build."""

    def __init__(
        self, templates: reuse.TemplateNames, base: str, common: dict[str, Any], record: bytes
    ):
        self.base = base
        self.common = common
        self.record = (
            record  # reuse.without_notes_key(ev): site is made from ev and the notes alone
        )
        self.templates = templates
        self.found: dict[str, tuple[frozenset[str], bool] | None] = {}

    def __call__(self, template: str, path: str, context: dict[str, Any]) -> str:
        if template not in self.found:
            self.found[template] = self.templates(template)
        found = self.found[template]
        if found is None:
            return ""
        names, builtin = found
        if builtin and template in reuse.NOTES_BLIND_TEMPLATES:
            if not self.record:
                self.record = reuse.without_notes_key(self.common["ev"])
            # A built-in page's own context (its section; a requirement page's view, made from ev.requirements)
            # is made by our code from the evaluation and the page's path, both in the key already.
            return reuse.page_key(self.base, template, path, self.record)
        if names & reuse.WHOLE_RECORD:
            return ""
        own = {name: context[name] for name in sorted(names & context.keys())}
        return reuse.page_key(self.base, template, path, reuse.value_key(own))


def render_site(
    ev: Evaluation,
    output,  # noqa: ANN001
    *,
    pdf: bool = False,
    previous: Path | None = None,
    kept: reuse.Previous | None = None,
    software: str = "",
    record_key: bytes = b"",
) -> None:
    """Add every HTML page, static asset and robots.txt of the site to ``output`` (a portfolio.publish.Output).

    ``pdf``: the build also writes transcript.pdf, so pages may link to it. ``previous``: the site being
    replaced; its notes cache (keyed on each body's SHA-256) spares rendering unchanged notes again. Notes are
    rendered in parallel worker processes; the output does not depend on it. ``kept``: the previous site's
    files a page may be kept from when its key did not change (portfolio.reuse); every page gets its key in
    ``output.keys``. ``software``, ``record_key``: freshness.software_key() and reuse.without_notes_key(ev)
    (computed once by the caller, which keys the exports on them too).
    """
    record = ev.record
    dirs = theme_dirs(record.root, record.profile.site.theme)
    env = environment(dirs, record.profile.site.date_format)
    cache = NotesCache.load(previous, trusted=kept is not None and kept.untouched(CACHE_FILE))
    site = site_model(ev, cache)
    if cache.reused:
        output.summary_parts.append(f"notes reused {cache.reused} (unchanged)")
    common = {"ev": ev, "profile": record.profile, "site": site, "as_of": ev.as_of, "has_pdf": pdf}

    jobs: list[tuple[str, str, dict[str, Any]]] = [
        ("index.html", "index.html", {"section": "dashboard"}),
        ("transcript.html", "transcript.html", {"section": "transcript"}),
        ("archive.html", "archive.html", {"section": "archive"}),
        ("topics.html", "topics.html", {"section": "topics"}),
    ]
    jobs += [
        ("requirement.html", view.page, {"section": "requirements", "req": view})
        for view in site.requirements
    ]
    jobs += [
        ("activity.html", v.activity.page, {"section": "archive", "item": v})
        for v in site.activities.values()
    ]
    # Pages render here, in order. Forking workers for them was measured slower (1,000 activities: 0.34 s
    # serial, 0.67 s with two workers): a child copies the pages of the big parent it touches, and 14 MB of
    # HTML travels back. Notes, rendered earlier from a smaller process, do gain from workers.
    software = software or freshness.software_key()
    trusted = kept is not None and kept.untouched(reuse.NAMES_FILE)
    names = reuse.TemplateNames.load(env, BUILTIN, previous, software, trusted)
    page_key = _PageKeys(names, _base_key(software, dirs, common), common, record_key)
    progress.stage("render", len(jobs), "pages")
    for template, path, context in jobs:
        root = "../" * path.count("/")
        key = page_key(template, path, context)
        output.keys[path] = key
        found = kept.keep(path, key) if kept is not None and key else None
        if found is not None:
            output.reused[path] = found
        else:
            html = env.get_template(template).render(common, root=root, path=path, **context)
            output.add(path, html)
        progress.advance()
    # The caches, each with its SHA-256 for the next build to check before it trusts them.
    for name, data in ((reuse.NAMES_FILE, names.dump()), (CACHE_FILE, cache.dump().encode())):
        output.add(name, data)
        output.keys[name] = reuse.copy_key(hashlib.sha256(data).hexdigest())
    for rel, source in static_files(dirs).items():
        output.copies[rel] = source
    output.add("robots.txt", "User-agent: *\nDisallow: /\n")
