"""Question: Who may sign in, and with which role?

Admin › Users: who may sign in, with which role; create, reset a password, change a
role, deactivate or reactivate.

Every action is a `data_access.user_admin` call that refuses anyone but an
administrator and writes the audit log. Passwords are generated, shown once here and
never again: the administrator passes them on and the person changes theirs.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data_access import user_admin
from data_access.auth.throttle import Watch
from data_access.i18n import fmt_datetime, t
from data_access.models import ROLES
from data_access.users import UserError
from ui.context import page_context

SHOWN_ONCE_KEY = "admin_users_shown_once"

ctx = page_context()
lang = ctx.lang
if not ctx.scope.may("manage_users"):
    st.error(t("admin.page.admin_only", lang))
    st.stop()

st.title(t("admin.users.title", lang))
st.caption(t("admin.users.caption", lang))


def role_name(role: str) -> str:
    return t(f"admin.role.{role}", lang)


def show_once() -> None:
    """The password a previous action generated, shown on the rerun after it, once."""
    shown = st.session_state.pop(SHOWN_ONCE_KEY, None)
    if shown:
        username, password = shown
        st.success(t("admin.users.password_once", lang, user=username), icon=":material/key:")
        st.code(password, language=None)


def failed(error: UserError) -> None:
    st.error(str(error), icon=":material/error:")


show_once()
watches = user_admin.sign_in_watches(ctx.engine, ctx.scope)
if watches:
    # At the top, so an administrator opening the page sees it without scrolling.
    st.warning(t("admin.users.watch.alert", lang, count=len(watches)), icon=":material/warning:")
accounts = user_admin.list_accounts(ctx.engine, ctx.scope)
st.dataframe(
    pd.DataFrame(
        [
            {
                t("admin.users.username", lang): account.username,
                t("admin.users.name", lang): account.display_name,
                t("admin.users.email", lang): account.email or "",
                t("admin.users.role", lang): role_name(account.role),
                t("admin.users.active", lang): account.active,
                t("admin.users.demo", lang): account.is_demo,
                t("admin.users.created", lang): fmt_datetime(account.created_at, lang),
                t("admin.users.password_changed", lang): fmt_datetime(
                    account.password_changed_at, lang
                ),
            }
            for account in accounts
        ]
    ),
    hide_index=True,
    width="stretch",
)

create, manage = st.columns(2)
with create:
    st.subheader(t("admin.users.create", lang))
    with st.form("admin_users_create", clear_on_submit=True):
        username = st.text_input(t("admin.users.username", lang), key="admin_users_new_name")
        display_name = st.text_input(t("admin.users.name", lang), key="admin_users_new_display")
        email = st.text_input(t("admin.users.email", lang), key="admin_users_new_email")
        role = st.selectbox(
            t("admin.users.role", lang), ROLES, format_func=role_name, key="admin_users_new_role"
        )
        if st.form_submit_button(t("admin.users.create_button", lang), type="primary"):
            try:
                account, password = user_admin.create_account(
                    ctx.engine, ctx.scope, username, role, display_name or None, email or None
                )
            except UserError as error:
                failed(error)
            else:
                st.session_state[SHOWN_ONCE_KEY] = (account.username, password)
                st.rerun()

with manage:
    st.subheader(t("admin.users.manage", lang))
    names = [account.username for account in accounts]
    if names:
        chosen = st.selectbox(t("admin.users.username", lang), names, key="admin_users_pick")
        account = next(a for a in accounts if a.username == chosen)
        st.caption(
            t(
                "admin.users.status_line",
                lang,
                role=role_name(account.role),
                state=t(
                    "admin.users.state.active" if account.active else "admin.users.state.inactive",
                    lang,
                ),
            )
        )
        if st.button(t("admin.users.reset", lang), key="admin_users_reset"):
            try:
                password = user_admin.reset_password(ctx.engine, ctx.scope, chosen)
            except UserError as error:
                failed(error)
            else:
                st.session_state[SHOWN_ONCE_KEY] = (chosen, password)
                st.rerun()
        new_role = st.selectbox(
            t("admin.users.new_role", lang),
            ROLES,
            index=ROLES.index(account.role),
            format_func=role_name,
            key=f"admin_users_role_{chosen}",
        )
        if st.button(
            t("admin.users.change_role", lang),
            key="admin_users_change_role",
            disabled=new_role == account.role,
        ):
            try:
                user_admin.change_role(ctx.engine, ctx.scope, chosen, new_role)
            except UserError as error:
                failed(error)
            else:
                st.rerun()
        if account.active:
            if st.button(t("admin.users.deactivate", lang), key="admin_users_deactivate"):
                try:
                    user_admin.deactivate(ctx.engine, ctx.scope, chosen)
                except UserError as error:
                    failed(error)
                else:
                    st.rerun()
        elif st.button(t("admin.users.reactivate", lang), key="admin_users_reactivate"):
            try:
                user_admin.reactivate(ctx.engine, ctx.scope, chosen)
            except UserError as error:
                failed(error)
            else:
                st.rerun()


def watch_label(watch: Watch) -> str:
    return t(f"admin.users.watch.kind.{watch.kind}", lang) + f": {watch.key}"


st.subheader(t("admin.users.watch.title", lang))
st.caption(t("admin.users.watch.caption", lang))
if not watches:
    st.success(t("admin.users.watch.none", lang), icon=":material/verified_user:")
else:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("admin.users.watch.kind", lang): t(
                        f"admin.users.watch.kind.{watch.kind}", lang
                    ),
                    t("admin.users.watch.key", lang): watch.key,
                    t("admin.users.watch.failures", lang): watch.failures,
                    t("admin.users.watch.addresses", lang): watch.addresses,
                    t("admin.users.watch.usernames", lang): watch.usernames,
                    t("admin.users.watch.latest", lang): fmt_datetime(watch.latest, lang),
                }
                for watch in watches
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    picked = st.selectbox(
        t("admin.users.watch.pick", lang),
        watches,
        format_func=watch_label,
        key="admin_users_watch_pick",
    )
    if st.button(t("admin.users.watch.clear", lang), key="admin_users_watch_clear"):
        try:
            user_admin.clear_sign_in_failures(ctx.engine, ctx.scope, picked.kind, picked.key)
        except UserError as error:
            failed(error)
        else:
            st.rerun()

alerts = user_admin.sign_in_alerts(ctx.engine, ctx.scope)
st.subheader(t("admin.users.alerts.title", lang))
if not alerts:
    st.caption(t("admin.users.alerts.none", lang))
else:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("admin.users.alerts.at", lang): fmt_datetime(alert.at, lang),
                    t("admin.users.watch.kind", lang): t(
                        f"admin.users.watch.kind.{alert.detail.get('kind', 'username')}", lang
                    ),
                    t("admin.users.watch.key", lang): alert.username or alert.client_address,
                    t("admin.users.watch.failures", lang): alert.detail.get("failures"),
                    t("admin.users.watch.addresses", lang): alert.detail.get("addresses"),
                    t("admin.users.watch.usernames", lang): alert.detail.get("usernames"),
                }
                for alert in alerts
            ]
        ),
        hide_index=True,
        width="stretch",
        key="admin_users_alerts",
    )
