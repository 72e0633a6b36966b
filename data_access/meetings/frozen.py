"""A briefing attached to a meeting, kept as handed out.

The document model (every figure and sentence, already formatted), the request it
was made for, its headline figures as numbers and the data version are stored once
and never updated, so that downloading it a year and many imports later renders the
same Word and PDF text from the same model. A new briefing for the same meeting is a
new row; the latest is the meeting's.

Who may read one: whoever may see its meeting, and for a constituent only a note
written for its own organisation or for all constituents (`SHARED_AUDIENCES`); its
figures were computed for its audience (`audience_scope`), never for its author.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime

import pandas as pd
from sqlalchemy import Engine, insert, or_, select

from data_access import audit
from data_access.briefings.content import Briefing, BriefingRequest, build_briefing
from data_access.briefings.document import BriefingDocument
from data_access.briefings.docx_writer import render_docx
from data_access.briefings.generate import briefing_stem
from data_access.briefings.pdf_writer import render_pdf
from data_access.briefings.since_meeting import since_section
from data_access.filters import Filters
from data_access.i18n import VIETNAM_TIME
from data_access.meetings import document_json, figures
from data_access.meetings.records import MeetingRecord, meeting, previous_meeting
from data_access.meetings.since import compare
from data_access.meta import data_version
from data_access.models import FrozenBriefing
from data_access.refdata import reference
from data_access.scope import Scope, audience_scope, require
from data_access.users import now

SHARED_AUDIENCES: tuple[str, ...] = ("constituents", "donors")
AUDIT_ATTACH = "meeting_briefing"
#: Imports landing while a briefing is built: build again, at most this many times.
ATTEMPTS = 3


class BriefingNotFound(LookupError):
    """No such frozen briefing, or one the scope may not read."""


@dataclass(frozen=True)
class KeptBriefing:
    id: int
    meeting_id: int
    request: BriefingRequest
    document: BriefingDocument
    figures: pd.DataFrame
    data_version: int
    created_by: str
    created_at: datetime

    @property
    def audience(self) -> str:
        return self.request.audience

    @property
    def lang(self) -> str:
        return self.request.lang

    @property
    def as_of(self) -> date:
        """The day, in Viet Nam, the figures were computed: "figures as of"."""
        return self.created_at.replace(tzinfo=UTC).astimezone(VIETNAM_TIME).date()


#: Computes today's figures: `figures.headline_figures`, or the app's cached wrapper.
FiguresOf = Callable[[Engine, Scope, Filters], pd.DataFrame]
RENDERERS: dict[str, Callable[[BriefingDocument], bytes]] = {"docx": render_docx, "pdf": render_pdf}


def _readable(scope: Scope) -> object:
    if scope.may("manage_meetings"):
        return FrozenBriefing.id.is_not(None)
    return or_(
        FrozenBriefing.audience == (scope.organisation or ""),
        FrozenBriefing.audience.in_(SHARED_AUDIENCES),
    )


def _kept(row: object) -> KeptBriefing:
    return KeptBriefing(
        id=row.id,  # type: ignore[attr-defined]
        meeting_id=row.meeting_id,  # type: ignore[attr-defined]
        request=BriefingRequest(**json.loads(row.request)),  # type: ignore[attr-defined]
        document=document_json.from_json(row.document),  # type: ignore[attr-defined]
        figures=figures.from_json(row.figures),  # type: ignore[attr-defined]
        data_version=row.data_version,  # type: ignore[attr-defined]
        created_by=row.created_by,  # type: ignore[attr-defined]
        created_at=row.created_at,  # type: ignore[attr-defined]
    )


def briefings_of(engine: Engine, scope: Scope, meeting_id: int) -> list[KeptBriefing]:
    """The meeting's briefings `scope` may read, the latest first."""
    meeting(engine, scope, meeting_id)
    with engine.connect() as connection:
        rows = connection.execute(
            select(FrozenBriefing)
            .where(FrozenBriefing.meeting_id == meeting_id, _readable(scope))
            .order_by(FrozenBriefing.created_at.desc(), FrozenBriefing.id.desc())
        ).all()
    return [_kept(row) for row in rows]


def latest_briefing(engine: Engine, scope: Scope, meeting_id: int) -> KeptBriefing | None:
    found = briefings_of(engine, scope, meeting_id)
    return found[0] if found else None


def kept_briefing(engine: Engine, scope: Scope, briefing_id: int) -> KeptBriefing:
    with engine.connect() as connection:
        meeting_id = connection.scalar(
            select(FrozenBriefing.meeting_id).where(FrozenBriefing.id == briefing_id)
        )
    found = (
        next(
            (kept for kept in briefings_of(engine, scope, meeting_id) if kept.id == briefing_id),
            None,
        )
        if meeting_id is not None
        else None
    )
    if found is None:
        raise BriefingNotFound(briefing_id)
    return found


def last_meeting_briefing(
    engine: Engine, scope: Scope, before: MeetingRecord
) -> tuple[MeetingRecord, KeptBriefing] | None:
    """The previous meeting with the same organisations and its latest briefing."""
    earlier = previous_meeting(engine, scope, before)
    while earlier is not None:
        kept = latest_briefing(engine, scope, earlier.id)
        if kept is not None:
            return earlier, kept
        earlier = previous_meeting(engine, scope, earlier)
    return None


def _with_since(
    engine: Engine,
    scope: Scope,
    held: MeetingRecord,
    briefing: Briefing,
    today: pd.DataFrame,
) -> BriefingDocument:
    """The document, with a "since our last meeting" section after the talking points
    (what moved since is what a meeting opens on) when there was an earlier meeting."""
    last = last_meeting_briefing(engine, scope, held)
    if last is None:
        return briefing.document
    earlier, kept = last
    compared = compare(today, kept.figures, suppresses=True)
    section = since_section(compared, earlier.held_on, kept.request, briefing.document.lang)
    first, *rest = briefing.document.sections
    return replace(briefing.document, sections=(first, section, *rest))


def attach_briefing(
    engine: Engine,
    scope: Scope,
    meeting_id: int,
    request: BriefingRequest,
    *,
    client_address: str | None = None,
) -> KeptBriefing:
    """Prepare the briefing for a meeting and keep it (staff only, audit-logged).

    The data version is read before and after the figures: an import in between
    would leave a document made of two versions, so the briefing is built again."""
    require(scope, "manage_meetings")
    held = meeting(engine, scope, meeting_id)
    for _ in range(ATTEMPTS):
        version = data_version(engine)
        briefing = build_briefing(engine, scope, request)
        after = request.comparison(reference(engine)).after
        today = figures.headline_figures(engine, audience_scope(request.audience), after)
        document = _with_since(engine, scope, held, briefing, today)
        if data_version(engine) == version:
            break
    with engine.begin() as connection:
        briefing_id = connection.execute(
            insert(FrozenBriefing)
            .values(
                meeting_id=meeting_id,
                audience=request.audience,
                lang=request.lang,
                request=json.dumps(asdict(request), ensure_ascii=False),
                document=document_json.to_json(document),
                figures=figures.to_json(today),
                data_version=version,
                created_by=scope.username or "",
                created_at=now(),
            )
            .returning(FrozenBriefing.id)
        ).scalar_one()
    audit.record(
        engine,
        AUDIT_ATTACH,
        scope.username,
        {
            "meeting": meeting_id,
            "briefing": briefing_id,
            "audience": request.audience,
            "lang": request.lang,
            "filters": request.after.to_query_params(),
            "comparison": [request.compare_from, request.compare_to],
            "data_version": version,
        },
        client_address=client_address,
    )
    return kept_briefing(engine, scope, briefing_id)


def kept_name(engine: Engine, held: MeetingRecord, kept: KeptBriefing, fmt: str) -> str:
    """`meeting-2026-03-12_briefing-constituents_2025_vs-2024_vi.docx`."""
    return f"meeting-{held.held_on.isoformat()}_{briefing_stem(engine, kept.request)}.{fmt}"


def render_kept(kept: KeptBriefing, fmt: str) -> bytes:
    """The `docx` or `pdf` file, rendered from the kept document model only: no figure
    is read again, so the text is the text handed out."""
    return RENDERERS[fmt](kept.document)


def changed_since(
    engine: Engine, kept: KeptBriefing, figures_of: FiguresOf = figures.headline_figures
) -> pd.DataFrame | None:
    """The kept figures against today's for the same request and audience; None while
    the data are still the version the briefing was computed on."""
    if data_version(engine) == kept.data_version:
        return None
    after = kept.request.comparison(reference(engine)).after
    today = figures_of(engine, audience_scope(kept.audience), after)
    return compare(today, kept.figures, suppresses=True)
