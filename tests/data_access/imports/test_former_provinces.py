"""What a factories file says about former provinces, and how figures then label them:
a factory from before the merger given only a current code is "former province not
recorded" (not "registered after July 2025"), and the warning for a former name used
after the merger says one thing: where the factory is recorded."""

from __future__ import annotations

from sqlalchemy import Engine, select

from data_access.filters import Filters
from data_access.imports import template_file
from data_access.indicators import programme_size
from data_access.models import Factory
from tests.data_access.imports.helpers import ADMIN, load_ok, with_examples

HEADER = "factory_code,name,sector,province,workers_total,workers_women,joined_on\n"


def test_a_bare_current_code_before_the_merger_is_former_province_not_recorded(
    engine: Engine,
) -> None:
    with_examples(engine, "factories")
    report = load_ok(
        engine,
        "bare-codes.csv",
        HEADER
        + "BARE-1,Bare code before,garment,79,500,400,2014-03-01\n"
        + "BARE-2,Bare code after,garment,79,500,400,2025-09-01\n"
        + "BARE-3,Sole successor,garment,01,500,400,2014-03-01\n",
    )
    warnings = [p for p in report.problems if p.severity == "warning"]
    assert [(p.key, p.row, p.column, p.value) for p in warnings] == [
        ("legacy_province_not_recorded", 2, "province", "79")
    ]
    assert warnings[0].message("en") == (
        "This factory joined before 1 July 2025, but Hồ Chí Minh was formed from "
        "several former provinces: its former province is not recorded."
    )
    assert "tỉnh cũ của nhà máy không được ghi nhận" in warnings[0].message("vi")
    with engine.connect() as connection:
        legacy = dict(
            connection.execute(
                select(Factory.code, Factory.legacy_province_code).where(
                    Factory.code.like("BARE-%")
                )
            ).all()
        )
    assert legacy == {"BARE-1": None, "BARE-2": None, "BARE-3": "01"}

    _, example = template_file("assessments", "csv", engine, example=True)
    lines = example.decode("utf-8-sig").splitlines()
    visits = [line.replace("EXAMPLE-001", "BARE-1") for line in lines if "EXAMPLE-001" in line]
    load_ok(engine, "bare-1-assessment.csv", "\n".join([lines[0], *visits]))

    labels = programme_size(engine, ADMIN, Filters(), by="legacy_province")
    unrecorded = labels[labels["legacy_province"].isna()]
    assert set(unrecorded["legacy_province_name_en"]) == {"Former province not recorded"}
    assert list(unrecorded["province"]) == ["79"]
    assert set(unrecorded["legacy_province_name_vi"]) == {"Không ghi nhận tỉnh cũ"}


def test_a_former_name_after_the_merger_is_warned_once_and_consistently(engine: Engine) -> None:
    with_examples(engine, "factories")
    report = load_ok(
        engine, "after.csv", HEADER + "NEW-1,New Factory,footwear,Bình Dương,500,400,02/09/2025\n"
    )
    (warning,) = [p for p in report.problems if p.severity == "warning"]
    assert warning.key == "legacy_name_after_merger"
    assert warning.message("en") == (
        "Bình Dương is a former province, merged into Hồ Chí Minh on 1 July 2025, "
        "and this factory joined on or after that date. It is recorded in Hồ Chí Minh, "
        "with Bình Dương as its former province."
    )
    assert warning.expected("en") == (
        "For a factory that joined on or after 1 July 2025: Hồ Chí Minh in province, "
        "and Bình Dương in legacy_province if that is where it was registered."
    )
    assert "với tỉnh cũ là Bình Dương" in warning.message("vi")
    with engine.connect() as connection:
        stored = connection.execute(
            select(Factory.province_code, Factory.legacy_province_code).where(
                Factory.code == "NEW-1"
            )
        ).one()
    assert tuple(stored) == ("79", "74")  # what the message says happened
