"""The one viewer-cell rule: shown, hidden for a constituent, flagged for staff, in the
words of `reasons.reason_text`, whatever form the frame's flag takes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data_access.reasons import reason_text
from data_access.viewer_cell import ViewerCell, is_missing, viewer_cell

NEUTRAL_VI = "Ẩn để bảo mật: ô này hoặc một ô liên quan có dưới 5 nhà máy"


@pytest.mark.parametrize(
    ("row", "staff", "hidden", "flagged", "value"),
    [
        ({"suppressed": False, "suppression_reason": "", "value": 0.5}, False, False, False, 0.5),
        ({"suppressed": False, "suppression_reason": "", "value": 0.5}, True, False, False, 0.5),
        (
            {"suppressed": True, "suppression_reason": "protected", "value": 0.5},
            False,
            True,
            False,
            None,
        ),
        ({"suppressed": True, "suppression_reason": "small", "value": 0.5}, True, False, True, 0.5),
        (
            {"suppressed": np.bool_(True), "suppression_reason": "small", "value": 1},
            False,
            True,
            False,
            None,
        ),
        (
            {"suppressed": pd.NA, "suppression_reason": pd.NA, "value": 0.25},
            False,
            False,
            False,
            0.25,
        ),
        ({"value": pd.NA}, False, False, False, None),
        ({"value": 3}, True, False, False, 3.0),
    ],
)
def test_hidden_for_constituents_flagged_for_staff(row, staff, hidden, flagged, value) -> None:
    cell = viewer_cell(row, staff=staff)
    assert (cell.hidden, cell.flagged, cell.value(row.get("value"))) == (hidden, flagged, value)


def test_the_words_come_from_the_reason_catalogue() -> None:
    hidden = viewer_cell({"suppressed": True, "suppression_reason": "protected"}, staff=False)
    assert hidden.note("vi", 5) == NEUTRAL_VI == hidden.reason("vi", 5)
    assert hidden.value_text("45,5 %", "vi") == "Ẩn"
    assert hidden.value_text("45.5%", "en") == "Suppressed"

    flagged = viewer_cell({"suppressed": True, "suppression_reason": "small"}, staff=True)
    assert flagged.note("en", 5) == (
        f"Constituents see this as suppressed ({reason_text('small', 'en', 5)})"
    )
    assert flagged.value_text("45.5%", "en") == "45.5%"

    shown = ViewerCell(suppressed=False, staff=False)
    assert (shown.note("vi"), shown.reason("vi"), shown.value_text("–", "vi")) == ("", "", "–")


def test_a_hidden_cell_without_a_reason_still_gets_the_neutral_one() -> None:
    cell = viewer_cell({"suppressed": True, "suppression_reason": None}, staff=False)
    assert cell.note("vi", 5) == NEUTRAL_VI


def test_other_column_names() -> None:
    row = {"workers_suppressed": True, "workers_suppression_reason": "dominance"}
    cell = viewer_cell(
        row, staff=True, flag="workers_suppressed", reason="workers_suppression_reason"
    )
    assert cell.flagged and cell.reason_code == "dominance"


@pytest.mark.parametrize(
    ("value", "missing"),
    [
        (None, True),
        (float("nan"), True),
        (pd.NA, True),
        (pd.NaT, True),
        ("", False),
        ("01", False),
        (0, False),
        ([1, 2], False),
    ],
)
def test_what_counts_as_missing(value, missing) -> None:
    assert is_missing(value) is missing
