"""What a briefing says: every figure gathered from the indicator functions, computed
under the *audience's* scope, then put into words, tables and pictures.

Suppression follows the audience, not the author: an ILO officer preparing a note
for VGCL gets exactly what VGCL may see (`audience_scope`), so nothing hidden from a
constituent can slip into a document handed to one. No figure is computed here;
ranking, picking and formatting indicator rows is all this module does, so a figure
in the briefing is the figure on the screen for the same filters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd
from sqlalchemy import Engine

from data_access.auth.organisations import organisation
from data_access.briefings import charts
from data_access.briefings.document import (
    BriefingDocument,
    KeyFigure,
    Picture,
    Point,
    Section,
    Table,
)
from data_access.briefings.talking_points import (
    Facts,
    Measure,
    Place,
    Rate,
    points,
    talking_points,
)
from data_access.config import settings
from data_access.disclosure import PROTECTED
from data_access.exports.files import data_as_of_text, method_notes
from data_access.exports.metadata import now_in_vietnam
from data_access.filters import Filters
from data_access.i18n import fmt_date, fmt_number, fmt_percent, normalise_language, t
from data_access.indicators import (
    non_compliance,
    programme_size,
    top_non_compliance,
)
from data_access.indicators.change import change
from data_access.meta import has_synthetic_data
from data_access.periods import Comparison, years_compared
from data_access.reasons import reason_text
from data_access.refdata import Reference, reference
from data_access.scope import AUDIENCE_NAMES, AccessDenied, Scope, audience_scope, require

AUDIENCES: tuple[str, ...] = AUDIENCE_NAMES
TOP_N = 5
TREND_YEARS = 5
FA_CLUSTER = "FA"
#: Issues whose trend is drawn and whose province rates are tabled.
TRACKED_ISSUES = 3
DIALOGUE_MEASURES: tuple[str, ...] = (
    "union_present",
    "cba_in_force",
    "cba_workers_covered",
    "picc_functioning",
    "picc_women_share",
    "workforce_women_share",
    "grievance_mechanism",
)
#: The three audience-specific key figures, after factories, workers and women's share.
AUDIENCE_FIGURES: dict[str, tuple[str, ...]] = {
    "molisa": ("top_issue", "improved_count", "provinces"),
    "vcci": ("top_issue", "improved_count", "sectors"),
    "vgcl": ("union_present", "cba_workers_covered", "picc_women_share"),
    "donors": ("assessments", "improved_count", "top_issue"),
    "constituents": ("top_issue", "union_present", "improved_count"),
}
#: Audiences that get the social-dialogue section's chart and the sector table.
DIALOGUE_CHART = frozenset({"vgcl", "donors", "constituents"})
SECTOR_TABLE = frozenset({"vcci", "constituents"})


@dataclass(frozen=True)
class BriefingRequest:
    """What the ILO officer chose on the Briefing page."""

    audience: str
    year_from: int
    year_to: int
    compare_from: int
    compare_to: int
    lang: str = "vi"
    provinces: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.audience not in AUDIENCES:
            raise AccessDenied(f"Unknown audience {self.audience!r}.")
        if self.year_from > self.year_to or self.compare_from > self.compare_to:
            raise ValueError("A period must not end before it starts.")
        object.__setattr__(self, "lang", normalise_language(self.lang))
        object.__setattr__(self, "provinces", tuple(sorted(set(self.provinces))))
        object.__setattr__(self, "sectors", tuple(sorted(set(self.sectors))))

    @property
    def after(self) -> Filters:
        return Filters(
            year_from=self.year_from,
            year_to=self.year_to,
            provinces=self.provinces,
            sectors=self.sectors,
        )

    @property
    def before(self) -> Filters:
        return replace(self.after, year_from=self.compare_from, year_to=self.compare_to)

    def comparison(self, ref: Reference) -> Comparison:
        """The two periods as compared: the app's one rule (`periods`), so a year still
        running is set beside the same months of the comparison period, as on the
        Overview."""
        return years_compared(
            self.after,
            ref,
            (self.compare_from, self.compare_to),
            (self.year_from, self.year_to),
        )

    @property
    def geography(self) -> str:
        """A one-province briefing also looks inside it, at the former provinces merged
        into it (its map shows them); otherwise the map shows the 34 provinces."""
        return "legacy_province" if len(self.provinces) == 1 else "province"


@dataclass
class Gathered:
    """The indicator frames a briefing rests on, kept for the tests and the audit."""

    comparison: Comparison
    headline: pd.DataFrame
    change: pd.DataFrame
    top: pd.DataFrame
    dialogue: pd.DataFrame
    fa: pd.DataFrame
    places: pd.DataFrame
    place_sizes: pd.DataFrame
    legacy_places: pd.DataFrame
    legacy_sizes: pd.DataFrame
    sectors: pd.DataFrame
    sector_sizes: pd.DataFrame
    clusters: pd.DataFrame
    trend: pd.DataFrame


@dataclass(frozen=True)
class Briefing:
    document: BriefingDocument
    facts: Facts
    gathered: Gathered
    scope: Scope

    @property
    def says_little(self) -> bool:
        """No talking point survived: the selection is too small for the audience."""
        return not self.document.sections[0].bullets


def audience_label(audience: str, lang: str) -> str:
    if audience in {"molisa", "vcci", "vgcl"}:
        return organisation(audience).name(lang)
    return t(f"briefings.audience.{audience}", lang)


def _num(value: object) -> float | None:
    if value is None or value is pd.NA:
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if pd.isna(number) else number


def gather(engine: Engine, scope: Scope, request: BriefingRequest) -> Gathered:
    """Every indicator call the briefing makes, all under `scope` (the audience's)."""
    compared = request.comparison(reference(engine))
    before, after = compared.before, compared.after
    inside = request.geography == "legacy_province"
    top = top_non_compliance(engine, scope, after, n=TOP_N)
    tracked = tuple(str(code) for code in top["compliance_point"].head(TRACKED_ISSUES))
    on_tracked = replace(after, compliance_points=tracked)
    trend_from = min(request.compare_from, request.year_to - TREND_YEARS + 1)
    fa = {"clusters": (FA_CLUSTER,), "compliance_points": ()}
    empty = pd.DataFrame()
    fa_compared = Comparison(replace(before, **fa), replace(after, **fa), compared.cut_at)
    return Gathered(
        comparison=compared,
        headline=change(engine, scope, compared, "programme_size"),
        change=change(engine, scope, compared, "non_compliance", ("compliance_point",)),
        top=top,
        dialogue=change(engine, scope, compared, "social_dialogue"),
        fa=change(engine, scope, fa_compared, "non_compliance", ("cluster",)),
        places=non_compliance(engine, scope, on_tracked, ("province", "compliance_point"))
        if tracked
        else empty,
        place_sizes=programme_size(engine, scope, after, by="province"),
        legacy_places=non_compliance(
            engine, scope, on_tracked, ("legacy_province", "compliance_point")
        )
        if tracked and inside
        else empty,
        legacy_sizes=programme_size(engine, scope, after, by="legacy_province")
        if inside
        else empty,
        sectors=non_compliance(engine, scope, on_tracked, ("sector", "compliance_point"))
        if tracked
        else empty,
        sector_sizes=programme_size(engine, scope, after, by="sector"),
        clusters=change(engine, scope, compared, "non_compliance", ("cluster",)),
        trend=non_compliance(
            engine, scope, replace(on_tracked, year_from=trend_from), ("year", "compliance_point")
        )
        if tracked
        else empty,
    )


# --- facts --------------------------------------------------------------------------------


def _name(row: pd.Series, dim: str, lang: str) -> str:
    return str(row[f"{dim}_name_{lang}"])


def _rates(gathered: Gathered, lang: str) -> tuple[list[Rate], list[Rate], list[Rate]]:
    """(most frequent, most improved, most worsened) as `Rate`s."""
    change = gathered.change
    by_code = {str(row["compliance_point"]): row for _, row in change.iterrows()}
    visible_before = change[change["rate_before"].notna()] if len(change) else change
    first_before = (
        str(
            visible_before.sort_values("rate_before", ascending=False, kind="stable").iloc[0][
                "compliance_point"
            ]
        )
        if len(visible_before)
        else None
    )

    def rate_of(row: pd.Series, after: object) -> Rate:
        code = str(row["compliance_point"])
        paired = by_code.get(code)
        return Rate(
            code=code,
            name=_name(row, "compliance_point", lang),
            after=_num(after),
            before=_num(paired["rate_before"]) if paired is not None else None,
            change=_num(paired["change"]) if paired is not None else None,
            national_law=row.get("cluster_group") == "national",
            rank_before=1 if code == first_before else None,
        )

    top = [rate_of(row, row["rate"]) for _, row in gathered.top.iterrows()]
    moved = change[change["change"].notna()] if len(change) else change
    improved = moved[moved["change"] < 0].sort_values("change", kind="stable").head(TOP_N)
    worsened = moved[moved["change"] > 0].sort_values("change", ascending=False, kind="stable")
    return (
        top,
        [rate_of(row, row["rate_after"]) for _, row in improved.iterrows()],
        [rate_of(row, row["rate_after"]) for _, row in worsened.head(TOP_N).iterrows()],
    )


def _places(frame: pd.DataFrame, dim: str, code: str | None, lang: str) -> list[Place]:
    """Places on one issue, highest rate first, hidden ones last."""
    if frame.empty or code is None:
        return []
    rows = frame[frame["compliance_point"] == code]
    ordered = rows.sort_values("rate", ascending=False, na_position="last", kind="stable")
    return [Place(_name(row, dim, lang), _num(row["rate"])) for _, row in ordered.iterrows()]


def _headline(gathered: Gathered, measure: str) -> pd.Series | None:
    rows = gathered.headline[gathered.headline["measure"] == measure]
    return rows.iloc[0] if len(rows) else None


def facts_from(gathered: Gathered, request: BriefingRequest, ref: Reference) -> Facts:
    lang = request.lang
    top, improved, worsened = _rates(gathered, lang)
    factories = _headline(gathered, "factories")
    workers = _headline(gathered, "workers")
    women = _headline(gathered, "women_share")
    moved = gathered.change["change"].dropna() if len(gathered.change) else pd.Series()
    dialogue = {
        str(row["measure"]): Measure(
            name=str(row[f"measure_name_{lang}"]),
            after=_num(row["value_after"]),
            before=_num(row["value_before"]),
            change=_num(row["change"]),
        )
        for _, row in gathered.dialogue.iterrows()
    }
    fa = None
    if len(gathered.fa):
        row = gathered.fa.iloc[0]
        fa = Rate(
            code=FA_CLUSTER,
            name=_name(row, "cluster", lang),
            after=_num(row["rate_after"]),
            before=_num(row["rate_before"]),
            change=_num(row["change"]),
        )
    first = top[0].code if top else None
    return Facts(
        lang=lang,
        period=gathered.comparison.after.describe_period(lang),
        comparison=gathered.comparison.before.describe_period(lang),
        factories=_num(factories["value_after"]) if factories is not None else None,
        workers=_num(workers["value_after"]) if workers is not None else None,
        women_share=_num(women["value_after"]) if women is not None else None,
        factories_change=_num(factories["change"]) if factories is not None else None,
        top=tuple(top),
        improved=tuple(improved),
        worsened=tuple(worsened),
        points_compared=len(moved),
        points_improved=int((moved < 0).sum()),
        places=tuple(
            _places(gathered.legacy_places, "legacy_province", first, lang)
            if request.geography == "legacy_province"
            else _places(gathered.places, "province", first, lang)
        ),
        sectors=tuple(_places(gathered.sectors, "sector", first, lang)),
        dialogue=dialogue,
        fa_cluster=fa,
    )


# --- words and tables -----------------------------------------------------------------------


def hidden_reason(lang: str) -> str:
    """Why a figure of the briefing is not shown. A briefing is always computed under a
    constituent-like audience scope, whose hidden cells all carry the one neutral
    reason (`disclosure.finish`)."""
    return reason_text(PROTECTED, lang)


def _pct(value: float | None, lang: str) -> str:
    return fmt_percent(value, lang)


def _signed(value: float | None, lang: str) -> str:
    if value is None:
        return "–"
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return sign + fmt_number(abs(value), lang)


def _key_figure(key: str, gathered: Gathered, facts: Facts, lang: str) -> KeyFigure:
    versus = t("briefings.figure.versus", lang, comparison=facts.comparison)
    hidden = t("briefings.figure.hidden", lang, reason=hidden_reason(lang))
    if key in {"factories", "workers", "assessments", "provinces", "sectors", "women_share"}:
        row = _headline(gathered, key)
        value = _num(row["value_after"]) if row is not None else None
        change = _num(row["change"]) if row is not None else None
        share = key == "women_share"
        shown = _pct(value, lang) if share else fmt_number(value, lang)
        moved = points(change, lang) if share else _signed(change, lang)
        return KeyFigure(
            label=t(f"briefings.figure.{key}", lang),
            value=shown,
            change=(f"{moved} {versus}" if change is not None else hidden if value is None else ""),
        )
    if key == "top_issue":
        rate = facts.top[0] if facts.top else None
        return KeyFigure(
            label=t("briefings.figure.top_issue", lang, issue=rate.name if rate else "–"),
            value=_pct(rate.after if rate else None, lang),
            change=(
                f"{points(rate.change, lang)} {versus}"
                if rate is not None and rate.change is not None
                else ""
            ),
        )
    if key == "improved_count":
        return KeyFigure(
            label=t("briefings.figure.improved_count", lang),
            value=t(
                "briefings.figure.k_of_n", lang, k=facts.points_improved, n=facts.points_compared
            )
            if facts.points_compared
            else "–",
            change=versus,
        )
    measure = facts.dialogue.get(key)
    value = measure.after if measure else None
    change = measure.change if measure else None
    return KeyFigure(
        label=measure.name if measure else key,
        value=_pct(value, lang),
        change=(
            f"{points(change, lang)} {versus}"
            if change is not None
            else hidden
            if value is None
            else ""
        ),
    )


def key_figures(gathered: Gathered, facts: Facts, audience: str, lang: str) -> list[KeyFigure]:
    keys = ("factories", "workers", "women_share", *AUDIENCE_FIGURES[audience])
    return [_key_figure(key, gathered, facts, lang) for key in keys]


def _rate_rows(
    rates: Sequence[Rate], lang: str, ref: Reference, *, latest_first: bool
) -> tuple[tuple[str, ...], ...]:
    """Numbered table rows. The most frequent issues read "now, then"; the improvements
    read "then, now", so each table's eye goes from the figure it is about."""
    rows = []
    for index, rate in enumerate(rates, start=1):
        then, now = _pct(rate.before, lang), _pct(rate.after, lang)
        cluster = ref.name("clusters", _cluster_of(ref, rate.code), lang)
        pair = (now, then) if latest_first else (then, now)
        rows.append((str(index), rate.name, cluster, *pair, points(rate.change, lang)))
    return tuple(rows)


def _issue_tables(gathered: Gathered, facts: Facts, lang: str, ref: Reference) -> list[Section]:
    period, comparison = facts.period, facts.comparison
    change_label = t("briefings.table.change", lang)
    point_label = t("briefings.table.compliance_point", lang)
    cluster_label = t("briefings.table.cluster", lang)
    top_rows = _rate_rows(facts.top, lang, ref, latest_first=True)
    improved_rows = _rate_rows(facts.improved, lang, ref, latest_first=False)
    hidden_note = t("briefings.table.hidden_note", lang, reason=hidden_reason(lang))
    sections = [
        Section(
            heading=t("briefings.section.top", lang, n=len(facts.top) or TOP_N),
            paragraphs=(t("briefings.section.top_intro", lang, period=period),),
            tables=(
                Table(
                    columns=("#", point_label, cluster_label, period, comparison, change_label),
                    rows=top_rows,
                    numeric=(0, 3, 4, 5),
                    widths=(0.4, 3.2, 2.4, 1.2, 1.2, 1.3),
                    note=hidden_note,
                ),
            )
            if top_rows
            else (),
            notes=() if top_rows else (t("briefings.none", lang),),
        ),
        Section(
            heading=t("briefings.section.improved", lang, n=len(facts.improved) or TOP_N),
            paragraphs=(
                t("briefings.section.improved_intro", lang, comparison=comparison, period=period),
            ),
            tables=(
                Table(
                    columns=("#", point_label, cluster_label, comparison, period, change_label),
                    rows=improved_rows,
                    numeric=(0, 3, 4, 5),
                    widths=(0.4, 3.2, 2.4, 1.2, 1.2, 1.3),
                ),
            )
            if improved_rows
            else (),
            notes=() if improved_rows else (t("briefings.none_improved", lang),),
        ),
    ]
    return sections


def _cluster_of(ref: Reference, code: str) -> str:
    label = ref.compliance_points.get(code)
    return label.parent if label is not None and label.parent else ""


def _code(value: object) -> str:
    return "" if value is None or value is pd.NA or pd.isna(value) else str(value)


def _place_rows(
    rates: pd.DataFrame,
    sizes: pd.DataFrame,
    dim: str,
    tracked: list[Rate],
    lang: str,
    former: bool = False,
) -> list[tuple[str, ...]]:
    """One row per place: factories, workers, and the rate on each tracked issue."""
    rates_by = {
        (_code(row[dim]), str(row["compliance_point"])): _num(row["rate"])
        for _, row in rates.iterrows()
    }
    return [
        (
            _former(row, lang) if former else _name(row, dim, lang),
            fmt_number(_num(row["factories"]), lang),
            fmt_number(_num(row["workers"]), lang),
            *(_pct(rates_by.get((_code(row[dim]), rate.code)), lang) for rate in tracked),
        )
        for _, row in sizes.iterrows()
    ]


def _former(row: pd.Series, lang: str) -> str:
    """A former province, set under its current one; factories registered after the
    merger have none and say so."""
    name = _name(row, "legacy_province", lang)
    key = "briefings.table.former" if _code(row["legacy_province"]) else "briefings.table.no_former"
    return t(key, lang, name=name)


def _place_table(
    rows: list[tuple[str, ...]], tracked: list[Rate], lang: str, first_column: str
) -> Table | None:
    if not rows:
        return None
    columns = (
        first_column,
        t("briefings.table.factories", lang),
        t("briefings.table.workers", lang),
        *(rate.name for rate in tracked),
    )
    return Table(
        columns=columns,
        rows=tuple(rows),
        numeric=tuple(range(1, len(columns))),
        widths=(2.6, 1.1, 1.3, *(1.6 for _ in tracked)),
        note=t("briefings.table.places_note", lang, reason=hidden_reason(lang)),
    )


def _map_picture(gathered: Gathered, facts: Facts, request: BriefingRequest) -> Picture | None:
    lang = request.lang
    level = request.geography
    places = gathered.legacy_places if level == "legacy_province" else gathered.places
    if not facts.top or places.empty:
        return None
    issue = facts.top[0]
    rows = places[places["compliance_point"] == issue.code]
    areas = [
        charts.Area(code=str(row[level]), value=_num(row["rate"]), hidden=bool(row["suppressed"]))
        for _, row in rows.iterrows()
        if not pd.isna(row[level])
    ]
    title = t("briefings.map.title", lang, issue=issue.name, period=facts.period)
    chart = charts.choropleth(
        areas,
        level=level,
        lang=lang,
        title=title,
        legend_title=t("briefings.map.legend", lang),
        hidden_label=t("briefings.map.hidden", lang, reason=hidden_reason(lang)),
        focus=request.provinces,
    )
    shown = ", ".join(
        f"{place.name} {_pct(place.value, lang)}"
        for place in facts.places
        if place.value is not None
    )
    return Picture(
        png=charts.render_png(chart, lang),
        caption=t("briefings.map.caption", lang, issue=issue.name, period=facts.period),
        alt_text=f"{title}: {shown}",
        width_share=0.72,
    )


def _cluster_picture(gathered: Gathered, facts: Facts, lang: str) -> Picture | None:
    frame = gathered.clusters
    if frame.empty:
        return None
    rows = [
        (_name(row, "cluster", lang), _num(row["rate_before"]), _num(row["rate_after"]))
        for _, row in frame.iterrows()
    ]
    title = t("briefings.chart.clusters", lang)
    chart = charts.paired_bars(
        rows,
        title=title,
        before_label=facts.comparison,
        after_label=facts.period,
        value_title=t("briefings.chart.rate", lang),
    )
    alt_text = "; ".join(
        f"{label}: {_pct(before, lang)} → {_pct(after, lang)}" for label, before, after in rows
    )
    return Picture(
        png=charts.render_png(chart, lang),
        caption=t("briefings.chart.clusters_caption", lang),
        alt_text=f"{title}. {alt_text}",
        width_share=0.85,
    )


def _trend_picture(gathered: Gathered, lang: str) -> Picture | None:
    frame = gathered.trend
    if frame.empty or frame["year"].nunique() < 2:
        return None
    rows = [
        (int(row["year"]), _name(row, "compliance_point", lang), _num(row["rate"]))
        for _, row in frame.iterrows()
    ]
    title = t("briefings.chart.trend", lang)
    chart = charts.trend_lines(
        rows,
        title=title,
        value_title=t("briefings.chart.rate", lang),
        series_title=t("briefings.table.compliance_point", lang),
    )
    alt_text = "; ".join(f"{year} {name}: {_pct(value, lang)}" for year, name, value in rows)
    return Picture(
        png=charts.render_png(chart, lang),
        caption=t("briefings.chart.trend_caption", lang),
        alt_text=f"{title}. {alt_text}",
        width_share=0.85,
    )


def _dialogue_section(gathered: Gathered, facts: Facts, audience: str, lang: str) -> Section:
    measures = [facts.dialogue[key] for key in DIALOGUE_MEASURES if key in facts.dialogue]
    highlights = tuple(
        Point(
            lead=measure.name,
            text=_pct(measure.after, lang)
            + (
                t(
                    "briefings.tp.since",
                    lang,
                    points=points(measure.change, lang),
                    comparison=facts.comparison,
                )
                if measure.change is not None
                else ""
            ),
        )
        for measure in measures
        if measure.after is not None
    )
    pictures: tuple[Picture, ...] = ()
    if audience in DIALOGUE_CHART and highlights:
        rows = [(measure.name, measure.before, measure.after) for measure in measures]
        title = t("briefings.chart.dialogue", lang)
        chart = charts.paired_bars(
            rows,
            title=title,
            before_label=facts.comparison,
            after_label=facts.period,
            value_title=t("briefings.chart.share", lang),
        )
        pictures = (
            Picture(
                png=charts.render_png(chart, lang),
                caption=t("briefings.chart.dialogue_caption", lang),
                alt_text=title
                + ". "
                + "; ".join(
                    f"{name}: {_pct(before, lang)} → {_pct(after, lang)}"
                    for name, before, after in rows
                ),
            ),
        )
    hidden = [measure.name for measure in measures if measure.after is None]
    notes = (
        (t("briefings.dialogue.hidden", lang, names=", ".join(hidden), reason=hidden_reason(lang)),)
        if hidden
        else ()
    )
    return Section(
        heading=t("briefings.section.dialogue", lang),
        bullets=highlights,
        pictures=pictures,
        notes=notes or (() if highlights else (t("briefings.none", lang),)),
    )


def _about_section(
    engine: Engine, scope: Scope, request: BriefingRequest, gathered: Gathered, synthetic: bool
) -> Section:
    lang = request.lang
    notes = [
        t(
            "briefings.about.comparison",
            lang,
            comparison=gathered.change.attrs[f"comparison_{lang}"],
        )
    ]
    notes += method_notes({"method": "non_compliance_change"}, lang)
    notes += [
        t(f"indicators.method.{key}", lang, meetings=settings().picc_min_meetings)
        for key in ("programme_size", "social_dialogue")
    ]
    paragraphs = [
        t("briefings.about.audience", lang, audience=audience_label(request.audience, lang)),
        t("briefings.about.suppression", lang, n=settings().min_factories),
        t(
            "briefings.about.data_as_of",
            lang,
            value=data_as_of_text(engine, scope, request.after, lang),
        ),
        t("briefings.about.sources", lang),
    ]
    if synthetic:
        paragraphs.insert(0, t("common.synthetic_banner", lang))
    return Section(
        heading=t("briefings.section.about", lang),
        paragraphs=tuple(paragraphs),
        notes=tuple(notes),
    )


def build_briefing(
    engine: Engine, author: Scope, request: BriefingRequest, *, today: date | None = None
) -> Briefing:
    """The whole briefing for `request`, prepared by `author` (ILO staff or admin)."""
    require(author, "prepare_briefings")
    scope = audience_scope(request.audience)
    lang = request.lang
    ref = reference(engine)
    gathered = gather(engine, scope, request)
    facts = facts_from(gathered, request, ref)
    synthetic = has_synthetic_data(engine)
    audience = audience_label(request.audience, lang)
    tracked = list(facts.top[:TRACKED_ISSUES])
    points_said = tuple(talking_points(request.audience, facts))
    place_rows = _place_rows(gathered.places, gathered.place_sizes, "province", tracked, lang)
    place_intro = [t("briefings.section.places_intro", lang, period=facts.period)]
    if request.geography == "legacy_province":
        place_rows += _place_rows(
            gathered.legacy_places,
            gathered.legacy_sizes,
            "legacy_province",
            tracked,
            lang,
            former=True,
        )
        place_intro.append(t("briefings.section.legacy_intro", lang))
    place_table = _place_table(place_rows, tracked, lang, t("briefings.table.province", lang))
    map_picture = _map_picture(gathered, facts, request)
    sections = [
        Section(
            heading=t("briefings.section.talking_points", lang),
            bullets=points_said,
            paragraphs=()
            if points_said
            else (t("briefings.no_points", lang, n=settings().min_factories),),
        ),
        *_issue_tables(gathered, facts, lang, ref),
        Section(
            heading=t("briefings.section.province", lang),
            paragraphs=tuple(place_intro),
            tables=(place_table,) if place_table else (),
            pictures=(map_picture,) if map_picture else (),
        ),
    ]
    if request.audience in SECTOR_TABLE:
        sector_table = _place_table(
            _place_rows(gathered.sectors, gathered.sector_sizes, "sector", tracked, lang),
            tracked,
            lang,
            t("briefings.table.sector", lang),
        )
        if sector_table:
            sections.append(
                Section(heading=t("briefings.section.sectors", lang), tables=(sector_table,))
            )
    pictures = tuple(
        picture
        for picture in (_trend_picture(gathered, lang), _cluster_picture(gathered, facts, lang))
        if picture is not None
    )
    if pictures:
        sections.append(Section(heading=t("briefings.section.trends", lang), pictures=pictures))
    sections.append(_dialogue_section(gathered, facts, request.audience, lang))
    sections.append(_about_section(engine, scope, request, gathered, synthetic))

    # The day in Viet Nam, like the import the briefing rests on: a briefing prepared at
    # 07:30 in Ha Noi is not dated the day before because the server keeps UTC.
    prepared = fmt_date(today or now_in_vietnam().date(), lang)
    scope_words = t(
        "briefings.subtitle",
        lang,
        filters=request.after.describe(lang, ref),
        comparison=facts.comparison,
    )
    document = BriefingDocument(
        lang=lang,
        title=t("briefings.title", lang, audience=audience),
        subtitle=scope_words,
        date_line=t(
            "briefings.date_line",
            lang,
            date=prepared,
            data_as_of=data_as_of_text(engine, scope, request.after, lang),
        ),
        audience=t("briefings.for", lang, audience=audience),
        key_figures_heading=t("briefings.section.key_figures", lang),
        key_figures=tuple(key_figures(gathered, facts, request.audience, lang)),
        sections=tuple(sections),
        warning=t("common.synthetic_banner", lang) if synthetic else "",
        footer=t(
            "briefings.footer_synthetic" if synthetic else "briefings.footer",
            lang,
            audience=audience,
            date=prepared,
        ),
        properties={
            "author": organisation("ilo").name(lang),
            "subject": scope_words,
            "keywords": ", ".join(("Better Work", audience, facts.period)),
        },
    )
    return Briefing(document=document, facts=facts, gathered=gathered, scope=scope)
