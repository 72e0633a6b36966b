"""Downloads page: each dataset is the data layer's own frame for the viewer, with its
download buttons; staff also get the factory list and the streamed question-level
findings; constituents get neither."""

from __future__ import annotations

from pathlib import Path

import pytest

from data_access.db import engine_for
from data_access.exports.columns import column_header, for_reader
from data_access.exports.streaming import COLUMNS, count_findings
from data_access.exports.writers import read_csv_export
from data_access.filters import Filters
from data_access.indicators import non_compliance
from data_access.scope import Scope
from tests.pages.dashboard_fixtures import SECRET_NAMES, leak_db_url  # noqa: F401 - fixture
from tests.pages.harness import all_text, page_scope, run_page

PAGE = "pages/downloads.py"
FILTERS = Filters(year_from=2025, year_to=2025)


@pytest.mark.parametrize("role", ["molisa", "vcci", "vgcl", "ilo"])
def test_every_dataset_has_its_table_and_buttons(role: str, leak_db_url: str) -> None:  # noqa: F811
    at = run_page(PAGE, role, lang="en", db_url=leak_db_url, filters=FILTERS)
    assert not at.exception
    choices = list(at.selectbox(key="downloads_dataset").options)
    staff_only = [choice for choice in choices if "ILO staff only" in choice]
    if role == "ilo":
        assert staff_only == [
            "Factories (ILO staff only)",
            "Findings at question level (ILO staff only)",
        ]
    else:
        assert staff_only == []
    for index, choice in enumerate(choices):
        at.selectbox(key="downloads_dataset").select_index(index).run()
        assert not at.exception, choice
        if "question level" not in choice:
            assert len(at.get("download_button")) == 2, choice
        if role != "ilo":
            text = all_text(at) + " ".join(frame.value.to_json() for frame in at.dataframe)
            for secret in SECRET_NAMES:
                assert secret not in text, choice


def test_preview_is_the_data_layer_frame_for_a_constituent(leak_db_url: str) -> None:  # noqa: F811
    at = run_page(PAGE, "molisa", lang="vi", db_url=leak_db_url, filters=FILTERS)
    frame = at.dataframe[0].value
    expected = non_compliance(engine_for(leak_db_url), page_scope("molisa"), FILTERS)
    code, rate = column_header("compliance_point", "vi"), column_header("rate", "vi")
    assert list(frame[code]) == list(expected["compliance_point"])
    assert frame[rate].tolist() == for_reader(expected, "vi")[rate].tolist()
    assert not {"None", "nan", "<NA>"} & {str(cell) for cell in frame.to_numpy().ravel()}


def test_staff_stream_the_question_level_findings(leak_db_url: str) -> None:  # noqa: F811
    at = run_page(PAGE, "ilo", lang="en", db_url=leak_db_url, filters=FILTERS)
    at.selectbox(key="downloads_dataset").set_value("findings").run()
    expected = count_findings(engine_for(leak_db_url), Scope("ilo"), FILTERS)
    assert at.metric[0].value == f"{expected:,}"
    at.button(key="downloads_prepare").click().run(timeout=120)
    assert not at.exception
    assert at.success[0].value.startswith(f"File ready: {expected:,} rows")
    prepared = at.session_state["downloads_prepared"]
    path = Path(prepared["path"])
    assert path.stat().st_mode & 0o077 == 0  # readable by the app's user only
    meta, header, rows = read_csv_export(path.read_bytes())
    assert header == list(COLUMNS) and len(rows) == expected
    assert "CONFIDENTIAL" in dict(meta)
    assert prepared["name"] == "findings_question-level_2025.csv"
    assert [button.label for button in at.get("download_button")] == ["CSV"]
    # Preparing again replaces the previous file.
    at.button(key="downloads_prepare").click().run(timeout=120)
    assert not path.exists()
    Path(at.session_state["downloads_prepared"]["path"]).unlink()
