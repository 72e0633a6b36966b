"""Why a cell is hidden, in the viewer's language: one function for every surface
(tables, chart and map tooltips, the map legend, CSV/XLSX cells, briefing tables and
legends), so the same hidden cell is explained in the same words everywhere.

Constituent frames carry the single code `protected` (`disclosure.finish`), and its
text names no rule: telling "fewer than 5" from "hidden to protect another cell" would
tell an attacker which cell is the small one and let them pin it by subtraction. Staff
frames keep each rule's own code. A code without a text of its own (a rule added
later) gets a generic staff text rather than an error, so a new rule never breaks a
page.
"""

from __future__ import annotations

from collections.abc import Iterable

from data_access.config import settings
from data_access.i18n import catalogue, fmt_percent, t

PREFIX = "disclosure.reason."
FALLBACK = "other"


def reason_text(code: object, lang: str, min_factories: int | None = None) -> str:
    """The text for suppression reason `code` (the threshold from settings unless
    given; the dominance share always from settings). An empty code reads as the
    neutral constituent text: a hidden cell is never left without a reason."""
    limit = settings().min_factories if min_factories is None else min_factories
    text = "" if code is None else str(code).strip()
    if not text or text in {"<NA>", "nan", "None"}:
        text = "protected"
    key = PREFIX + text
    if key not in catalogue():
        return t(PREFIX + FALLBACK, lang, n=limit, code=text)
    return t(key, lang, n=limit, share=fmt_percent(settings().dominance_share, lang))


def shared_reason(codes: Iterable[object]) -> str:
    """The code to explain a group of hidden cells with (a page's notice, a map's
    legend): the one code they all carry, else the neutral `protected`. A constituent's
    cells carry `protected`, or `crossing` where the request crosses two breakdowns, so
    a mix is said neutrally and a whole crossing says what it is."""
    found = {str(code) for code in codes if code is not None and str(code) not in {"", "<NA>"}}
    return found.pop() if len(found) == 1 else "protected"
