"""A briefing attached to a meeting keeps its figures: after an import that changes
them, the meeting's briefing renders to the same Word and PDF text from the same
figures, a fresh briefing shows the new ones, and the page can say by how much."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pandas as pd
from sqlalchemy import Engine

from data_access import audit
from data_access.briefings.content import BriefingRequest
from data_access.briefings.since_meeting import SHOWN
from data_access.meetings import document_json, wording
from data_access.meetings.figures import headline_figures
from data_access.meetings.frozen import (
    attach_briefing,
    briefings_of,
    changed_since,
    kept_briefing,
    kept_name,
    render_kept,
)
from data_access.meetings.records import MeetingDraft, create_meeting, meeting
from data_access.meetings.since import compare
from data_access.refdata import reference
from data_access.scope import audience_scope
from tests.data_access.briefings.readers import docx_text, pdf_text
from tests.data_access.meetings.conftest import ILO, VCCI, VGCL, import_more

REQUEST = BriefingRequest("constituents", 2025, 2025, 2024, 2024, "vi")


def _tripartite(engine: Engine, held_on: date, title: str = "Họp ba bên") -> int:
    draft = MeetingDraft(held_on, "tripartite", ("molisa", "vcci", "vgcl", "ilo"), title)
    return create_meeting(engine, ILO, draft).id


def _value(figures: pd.DataFrame, key: str) -> float:
    return float(figures.set_index("key").loc[key, "value"])


def test_a_kept_briefing_gives_the_same_files_after_an_import(programme_sqlite: Engine) -> None:
    engine = programme_sqlite
    meeting_id = _tripartite(engine, date(2026, 3, 12))
    kept = attach_briefing(engine, ILO, meeting_id, REQUEST, client_address="10.0.0.7")
    assert kept.meeting_id == meeting_id
    record = meeting(engine, ILO, meeting_id)
    then = {fmt: render_kept(kept, fmt) for fmt in ("docx", "pdf")}
    assert _value(kept.figures, "programme:factories") == 19
    assert changed_since(engine, kept) is None

    import_more(engine)

    again = kept_briefing(engine, VGCL, kept.id)
    assert again.document == kept.document
    pd.testing.assert_frame_equal(again.figures, kept.figures)
    assert docx_text(render_kept(again, "docx")) == docx_text(then["docx"])
    assert pdf_text(render_kept(again, "pdf")) == pdf_text(then["pdf"])
    assert "19" in [figure.value for figure in again.document.key_figures]

    fresh = attach_briefing(engine, ILO, meeting_id, REQUEST)
    assert _value(fresh.figures, "programme:factories") == 25
    assert "25" in [figure.value for figure in fresh.document.key_figures]
    assert docx_text(render_kept(fresh, "docx")) != docx_text(then["docx"])
    assert kept_name(engine, record, fresh, "pdf") == (
        "meeting-2026-03-12_briefing-constituents_2025_vs-2024_vi.pdf"
    )
    assert [b.id for b in briefings_of(engine, ILO, meeting_id)] == [fresh.id, kept.id]

    changed = changed_since(engine, again)
    assert changed is not None
    today = headline_figures(
        engine, audience_scope("constituents"), REQUEST.comparison(reference(engine)).after
    )
    rows = changed.set_index("key")
    for key in ("programme:factories", "compliance_point:OS-EME", "social_dialogue:cba_in_force"):
        assert rows.loc[key, "change"] == _value(today, key) - _value(kept.figures, key)
    assert rows.loc["programme:factories", "change"] == 6
    entries = audit.entries(engine, "meeting_briefing", datetime(2000, 1, 1))
    assert [entry.detail["briefing"] for entry in entries] == [fresh.id, kept.id]
    assert entries[-1].client_address == "10.0.0.7"


def test_a_new_briefing_says_what_moved_since_the_last_meeting(programme_sqlite: Engine) -> None:
    """The later briefing is VGCL's own: VCCI, at the same meeting, does not get it."""
    engine = programme_sqlite
    first = attach_briefing(engine, ILO, _tripartite(engine, date(2026, 3, 12)), REQUEST)
    import_more(engine)
    later_meeting = _tripartite(engine, date(2026, 6, 4))
    later = attach_briefing(engine, ILO, later_meeting, replace(REQUEST, audience="vgcl"))
    headings = [section.heading for section in later.document.sections]
    assert headings[1] == "Kể từ cuộc họp trước (ngày 12/03/2026)"
    assert not any(section.heading.startswith("Kể từ") for section in first.document.sections)
    expected = wording.moved(compare(later.figures, first.figures, suppresses=True))
    table = later.document.sections[1].tables[0]
    assert len(table.rows) == min(len(expected), SHOWN) > 0
    assert table.rows == tuple(wording.rows(expected.head(SHOWN), "vi"))
    text = docx_text(render_kept(later, "docx"))
    assert "Kể từ cuộc họp trước (ngày 12/03/2026)" in text
    assert [b.id for b in briefings_of(engine, VGCL, later_meeting)] == [later.id]
    assert briefings_of(engine, VCCI, later_meeting) == []
    assert [b.id for b in briefings_of(engine, VCCI, first.meeting_id)] == [first.id]
    assert document_json.from_json(document_json.to_json(later.document)) == later.document
    assert any(section.pictures for section in later.document.sections)
