"""Reading generated briefings back the way a person's tools would: python-docx for
Word, poppler's pdftotext and pdffonts for the PDF."""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
import pytest


def docx_text(data: bytes) -> str:
    """Every paragraph and table cell of the document, in order, one per line."""
    document = docx.Document(io.BytesIO(data))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    for section in document.sections:
        lines.extend(paragraph.text for paragraph in section.footer.paragraphs)
    return "\n".join(lines)


def docx_tables(data: bytes) -> list[list[list[str]]]:
    document = docx.Document(io.BytesIO(data))
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} not found: run scripts/install_system_deps.sh (poppler-utils).")
    return path


def pdf_text(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "briefing.pdf"
        source.write_bytes(data)
        result = subprocess.run(
            [_poppler("pdftotext"), "-enc", "UTF-8", str(source), "-"],
            capture_output=True,
            check=True,
        )
    return result.stdout.decode("utf-8")


def pdf_words(data: bytes) -> list[tuple[str, float, float, float, float]]:
    """(word, x_min, y_min, x_max, y_max) of every word on the PDF's first page, in
    points from the top left, as poppler lays them out."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "briefing.pdf"
        source.write_bytes(data)
        result = subprocess.run(
            [
                _poppler("pdftotext"),
                "-bbox",
                "-f",
                "1",
                "-l",
                "1",
                "-enc",
                "UTF-8",
                str(source),
                "-",
            ],
            capture_output=True,
            check=True,
        )
    words = []
    for match in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        result.stdout.decode("utf-8"),
    ):
        x0, y0, x1, y1, word = match.groups()
        words.append((html.unescape(word), float(x0), float(y0), float(x1), float(y1)))
    return words


def pdf_fonts(data: bytes) -> list[tuple[str, bool]]:
    """(font name, embedded) for every font the PDF uses."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "briefing.pdf"
        source.write_bytes(data)
        result = subprocess.run(
            [_poppler("pdffonts"), str(source)], capture_output=True, check=True, text=True
        )
    fonts = []
    for line in result.stdout.splitlines()[2:]:
        parts = line.split()
        # name type encoding emb sub uni object ID: "emb" is the 4th field from the right
        fonts.append((parts[0], parts[-5] == "yes"))
    return fonts
