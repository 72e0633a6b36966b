"""Finishing touches every indicator frame gets the same way: labels in both languages,
a stable row order, column types, and the `attrs` that exports and the About page read.

Labels come from the reference data (not from a SQL join) so the GROUP BY stays on
short codes, and a taxonomy import that renames a point relabels every frame. They are
merged in one vectorised step per dimension from a table built once per reference
data version (`_label_table`): a frame of a few hundred rows labelled code by code in
Python cost more than the query that computed it.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import pandas as pd

from data_access.filters import Filters
from data_access.i18n import t
from data_access.indicators.query import REFERENCE_KIND
from data_access.refdata import Reference

#: Label tables of the latest reference data seen (one per database in practice).
_TABLES: dict[int, tuple[Reference, dict[str, pd.DataFrame]]] = {}
_TABLES_LOCK = threading.Lock()
_TABLES_KEPT = 8


def _label_table(ref: Reference, kind: str) -> pd.DataFrame:
    """The labels of one reference kind as a frame indexed by code: `name_vi`,
    `name_en`, `parent`, `group`, `position` (display order)."""
    with _TABLES_LOCK:
        kept = _TABLES.get(id(ref))
        if kept is None or kept[0] is not ref:
            if len(_TABLES) >= _TABLES_KEPT:
                _TABLES.clear()
            kept = (ref, {})
            _TABLES[id(ref)] = kept
        tables = kept[1]
        if kind not in tables:
            labels = getattr(ref, kind)
            tables[kind] = pd.DataFrame(
                {
                    "name_vi": [label.name_vi for label in labels.values()],
                    "name_en": [label.name_en for label in labels.values()],
                    "parent": [label.parent for label in labels.values()],
                    "group": [label.group for label in labels.values()],
                    "position": range(len(labels)),
                },
                index=pd.Index(list(labels), dtype="string"),
            )
        return tables[kind]


def add_labels(frame: pd.DataFrame, dims: Sequence[str], ref: Reference) -> pd.DataFrame:
    """After each group column `<dim>`, add `<dim>_name_vi` and `<dim>_name_en`; points
    and clusters also get `cluster_group` (core/national), points their `cluster`.
    A missing code reads "no <dim>" in the catalogue's words; an unknown one, itself."""
    frame = frame.copy()
    for dim in dims:
        if dim == "year":
            frame[dim] = frame[dim].astype("Int64")
            names = frame[dim].astype("string")
            frame["year_name_vi"], frame["year_name_en"] = names, names
            continue
        table = _label_table(ref, REFERENCE_KIND[dim])
        codes = frame[dim].astype("string")
        frame[dim] = codes
        missing = codes.isna().to_numpy()
        for lang in ("vi", "en"):
            names = codes.map(table[f"name_{lang}"]).astype("string").fillna(codes)
            if missing.any():  # only dimensions that can be missing have this message
                names = names.mask(missing, t(f"indicators.label.no_{dim}", lang))
            frame[f"{dim}_name_{lang}"] = names
        if dim == "compliance_point" and "cluster" not in dims:
            frame["cluster"] = codes.map(table["parent"]).astype("string")
        if dim in {"compliance_point", "cluster"} and "cluster_group" not in frame:
            frame["cluster_group"] = codes.map(table["group"]).astype("string")
    return frame[_label_order(list(frame.columns), dims)]


def _label_order(columns: list[str], dims: Sequence[str]) -> list[str]:
    """Each group code followed by its labels, then cluster columns, then the figures."""
    front: list[str] = []
    for dim in dims:
        front += [dim, f"{dim}_name_vi", f"{dim}_name_en"]
    front += [column for column in ("cluster", "cluster_group") if column not in front]
    front = [column for column in front if column in columns]
    return front + [column for column in columns if column not in front]


def order_rows(frame: pd.DataFrame, dims: Sequence[str], ref: Reference) -> pd.DataFrame:
    """Rows in reference order (the taxonomy's, the provinces' codes), years ascending;
    codes the reference does not know last."""
    if frame.empty or not dims:
        return frame.reset_index(drop=True)
    keys = {}
    for index, dim in enumerate(dims):
        if dim == "year":
            keys[f"_k{index}"] = frame[dim].astype("float64").fillna(-1).to_numpy()
            continue
        table = _label_table(ref, REFERENCE_KIND[dim])
        position = frame[dim].astype("string").map(table["position"])
        keys[f"_k{index}"] = position.astype("float64").fillna(len(table)).to_numpy()
    positions = pd.DataFrame(keys).sort_values(list(keys), kind="stable").index
    return frame.iloc[positions].reset_index(drop=True)


def counts_as_int(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Counts come back as Decimal or int64 depending on the backend; make them Int64."""
    for column in columns:
        values = frame[column]
        if values.dtype.kind not in "iu":  # Decimal/object from PostgreSQL, floats with NaN
            values = pd.to_numeric(values)
        frame[column] = values.astype("Int64")
    return frame


def share(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """numerator ÷ denominator as Float64, NA where the denominator is zero or missing."""
    num = pd.to_numeric(numerator).astype("Float64")
    den = pd.to_numeric(denominator).astype("Float64")
    return (num / den.where(den > 0)).astype("Float64")


def stamp(
    frame: pd.DataFrame, indicator: str, method: str, filters: Filters, **extra: object
) -> pd.DataFrame:
    """Set the attrs exports and briefings cite: which indicator, which method text."""
    frame.attrs = {"indicator": indicator, "method": method, "filters": filters, **extra}
    return frame
