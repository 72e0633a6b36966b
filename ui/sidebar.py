"""The shared filters and the language: kept in the URL so a link reopens the same view.

The URL is read once, when a browser session starts (opening a link or reloading);
after that the session holds the truth and the URL is rewritten from it on every
rerun, so it always says what the viewer sees, across page switches too. The URL
format is `Filters.to_query_params()` (codes, never display names) plus `lang`, so
a link made in Vietnamese opens correctly in English. Streamlit's own
`bind="query-params"` is not used because it writes the widgets' display labels,
which differ by language.

Widgets do not own state here: each writes into the session's `Filters` through its
callback and is re-seeded from it before it is drawn, so the values survive runs in
which the sidebar is not drawn (the sign-in form) and page switches.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from urllib.parse import urlencode

import streamlit as st

from data_access.filters import MIN_YEAR, Filters, shown
from data_access.i18n import DEFAULT_LANGUAGE, LANGUAGES, normalise_language, t
from data_access.periods import default_period, with_default_period
from data_access.refdata import Reference
from ui.navigation import query_keys

FILTERS_KEY = "td_filters"
LANGUAGE_KEY = "td_language"
PROBLEMS_KEY = "td_url_problems"
PROBLEMS_PAGE_KEY = "td_url_problems_page"
LANG_PARAM = "lang"
#: `period=all` in a link: every year, on purpose. A link without any period opens on
#: the default period (`periods.default_period`), like a fresh visit.
PERIOD_PARAM = "period"
ALL_YEARS = "all"
DEFAULT_KEY = "td_default_filters"
#: Parameters Streamlit itself reads (embedding options); never ours to drop.
STREAMLIT_PARAMS: frozenset[str] = frozenset({"embed", "embed_options"})

_W = "_td_w_"
#: The year choice meaning "no bound" (a selectbox shows None as an empty placeholder).
ANY_YEAR = 0
W_LANG = f"{_W}lang"
W_YEAR_FROM, W_YEAR_TO = f"{_W}year_from", f"{_W}year_to"
W_DATE_FROM, W_DATE_TO = f"{_W}date_from", f"{_W}date_to"
#: Filters field → (widget key, Reference attribute with its choices, catalogue key).
CODE_WIDGETS: dict[str, tuple[str, str, str]] = {
    "sectors": (f"{_W}sectors", "sectors", "shell.filters.sectors"),
    "provinces": (f"{_W}provinces", "provinces", "shell.filters.provinces"),
    "legacy_provinces": (f"{_W}legacy", "legacy_provinces", "shell.filters.legacy_provinces"),
    "size_bands": (f"{_W}sizes", "size_bands", "shell.filters.size_bands"),
    "clusters": (f"{_W}clusters", "clusters", "shell.filters.clusters"),
    "compliance_points": (f"{_W}cps", "compliance_points", "shell.filters.compliance_points"),
}
MAIN_CODE_FIELDS: tuple[str, ...] = ("sectors", "provinces")
MORE_CODE_FIELDS: tuple[str, ...] = (
    "legacy_provinces",
    "size_bands",
    "clusters",
    "compliance_points",
)


# --- language ---------------------------------------------------------------------------


def language_from_locale(locale: str | None) -> str:
    """The browser's language if we have it; English for any other language the
    browser asks for (an ILO colleague from abroad), Vietnamese when it says nothing."""
    if not locale:
        return DEFAULT_LANGUAGE
    short = locale.strip().lower().replace("_", "-").split("-")[0]
    return short if short in LANGUAGES else "en"


def _language_from_url(values: Sequence[str], locale: str | None) -> tuple[str, list[str]]:
    fallback = language_from_locale(locale)
    distinct = sorted({value.strip().lower() for value in values if value.strip()})
    if not distinct:
        return fallback, []
    if len(distinct) == 1 and distinct[0] in LANGUAGES:
        return distinct[0], []
    return fallback, [t("shell.url.bad_lang", fallback, value=shown(",".join(distinct)))]


def start_language() -> str:
    """The session's language, read from the URL once per browser session (else the
    browser's locale); a bad `lang` in a link is reported with the other problems."""
    if LANGUAGE_KEY not in st.session_state:
        values = st.query_params.get_all(LANG_PARAM)
        lang, problems = _language_from_url(values, st.context.locale)
        st.session_state[LANGUAGE_KEY] = lang
        st.session_state[PROBLEMS_KEY] = problems
    return current_language()


def current_language() -> str:
    return normalise_language(st.session_state.get(LANGUAGE_KEY))


def _commit_language() -> None:
    st.session_state[LANGUAGE_KEY] = normalise_language(st.session_state.get(W_LANG))


def language_switch() -> None:
    """Tiếng Việt | English, where the caller is drawing (the sidebar), labelled so that
    a reader of either language finds it."""
    st.session_state[W_LANG] = current_language()
    st.radio(
        t("shell.language.label", current_language()),
        options=list(LANGUAGES),
        format_func=lambda code: t(f"shell.language.{code}", code),
        horizontal=True,
        key=W_LANG,
        on_change=_commit_language,
    )


# --- reading and writing the URL --------------------------------------------------------


def _passthrough() -> frozenset[str]:
    return STREAMLIT_PARAMS | query_keys()


def start_filters(ref: Reference) -> None:
    """Read the filters from the URL, once per browser session; remember what had to be
    dropped so that the first page drawn can say so. A link naming no period opens on
    the app's one default period, so every page and the map start on the same year."""
    if FILTERS_KEY in st.session_state:
        return
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    filters, problems = Filters.from_query_params(
        params,
        ref,
        extra_allowed=_passthrough() | {LANG_PARAM, PERIOD_PARAM},
        lang=current_language(),
    )
    if ALL_YEARS not in st.query_params.get_all(PERIOD_PARAM):
        filters = with_default_period(filters, ref)
    st.session_state[DEFAULT_KEY] = default_period(ref)
    st.session_state[FILTERS_KEY] = filters
    st.session_state[PROBLEMS_KEY] = list(st.session_state.get(PROBLEMS_KEY) or []) + problems


def current_filters() -> Filters:
    value = st.session_state.get(FILTERS_KEY)
    return value if isinstance(value, Filters) else Filters()


def link_problems(page: str) -> list[str]:
    """What had to be dropped from the link this session opened, for as long as the
    viewer looks at the page the link opened and has not changed the filters (a rerun
    must not wipe the notice before it has been read)."""
    problems = list(st.session_state.get(PROBLEMS_KEY) or [])
    if not problems:
        return []
    shown_on = st.session_state.setdefault(PROBLEMS_PAGE_KEY, page)
    if shown_on != page:
        _forget_problems()
        return []
    return problems


def _forget_problems() -> None:
    st.session_state.pop(PROBLEMS_KEY, None)
    st.session_state.pop(PROBLEMS_PAGE_KEY, None)


def desired_params(filters: Filters, lang: str) -> dict[str, list[str]]:
    params = {
        key: [value] if isinstance(value, str) else list(value)
        for key, value in filters.to_query_params().items()
    }
    if filters.period_start is None and filters.period_end is None:
        params[PERIOD_PARAM] = [ALL_YEARS]
    params[LANG_PARAM] = [lang]
    return params


def sync_url(filters: Filters, lang: str) -> None:
    """Make the address bar say exactly what is shown: our parameters rewritten, anything
    unknown removed, page-owned and Streamlit parameters left alone."""
    desired = desired_params(filters, lang)
    keep = _passthrough()
    for key in list(st.query_params):
        if key not in keep and key not in desired:
            del st.query_params[key]
    for key, values in desired.items():
        if st.query_params.get_all(key) != values:
            st.query_params[key] = values if len(values) > 1 else values[0]


def share_link(filters: Filters, lang: str) -> str | None:
    """The address of this view for a colleague; None when the browser's URL is unknown
    (tests)."""
    base = st.context.url
    if not base:
        return None
    return f"{base}?{urlencode(desired_params(filters, lang), doseq=True)}"


# --- the filter widgets -----------------------------------------------------------------


def _known(codes: Iterable[str], choices: Iterable[str]) -> list[str]:
    allowed = set(choices)
    return [code for code in codes if code in allowed]


def _ordered(first: int | date | None, last: int | date | None) -> tuple[object, object]:
    if first is not None and last is not None and first > last:  # type: ignore[operator]
        return last, first
    return first, last


def _commit_filters() -> None:
    """Widgets → the session's Filters (a reversed range is read the way round that
    makes sense rather than as an empty period)."""
    state = st.session_state
    _forget_problems()
    year_from, year_to = _ordered(state.get(W_YEAR_FROM) or None, state.get(W_YEAR_TO) or None)
    date_from, date_to = _ordered(state.get(W_DATE_FROM), state.get(W_DATE_TO))
    codes = {name: tuple(state.get(widget) or ()) for name, (widget, _, _) in CODE_WIDGETS.items()}
    current = current_filters()
    state[FILTERS_KEY] = replace(
        current,
        year_from=year_from,
        year_to=year_to,
        date_from=date_from,
        date_to=date_to,
        **codes,
    )


def default_filters() -> Filters:
    """What "clear filters" goes back to: the whole programme in the default period."""
    value = st.session_state.get(DEFAULT_KEY)
    return value if isinstance(value, Filters) else Filters()


def set_filters(filters: Filters) -> None:
    """Replace the session's filters (a button's callback: the next run draws them)."""
    _forget_problems()
    st.session_state[FILTERS_KEY] = filters


def _clear_filters() -> None:
    _forget_problems()
    st.session_state[FILTERS_KEY] = default_filters()


def _seed_widgets(filters: Filters, ref: Reference) -> None:
    state = st.session_state
    state[W_YEAR_FROM] = filters.year_from or ANY_YEAR
    state[W_YEAR_TO] = filters.year_to or ANY_YEAR
    state[W_DATE_FROM] = filters.date_from
    state[W_DATE_TO] = filters.date_to
    for name, (widget, kind, _) in CODE_WIDGETS.items():
        state[widget] = _known(getattr(filters, name), getattr(ref, kind))


def _code_filter(name: str, ref: Reference, lang: str) -> None:
    widget, kind, label = CODE_WIDGETS[name]
    choices = getattr(ref, kind)
    st.multiselect(
        t(label, lang),
        options=list(choices),
        format_func=lambda code: choices[code].name(lang) if code in choices else code,
        key=widget,
        on_change=_commit_filters,
        placeholder=t("shell.filters.all", lang),
        # Streamlit's "Select all" is English only, and an empty choice already means all.
        select_all=False,
    )


def _year_filter(label: str, widget: str, years: list[int], lang: str) -> None:
    st.selectbox(
        t(label, lang),
        options=[ANY_YEAR, *years],
        format_func=lambda year: str(year) if year else t("shell.filters.any_year", lang),
        key=widget,
        on_change=_commit_filters,
    )


def filter_sidebar(ref: Reference, lang: str, *, whole_years: bool = False) -> Filters:
    """Draw the shared filters in the sidebar and return what they say.

    With `whole_years` (constituents), no date bounds are offered and any a link
    brought are dropped: their figures are for whole calendar years (the disclosure
    rule, `data_access.disclosure`), and the sidebar says so."""
    filters = current_filters()
    if whole_years and (filters.date_from or filters.date_to):
        filters = replace(filters, date_from=None, date_to=None)
        st.session_state[FILTERS_KEY] = filters
    _seed_widgets(filters, ref)
    years = sorted(set(ref.years) | {year for year in (filters.year_from, filters.year_to) if year})
    latest = date(date.today().year + 1, 12, 31)
    with st.sidebar:
        st.subheader(t("shell.filters.title", lang))
        first, last = st.columns(2)
        with first:
            _year_filter("shell.filters.year_from", W_YEAR_FROM, years, lang)
        with last:
            _year_filter("shell.filters.year_to", W_YEAR_TO, years, lang)
        if whole_years:
            st.caption(t("shell.filters.whole_years", lang))
        for name in MAIN_CODE_FIELDS:
            _code_filter(name, ref, lang)
        more_in_use = any(getattr(filters, name) for name in MORE_CODE_FIELDS) or bool(
            filters.date_from or filters.date_to
        )
        with st.expander(t("shell.filters.more", lang), expanded=more_in_use):
            for name in MORE_CODE_FIELDS:
                _code_filter(name, ref, lang)
            if not whole_years:
                for label, widget in (
                    ("shell.filters.date_from", W_DATE_FROM),
                    ("shell.filters.date_to", W_DATE_TO),
                ):
                    st.date_input(
                        t(label, lang),
                        min_value=date(MIN_YEAR, 1, 1),
                        max_value=latest,
                        format="DD/MM/YYYY",
                        key=widget,
                        on_change=_commit_filters,
                    )
        st.caption(t("shell.filters.showing", lang, what=filters.describe(lang, ref)))
        st.button(
            t("shell.filters.clear", lang),
            on_click=_clear_filters,
            disabled=filters == default_filters(),
            icon=":material/filter_alt_off:",
            key="td_clear_filters",
        )
        link = share_link(filters, lang)
        if link:
            with st.expander(t("shell.filters.share", lang)):
                st.caption(t("shell.filters.share_help", lang))
                st.code(link, language=None, wrap_lines=True)
    return filters
