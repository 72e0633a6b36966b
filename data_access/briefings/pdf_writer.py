"""The briefing as a PDF, typeset with fpdf2 in DejaVu Sans embedded from `assets/fonts`.

The font is embedded (and subset to the glyphs used) so that Vietnamese reads the same
on any printer and any reader, and text stays extractable: `pdftotext` finds
"Thừa Thiên Huế" in the file, which is also how the tests check it. Text is
normalised to NFC first, because the font has precomposed Vietnamese letters and the
PDF does no shaping of combining marks.
"""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos
from fpdf.fonts import FontFace

from data_access.briefings.document import (
    BriefingDocument,
    KeyFigure,
    Picture,
    Point,
    Section,
    Table,
    png_size,
)
from data_access.config import REPO_ROOT
from data_access.i18n import nfc, t

FONT_DIR = REPO_ROOT / "assets" / "fonts"
FONT_FAMILY = "DejaVu"
FONT_FILES: dict[str, Path] = {
    "": FONT_DIR / "DejaVuSans.ttf",
    "B": FONT_DIR / "DejaVuSans-Bold.ttf",
    "I": FONT_DIR / "DejaVuSans-Oblique.ttf",
}

MARGIN_MM = 18
BODY_PT = 10
LINE_MM = 5.2
INK = (26, 26, 26)
MUTED = (90, 90, 90)
ACCENT = (0, 84, 150)  # ILO blue, darkened for contrast on white
HEAD_FILL = (228, 236, 244)
BOX_FILL = (242, 246, 250)
WARN_FILL = (255, 243, 224)
WARN_LINE = (213, 94, 0)
FIGURES_PER_ROW = 3
FOOTER_FONT_PT = 7.5
FOOTER_MIN_PT = 6.0
FOOTER_GAP_MM = 4.0
#: Tables shorter than this are never split across pages.
TABLE_KEPT_WHOLE_MM = 120


class _BriefingPdf(FPDF):
    """Adds the running footer: the document's footer line and "page n of N"."""

    def __init__(self, footer_text: str, lang: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = footer_text
        self.lang = lang

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT_FAMILY, "", FOOTER_FONT_PT)
        self.set_text_color(*MUTED)
        page = t("briefings.pdf.page", self.lang, page=self.page_no(), pages="{nb}")
        # The footer line gets the width the page number leaves (measured with "{nb}"
        # as two digits), shrunk to fit, so the two never print over each other.
        room = _text_width(self) - self.get_string_width(page.replace("{nb}", "99")) - FOOTER_GAP_MM
        size = FOOTER_FONT_PT
        while self.get_string_width(self.footer_text) > room and size > FOOTER_MIN_PT:
            size -= 0.5
            self.set_font(FONT_FAMILY, "", size)
        self.cell(room, 4, _fitted(self, self.footer_text, room), align=Align.L)
        self.set_font(FONT_FAMILY, "", FOOTER_FONT_PT)
        self.set_x(self.l_margin)
        self.cell(0, 4, page, align=Align.R)


def _fitted(pdf: FPDF, text: str, width: float) -> str:
    """`text` cut with "…" to `width` in the current font, when even the smallest size
    does not fit it."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _text_width(pdf: FPDF) -> float:
    return pdf.w - pdf.l_margin - pdf.r_margin


def _ensure_space(pdf: FPDF, height: float) -> None:
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


def _paragraph(pdf: FPDF, text: str, *, size: float = BODY_PT, style: str = "") -> None:
    pdf.set_font(FONT_FAMILY, style, size)
    pdf.set_text_color(*INK)
    pdf.multi_cell(0, LINE_MM, nfc(text), align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1.5)


def _bullet(pdf: FPDF, point: Point) -> None:
    indent = 5.0
    left = pdf.l_margin
    _ensure_space(pdf, LINE_MM * 2)
    pdf.set_text_color(*ACCENT)
    pdf.set_font(FONT_FAMILY, "B", BODY_PT)
    pdf.set_x(left)
    pdf.cell(indent, LINE_MM, "•")
    pdf.set_left_margin(left + indent)
    pdf.set_text_color(*INK)
    if point.lead:
        pdf.write(LINE_MM, nfc(point.lead) + ": ")
    pdf.set_font(FONT_FAMILY, "", BODY_PT)
    pdf.write(LINE_MM, nfc(point.text))
    pdf.set_left_margin(left)
    pdf.ln(LINE_MM + 1.2)
    pdf.set_x(left)


def _heading(pdf: FPDF, text: str) -> None:
    _ensure_space(pdf, 22)
    pdf.ln(2)
    pdf.set_font(FONT_FAMILY, "B", 12.5)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(0, 6.5, nfc(text), align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    y = pdf.get_y() + 0.5
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.3)
    pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
    pdf.ln(3)


def _kept_height(table: Table) -> float:
    """Space a table needs on its first page: all of a short table with its note (rows
    of two lines are the common case), or the header and a few rows of a long one."""
    whole = 10 + 10 * len(table.rows) + (12 if table.note else 0)
    return whole if whole < TABLE_KEPT_WHOLE_MM else 40


def _table(pdf: FPDF, table: Table) -> None:
    if not table.rows:
        return
    width = _text_width(pdf)
    widths = table.widths or tuple(1.0 for _ in table.columns)
    total = sum(widths)
    col_widths = tuple(width * share / total for share in widths)
    aligns = tuple(
        "RIGHT" if index in table.numeric else "LEFT" for index in range(len(table.columns))
    )
    _ensure_space(pdf, _kept_height(table))
    pdf.set_font(FONT_FAMILY, "", 8.8)
    pdf.set_text_color(*INK)
    pdf.set_draw_color(190, 190, 190)
    pdf.set_line_width(0.2)
    with pdf.table(
        col_widths=col_widths,
        text_align=aligns,
        headings_style=FontFace(emphasis="BOLD", fill_color=HEAD_FILL, color=INK),
        line_height=4.6,
        padding=(1.2, 1.5),
        width=width,
        align="LEFT",
        borders_layout="HORIZONTAL_LINES",
        repeat_headings=1,
    ) as grid:
        for record in (table.columns, *table.rows):
            row = grid.row()
            for value in record:
                row.cell(nfc(value))
    if table.note:
        pdf.ln(1)
        _small(pdf, table.note)
    pdf.ln(3)


def _small(pdf: FPDF, text: str) -> None:
    pdf.set_font(FONT_FAMILY, "I", 7.8)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(0, 3.8, nfc(text), align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)


def _picture_size(pdf: FPDF, picture: Picture) -> tuple[float, float]:
    """Width and height on the page: the width asked, no taller than a page allows."""
    width = _text_width(pdf) * picture.width_share
    pixels_wide, pixels_high = png_size(picture.png)
    height = width * pixels_high / pixels_wide
    available = pdf.page_break_trigger - pdf.t_margin - 12
    if height > available:
        width, height = width * available / height, available
    return width, height


def _place_picture(pdf: FPDF, picture: Picture) -> None:
    """Keep it whole on one page, centre it, caption it."""
    width, height = _picture_size(pdf, picture)
    _ensure_space(pdf, height + 10)
    x = pdf.l_margin + (_text_width(pdf) - width) / 2
    pdf.image(
        io.BytesIO(picture.png),
        x=x,
        y=pdf.get_y(),
        w=width,
        h=height,
        alt_text=nfc(picture.alt_text),
        title=nfc(picture.caption),
    )
    pdf.set_y(pdf.get_y() + height + 1.5)
    _small(pdf, picture.caption)
    pdf.ln(3)


def _key_figures(pdf: FPDF, heading: str, figures: tuple[KeyFigure, ...]) -> None:
    if not figures:
        return
    _heading(pdf, heading)
    gap = 3.0
    box_w = (_text_width(pdf) - gap * (FIGURES_PER_ROW - 1)) / FIGURES_PER_ROW
    box_h = 25.0
    for start in range(0, len(figures), FIGURES_PER_ROW):
        _ensure_space(pdf, box_h + gap)
        top = pdf.get_y()
        for offset, figure in enumerate(figures[start : start + FIGURES_PER_ROW]):
            left = pdf.l_margin + offset * (box_w + gap)
            pdf.set_fill_color(*BOX_FILL)
            pdf.set_draw_color(*BOX_FILL)
            pdf.rect(left, top, box_w, box_h, style="F")
            pdf.set_xy(left + 2.5, top + 2)
            pdf.set_font(FONT_FAMILY, "", 8)
            pdf.set_text_color(*MUTED)
            pdf.multi_cell(
                box_w - 5,
                3.6,
                nfc(figure.label),
                align=Align.L,
                new_x=XPos.LEFT,
                new_y=YPos.NEXT,
                max_line_height=3.6,
            )
            pdf.set_xy(left + 2.5, top + 10)
            pdf.set_font(FONT_FAMILY, "B", 15)
            pdf.set_text_color(*ACCENT)
            pdf.cell(box_w - 5, 7, nfc(figure.value), new_x=XPos.LEFT, new_y=YPos.NEXT)
            if figure.change:
                pdf.set_xy(left + 2.5, top + 17.5)
                pdf.set_font(FONT_FAMILY, "", 7.5)
                pdf.set_text_color(*INK)
                pdf.multi_cell(box_w - 5, 3.4, nfc(figure.change), align=Align.L)
        pdf.set_xy(pdf.l_margin, top + box_h + gap)
    pdf.set_text_color(*INK)
    pdf.ln(2)


def _section(pdf: FPDF, section: Section) -> None:
    # Keep the heading and its introduction on the page of the table or picture they
    # announce.
    lead = 14 + 11 * len(section.paragraphs)
    if section.tables and not section.bullets:
        _ensure_space(pdf, lead + _kept_height(section.tables[0]))
    elif section.pictures and not (section.bullets or section.tables):
        _ensure_space(pdf, lead + _picture_size(pdf, section.pictures[0])[1] + 10)
    _heading(pdf, section.heading)
    for text in section.paragraphs:
        _paragraph(pdf, text)
    for point in section.bullets:
        _bullet(pdf, point)
    if section.bullets:
        pdf.ln(1)
    for table in section.tables:
        _table(pdf, table)
    for picture in section.pictures:
        _place_picture(pdf, picture)
    for note in section.notes:
        _small(pdf, note)
        pdf.ln(0.8)


def _title_block(pdf: FPDF, document: BriefingDocument) -> None:
    pdf.set_font(FONT_FAMILY, "", 9)
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 5, nfc(document.audience), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT_FAMILY, "B", 19)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(0, 8.5, nfc(document.title), align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)
    pdf.set_font(FONT_FAMILY, "", 11)
    pdf.set_text_color(*INK)
    pdf.multi_cell(
        0, 5.5, nfc(document.subtitle), align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.set_font(FONT_FAMILY, "", 9)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(
        0, 5, nfc(document.date_line), align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.ln(3)
    if document.warning:
        pdf.set_fill_color(*WARN_FILL)
        pdf.set_draw_color(*WARN_LINE)
        pdf.set_line_width(0.5)
        pdf.set_font(FONT_FAMILY, "B", 9.5)
        pdf.set_text_color(*INK)
        pdf.multi_cell(
            0,
            5,
            nfc(document.warning),
            border=1,
            fill=True,
            align=Align.L,
            padding=2.5,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        pdf.ln(3)


def render_pdf(document: BriefingDocument) -> bytes:
    pdf = _BriefingPdf(document.footer, document.lang)
    for style, path in FONT_FILES.items():
        pdf.add_font(FONT_FAMILY, style, str(path))
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_lang(document.lang)
    pdf.set_title(nfc(document.title))
    pdf.set_subject(nfc(document.properties.get("subject", document.subtitle)))
    pdf.set_author(nfc(document.properties.get("author", "")))
    pdf.set_keywords(nfc(document.properties.get("keywords", "")))
    pdf.set_creator("Tripartite Dashboard")
    pdf.add_page()
    _title_block(pdf, document)
    _key_figures(pdf, document.key_figures_heading, document.key_figures)
    for section in document.sections:
        _section(pdf, section)
    return bytes(pdf.output())
