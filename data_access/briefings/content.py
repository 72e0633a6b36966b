"""A whole briefing for one request: the audience's figures gathered once
(`gathering`), read into facts (`facts`), then set out as key figures and sections
(`key_figures`, `sections`) on a cover that says for whom, when and on what data.

Every figure is computed under the *audience's* scope, never the author's
(`audience_scope`), so nothing hidden from a constituent can slip into a document
handed to one; and no figure is computed after the indicator functions, so a figure in
the briefing is the figure on the screen for the same filters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from data_access.auth.organisations import organisation
from data_access.briefings.document import BriefingDocument
from data_access.briefings.facts import facts_from
from data_access.briefings.gathering import Gathered, gather
from data_access.briefings.key_figures import key_figures
from data_access.briefings.request import BriefingRequest, audience_label
from data_access.briefings.sections import Material, sections
from data_access.briefings.talking_points import Facts
from data_access.exports.files import data_as_of_text
from data_access.exports.metadata import now_in_vietnam
from data_access.i18n import fmt_date, t
from data_access.meta import has_synthetic_data
from data_access.refdata import reference
from data_access.scope import Scope, audience_scope, require


@dataclass(frozen=True)
class Briefing:
    document: BriefingDocument
    facts: Facts
    gathered: Gathered
    scope: Scope

    @property
    def says_little(self) -> bool:
        """No talking point survived: the selection is too small for the audience."""
        return not self.document.sections[0].bullets


def _document(material: Material, today: date | None) -> BriefingDocument:
    """The cover, the key figures and the sections, in the request's language."""
    request, facts, lang = material.request, material.facts, material.lang
    audience = audience_label(request.audience, lang)
    # The day in Viet Nam, like the import the briefing rests on: a briefing prepared at
    # 07:30 in Ha Noi is not dated the day before because the server keeps UTC.
    prepared = fmt_date(today or now_in_vietnam().date(), lang)
    scope_words = t(
        "briefings.subtitle",
        lang,
        filters=request.after.describe(lang, material.ref),
        comparison=facts.comparison,
    )
    return BriefingDocument(
        lang=lang,
        title=t("briefings.title", lang, audience=audience),
        subtitle=scope_words,
        date_line=t(
            "briefings.date_line",
            lang,
            date=prepared,
            data_as_of=data_as_of_text(material.engine, material.scope, request.after, lang),
        ),
        audience=t("briefings.for", lang, audience=audience),
        key_figures_heading=t("briefings.section.key_figures", lang),
        key_figures=tuple(key_figures(material.gathered, facts, request.audience, lang)),
        sections=sections(material),
        warning=t("common.synthetic_banner", lang) if material.synthetic else "",
        footer=t(
            "briefings.footer_synthetic" if material.synthetic else "briefings.footer",
            lang,
            audience=audience,
            date=prepared,
        ),
        properties={
            "author": organisation("ilo").name(lang),
            "subject": scope_words,
            "keywords": ", ".join(("Better Work", audience, facts.period)),
        },
    )


def build_briefing(
    engine: Engine, author: Scope, request: BriefingRequest, *, today: date | None = None
) -> Briefing:
    """The whole briefing for `request`, prepared by `author` (ILO staff or admin)."""
    require(author, "prepare_briefings")
    scope = audience_scope(request.audience)
    gathered = gather(engine, scope, request)
    material = Material(
        engine=engine,
        scope=scope,
        request=request,
        ref=reference(engine),
        gathered=gathered,
        facts=facts_from(gathered, request),
        synthetic=has_synthetic_data(engine),
    )
    document = _document(material, today)
    return Briefing(document=document, facts=material.facts, gathered=gathered, scope=scope)
