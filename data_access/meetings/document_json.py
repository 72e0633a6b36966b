"""The briefing document model as JSON, and back, so a frozen briefing renders again to
the same Word and PDF text whatever the data have become since.

Explicit rather than generic (`dataclasses.asdict`): the pictures are bytes (kept as
base64) and every tuple must come back a tuple for the frozen dataclasses to compare
equal to the document that was stored.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from data_access.briefings.document import (
    BriefingDocument,
    KeyFigure,
    Picture,
    Point,
    Section,
    Table,
)

FORMAT_VERSION = 1


def _table(table: Table) -> dict[str, Any]:
    return {
        "columns": list(table.columns),
        "rows": [list(row) for row in table.rows],
        "numeric": list(table.numeric),
        "widths": list(table.widths),
        "note": table.note,
    }


def _picture(picture: Picture) -> dict[str, Any]:
    return {
        "png": base64.b64encode(picture.png).decode("ascii"),
        "caption": picture.caption,
        "alt_text": picture.alt_text,
        "width_share": picture.width_share,
    }


def _section(section: Section) -> dict[str, Any]:
    return {
        "heading": section.heading,
        "paragraphs": list(section.paragraphs),
        "bullets": [{"text": point.text, "lead": point.lead} for point in section.bullets],
        "tables": [_table(table) for table in section.tables],
        "pictures": [_picture(picture) for picture in section.pictures],
        "notes": list(section.notes),
    }


def to_json(document: BriefingDocument) -> str:
    return json.dumps(
        {
            "format": FORMAT_VERSION,
            "lang": document.lang,
            "title": document.title,
            "subtitle": document.subtitle,
            "date_line": document.date_line,
            "audience": document.audience,
            "key_figures_heading": document.key_figures_heading,
            "key_figures": [
                {"label": figure.label, "value": figure.value, "change": figure.change}
                for figure in document.key_figures
            ],
            "sections": [_section(section) for section in document.sections],
            "warning": document.warning,
            "footer": document.footer,
            "properties": dict(document.properties),
        },
        ensure_ascii=False,
    )


def _read_table(data: dict[str, Any]) -> Table:
    return Table(
        columns=tuple(data["columns"]),
        rows=tuple(tuple(row) for row in data["rows"]),
        numeric=tuple(data["numeric"]),
        widths=tuple(data["widths"]),
        note=data["note"],
    )


def _read_picture(data: dict[str, Any]) -> Picture:
    return Picture(
        png=base64.b64decode(data["png"]),
        caption=data["caption"],
        alt_text=data["alt_text"],
        width_share=data["width_share"],
    )


def _read_section(data: dict[str, Any]) -> Section:
    return Section(
        heading=data["heading"],
        paragraphs=tuple(data["paragraphs"]),
        bullets=tuple(Point(text=item["text"], lead=item["lead"]) for item in data["bullets"]),
        tables=tuple(_read_table(table) for table in data["tables"]),
        pictures=tuple(_read_picture(picture) for picture in data["pictures"]),
        notes=tuple(data["notes"]),
    )


def from_json(text: str) -> BriefingDocument:
    data = json.loads(text)
    if data.get("format") != FORMAT_VERSION:
        raise ValueError(f"Unknown frozen briefing format {data.get('format')!r}.")
    return BriefingDocument(
        lang=data["lang"],
        title=data["title"],
        subtitle=data["subtitle"],
        date_line=data["date_line"],
        audience=data["audience"],
        key_figures_heading=data["key_figures_heading"],
        key_figures=tuple(
            KeyFigure(label=item["label"], value=item["value"], change=item["change"])
            for item in data["key_figures"]
        ),
        sections=tuple(_read_section(section) for section in data["sections"]),
        warning=data["warning"],
        footer=data["footer"],
        properties=dict(data["properties"]),
    )
