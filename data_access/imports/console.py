"""The import as the command line shows it: a progress bar and a plain-text report."""

from __future__ import annotations

import time
from typing import TextIO

from data_access.i18n import fmt_number, t
from data_access.imports.load import ImportReport

BAR_WIDTH = 30


class ProgressBar:
    """`[#########.....]  45%   450,000 rows   61,000 rows/s` on one line, redrawn at most
    five times a second; on a pipe (no terminal) a line every ten seconds instead."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.started = time.perf_counter()
        self.last = 0.0
        self.interactive = stream.isatty()
        self.drawn = False

    def __call__(self, rows: int, share: float) -> None:
        now = time.perf_counter()
        interval = 0.2 if self.interactive else 10.0
        if share < 1.0 and now - self.last < interval:
            return
        self.last = now
        share = min(max(share, 0.0), 1.0)
        filled = int(share * BAR_WIDTH)
        rate = rows / max(now - self.started, 1e-6)
        line = (
            f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {share:4.0%} "
            f"{rows:>11,} rows {rate:>9,.0f} rows/s"
        )
        if self.interactive:
            self.stream.write("\r" + line)
            self.drawn = True
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()


def report_text(report: ImportReport, lang: str) -> str:
    lines = [report.status_text(lang)]
    if report.format_name:
        lines.append(
            f"  {t('admin.import.format', lang)}: "
            f"{t(f'admin.format.{report.format_name}.title', lang)} ({report.format_name})"
        )
    lines.append(f"  {t('admin.import.rows', lang)}: {fmt_number(report.rows, lang)}")
    if report.counts is not None:
        unit = t(f"admin.unit.{report.unit}", lang)
        counts = report.counts
        lines.append(
            f"  {unit}: "
            + ", ".join(
                f"{t(f'admin.count.{name}', lang)} {fmt_number(value, lang)}"
                for name, value in (
                    ("new", counts.new),
                    ("updated", counts.updated),
                    ("unchanged", counts.unchanged),
                )
            )
        )
    if report.earlier is not None:
        lines.append(
            "  "
            + t(
                "admin.import.seen_before",
                lang,
                batch=report.earlier.batch_id,
                when=report.earlier.imported_at.strftime("%Y-%m-%d %H:%M"),
                user=report.earlier.imported_by,
            )
        )
    if report.failure:
        lines.append(f"  {report.failure}")
    if report.errors or report.warnings:
        lines.append(
            "  "
            + t(
                "admin.import.problem_counts",
                lang,
                errors=fmt_number(report.errors, lang),
                warnings=fmt_number(report.warnings, lang),
            )
        )
    for problem in report.problems:
        marker = "ERROR" if problem.severity == "error" else "warning"
        lines.append(f"  {marker}: {problem.as_text(lang)}")
    return "\n".join(lines)
