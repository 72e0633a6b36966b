"""From an Altair chart to the Vega-Lite dict Streamlit draws, without Altair's globals.

`chart_spec` is what `st.altair_chart` would do, minus two things:

- **no schema validation**: it was about a quarter of a warm rerun; the test suite
  validates every spec the pages build instead (`tests/pages/test_chart_specs_valid.py`);
- **no global state**: Altair's active theme and data transformer are process-wide,
  and `st.altair_chart` swaps them (under its own lock) while other sessions' threads
  run. Builders hand Altair their rows already as inline values (`inline`), so no
  transformer is consulted, and the spec is converted as a sub-chart (no theme), the
  top-level `$schema` and `datasets` added here. The result equals Altair's own
  `to_dict()` under the "none" theme Streamlit uses (`tests/ui/test_chart_spec_cache.py`).

The datasets are also kept as the Arrow bytes Streamlit would make of them on each draw
(`arrow_datasets`), so a reused chart costs no conversion either.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import altair as alt
import pandas as pd
from streamlit.dataframe_util import convert_anything_to_arrow_bytes

#: A Vega-Lite specification, JSON-ready (data inline under `datasets`).
Spec = dict[str, Any]


@dataclass(frozen=True)
class BuiltChart:
    """A chart's Vega-Lite spec with what a screen-reader user and a table reader need
    alongside it. Built ones are shared between reruns and sessions
    (`ui.charts.spec_cache`): read them, never change them (Streamlit copies a spec
    before it adjusts one)."""

    spec: Spec
    alt: str
    table: pd.DataFrame
    #: The spec's datasets as Arrow IPC bytes, made once with the spec: Streamlit
    #: converts inline values to Arrow on every draw (a fifth of a warm rerun), and
    #: passes bytes through as they are.
    arrow: Mapping[str, bytes] = field(default_factory=dict)

    def drawn_spec(self) -> Spec:
        """The spec to hand `st.vega_lite_chart`: its datasets already Arrow (a shallow
        copy; the spec itself stays as built)."""
        return {**self.spec, "datasets": dict(self.arrow)} if self.arrow else self.spec


def inline(rows: pd.DataFrame) -> dict[str, list[dict[str, Any]]]:
    """Rows as Vega-Lite inline values (what Altair's default transformer makes of a
    frame), so building a spec never looks at the process-wide transformer."""
    return alt.to_values(rows)


def chart_spec(chart: alt.TopLevelMixin) -> Spec:
    """The chart's Vega-Lite dict, unvalidated, with its datasets at the top."""
    datasets: dict[str, Any] = {}
    # `top_level: False` skips the theme lookup; Altair fills the `datasets` dict it is
    # handed (its context is copied shallowly on purpose, "passed by reference").
    spec = chart.to_dict(validate=False, context={"top_level": False, "datasets": datasets})
    spec["$schema"] = alt.SCHEMA_URL
    if datasets:
        spec["datasets"] = datasets
    return spec


def arrow_datasets(spec: Spec) -> dict[str, bytes]:
    """The spec's inline datasets as Streamlit ships them: the very conversion its
    `st.vega_lite_chart` applies to inline values, done once instead of every draw."""
    return {
        name: convert_anything_to_arrow_bytes(values)
        for name, values in spec.get("datasets", {}).items()
    }
