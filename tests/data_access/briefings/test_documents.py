"""The Word and PDF writers: what goes in comes out, Vietnamese intact, the PDF's font
embedded, tables and pictures in place."""

from __future__ import annotations

import io
from dataclasses import replace
from itertools import pairwise

import docx

from data_access.briefings import charts
from data_access.briefings.document import (
    BriefingDocument,
    KeyFigure,
    Picture,
    Point,
    Section,
    Table,
)
from data_access.briefings.docx_writer import render_docx
from data_access.briefings.pdf_writer import render_pdf
from tests.data_access.briefings.readers import (
    docx_tables,
    docx_text,
    pdf_fonts,
    pdf_text,
    pdf_words,
)

NAMES = ("Hồ Chí Minh", "Đắk Lắk", "Thừa Thiên Huế")


def sample() -> BriefingDocument:
    bars = charts.paired_bars(
        [(name, 0.4, 0.3) for name in NAMES],
        title="Biểu đồ",
        before_label="2024",
        after_label="2025",
        value_title="Tỷ lệ",
    )
    return BriefingDocument(
        lang="vi",
        title="Tài liệu phục vụ cuộc họp với Tổng LĐLĐVN",
        subtitle="May mặc, Hồ Chí Minh, 2025, so sánh với 2024",
        date_line="Ngày lập: 23/11/2026",
        audience="Dành cho: Tổng LĐLĐVN",
        key_figures_heading="Số liệu chính",
        key_figures=(
            KeyFigure("Nhà máy được đánh giá", "117", "−4 so với 2024"),
            KeyFigure("Tỷ lệ lao động nữ", "80%", "±0 điểm % so với 2024"),
        ),
        sections=(
            Section(
                heading="Thông điệp chính",
                bullets=(Point("giảm từ 78% xuống 66%", lead="Làm thêm giờ"),),
            ),
            Section(
                heading="Theo tỉnh, thành phố",
                paragraphs=("Đoạn văn.",),
                tables=(
                    Table(
                        columns=("Tỉnh, thành phố", "Nhà máy", "Tỷ lệ"),
                        rows=tuple(
                            (name, str(10 + i), f"{40 + i}%") for i, name in enumerate(NAMES)
                        ),
                        numeric=(1, 2),
                        note="–: không hiển thị",
                    ),
                ),
                pictures=(
                    Picture(charts.render_png(bars, "vi"), "Chú thích Đắk Lắk", "Mô tả ảnh"),
                ),
            ),
        ),
        warning="Dữ liệu minh họa tổng hợp",
        footer="Bảng số liệu ba bên",
        properties={"author": "ILO", "subject": "Chủ đề"},
    )


def test_docx_round_trip() -> None:
    data = render_docx(sample())
    text = docx_text(data)
    for expected in (
        *NAMES,
        "Tài liệu phục vụ cuộc họp với Tổng LĐLĐVN",
        "Làm thêm giờ: giảm từ 78%",
        "Dữ liệu minh họa tổng hợp",
        "117",
        "±0 điểm %",
        "Chú thích Đắk Lắk",
        "Bảng số liệu ba bên",
    ):
        assert expected in text, expected
    tables = docx_tables(data)
    province_table = next(table for table in tables if table[0][0] == "Tỉnh, thành phố")
    assert province_table[1:] == [[name, str(10 + i), f"{40 + i}%"] for i, name in enumerate(NAMES)]
    document = docx.Document(io.BytesIO(data))
    assert document.core_properties.title == "Tài liệu phục vụ cuộc họp với Tổng LĐLĐVN"
    assert document.core_properties.language == "vi-VN"
    assert len(document.inline_shapes) == 1
    assert document.inline_shapes[0]._inline.docPr.get("descr") == "Mô tả ảnh"
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Số liệu chính", "Thông điệp chính", "Theo tỉnh, thành phố"]


def test_pdf_round_trip_and_embedded_font() -> None:
    data = render_pdf(sample())
    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    for expected in (
        *NAMES,
        "Tài liệu phục vụ cuộc họp với Tổng LĐLĐVN",
        "Làm thêm giờ",
        "Dữ liệu minh họa tổng hợp",
        "117",
        "Chú thích Đắk Lắk",
        "Trang 1/1",
    ):
        assert expected in text, expected
    fonts = pdf_fonts(data)
    assert fonts, "no font in the PDF"
    assert all(embedded for _, embedded in fonts), fonts
    assert all("DejaVuSans" in name for name, _ in fonts), fonts


def test_a_long_footer_never_prints_over_the_page_number() -> None:
    """The longest footer on demo data (the briefing for all three constituents) once ran
    into "Trang 1/6" ("01/12/20Trang 1/6"): the footer line now takes only the width the
    page number leaves."""
    footer = (
        "DỮ LIỆU MINH HỌA TỔNG HỢP · Bảng số liệu ba bên · dành cho các đối tác ba bên "
        "(Bộ LĐTBXH, VCCI, Tổng LĐLĐVN) · 01/12/2026"
    )
    data = render_pdf(replace(sample(), footer=footer))
    assert "Trang 1/1" in pdf_text(data)
    words = pdf_words(data)
    bottom = max(y_min for _, _, y_min, _, _ in words)
    line = sorted((w for w in words if w[2] >= bottom - 2), key=lambda w: w[1])
    assert [w[0] for w in line][-3:] == ["01/12/2026", "Trang", "1/1"]
    for left, right in pairwise(line):
        assert left[3] <= right[1] + 0.5, (left, right)
