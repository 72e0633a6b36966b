"""Chart builders shared by the pages: one look, one palette, one set of rules.

Each builder takes prepared rows (`prepare_rows`: what this viewer may see, nothing
more) and returns a `BuiltChart`: the Vega-Lite spec, its alt text and the table behind
it. Builders are pure, so each chart is built once per (rows, language, options) and
reused on warm reruns (`spec_cache`); specs are not validated at run time, the test
suite validates every one the pages build.

- `rows`: the rows and their table (`prepare_rows`, `table_of`, `format_value`);
- `look`: axes, tooltips, heights, config (colours and number locale from
  `data_access.look`, shared with the briefings; `palette`: what only charts add);
- `bars`, `heatmap`, `dots`, `over_years` (with `year_axis`): the chart kinds;
- `spec`: Altair chart → Vega-Lite dict; `spec_cache`: built charts kept and reused.
"""

from data_access.look import GROUP_COLOURS, OKABE_ITO
from data_access.viewer_cell import is_missing
from ui.charts.bars import assessment_history, grouped_bars, ranked_bars
from ui.charts.dots import paired_dots
from ui.charts.heatmap import heatmap
from ui.charts.over_years import linked_bars_and_trend, stacked_by_year, trend_lines
from ui.charts.rows import ValueKind, format_value, prepare_rows, table_of
from ui.charts.spec import BuiltChart

__all__ = [
    "GROUP_COLOURS",
    "OKABE_ITO",
    "BuiltChart",
    "ValueKind",
    "assessment_history",
    "format_value",
    "grouped_bars",
    "heatmap",
    "is_missing",
    "linked_bars_and_trend",
    "paired_dots",
    "prepare_rows",
    "ranked_bars",
    "stacked_by_year",
    "table_of",
    "trend_lines",
]
