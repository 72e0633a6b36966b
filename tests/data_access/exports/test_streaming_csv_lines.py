"""The question-level CSV is written line by line from pre-rendered pieces (for speed:
see `streaming._iter_csv_lines`); it must be byte for byte what the generic CSV writer
makes of the same rows, hostile names included. Both backends."""

from __future__ import annotations

import io

from sqlalchemy import Engine

from data_access.exports.streaming import (
    COLUMNS,
    findings_metadata,
    iter_findings,
    write_findings,
)
from data_access.exports.writers import csv_fields, iter_csv_chunks
from data_access.filters import Filters
from data_access.scope import Scope
from tests.data_access.exports.conftest import INJECTIONS
from tests.data_access.fixtures import Builder

ILO = Scope("ilo", "ilo", "ilo.test")


def _generic(engine: Engine, filters: Filters, lang: str) -> bytes:
    rows = sum(len(chunk) for chunk in iter_findings(engine, ILO, filters, lang))
    metadata = findings_metadata(engine, ILO, filters, lang, rows)
    chunks = iter_findings(engine, ILO, filters, lang, chunk_size=3)
    return b"".join(iter_csv_chunks(COLUMNS, chunks, metadata))


def test_the_fast_csv_equals_the_generic_writer(engine: Engine) -> None:
    build = Builder(engine)
    build.question("FG-1", "WT-OVT", fact_gathering=True)
    names = [*INJECTIONS, 'Nhà máy "Sông Hồng", Hà Nội\nxưởng 2', "Đắk Lắk"]
    for index, name in enumerate(names):
        legacy = None if index % 3 == 0 else "79"
        factory = build.factory(province="79", legacy=legacy, name=name, code=f"=F{index}")
        build.assessment(
            factory,
            f"202{index % 3 + 3}-06-0{index % 5 + 1}",
            points={"WT-OVT": index % 2 == 0, "OS-EME": index % 3 == 1},
            findings={"FG-1": True},
        )
    for filters in (Filters(), Filters(year_from=2024), Filters(clusters=("WT",))):
        for lang in ("vi", "en"):
            target = io.BytesIO()
            write_findings(engine, ILO, filters, target, fmt="csv", lang=lang, chunk_size=4)
            assert target.getvalue() == _generic(engine, filters, lang), (filters, lang)


def test_fields_join_like_a_whole_row() -> None:
    row = ["=1+1", 'a "quoted", text', None, True, 3, "x\ny"]
    pieces = csv_fields(row[:2]) + "," + csv_fields(row[2:])
    assert pieces == csv_fields(row)
