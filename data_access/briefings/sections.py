"""The sections of a briefing after its key figures, in reading order.

Each section is one function from the same `Material` (the request, the audience's
scope, its frames and facts) to a `Section`, or None when it has nothing to say for
this audience or selection; `SECTIONS` is the order they are read in. A new section
(a meeting's follow-up, say) is a new function in its own module added to `SECTIONS`,
touching none of the others. The talking points stay first: `Briefing.says_little`
reads them there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine

from data_access.briefings import pictures
from data_access.briefings.document import Picture, Point, Section
from data_access.briefings.gathering import TOP_N, TRACKED_ISSUES, Gathered
from data_access.briefings.hidden import hidden_reason
from data_access.briefings.request import BriefingRequest, audience_label
from data_access.briefings.roadmap_section import roadmap_section
from data_access.briefings.tables import place_rows, place_table, rate_table
from data_access.briefings.talking_points import Facts, Rate, points, talking_points
from data_access.config import settings
from data_access.exports.files import data_as_of_text, method_notes
from data_access.i18n import fmt_percent, t
from data_access.refdata import Reference
from data_access.scope import Scope

DIALOGUE_MEASURES: tuple[str, ...] = (
    "union_present",
    "cba_in_force",
    "cba_workers_covered",
    "picc_functioning",
    "picc_women_share",
    "workforce_women_share",
    "grievance_mechanism",
)
#: Audiences that get the social-dialogue section's chart and the sector table.
DIALOGUE_CHART = frozenset({"vgcl", "donors", "constituents"})
SECTOR_TABLE = frozenset({"vcci", "constituents"})


@dataclass(frozen=True)
class Material:
    """What every section may draw on; all figures already under the audience's scope."""

    engine: Engine
    scope: Scope
    request: BriefingRequest
    ref: Reference
    gathered: Gathered
    facts: Facts
    synthetic: bool

    @property
    def lang(self) -> str:
        return self.request.lang

    @property
    def tracked(self) -> list[Rate]:
        """The issues whose rates the place tables show."""
        return list(self.facts.top[:TRACKED_ISSUES])


SectionBuilder = Callable[[Material], Section | None]


def talking_points_section(material: Material) -> Section:
    said = tuple(talking_points(material.request.audience, material.facts))
    lang = material.lang
    return Section(
        heading=t("briefings.section.talking_points", lang),
        bullets=said,
        paragraphs=() if said else (t("briefings.no_points", lang, n=settings().min_factories),),
    )


def top_section(material: Material) -> Section:
    facts, lang = material.facts, material.lang
    table = rate_table(
        facts.top,
        lang,
        material.ref,
        (facts.period, facts.comparison),
        latest_first=True,
        note=t("briefings.table.hidden_note", lang, reason=hidden_reason(lang)),
    )
    return Section(
        heading=t("briefings.section.top", lang, n=len(facts.top) or TOP_N),
        paragraphs=(t("briefings.section.top_intro", lang, period=facts.period),),
        tables=(table,) if table else (),
        notes=() if table else (t("briefings.none", lang),),
    )


def improved_section(material: Material) -> Section:
    facts, lang = material.facts, material.lang
    table = rate_table(
        facts.improved, lang, material.ref, (facts.comparison, facts.period), latest_first=False
    )
    intro = t(
        "briefings.section.improved_intro", lang, comparison=facts.comparison, period=facts.period
    )
    return Section(
        heading=t("briefings.section.improved", lang, n=len(facts.improved) or TOP_N),
        paragraphs=(intro,),
        tables=(table,) if table else (),
        notes=() if table else (t("briefings.none_improved", lang),),
    )


def places_section(material: Material) -> Section:
    """Provinces on the tracked issues, and inside a one-province briefing the former
    provinces merged into it; with the map of the most frequent issue."""
    gathered, lang, tracked = material.gathered, material.lang, material.tracked
    rows = place_rows(gathered.places, gathered.place_sizes, "province", tracked, lang)
    intro = [t("briefings.section.places_intro", lang, period=material.facts.period)]
    if material.request.geography == "legacy_province":
        rows += place_rows(
            gathered.legacy_places,
            gathered.legacy_sizes,
            "legacy_province",
            tracked,
            lang,
            former=True,
        )
        intro.append(t("briefings.section.legacy_intro", lang))
    table = place_table(rows, tracked, lang, t("briefings.table.province", lang))
    picture = pictures.map_picture(gathered, material.facts, material.request)
    return Section(
        heading=t("briefings.section.province", lang),
        paragraphs=tuple(intro),
        tables=(table,) if table else (),
        pictures=(picture,) if picture else (),
    )


def sectors_section(material: Material) -> Section | None:
    if material.request.audience not in SECTOR_TABLE:
        return None
    gathered, lang, tracked = material.gathered, material.lang, material.tracked
    table = place_table(
        place_rows(gathered.sectors, gathered.sector_sizes, "sector", tracked, lang),
        tracked,
        lang,
        t("briefings.table.sector", lang),
    )
    if table is None:
        return None
    return Section(heading=t("briefings.section.sectors", lang), tables=(table,))


def trends_section(material: Material) -> Section | None:
    drawn = tuple(
        picture
        for picture in (
            pictures.trend_picture(material.gathered, material.lang),
            pictures.cluster_picture(material.gathered, material.facts, material.lang),
        )
        if picture is not None
    )
    if not drawn:
        return None
    return Section(heading=t("briefings.section.trends", material.lang), pictures=drawn)


def dialogue_section(material: Material) -> Section:
    facts, lang = material.facts, material.lang
    measures = [facts.dialogue[key] for key in DIALOGUE_MEASURES if key in facts.dialogue]
    highlights = tuple(
        Point(
            lead=measure.name,
            text=fmt_percent(measure.after, lang)
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
    drawn: tuple[Picture, ...] = ()
    if material.request.audience in DIALOGUE_CHART and highlights:
        drawn = (pictures.dialogue_picture(measures, facts, lang),)
    hidden = [measure.name for measure in measures if measure.after is None]
    notes = (
        (t("briefings.dialogue.hidden", lang, names=", ".join(hidden), reason=hidden_reason(lang)),)
        if hidden
        else ()
    )
    return Section(
        heading=t("briefings.section.dialogue", lang),
        bullets=highlights,
        pictures=drawn,
        notes=notes or (() if highlights else (t("briefings.none", lang),)),
    )


def about_section(material: Material) -> Section:
    """Who the figures are for, how they were protected and compared, and how recent."""
    request, lang = material.request, material.lang
    notes = [
        t(
            "briefings.about.comparison",
            lang,
            comparison=material.gathered.change.attrs[f"comparison_{lang}"],
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
            value=data_as_of_text(material.engine, material.scope, request.after, lang),
        ),
        t("briefings.about.sources", lang),
    ]
    if material.synthetic:
        paragraphs.insert(0, t("common.synthetic_banner", lang))
    return Section(
        heading=t("briefings.section.about", lang),
        paragraphs=tuple(paragraphs),
        notes=tuple(notes),
    )


#: The reading order. Talking points first (see the module docstring).
SECTIONS: tuple[SectionBuilder, ...] = (
    talking_points_section,
    top_section,
    improved_section,
    places_section,
    sectors_section,
    trends_section,
    dialogue_section,
    roadmap_section,
    about_section,
)


def sections(material: Material) -> tuple[Section, ...]:
    """Every section with something to say, in `SECTIONS` order."""
    built = (build(material) for build in SECTIONS)
    return tuple(section for section in built if section is not None)
