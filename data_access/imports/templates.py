"""Empty templates, filled examples and the format documentation, all from the specs.

The examples are built from the database they will be loaded into (its questions and
compliance points), so "download the example, load it" works on any installation:
six clearly named EXAMPLE-### factories, one assessment each with every active
question answered, and their social-dialogue records. docs/IMPORT_FORMATS.md is
`formats_markdown()` written out; a test keeps the two identical.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable, Sequence
from datetime import datetime

import xlsxwriter
from sqlalchemy import Engine, select

from data_access.i18n import t
from data_access.imports import formats
from data_access.imports.formats import DOCUMENTED, FORMATS, Column, ImportFormat
from data_access.models import CodeMapping, CompliancePoint, Question

CSV_BOM = "\ufeff"
#: Fixed, so the same template is the same bytes (and checksum) every time.
TEMPLATE_CREATED = datetime(2025, 7, 1)

EXAMPLE_FACTORIES: tuple[tuple[str, ...], ...] = (
    # code, name, sector, province, legacy, address, total, women, investor, joined
    (
        "EXAMPLE-001",
        "Example Garment Co., Ltd.",
        "garment",
        "Bắc Ninh",
        "Bắc Giang",
        "KCN Quang Châu, Việt Yên",
        "1250",
        "980",
        "Korea",
        "2019-05-02",
    ),
    (
        "EXAMPLE-002",
        "Example Footwear JSC",
        "footwear",
        "TP HCM",
        "",
        "KCX Tân Thuận",
        "4200",
        "3150",
        "Taiwan",
        "2014-03-17",
    ),
    (
        "EXAMPLE-003",
        "Example Apparel Vina",
        "garment",
        "Bình Dương",
        "",
        "KCN VSIP I, Thuận An",
        "2100",
        "1700",
        "Korea",
        "2016-09-01",
    ),
    (
        "EXAMPLE-004",
        "Example Bags Co., Ltd.",
        "travel_goods",
        "Dong Nai",
        "",
        "KCN Nhơn Trạch 2",
        "860",
        "640",
        "China",
        "2021-01-11",
    ),
    (
        "EXAMPLE-005",
        "Example Knitwear Hai Phong",
        "garment",
        "Hải Phòng",
        "Hải Dương",
        "KCN Đại An",
        "640",
        "520",
        "Japan",
        "2022-06-20",
    ),
    (
        "EXAMPLE-006",
        "Example Sportswear Thanh Hoa",
        "garment",
        "Thanh Hoá",
        "",
        "KCN Lễ Môn",
        "3300",
        "2800",
        "Hong Kong",
        "2018-11-05",
    ),
)
EXAMPLE_ASSESSED_ON = (
    "2025-09-16",
    "2025-10-07",
    "2025-08-26",
    "2025-11-04",
    "2025-10-21",
    "2025-09-30",
)

TYPE_NAMES = {
    formats.TEXT: "text",
    formats.CODE: "code",
    formats.INTEGER: "whole number",
    formats.SHARE: "share 0–1 or percentage",
    formats.DATE: "date",
    formats.DEADLINE: "date (future allowed)",
    formats.BOOLEAN: "yes/no",
    formats.CHOICE: "one of a list",
    formats.PROVINCE: "province (current or former)",
    formats.LEGACY_PROVINCE: "former province",
    formats.SECTOR: "sector",
    formats.FACTORY: "factory code (existing)",
    formats.QUESTION: "question code (existing)",
    formats.COMPLIANCE_POINT: "compliance-point code (existing)",
    formats.CLUSTER: "cluster code (existing)",
}


def _flag(code: str, seed: str) -> str:
    """A stable, roughly one-in-nine "yes" so the example shows some non-compliance."""
    digest = hashlib.sha256(f"{seed}|{code}".encode()).digest()
    return "yes" if digest[0] < 28 else "no"


def _questions(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return list(
            connection.scalars(
                select(Question.code).where(Question.active.is_(True)).order_by(Question.code)
            )
        )


def _example_questions(engine: Engine) -> list[str]:
    """The database's active questions; on a new database, which has none until the
    questions are loaded, the questions example's own code, so an assessments example
    is never an empty header and loads once the questions example has (load order)."""
    stored = _questions(engine)
    if stored:
        return stored
    return [c.example for c in FORMATS["questions"].columns if c.name == "question_code"]


def header(fmt: ImportFormat, engine: Engine | None = None, *, example: bool = False) -> list[str]:
    names = [column.name for column in fmt.columns]
    if fmt.question_columns and engine is not None:
        names += _example_questions(engine) if example else _questions(engine)
    return names


def _visits() -> list[tuple[tuple[str, ...], str]]:
    """Each example factory with the day of its one assessment."""
    return list(zip(EXAMPLE_FACTORIES, EXAMPLE_ASSESSED_ON, strict=True))


def _factory_examples(_fmt: ImportFormat, _engine: Engine) -> list[list[str]]:
    return [[*row, ""] for row in EXAMPLE_FACTORIES]


def _assessment_examples(_fmt: ImportFormat, engine: Engine) -> list[list[str]]:
    codes = _example_questions(engine)
    return [
        [factory[0], day, "annual", "1", code, _flag(code, factory[0])]
        for factory, day in _visits()
        for code in codes
    ]


def _wide_assessment_examples(_fmt: ImportFormat, engine: Engine) -> list[list[str]]:
    codes = _example_questions(engine)
    return [
        [factory[0], day, "annual", "1", *(_flag(code, factory[0]) for code in codes)]
        for factory, day in _visits()
    ]


def _dialogue_example(number: int, factory: tuple[str, ...], day: str) -> list[str]:
    """Two in three examples have a union and an agreement covering every worker; the
    third has neither, and a work stoppage."""
    visit = [factory[0], day, "annual"]
    if number % 3:
        return [*visit, "yes", "yes", "0.55", "yes", factory[6], "yes", "8", "5", "10", "yes", "0"]
    return [*visit, "no", "no", "", "no", "0", "yes", "6", "2", "4", "yes", "1"]


def _dialogue_examples(_fmt: ImportFormat, _engine: Engine) -> list[list[str]]:
    return [
        _dialogue_example(number, factory, day) for number, (factory, day) in enumerate(_visits())
    ]


def _yes_no(flag: object) -> str:
    return "yes" if flag else "no"


def _point_examples(_fmt: ImportFormat, engine: Engine) -> list[list[str]]:
    """The database's own compliance points, so loading the example changes nothing."""
    with engine.connect() as connection:
        points = connection.execute(
            select(CompliancePoint).order_by(CompliancePoint.sort_order)
        ).all()
    return [
        [
            p.code,
            p.cluster_code,
            p.name_en,
            p.name_vi,
            _yes_no(p.confirmed),
            _yes_no(p.active),
            str(p.sort_order),
        ]
        for p in points
    ]


def _question_examples(fmt: ImportFormat, engine: Engine) -> list[list[str]]:
    """The database's own questions; on a new database, the format's example row."""
    with engine.connect() as connection:
        questions = connection.execute(select(Question).order_by(Question.code)).all()
    return [
        [q.code, q.cp_code, q.text_en, q.text_vi, _yes_no(q.fact_gathering), _yes_no(q.active)]
        for q in questions
    ] or [[column.example for column in fmt.columns]]


def _mapping_examples(fmt: ImportFormat, engine: Engine) -> list[list[str]]:
    """The database's own code mappings; without any, the format's example row."""
    with engine.connect() as connection:
        mappings = connection.execute(select(CodeMapping).order_by(CodeMapping.id)).all()
    return [
        [
            m.level,
            m.old_code,
            m.new_code or "",
            m.effective_on.isoformat() if m.effective_on else "",
            m.note or "",
        ]
        for m in mappings
    ] or [[column.example for column in fmt.columns]]


#: How each format's example is made.
EXAMPLES: dict[str, Callable[[ImportFormat, Engine], list[list[str]]]] = {
    "factories": _factory_examples,
    "assessments": _assessment_examples,
    "assessments_wide": _wide_assessment_examples,
    "social_dialogue": _dialogue_examples,
    "compliance_points": _point_examples,
    "questions": _question_examples,
    "code_mappings": _mapping_examples,
}


def example_rows(fmt: ImportFormat, engine: Engine) -> list[list[str]]:
    """Rows that load cleanly into this database."""
    make = EXAMPLES.get(fmt.name)
    if make is None:
        raise ValueError(f"No example for {fmt.name!r}.")
    return make(fmt, engine)


def csv_bytes(header_row: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    """UTF-8 with a BOM, so Excel on Windows shows Vietnamese correctly when it opens it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header_row)
    writer.writerows(rows)
    return (CSV_BOM + buffer.getvalue()).encode("utf-8")


def _help_rows(fmt: ImportFormat, lang: str) -> list[list[str]]:
    rows = [
        [
            column.name,
            TYPE_NAMES[column.type],
            "yes" if column.required else "no",
            allowed_text(column),
            t(f"admin.column.{column.name}", lang),
            column.example,
        ]
        for column in fmt.columns
    ]
    if fmt.question_columns:
        rows.append(
            [
                "<question code>",
                "yes/no",
                "no",
                "yes, no, empty",
                t("admin.column.question_columns", lang),
                "no",
            ]
        )
    return rows


def xlsx_bytes(
    fmt: ImportFormat, header_row: Sequence[str], rows: Sequence[Sequence[str]], lang: str
) -> bytes:
    """Data on the first sheet (the one the reader loads), column help on the second.
    Every cell is written as text, so codes such as "01" keep their leading zero."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    book.set_properties({"created": TEMPLATE_CREATED, "title": fmt.name})
    bold = book.add_format({"bold": True})
    text = book.add_format({"num_format": "@"})
    data = book.add_worksheet(fmt.name[:31])
    for col, name in enumerate(header_row):
        data.write_string(0, col, name, bold)
        data.set_column(col, col, max(12, min(40, len(name) + 2)), text)
    for row_number, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if value != "":
                data.write_string(row_number, col, value, text)
    data.freeze_panes(1, 0)
    info = book.add_worksheet("columns")
    titles = ["column", "type", "required", "allowed", "description", "example"]
    for col, title in enumerate(titles):
        info.write_string(0, col, title, bold)
    for row_number, row in enumerate(_help_rows(fmt, lang), start=1):
        for col, value in enumerate(row):
            info.write_string(row_number, col, value)
    info.set_column(0, 0, 28)
    info.set_column(3, 4, 60)
    book.close()
    return buffer.getvalue()


def template_file(
    format_name: str, file_type: str, engine: Engine, *, example: bool, lang: str = "en"
) -> tuple[str, bytes]:
    """(file name, bytes) of the empty template or the filled example."""
    fmt = DOCUMENTED[format_name]
    header_row = header(fmt, engine, example=example)
    rows = example_rows(fmt, engine) if example else []
    stem = f"{format_name}_{'example' if example else 'template'}"
    if file_type == "xlsx":
        return f"{stem}.xlsx", xlsx_bytes(fmt, header_row, rows, lang)
    if file_type == "csv":
        return f"{stem}.csv", csv_bytes(header_row, rows)
    raise ValueError(f"Unknown template type {file_type!r}.")


# --- documentation --------------------------------------------------------------------


def allowed_text(column: Column) -> str:
    if column.choices:
        return ", ".join(stored for stored, _ in column.choices)
    if column.type == formats.INTEGER:
        return f"{column.minimum}–{column.maximum:,}"
    if column.type == formats.DATE:
        return f"{formats.EARLIEST.isoformat()} to today"
    if column.type == formats.DEADLINE:
        return f"{formats.EARLIEST.isoformat()} to {formats.LATEST_DEADLINE.isoformat()}"
    if column.type == formats.BOOLEAN:
        return "yes/no, true/false, 1/0, có/không"
    if column.type == formats.SHARE:
        return "0–1 or 0%–100%"
    if column.type == formats.SECTOR:
        return "garment, footwear, travel_goods"
    if column.max_length:
        return f"up to {column.max_length} characters"
    return ""


_DOC_INTRO = """# Import formats

Generated from `data_access/imports/formats.py` by `python -m data_access.cli import-formats-doc`;
do not edit by hand (a test checks that this file matches the code).

Real programme data is loaded from spreadsheets, one file per kind, either on the admin
page **Admin › Data** (upload → validation report → preview → confirm) or with the
command line for large files:

    python -m data_access.cli import FILE [--format NAME] [--dry-run]

Every format can be downloaded from the admin page, or with
`python -m data_access.cli import-template NAME [--example] [--xlsx] -o FILE`, as an
empty template or as a filled example that loads cleanly.

## Rules for every file

- **File types.** CSV or XLSX (the first worksheet is read; the templates carry column
  help on a second sheet). Old `.xls` workbooks are refused: save as `.xlsx` or CSV.
- **Encoding.** UTF-8, with or without a byte-order mark (Excel's "CSV UTF-8").
  UTF-16 ("Unicode text") is read too. A file that is not UTF-8 is read as
  Windows-1258 (Vietnamese Windows) only when that yields Vietnamese letters, with a
  warning; anything else is refused with the line of the first damaged bytes.
- **Separators.** Comma, semicolon, tab or `|`, recognised from the header row.
- **Header row.** Row 1. Headers are matched ignoring case, diacritics, spaces and
  punctuation, and each column accepts the alternative spellings listed below
  (e.g. `Mã nhà máy` for `factory_code`). Columns not in the format are ignored with
  a warning. Column order does not matter.
- **Row numbers** in reports are the row numbers Excel shows (header = row 1).
- **Dates.** `2025-03-14`, `14/03/2025` (day/month/year, as written in Viet Nam),
  `14-03-2025`, `14.03.2025`, or an Excel date cell. Dates before
  2009-01-01 (the programme's start) or in the future are refused.
- **Yes/no.** `yes`/`no`, `true`/`false`, `1`/`0`, `y`/`n`, `có`/`không` (with or
  without diacritics), `x` for yes.
- **Numbers.** Whole numbers may be written `1250`, `1,250` or `1.250`.
- **Formulas.** A formula cell is refused with its row and column, even when Excel saved
  its result with it, and so is text starting with `=`: paste values, not formulas.
- **Provinces.** A current province (34 units since 1 July 2025) by two-digit code or
  by name, or a former province (63 units until 30 June 2025) by name or ISO code
  (`VN-57`). Names are matched with or without diacritics, with or without
  `Tỉnh`/`T.`/`Thành phố`/`TP.`, in English or Vietnamese, and common short forms are
  known (`TP HCM`, `HCMC`, `Sài Gòn`, `BR-VT`, `TT Huế`, `Đắc Lắc`); `Ð` (U+00D0, the
  look-alike letter of badly converted files) is read as `Đ`. A former province is
  recorded as the factory's legacy province and rolls up to its successor; used for a
  factory that joined on or after 1 July 2025 it is still accepted, with a warning. A
  bare number in `province` is a current code only (`15` is the new Lào Cai; the
  former Yên Bái's `15` goes in `legacy_province`, or is written `VN-06`). A factory
  that joined before 1 July 2025 given only a current province formed from several
  former ones is loaded with a warning: its former province is not recorded.

## Validation, and all or nothing

Nothing is written until the whole file has been checked. Every problem is reported
at once, each with the file, row, column, the value found and what was expected
(missing columns, wrong types, dates out of range, unknown factories or question
codes, duplicate rows, more women than workers, unknown provinces, …). A file with
any error loads nothing. A file without errors loads in one transaction: every row,
or, if anything fails half-way, none.

Imports run one at a time, on the admin page and the command line alike. A file sent
while another import is running is not read: its sender is told who started the other
import and when, and tries again in a moment (the page keeps the checked file).

## Idempotent, and corrections

Records are matched on their natural key: factory code; assessment = factory code,
assessment date and type; question code; compliance-point code; level and old code.
A record equal to the stored one is left alone, so loading the same file twice
changes nothing the second time (it is recorded as `no_change`). A corrected file
replaces what differs: an assessment whose findings differ is replaced as a whole,
and the earlier import is marked `replaced` in the import history once none of its
rows remain. Each import is recorded (file, checksum, rows, user, time, status),
clears the figures' caches and moves "data as of".

## Load order

A new database (`python -m data_access.cli init-db`) holds the provinces, sectors and
compliance points, but no questions and no factories. Load, in this order:

1. compliance points (`compliance_points`), only if the programme's own names differ;
2. questions (`questions`): needed before any assessment;
3. renamed codes (`code_mappings`), if any;
4. factories (`factories`);
5. assessments with findings (`assessments`, or the wide layout `assessments_wide`);
6. social dialogue (`social_dialogue`).

Each example, downloaded and loaded in this order, loads cleanly on a new database: the
examples of later steps refer to the records of earlier ones (the example question, the
`EXAMPLE-###` factories and their assessments).

## Demonstration data

The demonstration database holds synthetic factories and demo sign-ins whose
passwords are published. Files may not touch synthetic factories. Remove the
demonstration data (**Admin › Data › Demonstration data**, or
`python -m data_access.cli remove-demo-data`) before loading real data: this deletes
every synthetic row, disables the demo sign-ins, and turns the "synthetic data" banner
off once no synthetic rows remain.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def format_markdown(fmt: ImportFormat) -> str:
    lines = [
        f"## {t(f'admin.format.{fmt.name}.title', 'en')} (`{fmt.name}`)",
        "",
        t(f"admin.format.{fmt.name}.description", "en"),
        "",
        f"Natural key: {', '.join(f'`{name}`' for name in fmt.natural_key)}.",
        "",
        "| Column | Type | Required | Allowed values | Also accepted as header "
        "| Description | Example |",
        "|---|---|---|---|---|---|---|",
    ]
    for column in fmt.columns:
        lines.append(
            "| "
            + " | ".join(
                _cell(part)
                for part in (
                    f"`{column.name}`",
                    TYPE_NAMES[column.type],
                    "yes" if column.required else "no",
                    allowed_text(column),
                    ", ".join(column.aliases),
                    t(f"admin.column.{column.name}", "en"),
                    f"`{column.example}`" if column.example else "",
                )
            )
            + " |"
        )
    if fmt.question_columns:
        lines.append(
            "| *one per question code* | yes/no | no | yes, no, empty |  | "
            + _cell(t("admin.column.question_columns", "en"))
            + " | `no` |"
        )
    return "\n".join(lines) + "\n"


def formats_markdown() -> str:
    return _DOC_INTRO + "\n" + "\n".join(format_markdown(fmt) for fmt in DOCUMENTED.values())
