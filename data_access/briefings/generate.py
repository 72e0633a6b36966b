"""From the choices on the Briefing page to the two files, timed and audit-logged."""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import Engine

from data_access import audit
from data_access.briefings.content import Briefing, build_briefing
from data_access.briefings.docx_writer import render_docx
from data_access.briefings.pdf_writer import render_pdf
from data_access.briefings.request import BriefingRequest
from data_access.exports.filenames import export_stem, slug
from data_access.refdata import reference
from data_access.scope import Scope

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MIME = "application/pdf"
AUDIT_ACTION = "briefing"


@dataclass(frozen=True)
class BriefingFiles:
    briefing: Briefing
    docx: bytes
    pdf: bytes
    stem: str
    seconds: float

    @property
    def docx_name(self) -> str:
        return f"{self.stem}.docx"

    @property
    def pdf_name(self) -> str:
        return f"{self.stem}.pdf"


def briefing_stem(engine: Engine, request: BriefingRequest) -> str:
    """`briefing-vgcl_garment_ho-chi-minh-city_2025_vs-2024_vi`: who for, what, when."""
    stem = export_stem(f"briefing-{request.audience}", request.after, reference(engine))
    compared = (
        str(request.compare_from)
        if request.compare_from == request.compare_to
        else f"{request.compare_from}-{request.compare_to}"
    )
    return f"{stem}_vs-{slug(compared)}_{request.lang}"


def generate(
    engine: Engine,
    author: Scope,
    request: BriefingRequest,
    *,
    client_address: str | None = None,
) -> BriefingFiles:
    """Both files of one briefing; the audit log records who prepared it, for whom."""
    started = time.perf_counter()
    briefing = build_briefing(engine, author, request)
    docx = render_docx(briefing.document)
    pdf = render_pdf(briefing.document)
    seconds = time.perf_counter() - started
    audit.record(
        engine,
        AUDIT_ACTION,
        author.username,
        {
            "audience": request.audience,
            "lang": request.lang,
            "filters": request.after.to_query_params(),
            "comparison": [request.compare_from, request.compare_to],
            "seconds": round(seconds, 2),
        },
        client_address=client_address,
    )
    return BriefingFiles(
        briefing=briefing,
        docx=docx,
        pdf=pdf,
        stem=briefing_stem(engine, request),
        seconds=seconds,
    )
