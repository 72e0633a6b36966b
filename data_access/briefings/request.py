"""What an ILO officer asks a briefing for: audience, periods, places, sectors, language.

Kept apart from the figures so the Briefing page, the generator, the benchmark and the
disclosure audit can name a briefing without building one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from data_access.auth.organisations import organisation
from data_access.filters import Filters
from data_access.i18n import normalise_language, t
from data_access.periods import Comparison, years_compared
from data_access.refdata import Reference
from data_access.scope import AUDIENCE_NAMES, AccessDenied

AUDIENCES: tuple[str, ...] = AUDIENCE_NAMES


@dataclass(frozen=True)
class BriefingRequest:
    """What the ILO officer chose on the Briefing page."""

    audience: str
    year_from: int
    year_to: int
    compare_from: int
    compare_to: int
    lang: str = "vi"
    provinces: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.audience not in AUDIENCES:
            raise AccessDenied(f"Unknown audience {self.audience!r}.")
        if self.year_from > self.year_to or self.compare_from > self.compare_to:
            raise ValueError("A period must not end before it starts.")
        object.__setattr__(self, "lang", normalise_language(self.lang))
        object.__setattr__(self, "provinces", tuple(sorted(set(self.provinces))))
        object.__setattr__(self, "sectors", tuple(sorted(set(self.sectors))))

    @property
    def after(self) -> Filters:
        return Filters(
            year_from=self.year_from,
            year_to=self.year_to,
            provinces=self.provinces,
            sectors=self.sectors,
        )

    @property
    def before(self) -> Filters:
        return replace(self.after, year_from=self.compare_from, year_to=self.compare_to)

    def comparison(self, ref: Reference) -> Comparison:
        """The two periods as compared: the app's one rule (`periods`), so a year still
        running is set beside the same months of the comparison period, as on the
        Overview."""
        return years_compared(
            self.after,
            ref,
            (self.compare_from, self.compare_to),
            (self.year_from, self.year_to),
        )

    @property
    def geography(self) -> str:
        """A one-province briefing also looks inside it, at the former provinces merged
        into it (its map shows them); otherwise the map shows the 34 provinces."""
        return "legacy_province" if len(self.provinces) == 1 else "province"


def audience_label(audience: str, lang: str) -> str:
    if audience in {"molisa", "vcci", "vgcl"}:
        return organisation(audience).name(lang)
    return t(f"briefings.audience.{audience}", lang)
