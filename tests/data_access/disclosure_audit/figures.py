"""Every figure a published frame gives a constituent, read as a statement about a set of
factories (`CellSpec`): a visible count (an equation), a hidden row (the cell exists:
at least one factory), its published reason, or an absent row (no factory there).

Frames are read by what they say about themselves (`attrs`: indicator, filters, by,
before, after, basis), so the audit follows whatever selection the data layer actually
answered, not the one it was asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import product

import pandas as pd

from data_access.filters import Filters
from data_access.indicators.compliance import BASIS_SAME
from data_access.refdata import Reference
from tests.data_access.disclosure_audit.dataset import POINTS, YEARS
from tests.data_access.disclosure_audit.model import CellSpec

#: Group columns that narrow the set of factories, and the CellSpec field they narrow.
FACTORY_KEYS: dict[str, str] = {
    "year": "year",
    "province": "provinces",
    "legacy_province": "legacy",
    "sector": "sectors",
    "size_band": "size_bands",
}
COUNT = None  # the family of factory counts; point families are frozensets of points
FAMILY_ALL = frozenset(POINTS)


@dataclass(frozen=True)
class Figure:
    spec: CellSpec
    family: frozenset[str] | None
    value: float | None
    hidden: bool = False
    exists: bool = False
    reason: str = ""
    source: str = ""


Reader = Callable[[pd.DataFrame, "Reference"], Iterator["Figure"]]


def is_missing(value: object) -> bool:
    return value is None or value is pd.NA or bool(pd.isna(value))


def figures_of(frame: pd.DataFrame, ref: Reference) -> Iterator[Figure]:
    """The figures one published frame states (nothing for a frame it does not know)."""
    indicator = frame.attrs.get("indicator")
    reader = READERS.get(str(indicator))
    if reader is not None:
        yield from reader(frame, ref)


def _source(frame: pd.DataFrame, row: pd.Series | None = None) -> str:
    attrs = frame.attrs
    text = f"{attrs.get('indicator')} by={tuple(attrs.get('by') or ())}"
    if row is not None:
        keys = [f"{key}={row[key]}" for key in FACTORY_KEYS if key in row.index]
        keys += [f"{key}={row[key]}" for key in ("compliance_point", "cluster") if key in row]
        text += " " + ",".join(keys)
    return text


def _narrow(spec: CellSpec, row: pd.Series, dims: Iterable[str]) -> CellSpec:
    for dim in dims:
        field = FACTORY_KEYS.get(dim)
        if field is None:
            continue
        value = row[dim]
        spec = spec.narrowed(field, None if is_missing(value) else value)
    return spec


def _points(filters: Filters, ref: Reference, within: Iterable[str] = POINTS) -> frozenset[str]:
    """The audited points a figure without a point or cluster grouping is about."""
    chosen = set(filters.compliance_points)
    chosen |= {
        code for code, label in ref.compliance_points.items() if label.parent in filters.clusters
    }
    points = set(within)
    return frozenset(points & chosen) if chosen else frozenset(points)


def _family(row: pd.Series, filters: Filters, ref: Reference) -> frozenset[str]:
    if "compliance_point" in row.index and not is_missing(row["compliance_point"]):
        return frozenset({str(row["compliance_point"])}) & FAMILY_ALL
    if "cluster" in row.index and not is_missing(row["cluster"]):
        inside = [code for code in POINTS if ref.compliance_points[code].parent == row["cluster"]]
        return _points(filters, ref, inside)
    return _points(filters, ref)


def _row_figures(
    frame: pd.DataFrame,
    row: pd.Series,
    spec: CellSpec,
    columns: dict[str, frozenset[str] | None],
    *,
    hidden: bool,
    exists: bool,
    reason: str,
) -> Iterator[Figure]:
    source = _source(frame, row)
    for column, family in columns.items():
        value = row[column]
        if family is not COUNT and not family:
            continue
        yield Figure(
            spec,
            family,
            None if is_missing(value) else float(value),
            hidden=hidden,
            exists=exists and family is COUNT,
            reason=reason if family is COUNT else "",
            source=f"{source} {column}",
        )


def _grouped(size: str, nc: str | None, *, complete: bool = True) -> Reader:
    """A reader for frames of one period with group rows (programme size, non-compliance,
    social dialogue): each row's figures and, when the frame has every group
    (`complete`; a top-n ranking has not), a zero for every group without a row. An
    empty frame says nothing: it may be a refusal rather than a selection without
    factories (the sample asks only for selections that hold factories)."""

    def read(frame: pd.DataFrame, ref: Reference) -> Iterator[Figure]:
        if frame.empty:
            return
        attrs = frame.attrs
        filters: Filters = attrs["filters"]
        dims = tuple(attrs.get("by") or ())
        base = CellSpec.of(filters)
        if "measure" in frame.columns:
            frame = frame[frame["measure"] == "union_present"]
            frame.attrs = attrs
        for _, row in frame.iterrows():
            columns: dict[str, frozenset[str] | None] = {size: COUNT}
            if nc is not None:
                columns[nc] = _family(row, filters, ref)
            yield from _row_figures(
                frame,
                row,
                _narrow(base, row, dims),
                columns,
                hidden=bool(row["suppressed"]),
                exists=True,
                reason=str(row["suppression_reason"] or ""),
            )
        if complete:
            yield from _absent(frame, ref, base, dims)

    return read


def _absent(
    frame: pd.DataFrame, ref: Reference, base: CellSpec, dims: tuple[str, ...]
) -> Iterator[Figure]:
    keys = [dim for dim in dims if dim in FACTORY_KEYS and dim != "province"]
    if "province" in dims and "legacy_province" not in dims:
        keys.insert(0, "province")
    spaces: list[list[tuple[tuple[str, object], ...]]] = []
    for dim in keys:
        if dim == "year":
            spaces.append([(("year", year),) for year in YEARS])
        elif dim == "legacy_province":
            pairs = [(label.parent, code) for code, label in ref.legacy_provinces.items()]
            pairs += [(code, None) for code in ref.provinces]
            spaces.append([(("province", p), ("legacy_province", legacy)) for p, legacy in pairs])
        else:
            kind = {"province": "provinces", "sector": "sectors", "size_band": "size_bands"}[dim]
            spaces.append([((dim, code),) for code in getattr(ref, kind)])
    seen = set()
    names = [name for space in spaces for name, _ in space[0]]
    for _, row in frame.iterrows():
        seen.add(tuple(None if is_missing(row[name]) else row[name] for name in names))
    for combination in product(*spaces):
        pairs = [pair for part in combination for pair in part]
        key = tuple(value for _, value in pairs)
        if key in seen:
            continue
        spec = base
        for name, value in pairs:
            spec = spec.narrowed(FACTORY_KEYS[name], value)
        yield Figure(spec, COUNT, 0.0, source=f"{_source(frame)} no row {key}")


def _change(frame: pd.DataFrame, ref: Reference) -> Iterator[Figure]:
    """Non-compliance in two periods: each period's counts, on all factories or on the
    factories assessed in both (`basis`)."""
    before: Filters = frame.attrs["before"]
    after: Filters = frame.attrs["after"]
    same = frame.attrs.get("basis") == BASIS_SAME
    dims = tuple(frame.attrs.get("by") or ())
    for _, row in frame.iterrows():
        for period, partner, tag in ((before, after, "before"), (after, before, "after")):
            spec = _narrow(CellSpec.of(period, partner if same else None), row, dims)
            yield from _row_figures(
                frame,
                row,
                spec,
                {f"assessed_{tag}": COUNT, f"non_compliant_{tag}": _family(row, period, ref)},
                hidden=bool(row["suppressed"]),
                exists=False,
                reason="",
            )


def _headline(frame: pd.DataFrame, ref: Reference) -> Iterator[Figure]:
    """The Overview's and the briefings' national cards: factories before and after (the
    change is their difference, so it says nothing more)."""
    for _, row in frame[frame["measure"] == "factories"].iterrows():
        for tag in ("before", "after"):
            yield Figure(
                CellSpec.of(frame.attrs[tag]),
                COUNT,
                None if is_missing(row[f"value_{tag}"]) else float(row[f"value_{tag}"]),
                source=f"{_source(frame)} value_{tag}",
            )


def _fa_cb(frame: pd.DataFrame, ref: Reference) -> Iterator[Figure]:
    filters: Filters = frame.attrs["filters"]
    for _, row in frame.iterrows():
        code = str(row["code"])
        if row["level"] == "cluster":
            family = frozenset(p for p in POINTS if ref.compliance_points[p].parent == code)
        else:
            family = frozenset({code}) & FAMILY_ALL
        spec = CellSpec.of(filters).narrowed("year", row["year"])
        yield from _row_figures(
            frame,
            row,
            spec,
            {"assessed": COUNT, "non_compliant": family},
            hidden=bool(row["suppressed"]),
            exists=True,
            reason=str(row["suppression_reason"] or ""),
        )


READERS = {
    "programme_size": _grouped("factories", None),
    "non_compliance": _grouped("assessed", "non_compliant"),
    "top_non_compliance": _grouped("assessed", "non_compliant", complete=False),
    "social_dialogue": _grouped("factories", None),
    "non_compliance_change": _change,
    "most_improved": _change,
    "programme_size_change": _headline,
    "fa_cb_non_compliance": _fa_cb,
}
