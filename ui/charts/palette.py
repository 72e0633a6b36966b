"""The charts' colours and Vega's number locale: one palette for every page.

Okabe–Ito for categories (distinguishable with every common colour-vision deficiency),
ColorBrewer YlOrRd for "more is worse" scales, and dash patterns so that lines differ in
a black-and-white print too.
"""

from __future__ import annotations

from typing import Any

#: Okabe & Ito (2008), without black (kept for text) and yellow (too light on white).
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#56B4E9",
    "#CC79A7",
    "#999933",
    "#882255",
)
DASHES: tuple[tuple[int, ...], ...] = ((1, 0), (6, 3), (2, 2), (8, 3, 2, 3), (4, 4), (1, 3))
#: Core labour standards and national-law clusters, kept apart everywhere by colour.
GROUP_COLOURS: dict[str, str] = {"core": "#0072B2", "national": "#E69F00"}
SEQUENTIAL_WORSE_HIGH: tuple[str, ...] = (
    "#ffffb2",
    "#fed976",
    "#feb24c",
    "#fd8d3c",
    "#f03b20",
    "#bd0026",
)
SUPPRESSED_GREY = "#bdbdbd"
TEXT_COLOUR = "#1a1a1a"

#: Vega's number locale per language: 1.234,5 in Vietnamese, 1,234.5 in English.
VEGA_NUMBER_LOCALE: dict[str, dict[str, Any]] = {
    "vi": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["$", ""]},
}


def cycle(values: tuple[Any, ...] | list[Any], n: int) -> list[Any]:
    """`n` entries of a palette (at least one), starting again when it runs out."""
    return [values[i % len(values)] for i in range(max(n, 1))]
