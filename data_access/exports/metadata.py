"""What travels with every exported file: the filter in words, who exported it and when,
how fresh the data is, the suppression rule, the method notes and, for demo data, the
warning that it is synthetic.

A figure copied out of its file keeps none of its context, so the context is put in the
file itself (first rows of the CSV, second sheet of the XLSX) in the viewer's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from data_access.auth.organisations import ORGANISATION_OF_ROLE, organisation, organisation_for_role
from data_access.config import settings
from data_access.i18n import VIETNAM_TIME, fmt_date, fmt_datetime, fmt_number, normalise_language, t
from data_access.scope import Scope


def now_in_vietnam() -> datetime:
    return datetime.now(VIETNAM_TIME).replace(microsecond=0)


def format_timestamp(value: datetime | date | None, lang: str) -> str:
    """A time in Viet Nam time, in the one date format of the language (`fmt_datetime`,
    the format of the import history and the briefing cover), saying which clock it is;
    a naive time is taken to be UTC, as the database stores it."""
    if value is None:
        return "–"
    if not isinstance(value, datetime):
        return fmt_date(value, lang)
    return fmt_datetime(value, lang) + " (UTC+7)"


def organisation_label(scope: Scope, lang: str) -> str:
    """The viewer's organisation under its configured name (ministries get renamed)."""
    if scope.role is None or scope.role not in ORGANISATION_OF_ROLE:
        return "–"
    return organisation(organisation_for_role(scope.role)).name(lang)


def suppression_rule(scope: Scope, lang: str) -> str:
    """The rule as it applies to *this* file: constituents' files have the cells removed;
    staff files keep them and say which ones a constituent would not see."""
    minimum = settings().min_factories
    key = "exports.rule.suppression_staff" if not scope.suppresses else "exports.rule.suppression"
    return t(key, lang, n=minimum)


@dataclass(frozen=True)
class ExportMetadata:
    """Everything a reader of the file needs to interpret it, ready to print."""

    title: str
    filter_description: str
    organisation: str
    exported_by: str
    exported_at: datetime
    data_as_of: str
    suppression_rule: str
    lang: str
    method_notes: tuple[str, ...] = ()
    synthetic: bool = False
    confidential: bool = False
    row_count: int | None = None
    extra: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    def rows(self) -> list[tuple[str, str]]:
        """(label, value) pairs in reading order; the synthetic and confidentiality
        warnings come first so nobody can miss them."""
        lang = self.lang
        pairs: list[tuple[str, str]] = []
        if self.synthetic:
            pairs.append(
                (t("exports.meta.synthetic", lang), t("exports.meta.synthetic_value", lang))
            )
        if self.confidential:
            pairs.append(
                (t("exports.meta.confidential", lang), t("exports.meta.confidential_value", lang))
            )
        pairs += [
            (t("exports.meta.contents", lang), self.title),
            (t("exports.meta.filter", lang), self.filter_description),
            (t("exports.meta.organisation", lang), self.organisation),
            (t("exports.meta.exported_by", lang), self.exported_by),
            (t("exports.meta.exported_at", lang), format_timestamp(self.exported_at, lang)),
            (t("exports.meta.data_as_of", lang), self.data_as_of),
        ]
        if self.row_count is not None:
            pairs.append((t("exports.meta.rows", lang), fmt_number(self.row_count, lang)))
        pairs.append((t("exports.meta.suppression", lang), self.suppression_rule))
        pairs += [(t("exports.meta.method", lang), note) for note in self.method_notes]
        pairs += list(self.extra)
        pairs.append((t("exports.meta.source", lang), t("exports.meta.source_value", lang)))
        return pairs


def make_metadata(
    scope: Scope,
    *,
    title: str,
    filter_description: str,
    lang: str,
    data_as_of: str,
    synthetic: bool,
    method_notes: Sequence[str] = (),
    confidential: bool = False,
    row_count: int | None = None,
    extra: Sequence[tuple[str, str]] = (),
) -> ExportMetadata:
    """Metadata for a file exported now by the viewer in `scope`."""
    lang = normalise_language(lang)
    return ExportMetadata(
        title=title,
        filter_description=filter_description,
        organisation=organisation_label(scope, lang),
        exported_by=scope.username or "–",
        exported_at=now_in_vietnam(),
        data_as_of=data_as_of,
        suppression_rule=suppression_rule(scope, lang),
        lang=lang,
        method_notes=tuple(dict.fromkeys(note for note in method_notes if note)),
        synthetic=synthetic,
        confidential=confidential,
        row_count=row_count,
        extra=tuple(extra),
    )
