"""Which periods a figure covers and which period it is compared with: one rule for the
whole app, so a change on a card, in a download and in a briefing is the same change.

The rule, in words (shown with every change, see `Comparison.describe`):

* A period is compared with the period of the same length just before it (2026 with
  2025, 2024–2025 with 2022–2023); an open period ("all years") is compared as its
  latest year with data against the year before.
* *Like for like.* When the data stop inside the later period (the current year, before
  its last assessments are in), both periods end at the same point of their span:
  1 January – 31 October 2026 against 1 January – 31 October 2025. A part year set
  beside a whole one would show every count falling, which is what the VGCL briefing
  once did (Jan–Oct 2026 against all of 2025).
* Two periods chosen by hand (Sector compliance, Briefings) follow the same cut.

`default_period` is the period the app opens on: the latest year with data. An official
opening the dashboard before a meeting asks "how are we doing this year?", and a whole
calendar year is the unit ministries report in (constituents will only be offered
whole years); "all years since 2009" mixes factories that left the programme long ago
with today's and made the map (775 factories ever) disagree with the cards (454 this
year). The year still running is compared like for like, so its change is honest.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from data_access.filters import Filters
from data_access.i18n import fmt_date, normalise_language, t
from data_access.refdata import Reference

#: Basis of a comparison: every factory counted in each period, or only those in both.
BASIS_ALL = "all_factories"
BASIS_SAME = "same_factories"


@dataclass(frozen=True)
class Comparison:
    """Two periods of the same filters, ready to be compared (hashable: a cache key)."""

    before: Filters
    after: Filters
    #: The last day with data when it fell inside the later period and both periods were
    #: cut there; None when both periods are whole.
    cut_at: date | None = None

    def describe(self, lang: str, basis: str = BASIS_ALL) -> str:
        """The comparison in one sentence, for captions, file metadata and the briefing
        method note alike: "01/01/2026 – 31/10/2026 so với 01/01/2025 – 31/10/2025 (cùng
        các tháng: dữ liệu đến hết 31/10/2026); mọi nhà máy được đánh giá trong mỗi kỳ"."""
        lang = normalise_language(lang)
        text = t(
            "periods.comparison",
            lang,
            after=self.after.describe_period(lang),
            before=self.before.describe_period(lang),
        )
        if self.cut_at is not None:
            text += " " + t("periods.comparison.cut", lang, day=fmt_date(self.cut_at, lang))
        return text + "; " + t(f"periods.basis.{basis}", lang)


def default_period(ref: Reference) -> Filters:
    """The app's opening period (see the module docstring): the latest year with data,
    as a whole calendar year; no period at all when there are no data yet."""
    if ref.latest_year is None:
        return Filters()
    return Filters(year_from=ref.latest_year, year_to=ref.latest_year)


def with_default_period(filters: Filters, ref: Reference) -> Filters:
    """`filters` with the default period when they name none."""
    if any(getattr(filters, key) is not None for key in PERIOD_FIELDS):
        return filters
    default = default_period(ref)
    return replace(filters, year_from=default.year_from, year_to=default.year_to)


PERIOD_FIELDS: tuple[str, ...] = ("year_from", "year_to", "date_from", "date_to")


def previous_period(filters: Filters) -> Filters | None:
    """The same filters over the period of the same length just before this one.

    Whole years stay whole years (2024–2025 → 2022–2023); a date range moves back by
    its own length in days. None when the period is open at either end, because an
    open period has no length to repeat (use `comparison`)."""
    if filters.year_from is None and filters.year_to is None and filters.date_from is None:
        return None
    changes: dict[str, object] = {}
    if filters.year_from is not None or filters.year_to is not None:
        if filters.year_from is None or filters.year_to is None:
            return None
        span = filters.year_to - filters.year_from + 1
        changes.update(year_from=filters.year_from - span, year_to=filters.year_to - span)
    if filters.date_from is not None or filters.date_to is not None:
        if filters.date_from is None or filters.date_to is None:
            return None
        days = (filters.date_to - filters.date_from).days + 1
        changes.update(
            date_from=filters.date_from - timedelta(days=days),
            date_to=filters.date_to - timedelta(days=days),
        )
    return replace(filters, **changes)


def comparison(filters: Filters, ref: Reference) -> Comparison | None:
    """The filtered period against the one before it; when the period is open, the
    latest year with data against the year before. None when there is nothing to
    compare. Cut like for like where the data end."""
    after = filters
    if previous_period(filters) is None:
        if ref.latest_year is None:
            return None
        after = replace(
            filters,
            year_from=ref.latest_year,
            year_to=ref.latest_year,
            date_from=None,
            date_to=None,
        )
    before = previous_period(after)
    if before is None:
        return None
    return like_for_like(before, after, ref.last_assessed_on)


def years_compared(
    filters: Filters, ref: Reference, before: tuple[int, int], after: tuple[int, int]
) -> Comparison:
    """Two spans of whole years chosen by hand (2024 against 2026, 2020–2021 against
    2024–2025), the other filters kept, cut like for like where the data end."""
    whole = {"date_from": None, "date_to": None}
    return like_for_like(
        replace(filters, year_from=before[0], year_to=before[1], **whole),
        replace(filters, year_from=after[0], year_to=after[1], **whole),
        ref.last_assessed_on,
    )


def like_for_like(before: Filters, after: Filters, last_day: date | None) -> Comparison:
    """When the data end inside `after`, end both periods at the same point of their
    span: whole years move by calendar years (31 October stays 31 October), other
    periods by the distance between their starts."""
    start, end = after.period_start, after.period_end
    if last_day is None or start is None or end is None or not start <= last_day < end:
        return Comparison(before, after)
    if after.date_from is None and after.year_from is not None and before.year_from is not None:
        cut = _years_earlier(last_day, after.year_from - before.year_from)
    else:
        cut = last_day - (start - before.period_start)  # type: ignore[operator]
    return Comparison(
        replace(before, date_to=cut), replace(after, date_to=last_day), cut_at=last_day
    )


def _years_earlier(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)
