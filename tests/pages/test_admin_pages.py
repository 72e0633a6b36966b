"""The admin pages under AppTest: refusal for everyone but administrators, the data
clerk's upload → report → fix → preview → confirm loop, the history, the templates,
the removal of the demonstration data, and user management."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, func, select

from data_access.auth import throttle
from data_access.auth.login import sign_in
from data_access.auth.throttle import USERNAME_RULE
from data_access.bootstrap import create_demo_users
from data_access.db import session_scope
from data_access.demo.generator import generate_demo_data
from data_access.i18n import fmt_datetime
from data_access.imports import template_file
from data_access.imports.exclusive import one_import_at_a_time
from data_access.meta import has_synthetic_data
from data_access.models import Factory, User
from data_access.users import add_user, check_password
from tests.data_access.imports.helpers import with_questions_and_factories
from tests.pages.harness import all_text, run_page

DATA_PAGE = "pages/admin_data.py"
USERS_PAGE = "pages/admin_users.py"


@pytest.mark.parametrize("page", [DATA_PAGE, USERS_PAGE])
@pytest.mark.parametrize("role", ["molisa", "vcci", "vgcl", "ilo"])
def test_only_administrators_get_anything(sqlite_engine: Engine, page: str, role: str) -> None:
    at = run_page(page, role, lang="en", engine=sqlite_engine)
    assert not at.exception
    assert [e.value for e in at.error] == ["This page is for administrators."]
    assert not at.dataframe and not at.tabs and not at.file_uploader and not at.button


def test_signed_out_gets_the_sign_in_message(sqlite_engine: Engine) -> None:
    at = run_page(DATA_PAGE, None, engine=sqlite_engine)
    assert "Please sign in" in all_text(at)
    assert not at.file_uploader


def _factories_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(Factory)) or 0)


def test_a_clerk_breaks_the_example_reads_the_report_fixes_and_loads_it(
    sqlite_engine: Engine,
) -> None:
    _name, example = template_file("factories", "csv", sqlite_engine, example=True)
    text = example.decode("utf-8-sig")
    broken = (
        text.replace("1250,980", "1250,1980")  # more women than workers
        .replace("2021-01-11", "2021-13-11")  # no 13th month
        .replace("Dong Nai", "Dong Naai")  # misspelt province
    )
    at = run_page(DATA_PAGE, "admin", lang="en", engine=sqlite_engine)
    assert not at.exception
    at.file_uploader[0].set_value(("factories.csv", broken.encode("utf-8-sig"), "text/csv"))
    at.run()
    assert not at.exception
    assert "factories.csv: refused, nothing was loaded" in at.error[0].value
    report = at.dataframe[0].value
    assert set(report["Column"]) >= {"workers_women", "joined_on", "province"}
    assert "Did you mean Đồng Nai?" in " ".join(report["Problem"])
    assert "1980" in set(report["Value found"])
    assert not [b for b in at.button if b.key == "admin_data_confirm"]
    assert _factories_count(sqlite_engine) == 0

    at.file_uploader[0].set_value(("factories.csv", example, "text/csv"))
    at.run()
    assert "valid. Nothing has been loaded yet" in all_text(at)
    assert {m.label: m.value for m in at.metric}["Factories: new"] == "6"
    assert _factories_count(sqlite_engine) == 0
    at.button(key="admin_data_confirm").click().run()
    assert not at.exception
    assert "factories.csv: loaded." in [s.value for s in at.success]
    assert _factories_count(sqlite_engine) == 6
    history = next(frame.value for frame in at.dataframe if "Status" in frame.value.columns)
    assert list(history["Status"][:1]) == ["loaded"]
    assert "factories.csv" in set(history["File"])


def test_an_import_while_another_runs_says_whose_and_can_be_retried(
    sqlite_engine: Engine,
) -> None:
    _name, example = template_file("factories", "csv", sqlite_engine, example=True)
    at = run_page(DATA_PAGE, "admin", lang="vi", engine=sqlite_engine, username="minh.admin")
    at.file_uploader[0].set_value(("factories.csv", example, "text/csv")).run()
    with one_import_at_a_time(sqlite_engine, "hoa.admin") as other:
        at.button(key="admin_data_confirm").click().run()
    assert not at.exception
    started = fmt_datetime(other.started, "vi")
    assert (
        f"Đang có một lượt nạp dữ liệu khác (bắt đầu lúc {started}, do hoa.admin thực hiện)"
        in at.warning[-1].value
    )
    assert _factories_count(sqlite_engine) == 0
    at.button(key="admin_data_confirm").click().run()
    assert "factories.csv: đã nạp." in [s.value for s in at.success]
    assert _factories_count(sqlite_engine) == 6


def test_the_same_file_again_offers_nothing_to_confirm(sqlite_engine: Engine) -> None:
    with_questions_and_factories(sqlite_engine)
    at = run_page(DATA_PAGE, "admin", lang="vi", engine=sqlite_engine)
    from bench.import_files import factories_csv

    at.file_uploader[0].set_value(("f.csv", factories_csv(6).encode(), "text/csv")).run()
    assert "Mọi dữ liệu trong tệp đã có" in all_text(at)
    assert not [b for b in at.button if b.key == "admin_data_confirm"]


def test_formats_tab_offers_every_template_and_example(sqlite_engine: Engine) -> None:
    at = run_page(DATA_PAGE, "admin", lang="vi", engine=sqlite_engine)
    keys = [button.key for button in at.get("download_button")]
    assert len([key for key in keys if key.startswith("admin_data_tpl_")]) == 7 * 4
    assert "Tệp ví dụ (XLSX)" in {button.label for button in at.get("download_button")}


def test_demonstration_data_is_removed_from_the_page(sqlite_engine: Engine) -> None:
    generate_demo_data(sqlite_engine, factories=10, years=1)
    create_demo_users(sqlite_engine)
    at = run_page(DATA_PAGE, "admin", lang="en", engine=sqlite_engine, username="admin.demo")
    assert "synthetic demonstration data: 10 factories" in all_text(at)
    remove = at.button(key="admin_demo_remove")
    assert remove.disabled
    at.checkbox(key="admin_demo_sure").check().run()
    at.button(key="admin_demo_remove").click().run()
    assert "Create a personal administrator account first" in all_text(at)
    assert has_synthetic_data(sqlite_engine)
    with session_scope(sqlite_engine) as session:
        add_user(session, "real.admin", "a-long-password-1", "admin")
    at.button(key="admin_demo_remove").click().run()
    assert "Demonstration data removed" in all_text(at)
    assert not has_synthetic_data(sqlite_engine)


def _user(engine: Engine, username: str) -> User | None:
    with engine.connect() as connection:
        return connection.execute(select(User).where(User.username == username)).first()


def test_user_management(sqlite_engine: Engine) -> None:
    with session_scope(sqlite_engine) as session:
        add_user(session, "boss", "boss-password-1", "admin")
    at = run_page(USERS_PAGE, "admin", lang="en", engine=sqlite_engine, username="boss")
    assert not at.exception
    at.text_input(key="admin_users_new_name").input("hoa.tran")
    at.text_input(key="admin_users_new_display").input("Trần Thị Hoa")
    at.selectbox(key="admin_users_new_role").select("vgcl")
    at.button[0].click().run()  # the form's submit button
    assert not at.exception
    password = at.code[0].value
    stored = _user(sqlite_engine, "hoa.tran")
    assert stored is not None and stored.role == "vgcl"
    assert check_password(password, stored.password_hash)
    assert "Temporary password for hoa.tran" in at.success[0].value
    at.run()
    assert not at.code  # shown once

    at.selectbox(key="admin_users_pick").select("hoa.tran").run()
    at.button(key="admin_users_reset").click().run()
    assert check_password(at.code[0].value, _user(sqlite_engine, "hoa.tran").password_hash)
    at.selectbox(key="admin_users_role_hoa.tran").select("molisa").run()
    at.button(key="admin_users_change_role").click().run()
    assert _user(sqlite_engine, "hoa.tran").role == "molisa"
    at.button(key="admin_users_deactivate").click().run()
    assert not _user(sqlite_engine, "hoa.tran").active

    at.selectbox(key="admin_users_pick").select("boss").run()
    at.button(key="admin_users_deactivate").click().run()
    assert "You cannot deactivate or demote your own account." in [e.value for e in at.error]
    assert _user(sqlite_engine, "boss").active


def test_failed_sign_ins_under_watch_are_shown_and_cleared(sqlite_engine: Engine) -> None:
    with session_scope(sqlite_engine) as session:
        add_user(session, "boss", "boss-password-1", "admin")
        add_user(session, "minh.le", "minh-password-1", "molisa")
    for n in range(USERNAME_RULE.free_failures - 1):
        throttle.record(sqlite_engine, "minh.le", f"203.0.113.{n}", success=False)
        throttle.record(sqlite_engine, "not.a.user", f"198.51.100.{n}", success=False)
    assert not sign_in(sqlite_engine, "minh.le", "a-guess", "203.0.113.99").ok
    assert not sign_in(sqlite_engine, "not.a.user", "a-guess", "198.51.100.99").ok
    at = run_page(USERS_PAGE, "admin", lang="vi", engine=sqlite_engine, username="boss")
    assert not at.exception
    assert "1 mục đang được theo dõi" in at.warning[0].value
    watched, alerted = (frame.value for frame in at.dataframe[-2:])
    assert watched["Tên hoặc địa chỉ"].tolist() == ["minh.le"], "unknown usernames left out"
    assert watched["Số địa chỉ"].tolist() == [USERNAME_RULE.free_failures]
    assert alerted["Tên hoặc địa chỉ"].tolist() == ["minh.le"]
    assert alerted["Số lần sai"].tolist() == [USERNAME_RULE.free_failures]
    at.button(key="admin_users_watch_clear").click().run()
    assert not at.exception
    assert "Hiện không có tên đăng nhập" in at.success[-1].value
    assert at.dataframe[-1].value["Tên hoặc địa chỉ"].tolist() == ["minh.le"], "alert kept"
    assert throttle.check(sqlite_engine, "minh.le", "192.0.2.200").allowed


def test_loaded_examples_show_on_the_factories_page(sqlite_engine: Engine) -> None:
    """The clerk's last step: after loading, the new factories and their latest
    assessments are on the pages (the factories page reads the same data layer)."""
    from bench.import_files import questions_csv

    at = run_page(DATA_PAGE, "admin", lang="en", engine=sqlite_engine)
    for kind in ("questions", "factories", "assessments", "social_dialogue"):
        # Each example is made after the file before it is loaded: it uses what is stored.
        if kind == "questions":
            name, data = "questions.csv", questions_csv(12).encode()
        else:
            name, data = template_file(kind, "csv", sqlite_engine, example=True)
        at.file_uploader[0].set_value((name, data, "text/csv")).run()
        at.button(key="admin_data_confirm").click().run()
        assert f"{name}: loaded." in [s.value for s in at.success]
    page = run_page("pages/factories.py", "admin", lang="en", engine=sqlite_engine)
    assert not page.exception
    text = all_text(page)
    assert "EXAMPLE-001" in text and "Example Garment Co., Ltd." in text
