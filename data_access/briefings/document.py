"""A briefing as plain content (text already formatted, images already rendered), which
both writers lay out the same way.

Keeping the content apart from the layout is what makes the Word file and the PDF
say the same thing: `content.py` and the modules it assembles decide every figure and
every sentence once, and `docx_writer`/`pdf_writer` only typeset it.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels from the PNG header, so writers can keep proportions."""
    if png[:8] != PNG_SIGNATURE or png[12:16] != b"IHDR":
        raise ValueError("Not a PNG image.")
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)


@dataclass(frozen=True)
class KeyFigure:
    """One headline number, e.g. "Factories assessed: 58 (+6 against 2023)"."""

    label: str
    value: str
    change: str = ""


@dataclass(frozen=True)
class Point:
    """A bullet whose `lead` (the subject, e.g. "Overtime limits") is set in bold."""

    text: str
    lead: str = ""


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: Right-aligned (numeric) columns, by position.
    numeric: tuple[int, ...] = ()
    #: Relative column widths; equal when empty.
    widths: tuple[float, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Picture:
    png: bytes
    caption: str
    alt_text: str
    #: Width on the page as a share of the text width (0..1).
    width_share: float = 1.0


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[Point, ...] = ()
    tables: tuple[Table, ...] = ()
    pictures: tuple[Picture, ...] = ()
    #: Small print after the section (e.g. what "–" means in its tables).
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class BriefingDocument:
    lang: str
    title: str
    subtitle: str
    date_line: str
    audience: str
    key_figures_heading: str
    key_figures: tuple[KeyFigure, ...]
    sections: tuple[Section, ...]
    #: Shown in a box under the title (synthetic data), empty when not needed.
    warning: str = ""
    footer: str = ""
    #: Document properties (author, subject, keywords) for both files.
    properties: dict[str, str] = field(default_factory=dict)
