"""The command line, the generated documentation and the message catalogue."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, func, select

from data_access import cli
from data_access.config import REPO_ROOT
from data_access.i18n import catalogue
from data_access.imports import formats_markdown, template_file
from data_access.imports.formats import FORMATS
from data_access.models import Finding, ImportBatch
from tests.data_access.imports.helpers import QUESTIONS, with_questions_and_factories

IMPORTS_DIR = REPO_ROOT / "data_access" / "imports"


@pytest.fixture
def cli_db(engine: Engine, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Engine:
    monkeypatch.setenv("DATABASE_URL", db_url)
    with_questions_and_factories(engine)
    return engine


def test_cli_import_dry_run_then_import_then_no_op(
    cli_db: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        cli.main(["import-template", "assessments", "--example", "-o", str(tmp_path / "a.csv")])
        == 0
    )
    target = tmp_path / "a.csv"
    with_factories = target.read_text(encoding="utf-8-sig")
    assert "EXAMPLE-001" in with_factories
    assert (
        cli.main(
            ["import-template", "factories", "--example", "--xlsx", "-o", str(tmp_path / "f.xlsx")]
        )
        == 0
    )
    assert cli.main(["import", str(tmp_path / "f.xlsx")]) == 0
    assert cli.main(["import", str(target), "--dry-run"]) == 0
    with cli_db.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Finding)) == 0
    assert cli.main(["import", str(target)]) == 0
    assert cli.main(["import", str(target), "--lang", "vi"]) == 0
    out = capsys.readouterr().out
    assert "a.csv: loaded." in out
    assert "không có gì thay đổi" in out
    assert cli.main(["import-history"]) == 0
    history = capsys.readouterr().out
    assert "no_change" in history and "committed" in history
    with cli_db.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Finding)) == 6 * QUESTIONS


def test_cli_refuses_a_bad_file_with_the_problems(
    cli_db: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "factory_code,assessed_on,assessment_type,cycle,question_code,non_compliant\n"
        "F00000,31/02/2024,annual,1,CL-CHL-01,maybe\n",
        encoding="utf-8",
    )
    assert cli.main(["import", str(bad)]) == 1
    out = capsys.readouterr().out
    assert 'bad.csv, row 2, column assessed_on: "31/02/2024" Not a date.' in out
    assert 'column non_compliant: "maybe"' in out
    with cli_db.connect() as connection:
        assert (
            connection.scalar(select(ImportBatch.status).order_by(ImportBatch.id.desc()).limit(1))
            == "failed"
        )


def test_documentation_matches_the_specs() -> None:
    doc = (REPO_ROOT / "docs" / "IMPORT_FORMATS.md").read_text(encoding="utf-8")
    assert doc == formats_markdown(), "run: python -m data_access.cli import-formats-doc"
    for fmt in FORMATS.values():
        for column in fmt.columns:
            assert f"`{column.name}`" in doc


def test_every_message_the_imports_can_raise_is_in_both_languages() -> None:
    source = "\n".join(path.read_text(encoding="utf-8") for path in IMPORTS_DIR.glob("*.py"))
    keys = set(
        re.findall(
            r'(?:CellError|\.error|\.warning|\.add|count_more|fatal = )\(\s*"([a-z_0-9]+)"', source
        )
    )
    keys |= set(re.findall(r'warnings\.append\(\("([a-z_0-9]+)"', source))
    assert len(keys) > 50
    messages = catalogue()
    missing = {
        key
        for key in keys
        if f"admin.problem.{key}" not in messages or f"admin.expected.{key}" not in messages
    }
    assert not missing


def test_templates_describe_their_columns(sqlite_engine: Engine) -> None:
    for name in FORMATS:
        file_name, data = template_file(name, "xlsx", sqlite_engine, example=False, lang="vi")
        book = load_workbook(io.BytesIO(data), read_only=True)
        header = [cell for cell in next(book.worksheets[0].iter_rows(values_only=True))]
        assert header[: len(FORMATS[name].columns)] == [c.name for c in FORMATS[name].columns]
        help_rows = list(book.worksheets[1].iter_rows(values_only=True))
        assert len(help_rows) >= len(FORMATS[name].columns) + 1
        assert file_name == f"{name}_template.xlsx"
        again = template_file(name, "xlsx", sqlite_engine, example=False, lang="vi")[1]
        assert again == data  # deterministic: same template, same checksum


def test_cli_removes_the_demo_data(
    engine: Engine, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from data_access.bootstrap import create_demo_users
    from data_access.db import session_scope
    from data_access.demo.generator import generate_demo_data
    from data_access.meta import has_synthetic_data
    from data_access.users import add_user

    monkeypatch.setenv("DATABASE_URL", db_url)
    generate_demo_data(engine, factories=8, years=1)
    create_demo_users(engine)
    assert cli.main(["remove-demo-data", "--yes"]) == 2  # no personal administrator yet
    assert "personal administrator" in capsys.readouterr().err
    with session_scope(engine) as session:
        add_user(session, "real.admin", "a-long-password-1", "admin")
    assert cli.main(["remove-demo-data", "--yes"]) == 0
    assert not has_synthetic_data(engine)
    assert cli.main(["remove-demo-data", "--yes"]) == 0
    assert "nothing to remove" in capsys.readouterr().out
