"""Finishing touches every indicator frame gets the same way: labels in both languages,
a stable row order, column types, and the `attrs` that exports and the About page read.

Labels come from the reference data (not from a SQL join) so the GROUP BY stays on
short codes, and a taxonomy import that renames a point relabels every frame.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from data_access.filters import Filters
from data_access.i18n import t
from data_access.indicators.query import REFERENCE_KIND
from data_access.refdata import Reference


def add_labels(frame: pd.DataFrame, dims: Sequence[str], ref: Reference) -> pd.DataFrame:
    """After each group column `<dim>`, add `<dim>_name_vi` and `<dim>_name_en`; points
    and clusters also get `cluster_group` (core/national), points their `cluster`."""
    frame = frame.copy()
    for dim in dims:
        codes = frame[dim]
        if dim == "year":
            frame[dim] = codes.astype("Int64")
            names = frame[dim].astype("string")
            frame["year_name_vi"], frame["year_name_en"] = names, names
            continue
        kind = REFERENCE_KIND[dim]
        labels = getattr(ref, kind)
        frame[dim] = codes.astype("string")
        for lang in ("vi", "en"):
            frame[f"{dim}_name_{lang}"] = pd.Series(
                [_name(labels, code, dim, lang) for code in codes],
                index=frame.index,
                dtype="string",
            )
        if dim == "compliance_point" and "cluster" not in dims:
            frame["cluster"] = pd.Series(
                [_attribute(labels, code, "parent") for code in codes],
                index=frame.index,
                dtype="string",
            )
        if dim in {"compliance_point", "cluster"} and "cluster_group" not in frame:
            frame["cluster_group"] = pd.Series(
                [_attribute(labels, code, "group") for code in codes],
                index=frame.index,
                dtype="string",
            )
    return frame[_label_order(list(frame.columns), dims)]


def _label_order(columns: list[str], dims: Sequence[str]) -> list[str]:
    """Each group code followed by its labels, then cluster columns, then the figures."""
    front: list[str] = []
    for dim in dims:
        front += [dim, f"{dim}_name_vi", f"{dim}_name_en"]
    front += [column for column in ("cluster", "cluster_group") if column not in front]
    front = [column for column in front if column in columns]
    return front + [column for column in columns if column not in front]


def _name(labels: dict, code: object, dim: str, lang: str) -> str:
    if code is None or code is pd.NA or (isinstance(code, float) and pd.isna(code)):
        return t(f"indicators.label.no_{dim}", lang)
    label = labels.get(code)
    return label.name(lang) if label is not None else str(code)


def _attribute(labels: dict, code: object, attribute: str) -> str | None:
    label = labels.get(code) if isinstance(code, str) else None
    return getattr(label, attribute) if label is not None else None


def order_rows(frame: pd.DataFrame, dims: Sequence[str], ref: Reference) -> pd.DataFrame:
    """Rows in reference order (the taxonomy's, the provinces' codes), years ascending."""
    if frame.empty or not dims:
        return frame.reset_index(drop=True)
    keys = []
    for dim in dims:
        if dim == "year":
            keys.append(frame[dim].astype("float64").fillna(-1))
            continue
        order = {code: position for position, code in enumerate(getattr(ref, REFERENCE_KIND[dim]))}
        keys.append(frame[dim].map(lambda code, order=order: order.get(code, len(order))))
    sort_frame = pd.DataFrame({f"_k{i}": key.to_numpy() for i, key in enumerate(keys)})
    positions = sort_frame.sort_values(list(sort_frame.columns), kind="stable").index
    return frame.iloc[positions].reset_index(drop=True)


def counts_as_int(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Counts come back as Decimal or int64 depending on the backend; make them Int64."""
    for column in columns:
        frame[column] = pd.to_numeric(frame[column]).astype("Int64")
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
