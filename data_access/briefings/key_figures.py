"""The key figures on a briefing's first page: factories, workers and women's share for
everyone, then three chosen for the audience."""

from __future__ import annotations

from data_access.briefings.document import KeyFigure
from data_access.briefings.gathering import Gathered
from data_access.briefings.hidden import hidden_reason
from data_access.briefings.talking_points import Facts, points
from data_access.briefings.values import number
from data_access.i18n import fmt_number, fmt_percent, fmt_signed, t

#: The three audience-specific key figures, after factories, workers and women's share.
AUDIENCE_FIGURES: dict[str, tuple[str, ...]] = {
    "molisa": ("top_issue", "improved_count", "provinces"),
    "vcci": ("top_issue", "improved_count", "sectors"),
    "vgcl": ("union_present", "cba_workers_covered", "picc_women_share"),
    "donors": ("assessments", "improved_count", "top_issue"),
    "constituents": ("top_issue", "union_present", "improved_count"),
}
#: Key figures read from the programme-size headline frame.
PROGRAMME_FIGURES = frozenset(
    {"factories", "workers", "assessments", "provinces", "sectors", "women_share"}
)


def _versus(facts: Facts, lang: str) -> str:
    return t("briefings.figure.versus", lang, comparison=facts.comparison)


def _change_line(moved: str | None, shown: bool, facts: Facts, lang: str) -> str:
    """ "+6 against 2023"; where the value itself is hidden, why; else nothing."""
    if moved is not None:
        return f"{moved} {_versus(facts, lang)}"
    return "" if shown else t("briefings.figure.hidden", lang, reason=hidden_reason(lang))


def _programme_figure(key: str, gathered: Gathered, facts: Facts, lang: str) -> KeyFigure:
    row = gathered.headline_row(key)
    value = number(row["value_after"]) if row is not None else None
    change = number(row["change"]) if row is not None else None
    share = key == "women_share"
    moved = None if change is None else points(change, lang) if share else fmt_signed(change, lang)
    return KeyFigure(
        label=t(f"briefings.figure.{key}", lang),
        value=fmt_percent(value, lang) if share else fmt_number(value, lang),
        change=_change_line(moved, value is not None, facts, lang),
    )


def _top_issue_figure(facts: Facts, lang: str) -> KeyFigure:
    rate = facts.top[0] if facts.top else None
    return KeyFigure(
        label=t("briefings.figure.top_issue", lang, issue=rate.name if rate else "–"),
        value=fmt_percent(rate.after if rate else None, lang),
        change=(
            f"{points(rate.change, lang)} {_versus(facts, lang)}"
            if rate is not None and rate.change is not None
            else ""
        ),
    )


def _improved_figure(facts: Facts, lang: str) -> KeyFigure:
    return KeyFigure(
        label=t("briefings.figure.improved_count", lang),
        value=t("briefings.figure.k_of_n", lang, k=facts.points_improved, n=facts.points_compared)
        if facts.points_compared
        else "–",
        change=_versus(facts, lang),
    )


def _dialogue_figure(key: str, facts: Facts, lang: str) -> KeyFigure:
    measure = facts.dialogue.get(key)
    value = measure.after if measure else None
    change = measure.change if measure else None
    return KeyFigure(
        label=measure.name if measure else key,
        value=fmt_percent(value, lang),
        change=_change_line(
            None if change is None else points(change, lang), value is not None, facts, lang
        ),
    )


def _key_figure(key: str, gathered: Gathered, facts: Facts, lang: str) -> KeyFigure:
    if key in PROGRAMME_FIGURES:
        return _programme_figure(key, gathered, facts, lang)
    if key == "top_issue":
        return _top_issue_figure(facts, lang)
    if key == "improved_count":
        return _improved_figure(facts, lang)
    return _dialogue_figure(key, facts, lang)


def key_figures(gathered: Gathered, facts: Facts, audience: str, lang: str) -> list[KeyFigure]:
    keys = ("factories", "workers", "women_share", *AUDIENCE_FIGURES[audience])
    return [_key_figure(key, gathered, facts, lang) for key in keys]
