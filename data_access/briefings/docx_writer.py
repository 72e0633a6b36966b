"""The briefing as an editable Word document (python-docx).

Everything a reader may want to change is real Word content: headings in Word's
heading styles (so the navigation pane and a table of contents work), bullets in
the list style, tables as tables. Only the map and the charts are pictures, each
with alt text. Vietnamese text is set in Times New Roman, the typeface Decree
30/2020/NĐ-CP prescribes for administrative documents, which is what a ministry
will paste the text into; the document language is set so Word spell-checks it
in the right dictionary.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table as DocxTable

from data_access.briefings.document import BriefingDocument, KeyFigure, Picture, Section, Table
from data_access.i18n import nfc, t

FONTS = {"vi": "Times New Roman", "en": "Calibri"}
LANGUAGE_TAGS = {"vi": "vi-VN", "en": "en-GB"}
ACCENT = RGBColor(0x00, 0x54, 0x96)
MUTED = RGBColor(0x5A, 0x5A, 0x5A)
HEAD_FILL = "E4ECF4"
BOX_FILL = "F2F6FA"
WARN_FILL = "FFF3E0"
TEXT_WIDTH_MM = 170


def _set_language_and_font(document: Document, lang: str) -> None:
    """Typeface and proofing language on the styles, so text typed later inherits them.
    Elements go in through python-docx's own setters or in schema order: Word refuses
    a run-properties element whose children are out of order."""
    font_name = FONTS.get(lang, FONTS["en"])
    for style_name in ("Normal", "Heading 1", "Heading 2", "Title", "Caption", "List Bullet"):
        style = document.styles[style_name]
        style.font.name = font_name
        r_pr = style.element.get_or_add_rPr()
        fonts = r_pr.get_or_add_rFonts()
        for attribute in ("w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), font_name)
        for theme_attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(theme_attribute), None)
        language = r_pr.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            r_pr.insert_element_before(language, "w:eastAsianLayout", "w:specVanish", "w:oMath")
        language.set(qn("w:val"), LANGUAGE_TAGS[lang])
    document.styles["Normal"].font.size = Pt(11 if lang == "vi" else 10.5)
    for name, size in (("Heading 1", 14), ("Heading 2", 12), ("Title", 22)):
        document.styles[name].font.size = Pt(size)
        document.styles[name].font.color.rgb = ACCENT


def _shade(cell: object, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _cell_text(
    cell: object,
    text: str,
    *,
    bold: bool = False,
    size: float | None = None,
    colour: RGBColor | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
) -> None:
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    run = paragraph.add_run(nfc(text))
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if colour is not None:
        run.font.color.rgb = colour
    if align is not None:
        paragraph.alignment = align


def _page_number_footer(document: Document, footer_text: str, lang: str) -> None:
    footer = document.sections[0].footer.paragraphs[0]
    footer.style = document.styles["Normal"]
    run = footer.add_run(nfc(footer_text) + "    " + t("briefings.docx.page", lang) + " ")
    run.font.size = Pt(8)
    run.font.color.rgb = MUTED
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    page_run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    page_run.append(text)
    field.append(page_run)
    footer._p.append(field)


def _title_block(document: Document, briefing: BriefingDocument) -> None:
    audience = document.add_paragraph()
    run = audience.add_run(nfc(briefing.audience))
    run.font.color.rgb = MUTED
    run.font.size = Pt(9)
    document.add_paragraph(nfc(briefing.title), style="Title")
    subtitle = document.add_paragraph()
    subtitle.add_run(nfc(briefing.subtitle)).font.size = Pt(12)
    date_line = document.add_paragraph()
    date_run = date_line.add_run(nfc(briefing.date_line))
    date_run.font.color.rgb = MUTED
    date_run.font.size = Pt(9)
    if briefing.warning:
        box = document.add_table(rows=1, cols=1)
        box.alignment = WD_TABLE_ALIGNMENT.CENTER
        cell = box.rows[0].cells[0]
        _shade(cell, WARN_FILL)
        _cell_text(cell, briefing.warning, bold=True, size=9.5)
        document.add_paragraph()


def _key_figures(document: Document, heading: str, figures: tuple[KeyFigure, ...]) -> None:
    if not figures:
        return
    document.add_heading(nfc(heading), level=1)
    per_row = 3
    rows = (len(figures) + per_row - 1) // per_row
    grid = document.add_table(rows=rows, cols=per_row)
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, figure in enumerate(figures):
        cell = grid.rows[index // per_row].cells[index % per_row]
        _shade(cell, BOX_FILL)
        _cell_text(cell, figure.label, size=8.5, colour=MUTED)
        value = cell.add_paragraph().add_run(nfc(figure.value))
        value.bold = True
        value.font.size = Pt(16)
        value.font.color.rgb = ACCENT
        if figure.change:
            change = cell.add_paragraph().add_run(nfc(figure.change))
            change.font.size = Pt(8)
    document.add_paragraph()


def _table(document: Document, table: Table) -> None:
    if not table.rows:
        return
    grid: DocxTable = document.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = table.widths or tuple(1.0 for _ in table.columns)
    total = sum(widths)
    for col, share in enumerate(widths):
        for cell in grid.columns[col].cells:
            cell.width = Mm(TEXT_WIDTH_MM * share / total)
    for col, name in enumerate(table.columns):
        cell = grid.rows[0].cells[col]
        _shade(cell, HEAD_FILL)
        _cell_text(
            cell,
            name,
            bold=True,
            size=9,
            align=WD_ALIGN_PARAGRAPH.RIGHT if col in table.numeric else None,
        )
    _repeat_header(grid)
    for row_index, record in enumerate(table.rows, start=1):
        for col, value in enumerate(record):
            _cell_text(
                grid.rows[row_index].cells[col],
                value,
                size=9,
                align=WD_ALIGN_PARAGRAPH.RIGHT if col in table.numeric else None,
            )
    if table.note:
        _note(document, table.note)
    document.add_paragraph()


def _repeat_header(grid: DocxTable) -> None:
    """Mark the first row as a header row, repeated on every page the table spans."""
    properties = grid.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _note(document: Document, text: str) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(nfc(text))
    run.italic = True
    run.font.size = Pt(8)
    run.font.color.rgb = MUTED


def _picture(document: Document, picture: Picture) -> None:
    document.add_picture(io.BytesIO(picture.png), width=Mm(TEXT_WIDTH_MM * picture.width_share))
    shape = document.inline_shapes[-1]
    shape._inline.docPr.set("descr", nfc(picture.alt_text))  # alt text for screen readers
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(nfc(picture.caption), style="Caption")


def _section(document: Document, section: Section) -> None:
    document.add_heading(nfc(section.heading), level=1)
    for text in section.paragraphs:
        document.add_paragraph(nfc(text))
    for point in section.bullets:
        paragraph = document.add_paragraph(style="List Bullet")
        if point.lead:
            paragraph.add_run(nfc(point.lead) + ": ").bold = True
        paragraph.add_run(nfc(point.text))
    for table in section.tables:
        _table(document, table)
    for picture in section.pictures:
        _picture(document, picture)
    for note in section.notes:
        _note(document, note)


def render_docx(briefing: BriefingDocument) -> bytes:
    document = Document()
    page = document.sections[0]
    page.orientation = WD_ORIENT.PORTRAIT
    page.page_width, page.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(page, side, Mm(20))
    _set_language_and_font(document, briefing.lang)
    properties = document.core_properties
    properties.title = nfc(briefing.title)
    properties.subject = nfc(briefing.properties.get("subject", briefing.subtitle))
    properties.author = nfc(briefing.properties.get("author", ""))
    properties.keywords = nfc(briefing.properties.get("keywords", ""))
    properties.language = LANGUAGE_TAGS[briefing.lang]
    properties.comments = nfc(briefing.warning)
    _title_block(document, briefing)
    _key_figures(document, briefing.key_figures_heading, briefing.key_figures)
    for section in briefing.sections:
        _section(document, section)
    _page_number_footer(document, briefing.footer, briefing.lang)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
