"""Two imports at once, on both backends: the second is refused before it reads a row,
told whose import is running and since when, and leaves nothing behind; the first
loads as if alone. Real threads, each with its own connections."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading

from sqlalchemy import Engine, func, insert, select

from bench.import_files import factories_csv
from data_access import cli
from data_access.i18n import fmt_datetime
from data_access.imports import ImportReport, ImportSource, run_import
from data_access.imports.exclusive import (
    HOLDER_KEY,
    ImportHolder,
    current_holder,
    one_import_at_a_time,
)
from data_access.models import AppMeta, AuditEntry, Factory, ImportBatch
from data_access.scope import Scope
from data_access.users import now

HOA = Scope(role="admin", organisation="ilo", username="hoa.admin")
MINH = Scope(role="admin", organisation="ilo", username="minh.admin")
FIRST = factories_csv(300).encode()
SECOND = factories_csv(300).replace(",Factory ", ",Xưởng ").encode()


def run(engine: Engine, scope: Scope, name: str, data: bytes, **options) -> ImportReport:
    return run_import(engine, scope, ImportSource.from_bytes(name, data), **options)


def factory_names(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return {name.split(" ")[0] for name in connection.scalars(select(Factory.name))}


def count(engine: Engine, model: type, *conditions) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(model).where(*conditions)))


def test_the_second_import_is_told_who_is_importing_and_loses_nothing(engine: Engine) -> None:
    seen: list[ImportReport] = []

    def while_the_first_runs(_rows: int, share: float) -> None:
        """Inside the first import's transaction: a second person imports meanwhile."""
        if share < 1.0 or seen:
            return
        other = threading.Thread(
            target=lambda: seen.append(run(engine, MINH, "factories-minh.csv", SECOND))
        )
        other.start()
        other.join(timeout=120)

    first = run(engine, HOA, "factories-hoa.csv", FIRST, progress=while_the_first_runs)
    assert first.status == "committed", first.failure
    (second,) = seen
    assert second.status == "busy" and second.busy_with is not None
    assert second.busy_with.username == "hoa.admin"
    assert second.rows == 0, "refused before reading the file"
    started = fmt_datetime(second.busy_with.started, "vi")
    assert second.status_text("vi") == (
        "factories-minh.csv: chưa được nạp, không có gì thay đổi. Đang có một lượt nạp dữ "
        f"liệu khác (bắt đầu lúc {started}, do hoa.admin thực hiện); vui lòng thử lại sau "
        "ít phút."
    )
    assert "Another import is running (started " in second.status_text("en")
    assert not second.accepted

    assert factory_names(engine) == {"Factory"}
    assert count(engine, ImportBatch) == 1
    assert count(engine, AuditEntry, AuditEntry.username == "minh.admin") == 0
    assert current_holder(engine) is None, "the slot is free again"

    again = run(engine, MINH, "factories-minh.csv", SECOND)
    assert again.status == "committed" and factory_names(engine) == {"Xưởng"}


def test_two_imports_started_together_never_fail(engine: Engine) -> None:
    start = threading.Barrier(2)
    reports: dict[str, ImportReport] = {}

    def importer(scope: Scope, name: str, data: bytes) -> None:
        start.wait()
        reports[name] = run(engine, scope, name, data)

    threads = [
        threading.Thread(target=importer, args=(HOA, "hoa.csv", FIRST)),
        threading.Thread(target=importer, args=(MINH, "minh.csv", SECOND)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    statuses = {name: report.status for name, report in reports.items()}
    assert set(statuses.values()) <= {"committed", "busy"}, [r.failure for r in reports.values()]
    assert "committed" in statuses.values()
    committed = [name for name, status in statuses.items() if status == "committed"]
    assert count(engine, ImportBatch) == len(committed)
    last = {"hoa.csv": "Factory", "minh.csv": "Xưởng"}
    if len(committed) == 1:
        assert factory_names(engine) == {last[committed[0]]}
    assert current_holder(engine) is None


def test_a_slot_left_by_a_process_that_died_is_taken_over(engine: Engine) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                          capture_output=True, text=True)  # fmt: skip
    holder = ImportHolder("gone.admin", now(), int(dead.stdout), socket.gethostname())
    with engine.begin() as connection:
        connection.execute(insert(AppMeta).values(key=HOLDER_KEY, value=holder.to_json()))
    report = run(engine, HOA, "factories-hoa.csv", FIRST)
    assert report.status == "committed", report.failure
    assert current_holder(engine) is None


def test_the_command_line_says_so_too(
    engine: Engine, db_url: str, monkeypatch, tmp_path, capsys
) -> None:
    monkeypatch.setenv("DATABASE_URL", db_url)
    target = tmp_path / "factories.csv"
    target.write_bytes(FIRST)
    with one_import_at_a_time(engine, "hoa.admin"):
        assert cli.main(["import", str(target), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "factories.csv: not loaded, nothing was changed. Another import is running" in out
    assert "by hoa.admin); try again in a moment." in out
    assert count(engine, Factory) == 0
    assert cli.main(["import", str(target)]) == 0
