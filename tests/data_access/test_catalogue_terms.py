"""The catalogue reads as one Vietnamese text: nothing left in English by mistake, and
each concept of the glossary (`assets/i18n/glossary.json`) called by one name in
every message the pages, downloads and briefings draw from."""

from __future__ import annotations

import json

import pytest

from data_access.i18n import CATALOGUE_DIR, LANGUAGES, catalogue, nfc

#: Messages written the same in both languages on purpose: codes, file formats, names
#: of languages and organisations, and templates made only of placeholders.
SAME_ON_PURPOSE: frozenset[str] = frozenset(
    {
        "briefings.table.hidden_note",
        "briefings.table.no_former",
        "briefings.page.download_pdf",
        "exports.button.csv",
        "exports.button.xlsx",
        "exports.meta.comparison",
        "exports.value.none",
        "meetings.page.option",
        "pages.provinces.point_option",
        "shell.org.vcci.name",
        "shell.language.vi",
        "shell.language.en",
        "shell.session.as",
    }
)


def _glossary() -> dict[str, dict]:
    return json.loads((CATALOGUE_DIR / "glossary.json").read_text(encoding="utf-8"))


def test_every_vietnamese_message_is_translated() -> None:
    same = {key for key, texts in catalogue().items() if texts["vi"] == texts["en"]}
    assert same - SAME_ON_PURPOSE == set(), "untranslated (or list as same on purpose)"
    assert SAME_ON_PURPOSE - same == set(), "now translated: drop from SAME_ON_PURPOSE"


def _named_otherwise(messages: dict[str, dict[str, str]], entry: dict, lang: str) -> dict[str, str]:
    """The messages that call the glossary entry's concept by one of its other names."""
    others = [nfc(name).casefold() for name in entry["avoid"][lang]]
    return {
        key: texts[lang]
        for key, texts in messages.items()
        if any(other in nfc(texts[lang]).casefold() for other in others)
    }


@pytest.mark.parametrize("concept", sorted(_glossary()))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_glossary_concept_has_one_name(concept: str, lang: str) -> None:
    entry = _glossary()[concept]
    assert entry[lang] and catalogue()[concept][lang] == nfc(entry[lang])
    assert _named_otherwise(catalogue(), entry, lang) == {}, f"use {entry[lang]!r}"


def test_a_second_name_is_caught() -> None:
    """The check above can fail: a message calling the bipartite committee by one of
    its former Vietnamese names is found, the glossary's own term is not."""
    entry = _glossary()["glossary.picc"]
    messages = {
        "x.old_name": {"en": "bipartite committee", "vi": "Có Hội đồng đối thoại hai bên"},
        "x.term": {"en": "bipartite committee", "vi": f"Có {entry['vi']}"},
    }
    assert list(_named_otherwise(messages, entry, "vi")) == ["x.old_name"]
