"""Recognising a province however a spreadsheet names it, current or legacy.

Files name provinces by GSO code, by ISO 3166-2 code ("VN-57"), or by name, in
Vietnamese with or without diacritics, in English, with "Tỉnh"/"T."/"TP." prefixes and
common short forms ("TP HCM", "BR-VT", "TT Huế"). Since 1 July 2025 there are 34
units instead of 63, and the code spaces overlap ("15" is Yên Bái among the legacy
units and the new Lào Cai among the current ones), so a bare number in a current
`province` column is read as a current code only; a legacy code belongs in the
`legacy_province` column, or is written as its ISO code.

A legacy name is right for anything dated before the merger and is recorded as the
legacy unit (it rolls up to its successor). Dated on or after 1 July 2025 it is still
accepted, mapped to its successor, and flagged so the clerk can update the source.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, select

from data_access.imports.folding import fold
from data_access.imports.problems import CellError
from data_access.models import LegacyProvince, Province

MERGER_DATE = date(2025, 7, 1)

#: "Thành phố", "Tỉnh", "TP.", "T.P." and "T." (Tỉnh), folded; "t p " before "t ".
_PREFIXES = ("thanh pho ", "tinh ", "tp ", "t p ", "t ")
_SUFFIXES = (" province", " city", " municipality")

#: Short forms people write, as compact folded keys, for current units …
CURRENT_ALIASES: dict[str, str] = {
    "hcm": "79",
    "tphcm": "79",
    "hcmc": "79",
    "saigon": "79",
    "tpsaigon": "79",
    "hn": "01",
    "tphn": "01",
    "danang": "48",
    "haiphong": "31",
    "cantho": "92",
    "daclac": "66",
    "daclak": "66",
}
#: … and for legacy units.
LEGACY_ALIASES: dict[str, str] = {
    "hcm": "79",
    "tphcm": "79",
    "hcmc": "79",
    "saigon": "79",
    "tpsaigon": "79",
    "hn": "01",
    "tphn": "01",
    "hue": "46",
    "tthue": "46",
    "thuathien": "46",
    "brvt": "77",
    "baria": "77",
    "vungtau": "77",
    "daclac": "66",
    "daclak": "66",
    "dacnong": "67",
    "baccan": "06",
    "kontum": "62",
}


def name_key(text: str) -> str:
    """The compact folded form of a province name without "Tỉnh", "TP.", "… City"."""
    folded = fold(text)
    changed = True
    while changed:
        changed = False
        for prefix in _PREFIXES:
            if folded.startswith(prefix) and len(folded) > len(prefix):
                folded = folded[len(prefix) :]
                changed = True
        for suffix in _SUFFIXES:
            if folded.endswith(suffix) and len(folded) > len(suffix):
                folded = folded[: -len(suffix)]
                changed = True
    return folded.replace(" ", "")


@dataclass(frozen=True)
class ProvinceMatch:
    """Where a value puts a factory: its current unit and, when known, its legacy unit.
    `renamed` is true when a legacy name was used for something dated after the merger."""

    province_code: str
    legacy_code: str | None
    renamed: bool = False


@dataclass(frozen=True)
class _Current:
    code: str
    name_vi: str
    name_en: str


@dataclass(frozen=True)
class _Legacy:
    code: str
    iso: str
    name_vi: str
    name_en: str
    province_code: str


class ProvinceIndex:
    """Lookups over the 34 current and 63 legacy units as the database holds them."""

    def __init__(self, current: list[_Current], legacy: list[_Legacy]) -> None:
        self.current = {unit.code: unit for unit in current}
        self.legacy = {unit.code: unit for unit in legacy}
        self.legacy_by_iso = {unit.iso.upper(): unit for unit in legacy}
        self.current_names: dict[str, str] = {}
        for unit in current:
            for name in (unit.name_vi, unit.name_en):
                self.current_names[name_key(name)] = unit.code
        self.current_names.update(CURRENT_ALIASES)
        self.legacy_names: dict[str, str] = {}
        for unit in legacy:
            for name in (unit.name_vi, unit.name_en):
                self.legacy_names[name_key(name)] = unit.code
        self.legacy_names.update(LEGACY_ALIASES)
        absorbed: dict[str, list[str]] = defaultdict(list)
        for unit in legacy:
            absorbed[unit.province_code].append(unit.code)
        self.sole_legacy = {code: codes[0] for code, codes in absorbed.items() if len(codes) == 1}

    @classmethod
    def from_connection(cls, connection: Connection) -> ProvinceIndex:
        current = [
            _Current(row.code, row.name_vi, row.name_en)
            for row in connection.execute(select(Province))
        ]
        legacy = [
            _Legacy(row.code, row.iso_3166_2, row.name_vi, row.name_en, row.province_code)
            for row in connection.execute(select(LegacyProvince))
        ]
        return cls(current, legacy)

    def current_name(self, code: str) -> str:
        return self.current[code].name_vi

    def legacy_name(self, code: str) -> str:
        return self.legacy[code].name_vi

    def _from_legacy(self, code: str, renamed: bool) -> ProvinceMatch:
        return ProvinceMatch(self.legacy[code].province_code, code, renamed)

    def _suggestion(self, key: str, legacy_only: bool = False) -> str:
        names = {name_key(unit.name_vi): unit.name_vi for unit in self.legacy.values()}
        if not legacy_only:
            names.update({name_key(unit.name_vi): unit.name_vi for unit in self.current.values()})
        close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.7)
        return names[close[0]] if close else ""

    def _unknown(self, key: str, legacy_only: bool = False) -> CellError:
        suggestion = self._suggestion(key, legacy_only)
        if suggestion:
            return CellError("unknown_province_suggest", suggestion=suggestion)
        return CellError("unknown_legacy_province" if legacy_only else "unknown_province")

    @staticmethod
    def _as_code(value: object) -> str | None:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value).strip()
        return text.zfill(2) if text.isdigit() and len(text) <= 2 else None

    def match_current(self, value: object, dated: date | None) -> ProvinceMatch:
        """A value from a `province` column, for a record dated `dated` (None: today)."""
        code = self._as_code(value)
        if code is not None:
            if code in self.current:
                return ProvinceMatch(code, self.sole_legacy.get(code))
            if code in self.legacy:
                legacy = self.legacy[code]
                raise CellError(
                    "province_code_is_legacy",
                    code=code,
                    legacy=legacy.name_vi,
                    iso=legacy.iso,
                )
            raise CellError("unknown_province_code", code=code)
        text = str(value).strip()
        iso = self.legacy_by_iso.get(text.upper())
        if iso is not None:
            return self._from_legacy(iso.code, renamed=self._after_merger(dated))
        key = name_key(text)
        before_merger = dated is not None and dated < MERGER_DATE
        if before_merger and key in self.legacy_names:
            return self._from_legacy(self.legacy_names[key], renamed=False)
        if key in self.current_names:
            current = self.current_names[key]
            return ProvinceMatch(current, self.sole_legacy.get(current))
        if key in self.legacy_names:
            return self._from_legacy(self.legacy_names[key], renamed=not before_merger)
        raise self._unknown(key)

    def match_legacy(self, value: object) -> ProvinceMatch:
        """A value from a `legacy_province` column: a legacy code, ISO code or name."""
        code = self._as_code(value)
        if code is not None:
            if code in self.legacy:
                return self._from_legacy(code, renamed=False)
            raise CellError("unknown_legacy_province_code", code=code)
        text = str(value).strip()
        iso = self.legacy_by_iso.get(text.upper())
        if iso is not None:
            return self._from_legacy(iso.code, renamed=False)
        key = name_key(text)
        if key in self.legacy_names:
            return self._from_legacy(self.legacy_names[key], renamed=False)
        raise self._unknown(key, legacy_only=True)

    @staticmethod
    def _after_merger(dated: date | None) -> bool:
        return dated is None or dated >= MERGER_DATE
