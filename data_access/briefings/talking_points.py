"""Short talking points drawn from the figures by fixed rules, chosen for the audience.

A briefing's talking points are what a Deputy Minister will actually say, so each is
one sentence built from figures already in the briefing (never a new computation) by
a rule anyone can audit: "the most frequent issue, with its change", "the provinces
highest on it", "union presence and its change". A rule whose figures are missing or
hidden for the audience says nothing rather than something vague.

Emphasis per audience: the ministry (law enforcement and provinces), VCCI (business
performance and sectors), VGCL (unions, agreements, women's representation), donors
(reach and results); a meeting of all three constituents gets a balanced selection.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from data_access.briefings.document import Point
from data_access.i18n import fmt_number, fmt_percent, fmt_points, t

#: How many places a "highest in" point names.
PLACES_NAMED = 3


@dataclass(frozen=True)
class Rate:
    """A compliance point (or cluster) in both periods; shares in 0..1, None if hidden."""

    code: str
    name: str
    after: float | None
    before: float | None = None
    change: float | None = None
    national_law: bool = False
    #: 1 = the most frequent issue of the comparison period too.
    rank_before: int | None = None


@dataclass(frozen=True)
class Place:
    name: str
    value: float | None


@dataclass(frozen=True)
class Measure:
    name: str
    after: float | None
    before: float | None = None
    change: float | None = None


@dataclass(frozen=True)
class Facts:
    """Everything the rules may use, already suppressed for the audience."""

    lang: str
    period: str
    comparison: str
    factories: float | None = None
    workers: float | None = None
    women_share: float | None = None
    factories_change: float | None = None
    top: tuple[Rate, ...] = ()
    improved: tuple[Rate, ...] = ()
    worsened: tuple[Rate, ...] = ()
    points_compared: int = 0
    points_improved: int = 0
    places: tuple[Place, ...] = ()
    sectors: tuple[Place, ...] = ()
    dialogue: dict[str, Measure] = field(default_factory=dict)
    fa_cluster: Rate | None = None


Rule = Callable[[Facts], Point | None]


def _pct(value: float | None, lang: str) -> str:
    return fmt_percent(value, lang)


def points(change: float | None, lang: str) -> str:
    """A change in whole percentage points; one that rounds to zero reads "±0", never
    "−0", so the sign never contradicts the two rates printed beside it."""
    if change is None:
        return fmt_points(None, lang)
    rounded = round(change * 100) / 100
    return fmt_points(rounded if rounded else 0.0, lang)


def movement(rate: Rate | Measure, lang: str) -> str:
    """ "non-compliance down from 78% to 66%" — or "unchanged at 66%" when the two round
    to the same whole percentage, so the words never contradict the numbers shown."""
    after = _pct(rate.after, lang)
    if rate.before is None:
        return t("briefings.tp.level", lang, after=after)
    before = _pct(rate.before, lang)
    if before == after:
        return t("briefings.tp.unchanged", lang, after=after)
    key = "briefings.tp.down" if rate.after < rate.before else "briefings.tp.up"  # type: ignore[operator]
    return t(key, lang, before=before, after=after)


def top_issue(facts: Facts) -> Point | None:
    if not facts.top or facts.top[0].after is None:
        return None
    rate = facts.top[0]
    if rate.before is None:
        suffix = "briefings.tp.most_frequent"
    elif rate.rank_before == 1:
        suffix = "briefings.tp.still_most_frequent"
    else:
        suffix = "briefings.tp.now_most_frequent"
    text = movement(rate, facts.lang) + t(suffix, facts.lang)
    if _largest_improvement(facts) == rate:
        text += t("briefings.tp.also_most_improved", facts.lang)
    return Point(lead=rate.name, text=text)


def _largest_improvement(facts: Facts) -> Rate | None:
    candidates = [rate for rate in facts.improved if rate.change is not None and rate.change < 0]
    return candidates[0] if candidates else None


def most_improved(facts: Facts) -> Point | None:
    """Said only when it is not the most frequent issue (that point already says so)."""
    rate = _largest_improvement(facts)
    if rate is None or (facts.top and facts.top[0].code == rate.code):
        return None
    return Point(
        lead=rate.name,
        text=t(
            "briefings.tp.improved",
            facts.lang,
            movement=movement(rate, facts.lang),
            points=points(rate.change, facts.lang),
        ),
    )


def _worsened(facts: Facts, key: str) -> Point | None:
    candidates = [rate for rate in facts.worsened if rate.change is not None and rate.change > 0]
    if not candidates:
        return None
    rate = candidates[0]
    return Point(lead=rate.name, text=movement(rate, facts.lang) + t(key, facts.lang))


def worsened_for_inspection(facts: Facts) -> Point | None:
    return _worsened(facts, "briefings.tp.worsened_inspection")


def worsened_for_business(facts: Facts) -> Point | None:
    return _worsened(facts, "briefings.tp.worsened_business")


def highest_places(facts: Facts) -> Point | None:
    shown = [place for place in facts.places if place.value is not None]
    if len(shown) < 2 or not facts.top:
        return None
    named = ", ".join(
        f"{place.name} ({_pct(place.value, facts.lang)})" for place in shown[:PLACES_NAMED]
    )
    return Point(
        lead=t("briefings.tp.places_lead", facts.lang, issue=facts.top[0].name),
        text=named,
    )


def national_law_share(facts: Facts) -> Point | None:
    if not facts.top:
        return None
    national = sum(1 for rate in facts.top if rate.national_law)
    return Point(
        lead=t("briefings.tp.national_law_lead", facts.lang),
        text=t("briefings.tp.national_law", facts.lang, k=national, n=len(facts.top)),
    )


def improvement_count(facts: Facts) -> Point | None:
    if facts.points_compared == 0:
        return None
    return Point(
        lead=t("briefings.tp.count_lead", facts.lang),
        text=t(
            "briefings.tp.count",
            facts.lang,
            k=facts.points_improved,
            n=facts.points_compared,
            comparison=facts.comparison,
        ),
    )


def sector_spread(facts: Facts) -> Point | None:
    shown = sorted(
        (place for place in facts.sectors if place.value is not None),
        key=lambda place: place.value,  # type: ignore[arg-type, return-value]
    )
    if len(shown) < 2 or not facts.top:
        return None
    low, high = shown[0], shown[-1]
    return Point(
        lead=t("briefings.tp.sector_lead", facts.lang, issue=facts.top[0].name),
        text=t(
            "briefings.tp.sector",
            facts.lang,
            low=low.name,
            low_value=_pct(low.value, facts.lang),
            high=high.name,
            high_value=_pct(high.value, facts.lang),
        ),
    )


def reach(facts: Facts) -> Point | None:
    if facts.factories is None or facts.workers is None:
        return None
    text = t(
        "briefings.tp.reach",
        facts.lang,
        factories=fmt_number(facts.factories, facts.lang),
        workers=fmt_number(facts.workers, facts.lang),
        period=facts.period,
    )
    if facts.women_share is not None:
        text += t("briefings.tp.reach_women", facts.lang, share=_pct(facts.women_share, facts.lang))
    return Point(lead=t("briefings.tp.reach_lead", facts.lang), text=text)


def _dialogue_share(facts: Facts, measure: str, key: str, lead: str) -> Point | None:
    figure = facts.dialogue.get(measure)
    if figure is None or figure.after is None:
        return None
    text = t(key, facts.lang, share=_pct(figure.after, facts.lang))
    if figure.change is not None:
        text += t(
            "briefings.tp.since",
            facts.lang,
            points=points(figure.change, facts.lang),
            comparison=facts.comparison,
        )
    return Point(lead=t(lead, facts.lang), text=text)


def union_presence(facts: Facts) -> Point | None:
    return _dialogue_share(facts, "union_present", "briefings.tp.union", "briefings.tp.union_lead")


def agreements(facts: Facts) -> Point | None:
    factories = facts.dialogue.get("cba_in_force")
    workers = facts.dialogue.get("cba_workers_covered")
    if factories is None or factories.after is None:
        return None
    text = t("briefings.tp.cba", facts.lang, share=_pct(factories.after, facts.lang))
    if workers is not None and workers.after is not None:
        text += t("briefings.tp.cba_workers", facts.lang, share=_pct(workers.after, facts.lang))
    return Point(lead=t("briefings.tp.cba_lead", facts.lang), text=text)


def women_representation(facts: Facts) -> Point | None:
    committee = facts.dialogue.get("picc_women_share")
    workforce = facts.dialogue.get("workforce_women_share")
    if committee is None or workforce is None or None in (committee.after, workforce.after):
        return None
    gap = workforce.after - committee.after  # type: ignore[operator]
    key = "briefings.tp.women_gap" if gap >= 0.05 else "briefings.tp.women_par"
    return Point(
        lead=t("briefings.tp.women_lead", facts.lang),
        text=t(
            key,
            facts.lang,
            committee=_pct(committee.after, facts.lang),
            workforce=_pct(workforce.after, facts.lang),
        ),
    )


def freedom_of_association(facts: Facts) -> Point | None:
    rate = facts.fa_cluster
    if rate is None or rate.after is None:
        return None
    return Point(lead=rate.name, text=movement(rate, facts.lang))


RULES: dict[str, tuple[Rule, ...]] = {
    "molisa": (
        top_issue,
        highest_places,
        national_law_share,
        worsened_for_inspection,
        most_improved,
    ),
    "vcci": (
        improvement_count,
        most_improved,
        top_issue,
        sector_spread,
        worsened_for_business,
    ),
    "vgcl": (
        union_presence,
        agreements,
        women_representation,
        freedom_of_association,
        top_issue,
    ),
    "donors": (
        reach,
        improvement_count,
        most_improved,
        top_issue,
        women_representation,
    ),
    "constituents": (
        top_issue,
        most_improved,
        highest_places,
        union_presence,
        women_representation,
    ),
}


def talking_points(audience: str, facts: Facts, rules: Sequence[Rule] | None = None) -> list[Point]:
    """The audience's points in its order of emphasis, each rule at most once."""
    chosen = RULES[audience] if rules is None else rules
    points = [rule(facts) for rule in chosen]
    unique: list[Point] = []
    for point in points:
        if point is not None and point not in unique:
            unique.append(point)
    return unique
