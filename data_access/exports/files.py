"""One call from "the frame on screen" to "the file to download", for pages and scripts.

The frame is the one the page drew (an indicator function's result under the viewer's
scope); this module adds nothing to its figures. It gathers what the metadata needs
from the same data layer (the filter in words, "data as of", the method text, whether
the data are synthetic) and refuses a constituent's export that carries factory
identities, as a last line of defence should a page ever hand the wrong frame over.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd
from sqlalchemy import Engine

from data_access.config import settings
from data_access.exports.columns import for_reader
from data_access.exports.filenames import export_filename
from data_access.exports.metadata import ExportMetadata, format_timestamp, make_metadata
from data_access.exports.writers import CSV_MIME, XLSX_MIME, csv_bytes, xlsx_bytes
from data_access.filters import Filters
from data_access.freshness import data_as_of
from data_access.i18n import catalogue, normalise_language, t
from data_access.meta import has_synthetic_data
from data_access.refdata import reference
from data_access.scope import AccessDenied, Scope, require_known

Format = Literal["csv", "xlsx"]
FORMATS: tuple[Format, ...] = ("csv", "xlsx")
MIME: dict[str, str] = {"csv": CSV_MIME, "xlsx": XLSX_MIME}
#: Columns that identify a factory or one of its assessments: never in a constituent's file.
FACTORY_COLUMNS: frozenset[str] = frozenset(
    {"factory_id", "factory_code", "factory_name", "address", "assessment_id"}
)
#: Indicators whose rows are factories (or one factory's history).
FACTORY_INDICATORS: frozenset[str] = frozenset({"factory_listing", "factory_history"})


@dataclass(frozen=True)
class ExportFile:
    name: str
    mime: str
    data: bytes
    rows: int


def method_notes(attrs: dict[str, object], lang: str) -> list[str]:
    """The frame's method text and, always, the disclosure rule's method text."""
    values = {
        "n": settings().min_factories,
        "meetings": attrs.get("picc_min_meetings") or settings().picc_min_meetings,
    }
    keys = [f"indicators.method.{attrs['method']}"] if attrs.get("method") else []
    keys.append("indicators.method.disclosure")
    known = catalogue()
    return [t(key, lang, **values) for key in keys if key in known]


def describe_filters(engine: Engine, filters: Filters, attrs: dict[str, object], lang: str) -> str:
    """The filter in words; a comparison says which earlier period it is compared with,
    in the sentence the page's caption and the briefing's method note use."""
    ref = reference(engine)
    before, after = attrs.get("before"), attrs.get("after")
    sentence = attrs.get(f"comparison_{normalise_language(lang)}")
    if isinstance(after, Filters) and isinstance(sentence, str):
        return t(
            "exports.meta.comparison", lang, filters=after.describe(lang, ref), comparison=sentence
        )
    if isinstance(before, Filters) and isinstance(after, Filters):
        return t(
            "exports.meta.compared_with",
            lang,
            filters=after.describe(lang, ref),
            period=before.describe_period(lang),
        )
    return filters.describe(lang, ref)


def data_as_of_text(engine: Engine, scope: Scope, filters: Filters, lang: str) -> str:
    """Latest assessment behind the figures and the latest import, in one line."""
    freshness = data_as_of(engine, scope, filters)
    return t(
        "exports.meta.data_as_of_value",
        lang,
        assessment=format_timestamp(freshness.latest_assessment, lang),
        imported=format_timestamp(freshness.latest_import, lang),
    )


def is_factory_level(frame: pd.DataFrame) -> bool:
    return frame.attrs.get("indicator") in FACTORY_INDICATORS or bool(
        FACTORY_COLUMNS & {str(column) for column in frame.columns}
    )


def check_disclosable(frame: pd.DataFrame, scope: Scope) -> None:
    """A constituent's file may hold aggregates only."""
    require_known(scope)
    if scope.suppresses and is_factory_level(frame):
        raise AccessDenied("Factory-level data cannot be exported for this role.")


def frame_filters(frame: pd.DataFrame, filters: Filters) -> Filters:
    """The filters the frame was computed with (its attrs), else the page's."""
    stamped = frame.attrs.get("filters")
    return stamped if isinstance(stamped, Filters) else filters


def frame_metadata(
    engine: Engine,
    scope: Scope,
    filters: Filters,
    frame: pd.DataFrame,
    *,
    title: str,
    lang: str,
    extra_notes: Sequence[str] = (),
) -> ExportMetadata:
    attrs = dict(frame.attrs)
    filters = frame_filters(frame, filters)
    lang = normalise_language(lang)
    factory_level = is_factory_level(frame)
    staff_only_cells = "suppressed" in frame.columns and bool(
        frame["suppressed"].fillna(False).any()
    )
    return make_metadata(
        scope,
        title=title,
        filter_description=describe_filters(engine, filters, attrs, lang),
        lang=lang,
        data_as_of=data_as_of_text(engine, scope, filters, lang),
        synthetic=has_synthetic_data(engine),
        method_notes=[*method_notes(attrs, lang), *extra_notes],
        confidential=not scope.suppresses and (factory_level or staff_only_cells),
        row_count=len(frame),
    )


def export_frame(
    engine: Engine,
    scope: Scope,
    filters: Filters,
    frame: pd.DataFrame,
    *,
    what: str,
    title: str,
    lang: str,
    fmt: Format,
    extra_notes: Sequence[str] = (),
) -> ExportFile:
    """The frame as a CSV or XLSX file with its metadata and a name saying what it is."""
    check_disclosable(frame, scope)
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}.")
    metadata = frame_metadata(
        engine, scope, filters, frame, title=title, lang=lang, extra_notes=extra_notes
    )
    readable = for_reader(frame, lang)
    data = csv_bytes(readable, metadata) if fmt == "csv" else xlsx_bytes(readable, metadata)
    name = export_filename(what, frame_filters(frame, filters), reference(engine), fmt)
    return ExportFile(name=name, mime=MIME[fmt], data=data, rows=len(frame))
