"""How long a meeting briefing takes to prepare: figures, map and charts, Word and PDF.

Runs `data_access.briefings.generate.generate` (what the Briefing page calls) for each
audience, nationally and for Ho Chi Minh City's garment factories (the case a new user
is asked to try), in Vietnamese, and splits the time into gathering the figures,
drawing the pictures and writing the two files.

    python -m bench.briefing --url sqlite:///bench/out/demo.db [--write]
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass

from sqlalchemy import Engine

from bench.report import Table, machine_line, ms, now_text, verdict, write_section
from data_access.briefings import charts, content
from data_access.briefings.docx_writer import render_docx
from data_access.briefings.pdf_writer import render_pdf
from data_access.briefings.request import AUDIENCES, BriefingRequest
from data_access.refdata import reference
from data_access.scope import Scope

AUTHOR = Scope("ilo", "ilo", "bench")
#: The issue's bar: a new user prepares the briefing in under a minute, clicks included.
TARGET_SECONDS = 60.0
CASES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("national, all sectors", (), ()),
    ("Hồ Chí Minh, garment", ("79",), ("garment",)),
)


@dataclass
class Timing:
    figures: float
    pictures: float
    files: float
    pages_kb: tuple[int, int]

    @property
    def total(self) -> float:
        return self.figures + self.pictures + self.files


def measure(engine: Engine, request: BriefingRequest) -> Timing:
    """One briefing, timed by stage: the picture renderer is wrapped to time it apart."""
    spent = {"pictures": 0.0}
    render = charts.render_png

    def timed_render(chart: object, lang: str) -> bytes:
        started = time.perf_counter()
        try:
            return render(chart, lang)  # type: ignore[arg-type]
        finally:
            spent["pictures"] += time.perf_counter() - started

    charts.render_png = timed_render  # type: ignore[assignment]
    try:
        started = time.perf_counter()
        briefing = content.build_briefing(engine, AUTHOR, request)
        built = time.perf_counter() - started
    finally:
        charts.render_png = render  # type: ignore[assignment]
    started = time.perf_counter()
    docx = render_docx(briefing.document)
    pdf = render_pdf(briefing.document)
    files = time.perf_counter() - started
    return Timing(
        figures=built - spent["pictures"],
        pictures=spent["pictures"],
        files=files,
        pages_kb=(len(docx) // 1024, len(pdf) // 1024),
    )


def run(url: str) -> Table:
    from data_access.db import make_engine

    engine = make_engine(url)
    latest = reference(engine).latest_year
    if latest is None:
        raise SystemExit("No assessments in this database.")
    year = latest - 1  # the last complete year is what meetings discuss
    table = Table(
        f"Briefing preparation, {year} against {year - 1}, Vietnamese",
        [
            "scope",
            "audience",
            "figures",
            "map & charts",
            "Word + PDF",
            "total",
            "DOCX / PDF",
            "< 60 s",
        ],
    )
    charts.render_png(
        charts.paired_bars(
            [("x", 0.1, 0.2)], title="warm-up", before_label="a", after_label="b", value_title="v"
        ),
        "vi",
    )
    for label, provinces, sectors in CASES:
        for audience in AUDIENCES:
            request = BriefingRequest(
                audience=audience,
                year_from=year,
                year_to=year,
                compare_from=year - 1,
                compare_to=year - 1,
                lang="vi",
                provinces=provinces,
                sectors=sectors,
            )
            timing = measure(engine, request)
            table.add(
                label,
                audience,
                ms(timing.figures),
                ms(timing.pictures),
                ms(timing.files),
                ms(timing.total),
                f"{timing.pages_kb[0]} / {timing.pages_kb[1]} KB",
                verdict(timing.total, TARGET_SECONDS),
            )
            print(table.rows[-1], flush=True)
    table.notes.append(
        f"{machine_line()}; {now_text()}. Database: {engine.url.render_as_string(True)}. "
        "The renderer (vl-convert) is warmed up once first, as in a running app; the "
        "time a person spends choosing and clicking is not included (the browser test "
        "`tests/e2e/test_downloads.py` prints sign-in to both files downloaded)."
    )
    engine.dispose()
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.briefing")
    parser.add_argument("--url", required=True)
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args(argv)
    table = run(args.url)
    print(table.markdown())
    if args.write:
        write_section("briefings", table.markdown())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
