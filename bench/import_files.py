"""Valid import files of any size, for the import benchmark and the import tests.

Deterministic (the same arguments give the same bytes), written as a stream so a
million-row findings file never sits in memory, and built from the reference
taxonomy so they load into any freshly migrated database: first `questions_csv`,
then `factories_csv`, then the findings.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from data_access.reference import taxonomy_rows

PROVINCE_SPELLINGS = (
    "Bắc Ninh",
    "TP HCM",
    "Đồng Nai",
    "Hai Phong",
    "Thanh Hoá",
    "Tây Ninh",
    "Hà Nội",
    "Ho Chi Minh City",
    "Hưng Yên",
    "Nam Dinh",
    "Bình Dương",
    "Long An",
)
FIRST_ASSESSMENT = date(2016, 3, 1)


def question_codes(count: int) -> list[str]:
    """`count` question codes spread over the reference compliance points."""
    points = [row["cp_code"] for row in taxonomy_rows()]
    codes = []
    number = 1
    while len(codes) < count:
        codes.extend(f"{point}-{number:02d}" for point in points)
        number += 1
    return codes[:count]


def questions_csv(count: int = 250) -> str:
    lines = ["question_code,cp_code,text_en,text_vi,fact_gathering"]
    for code in question_codes(count):
        point = code.rsplit("-", 1)[0]
        lines.append(f"{code},{point},Question {code},Câu hỏi {code},no")
    return "\n".join(lines) + "\n"


def factory_code(number: int) -> str:
    return f"F{number:05d}"


def factories_csv(count: int) -> str:
    lines = ["factory_code,name,sector,province,workers_total,workers_women,joined_on"]
    for number in range(count):
        total = 300 + (number * 37) % 4000
        lines.append(
            f"{factory_code(number)},Factory {number},garment,"
            f"{PROVINCE_SPELLINGS[number % len(PROVINCE_SPELLINGS)]},{total},{total * 3 // 4},"
            "2015-01-05"
        )
    return "\n".join(lines) + "\n"


def assessment_dates(number: int, per_factory: int) -> list[date]:
    start = FIRST_ASSESSMENT + timedelta(days=number % 300)
    return [start + timedelta(days=365 * year) for year in range(per_factory)]


def finding_rows(factories: int, per_factory: int, questions: list[str]) -> Iterator[list[str]]:
    for number in range(factories):
        code = factory_code(number)
        for cycle, day in enumerate(assessment_dates(number, per_factory), start=1):
            text = day.isoformat()
            for index, question in enumerate(questions):
                flagged = (number * 7 + cycle * 13 + index * 31) % 11 == 0
                yield [code, text, "annual", str(cycle), question, "yes" if flagged else "no"]


FINDINGS_HEADER = [
    "factory_code",
    "assessed_on",
    "assessment_type",
    "cycle",
    "question_code",
    "non_compliant",
]


def write_findings_csv(path: Path, factories: int, per_factory: int, questions: int) -> int:
    """Rows written (factories × per_factory × questions)."""
    written = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(FINDINGS_HEADER)
        for row in finding_rows(factories, per_factory, question_codes(questions)):
            writer.writerow(row)
            written += 1
    return written
