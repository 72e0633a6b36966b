"""The dashboard's palette and number locale, shared by the screen (`ui/charts`,
`ui/maps`) and the briefings' printed pictures (`data_access/briefings/charts`), so a
chart handed out at a meeting reads like the one on screen.

Plain values only (no Streamlit, no Altair): the data layer's briefings must not import
`ui/`, and the screen must not import the briefings.

Colours: Okabe–Ito for categories (distinguishable with every common colour-vision
deficiency), ColorBrewer sequential schemes for rates (colour-blind safe and print
friendly), YlOrRd where more is worse so a map of problems never looks like a map of
coverage.
"""

from __future__ import annotations

from typing import Any

#: Text and marks drawn in "ink": near-black, 4.5:1 even at 60 % opacity on white.
INK = "#1a1a1a"

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
#: Series on paper: Okabe–Ito without its sky blue, which fades in a laser print.
PRINT_SERIES: tuple[str, ...] = tuple(colour for colour in OKABE_ITO if colour != "#56B4E9")[:5]
#: Line dashes, so a black-and-white print still tells the series apart.
DASHES: tuple[tuple[int, ...], ...] = ((1, 0), (6, 3), (2, 2), (8, 3, 2, 3), (4, 4), (1, 3))
#: Core labour standards and national-law clusters, kept apart everywhere by colour.
GROUP_COLOURS: dict[str, str] = {"core": OKABE_ITO[0], "national": OKABE_ITO[1]}

#: ColorBrewer YlOrRd, six classes (screen heatmaps: more is worse).
SEQUENTIAL_WORSE_HIGH: tuple[str, ...] = (
    "#ffffb2",
    "#fed976",
    "#feb24c",
    "#fd8d3c",
    "#f03b20",
    "#bd0026",
)
#: ColorBrewer five-class schemes for the screen map: YlOrRd (more is worse) and
#: YlGnBu (neutral, e.g. coverage).
MAP_WORSE_HIGH: tuple[str, ...] = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
MAP_NEUTRAL: tuple[str, ...] = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
#: The same YlOrRd as a continuous Vega scheme (the printed map).
WORSE_HIGH_SCHEME = "yelloworangered"

#: Number locale for Vega and vl-convert (d3-format; neither ships one for
#: Vietnamese): 1.234,5 in Vietnamese, 1,234.5 in English, as Babel writes them in text.
NUMBER_LOCALES: dict[str, dict[str, Any]] = {
    "vi": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["$", ""]},
}
