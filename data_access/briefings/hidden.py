"""Why a figure of a briefing is not shown, in the one sentence every table note, map
legend, key figure and dialogue line uses.

A briefing is always computed under an audience's scope (`scope.audience_scope`), never
the author's, and an audience's hidden cells all carry the one neutral reason
(`disclosure.finish`): naming the rule would tell a reader which cell is the small one.
"""

from __future__ import annotations

from data_access.disclosure import PROTECTED
from data_access.reasons import reason_text


def hidden_reason(lang: str) -> str:
    """The neutral reason, in words (`reasons.reason_text`, as on every screen)."""
    return reason_text(PROTECTED, lang)
