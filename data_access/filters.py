"""What the viewer has narrowed the figures to, in one hashable value.

`Filters` is the cache key of every indicator, the source of every WHERE clause and
the state that travels in a shared link, so it is frozen and normalised (codes
sorted and deduplicated) and its SQL is built from bound parameters only. Reading a
URL never raises: whatever cannot be understood is dropped and reported back in a
short, sanitised message, and the rest of the link still works.

Period semantics: `year_from`/`year_to` and `date_from`/`date_to` both bound the
assessment date and are combined (the intersection). Geography: `provinces` are
current (2025) codes and select every factory that rolls up to them
(`factories.province_code`); `legacy_provinces` select the factories registered in
those pre-2025 units (`factories.legacy_province_code`). `clusters` and
`compliance_points` narrow which compliance points are reported, never which
factories count as assessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, FromClause, select

from data_access.dimensions import BY_FIELD, DIMENSIONS, FACTORY_DIMENSIONS, Dimension, phrases
from data_access.i18n import fmt_date, nfc, normalise_language, t
from data_access.models import Assessment, AssessmentPointResult, CompliancePoint, Factory

if TYPE_CHECKING:
    from data_access.refdata import Reference

FACTORIES = Factory.__table__
ASSESSMENTS = Assessment.__table__
POINT_RESULTS = AssessmentPointResult.__table__

#: Years outside this window are treated as typing mistakes, not as a request.
MIN_YEAR = 2000
MAX_YEAR_AHEAD = 1
#: Guards against links built to exhaust the server: more values than any real choice.
MAX_VALUES_PER_KEY = 200
MAX_VALUE_LENGTH = 64
#: How many names `describe` lists before summarising the rest as "+N".
DESCRIBE_MAX_NAMES = 3

#: URL key → (Filters field, Reference attribute holding the valid codes).
CODE_KEYS: dict[str, tuple[str, str]] = {
    dimension.url_key: (dimension.field, dimension.reference_kind) for dimension in DIMENSIONS
}
YEAR_KEYS: tuple[str, ...] = ("year_from", "year_to")
DATE_KEYS: tuple[str, ...] = ("date_from", "date_to")
CODE_FIELDS: tuple[str, ...] = tuple(dimension.field for dimension in DIMENSIONS)

#: Anything but letters and digits of any script (so Vietnamese names stay readable),
#: `_`, `.`, `-` and single spaces: no quote, bracket, asterisk, backtick, angle bracket,
#: ampersand or control character survives, so the text is inert in Markdown and HTML.
_UNSAFE_TEXT = re.compile(r"[^\w .-]")
_SPACES = re.compile(r" {2,}")


def _codes(values: Iterable[str] | str | None) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        values = (values,)
    return tuple(sorted({str(value) for value in values}))


def shown(value: object) -> str:
    """A user-supplied fragment made safe to quote in a message (HTML, Markdown and
    logs): letters (NFC, so "Hồ Chí Minh" stays itself), digits, `_ . -` and single
    spaces survive, and it is kept short."""
    raw = nfc(str(value))
    text = _SPACES.sub(" ", _UNSAFE_TEXT.sub("", raw.replace("\t", " "))).strip()
    if len(text) > 24:
        return text[:24] + "…"
    return text if text == raw else (text + "…" if text else "…")


@dataclass(frozen=True)
class Filters:
    """Every field empty or None means no restriction on it."""

    year_from: int | None = None
    year_to: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    sectors: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()
    legacy_provinces: tuple[str, ...] = ()
    clusters: tuple[str, ...] = ()
    compliance_points: tuple[str, ...] = ()
    size_bands: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Normalised here so that two filters meaning the same thing are equal and hash
        # alike: one cache entry, one URL.
        for name in CODE_FIELDS:
            object.__setattr__(self, name, _codes(getattr(self, name)))

    # --- the period ---------------------------------------------------------------------

    @property
    def period_start(self) -> date | None:
        """The first assessment date counted (intersection of the year and date bounds)."""
        bounds = [
            bound
            for bound in (
                date(self.year_from, 1, 1) if self.year_from is not None else None,
                self.date_from,
            )
            if bound is not None
        ]
        return max(bounds) if bounds else None

    @property
    def period_end(self) -> date | None:
        """The last assessment date counted."""
        bounds = [
            bound
            for bound in (
                date(self.year_to, 12, 31) if self.year_to is not None else None,
                self.date_to,
            )
            if bound is not None
        ]
        return min(bounds) if bounds else None

    @property
    def is_unrestricted(self) -> bool:
        return self == Filters()

    # --- SQL ----------------------------------------------------------------------------

    def factory_conditions(self, factories: FromClause = FACTORIES) -> list[ColumnElement[bool]]:
        """Conditions on a `factories` table (or alias), one per factory dimension chosen
        (`dimensions.FACTORY_DIMENSIONS`: sector, geography, size)."""
        return [
            factories.c[dimension.factory_column].in_(getattr(self, dimension.field))
            for dimension in FACTORY_DIMENSIONS
            if getattr(self, dimension.field)
        ]

    def assessment_conditions(
        self, assessments: FromClause = ASSESSMENTS
    ) -> list[ColumnElement[bool]]:
        """Conditions on an `assessments` table (or alias): the period."""
        conditions: list[ColumnElement[bool]] = []
        if self.period_start is not None:
            conditions.append(assessments.c.assessed_on >= self.period_start)
        if self.period_end is not None:
            conditions.append(assessments.c.assessed_on <= self.period_end)
        return conditions

    def point_conditions(
        self, point_results: FromClause = POINT_RESULTS
    ) -> list[ColumnElement[bool]]:
        """Conditions on an `assessment_point_results` table (or alias): which compliance
        points are reported. Clusters and points together mean both must hold."""
        conditions: list[ColumnElement[bool]] = []
        if self.compliance_points:
            conditions.append(point_results.c.cp_code.in_(self.compliance_points))
        if self.clusters:
            conditions.append(
                point_results.c.cp_code.in_(
                    select(CompliancePoint.code).where(
                        CompliancePoint.cluster_code.in_(self.clusters)
                    )
                )
            )
        return conditions

    # --- words --------------------------------------------------------------------------

    def describe(self, lang: str, ref: Reference) -> str:
        """One line saying what the figures cover, for titles, exports and briefings:
        "May mặc, Hồ Chí Minh, 2023–2025" / "Garment, Ho Chi Minh City, 2023–2025"."""
        lang = normalise_language(lang)
        parts = []
        for members in phrases():
            listed = ", ".join(
                names for names in (self._names(member, lang, ref) for member in members) if names
            )
            everything = next(
                (member.everything_key for member in members if member.everything_key), None
            )
            if listed or everything:
                parts.append(listed or t(everything, lang))
        parts.append(self.describe_period(lang))
        return nfc(", ".join(parts))

    def describe_period(self, lang: str) -> str:
        start, end = self.period_start, self.period_end
        if start is None and end is None:
            return t("filters.describe.all_years", lang)
        whole_years = (start is None or (start.month, start.day) == (1, 1)) and (
            end is None or (end.month, end.day) == (12, 31)
        )
        if whole_years:
            if start is not None and end is not None:
                if start.year == end.year:
                    return str(start.year)
                return f"{start.year}–{end.year}"
            if start is not None:
                return t("filters.describe.from", lang, start=start.year)
            return t("filters.describe.until", lang, end=end.year)
        if start is not None and end is not None:
            return f"{fmt_date(start, lang)} – {fmt_date(end, lang)}"
        if start is not None:
            return t("filters.describe.from", lang, start=fmt_date(start, lang))
        return t("filters.describe.until", lang, end=fmt_date(end, lang))

    def _names(self, dimension: Dimension, lang: str, ref: Reference) -> str:
        names = [
            ref.name(dimension.reference_kind, code, lang)
            for code in getattr(self, dimension.field)
        ]
        if dimension.name_key:
            names = [t(dimension.name_key, lang, name=name) for name in names]
        return _summarise(names, lang)

    # --- URL ----------------------------------------------------------------------------

    def to_query_params(self) -> dict[str, str | list[str]]:
        """The filters as URL query parameters (empty fields left out), so a link
        reproduces exactly what the viewer sees."""
        params: dict[str, str | list[str]] = {}
        for field in fields(self):  # in the dataclass's order: a link's stable order
            value = getattr(self, field.name)
            if field.name in BY_FIELD:
                if value:
                    params[BY_FIELD[field.name].url_key] = list(value)
            elif value is not None:
                params[field.name] = value.isoformat() if isinstance(value, date) else str(value)
        return params

    @classmethod
    def from_query_params(
        cls,
        params: Mapping[str, str | Iterable[str]],
        ref: Reference,
        extra_allowed: Iterable[str] = (),
        lang: str = "vi",
    ) -> tuple[Filters, list[str]]:
        """Filters from URL query parameters, plus messages about what was dropped.

        Codes may repeat the key or be comma-separated. Keys in `extra_allowed` (e.g.
        `lang`, `page`, `metric`) belong to the caller and are neither read nor reported.
        Nothing here raises on bad input: a bad value is dropped, the rest still applies.
        """
        lang = normalise_language(lang)
        allowed_elsewhere = set(extra_allowed)
        problems: list[str] = []
        values: dict[str, object] = {}

        for key in params:
            if key in allowed_elsewhere:
                continue
            raw = _as_list(params[key])
            if key in CODE_KEYS:
                name, kind = CODE_KEYS[key]
                values[name] = _read_codes(key, raw, getattr(ref, kind), lang, problems)
            elif key in YEAR_KEYS:
                values[key] = _read_single(key, raw, _parse_year, lang, problems)
            elif key in DATE_KEYS:
                values[key] = _read_single(key, raw, _parse_date, lang, problems)
            else:
                problems.append(t("filters.problem.unknown_key", lang, param=shown(key)))

        for low, high in (("year_from", "year_to"), ("date_from", "date_to")):
            first, last = values.get(low), values.get(high)
            if first is not None and last is not None and first > last:  # type: ignore[operator]
                problems.append(t("filters.problem.reversed", lang, low=low, high=high))
                values[low] = values[high] = None
        filters = cls(**{k: v for k, v in values.items() if k in _FIELD_NAMES})
        if (
            filters.period_start is not None
            and filters.period_end is not None
            and filters.period_start > filters.period_end
        ):
            problems.append(t("filters.problem.empty_period", lang))
            filters = replace(filters, date_from=None, date_to=None)
        return filters, problems


_FIELD_NAMES = frozenset(f.name for f in fields(Filters))


def _summarise(names: list[str], lang: str) -> str:
    if len(names) <= DESCRIBE_MAX_NAMES:
        return ", ".join(names)
    head = ", ".join(names[:DESCRIBE_MAX_NAMES])
    return t("filters.describe.and_more", lang, names=head, n=len(names) - DESCRIBE_MAX_NAMES)


def _as_list(value: str | Iterable[str]) -> list[str]:
    items = [value] if isinstance(value, str) else list(value)
    parts: list[str] = []
    for item in items:
        parts.extend(part.strip() for part in str(item).split(","))
    return [part for part in parts if part]


def _read_codes(
    key: str, raw: list[str], valid: Mapping[str, object], lang: str, problems: list[str]
) -> tuple[str, ...]:
    if len(raw) > MAX_VALUES_PER_KEY:
        problems.append(t("filters.problem.too_many", lang, param=key))
        return ()
    kept: list[str] = []
    for value in raw:
        code = nfc(value)
        if len(code) <= MAX_VALUE_LENGTH and code in valid:
            kept.append(code)
        else:
            problems.append(t("filters.problem.unknown_value", lang, param=key, value=shown(value)))
    return tuple(kept)


def _read_single(
    key: str,
    raw: list[str],
    parse: Callable[[str], int | date | None],
    lang: str,
    problems: list[str],
) -> int | date | None:
    distinct = sorted(set(raw))
    if not distinct:
        return None
    if len(distinct) > 1:
        problems.append(t("filters.problem.ambiguous", lang, param=key))
        return None
    parsed = parse(distinct[0])
    if parsed is None:
        problems.append(t("filters.problem.bad_value", lang, param=key, value=shown(distinct[0])))
    return parsed


def _plausible_year(year: int) -> bool:
    return MIN_YEAR <= year <= date.today().year + MAX_YEAR_AHEAD


def _parse_year(text: str) -> int | None:
    if len(text) != 4 or not text.isascii() or not text.isdigit():
        return None
    year = int(text)
    return year if _plausible_year(year) else None


def _parse_date(text: str) -> date | None:
    if len(text) != 10 or not text.isascii():
        return None
    try:
        value = date.fromisoformat(text)
    except ValueError:
        return None
    return value if _plausible_year(value.year) else None
