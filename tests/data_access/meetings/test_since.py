"""Since our last meeting: today's figure minus the one the meeting was shown, on both
backends; a figure hidden on either side stays hidden, and so does a difference that
would isolate fewer factories than the threshold."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Engine

from data_access.briefings.content import BriefingRequest
from data_access.filters import Filters
from data_access.meetings.figures import COLUMNS, headline_figures
from data_access.meetings.frozen import attach_briefing
from data_access.meetings.latest import since_last_meeting
from data_access.meetings.records import MeetingDraft, create_meeting
from data_access.meetings.since import compare
from tests.data_access.meetings.conftest import ILO, VCCI, VGCL, import_more

THIS_YEAR = Filters(year_from=2025, year_to=2025)


def test_today_minus_frozen_and_hidden_stays_hidden(programme: Engine) -> None:
    engine = programme
    national = create_meeting(
        engine,
        ILO,
        MeetingDraft(date(2026, 3, 12), "tripartite", ("molisa", "vcci", "vgcl"), "Ba bên"),
    )
    attach_briefing(
        engine, ILO, national.id, BriefingRequest("constituents", 2025, 2025, 2024, 2024)
    )
    dak_lak = create_meeting(
        engine, ILO, MeetingDraft(date(2026, 4, 2), "bilateral", ("vgcl", "ilo"), "Đắk Lắk")
    )
    attach_briefing(
        engine,
        ILO,
        dak_lak.id,
        BriefingRequest("vgcl", 2025, 2025, 2024, 2024, provinces=("66",)),
    )
    import_more(engine)
    import_more(engine, province="66", count=4)

    found = since_last_meeting(engine, VCCI, THIS_YEAR, date(2026, 7, 1))
    assert found is not None and found.meeting.id == national.id
    today = headline_figures(engine, VCCI, found.today).set_index("key")["value"]
    frozen = found.briefing.figures.set_index("key")["value"]
    compared = found.compared.set_index("key")
    assert not compared["suppressed"].any()
    for key, change in compared["change"].items():
        assert change == today[key] - frozen[key], key
    assert compared.loc["programme:factories", "change"] == 6 + 4
    assert found.compared.iloc[0]["moved"] == found.compared["moved"].max()

    found = since_last_meeting(engine, VGCL, THIS_YEAR, date(2026, 7, 1))
    assert found is not None and found.meeting.id == dak_lak.id
    assert found.briefing.figures["suppressed"].all()
    assert found.briefing.figures["value"].isna().all()
    assert found.today.provinces == ("66",)
    assert headline_figures(engine, VGCL, found.today)["value"].notna().any()
    assert found.compared["suppressed"].all()
    assert found.compared["change"].isna().all()
    assert set(found.compared["suppression_reason"]) == {"protected"}


def _frame(rows: list[tuple[str, str, float | None, int | None, bool, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "key": key,
                "group": key.split(":")[0],
                "code": key.split(":")[1],
                "kind": kind,
                "name_vi": key,
                "name_en": key,
                "value": value,
                "factories": factories,
                "suppressed": hidden,
                "suppression_reason": reason,
            }
            for key, kind, value, factories, hidden, reason in rows
        ],
        columns=list(COLUMNS),
    ).astype({"value": "Float64", "factories": "Int64"})


FROZEN = _frame(
    [
        ("programme:factories", "count", 100, 100, False, ""),
        ("compliance_point:WT-OVT", "rate", 0.40, 100, False, ""),
        ("compliance_point:OS-EME", "rate", 0.30, 100, False, ""),
        ("social_dialogue:union_present", "share", 0.90, 20, False, ""),
    ]
)
TODAY_STAFF = _frame(
    [
        ("programme:factories", "count", 110, 110, False, ""),
        ("compliance_point:WT-OVT", "rate", 0.20, 110, False, ""),
        ("compliance_point:OS-EME", "rate", 0.35, 4, True, "small"),
        ("social_dialogue:union_present", "share", 0.80, 22, False, ""),
    ]
)


def test_hidden_today_stays_hidden_and_a_small_move_is_not_published() -> None:
    compared = compare(TODAY_STAFF, FROZEN, suppresses=True)
    rows = compared.set_index("key")
    assert list(compared["key"]) == [
        "compliance_point:WT-OVT",
        "programme:factories",
        "compliance_point:OS-EME",
        "social_dialogue:union_present",
    ]
    assert rows.loc["compliance_point:WT-OVT", "change"] == -0.20
    assert rows.loc["programme:factories", "change"] == 10
    assert rows.loc["programme:factories", "moved"] == 0.1
    for key in ("compliance_point:OS-EME", "social_dialogue:union_present"):
        assert rows.loc[key, "suppressed"]
        assert pd.isna(rows.loc[key, "change"])
        assert rows.loc[key, "suppression_reason"] == "protected"


def test_staff_keep_the_value_and_are_told_which_rule_hid_it() -> None:
    rows = compare(TODAY_STAFF, FROZEN, suppresses=False).set_index("key")
    assert rows.loc["compliance_point:OS-EME", "suppression_reason"] == "small"
    assert rows.loc["social_dialogue:union_present", "suppression_reason"] == "change"
    assert abs(rows.loc["social_dialogue:union_present", "change"] - (-0.10)) < 1e-9
