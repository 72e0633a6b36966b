"""What the charts add to the shared palette (`data_access.look`, which the printed
briefings use too): the grey of a cell or a year nobody may see, and a palette cycled
over however many series a chart has."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

SUPPRESSED_GREY = "#bdbdbd"


def cycle(values: Sequence[Any], n: int) -> list[Any]:
    """`n` entries of a palette (at least one), starting again when it runs out."""
    return [values[i % len(values)] for i in range(max(n, 1))]
