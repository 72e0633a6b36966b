"""One message catalogue for both languages, and locale-aware formatting with Babel.

Messages live in `assets/i18n/*.json`, one file per area of the product, each
mapping a key to its English and Vietnamese text; the files are merged at load
and a key defined twice is an error, so areas cannot silently override each
other. No Streamlit here: exports and briefings format exactly as the pages do.
"""

from __future__ import annotations

import json
import string
import unicodedata
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache

from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime
from babel.numbers import format_decimal, format_percent

from data_access.config import REPO_ROOT

CATALOGUE_DIR = REPO_ROOT / "assets" / "i18n"
LANGUAGES: tuple[str, ...] = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
BABEL_LOCALES = {"vi": "vi_VN", "en": "en_GB"}
#: Dates as each audience writes them: 31/10/2026 in Vietnamese offices (CLDR's medium
#: form, "31 thg 10, 2026", is rarely seen there), 31 Oct 2026 in English.
DATE_FORMATS = {"vi": "dd/MM/yyyy", "en": "medium"}
DATETIME_FORMATS = {"vi": "HH:mm dd/MM/yyyy", "en": "d MMM yyyy, HH:mm"}
#: Viet Nam keeps UTC+7 all year (no daylight saving), so a fixed offset is exact. The
#: database stores UTC; people read the programme's own time.
VIETNAM_TIME = timezone(timedelta(hours=7), "ICT")


def today_in_vietnam() -> date:
    """The date in Viet Nam now: what "overdue" and "due today" mean to the people whose
    actions they are, whatever the server's own time zone."""
    return datetime.now(VIETNAM_TIME).date()


def nfc(text: str) -> str:
    """Vietnamese can arrive decomposed (e.g. from macOS or old Windows tools); compare NFC."""
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(CATALOGUE_DIR.glob("*.json")):
        entries = json.loads(path.read_text(encoding="utf-8"))
        for key, texts in entries.items():
            if key in merged:
                raise ValueError(f"Message {key!r} is defined twice (again in {path.name}).")
            missing = [lang for lang in LANGUAGES if lang not in texts]
            if missing:
                raise ValueError(f"Message {key!r} in {path.name} lacks {missing}.")
            merged[key] = {lang: nfc(texts[lang]) for lang in LANGUAGES}
    return merged


def glossary() -> dict[str, dict[str, str]]:
    """The glossary (`assets/i18n/glossary.json`): the one name of each concept that
    pages, downloads and briefings all use, keyed `glossary.<concept>`."""
    return {key: texts for key, texts in catalogue().items() if key.startswith("glossary.")}


def normalise_language(lang: str | None) -> str:
    if not lang:
        return DEFAULT_LANGUAGE
    short = lang.strip().lower().replace("_", "-").split("-")[0]
    return short if short in LANGUAGES else DEFAULT_LANGUAGE


PLURAL_SPEC = "plural:"


class _MessageFormatter(string.Formatter):
    """Adds `{count:plural:error|errors}`, written "1 error", "2 errors", "1,250 errors":
    an English noun agrees with its number. Vietnamese nouns do not change with number
    ("1 lỗi", "2 lỗi"), so Vietnamese messages simply write `{count} lỗi`. The count may
    arrive already formatted (`fmt_number`), hence the comparison with the text "1"."""

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec.startswith(PLURAL_SPEC):
            one, _, other = format_spec[len(PLURAL_SPEC) :].partition("|")
            return f"{value} {one if str(value).strip() == '1' else other}"
        return super().format_field(value, format_spec)


_FORMATTER = _MessageFormatter()


def t(key: str, lang: str, **values: object) -> str:
    """The message in the language, with `{name}` placeholders filled."""
    texts = catalogue().get(key)
    if texts is None:
        raise KeyError(f"No message {key!r} in the catalogue.")
    text = texts[normalise_language(lang)]
    if not values:
        return text
    return _FORMATTER.format(text, **values) if PLURAL_SPEC in text else text.format(**values)


def fmt_number(value: float | int | None, lang: str, decimals: int = 0) -> str:
    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=BABEL_LOCALES[normalise_language(lang)])


def fmt_percent(share: float | None, lang: str, decimals: int = 0) -> str:
    """A share in 0..1 as a percentage: 0.655 → "65,5 %" in Vietnamese, "65.5%" in English."""
    if share is None:
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    return format_percent(share, format=pattern, locale=BABEL_LOCALES[normalise_language(lang)])


def fmt_signed(change: float | None, lang: str, decimals: int = 0) -> str:
    """A change, always signed: "+12", "−3", "±0" (the one signed formatter: counts,
    percentage points, cards and briefings). The minus is the typographic "−" (U+2212),
    which a line break never separates from its number."""
    if change is None:
        return "–"
    sign = "+" if change > 0 else ("−" if change < 0 else "±")
    return sign + fmt_number(abs(change), lang, decimals)


def fmt_points(change: float | None, lang: str, decimals: int = 0) -> str:
    """A change of a rate (0..1) in percentage points, signed."""
    if change is None:
        return "–"
    unit = "điểm %" if normalise_language(lang) == "vi" else "pp"
    return f"{fmt_signed(change * 100, lang, decimals)} {unit}"


def fmt_date(value: date | None, lang: str) -> str:
    if value is None:
        return "–"
    lang = normalise_language(lang)
    return babel_format_date(value, format=DATE_FORMATS[lang], locale=BABEL_LOCALES[lang])


def fmt_datetime(value: datetime | None, lang: str) -> str:
    if value is None:
        return "–"
    lang = normalise_language(lang)
    local = (value if value.tzinfo is not None else value.replace(tzinfo=UTC)).astimezone(
        VIETNAM_TIME
    )
    return babel_format_datetime(
        local, format=DATETIME_FORMATS[lang], tzinfo=VIETNAM_TIME, locale=BABEL_LOCALES[lang]
    )
