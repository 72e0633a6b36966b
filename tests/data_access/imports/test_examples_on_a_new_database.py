"""Every downloadable example loads cleanly on a database just made by `init-db`, in the
load order docs/IMPORT_FORMATS.md gives, through the command line a clerk would use."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from data_access import cli
from data_access.config import REPO_ROOT
from data_access.db import make_engine
from data_access.imports.formats import FORMATS
from data_access.models import Finding, Question, SocialDialogue


def documented_load_order() -> list[str]:
    doc = (REPO_ROOT / "docs" / "IMPORT_FORMATS.md").read_text(encoding="utf-8")
    section = doc.split("## Load order", 1)[1].split("\n## ", 1)[0]
    steps = re.findall(r"^\d+\. (.*)$", section, flags=re.MULTILINE)
    return [name for step in steps for name in re.findall(r"`([a-z_]+)`", step)]


def test_the_load_order_lists_every_format_once() -> None:
    order = documented_load_order()
    assert sorted(order) == sorted(FORMATS)
    assert order.index("questions") < order.index("assessments")
    assert order.index("factories") < order.index("assessments") < order.index("social_dialogue")


@pytest.fixture
def initialised(
    blank_db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., str]:
    """The command line on a database `init-db` has just made; runs a command that must
    succeed and returns what it printed."""
    monkeypatch.setenv("DATABASE_URL", blank_db_url)

    def run(*argv: str) -> str:
        code = cli.main(list(argv))
        out = capsys.readouterr()
        assert code == 0, (argv, out.out, out.err)
        return out.out

    run("init-db")
    return run


def test_every_example_loads_cleanly_after_init_db_in_the_documented_order(
    initialised: Callable[..., str], blank_db_url: str, tmp_path: Path
) -> None:
    run = initialised
    for name in documented_load_order():
        for suffix in ("csv", "xlsx"):
            target = tmp_path / f"{name}_example.{suffix}"
            options = ["--xlsx"] if suffix == "xlsx" else []
            run("import-template", name, "--example", *options, "-o", str(target))
            report = run("import", str(target))
            assert f"{target.name}: loaded." in report or "nothing changed" in report, report
            assert "warning" not in report.lower(), report
    engine = make_engine(blank_db_url)
    with engine.connect() as connection:
        questions = connection.scalar(select(func.count()).select_from(Question))
        findings = connection.scalar(select(func.count()).select_from(Finding))
        dialogue = connection.scalar(select(func.count()).select_from(SocialDialogue))
    engine.dispose()
    assert (questions, findings, dialogue) == (1, 6, 6)


def test_an_assessments_example_before_the_questions_is_filled_and_says_what_is_missing(
    initialised: Callable[..., str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "assessments_example.csv"
    initialised("import-template", "assessments", "--example", "-o", str(target))
    rows = target.read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 7 and rows[1].startswith("EXAMPLE-001,2025-09-16,annual,1,CL-CHL-01,")

    assert cli.main(["import", str(target)]) == 1
    report = capsys.readouterr().out
    assert 'column question_code: "CL-CHL-01" No question has this code.' in report
    assert "import the questions first" in report
