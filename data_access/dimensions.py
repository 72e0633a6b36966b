"""The breakdowns of the figures, declared once: what a new one needs is one row here.

A dimension is a way to narrow the figures (a filter) and, mostly, to break them down
(a group-by). Everything that used to be spelled out per dimension is derived from
`DIMENSIONS`: the `Filters` SQL on the factories table, the URL keys and the checks
of a link's codes, the sentence saying what the figures cover, the sidebar widgets,
the breakdowns disclosure treats as partitions of the factories, and the group-by
columns and labels of every indicator frame. Rows are in reading order: the order of
the sidebar and of the sentence.

Not here on purpose: the period (years and dates bound the assessment, not the
factory, and read differently), and disclosure's cube (`disclosure.CUBE_DIMS`,
`MARGINS`), which is a confidentiality rule to be decided, not derived.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dimension:
    """One breakdown.

    - `key`: its name in `by=` and its frame column (`sector`).
    - `field`: the `Filters` field restricting it (`sectors`).
    - `url_key`: its query parameter in a shared link (`sector`).
    - `reference_kind`: the `Reference` attribute with its codes and names.
    - `label_key`: the sidebar widget's label in the catalogue.
    - `widget`: the widget's session-state name (kept stable: the browser tests use it).
    - `factory_column`: the `factories` column it narrows, or None when it narrows the
      compliance points reported rather than the factories counted (clusters, points).
    - `additive`: factories partition along it, so its cells add up to the national
      figure (disclosure's complementary suppression rests on that).
    - `sidebar_main`: shown above the "more filters" expander.
    - `phrase`: the part of the describing sentence it joins; dimensions sharing a
      phrase are listed together (current and former provinces are one place).
    - `everything_key`: the words for its phrase when nothing in the phrase is chosen
      ("All sectors"; given on one member of a phrase); None leaves the phrase out.
    - `name_key`: a catalogue template wrapping each chosen name (`{name}`), if any.
    """

    key: str
    field: str
    url_key: str
    reference_kind: str
    label_key: str
    widget: str
    factory_column: str | None
    additive: bool
    sidebar_main: bool
    phrase: str
    everything_key: str | None = None
    name_key: str | None = None


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        key="sector",
        field="sectors",
        url_key="sector",
        reference_kind="sectors",
        label_key="shell.filters.sectors",
        widget="sectors",
        factory_column="sector_code",
        additive=True,
        sidebar_main=True,
        phrase="sector",
        everything_key="filters.describe.all_sectors",
    ),
    Dimension(
        key="province",
        field="provinces",
        url_key="province",
        reference_kind="provinces",
        label_key="shell.filters.provinces",
        widget="provinces",
        factory_column="province_code",
        additive=True,
        sidebar_main=True,
        phrase="place",
        everything_key="filters.describe.all_provinces",
    ),
    Dimension(
        key="legacy_province",
        field="legacy_provinces",
        url_key="legacy_province",
        reference_kind="legacy_provinces",
        label_key="shell.filters.legacy_provinces",
        widget="legacy",
        factory_column="legacy_province_code",
        additive=True,
        sidebar_main=False,
        phrase="place",
        name_key="filters.describe.legacy_province",
    ),
    Dimension(
        key="size_band",
        field="size_bands",
        url_key="size",
        reference_kind="size_bands",
        label_key="shell.filters.size_bands",
        widget="sizes",
        factory_column="size_band",
        additive=True,
        sidebar_main=False,
        phrase="size",
    ),
    Dimension(
        key="cluster",
        field="clusters",
        url_key="cluster",
        reference_kind="clusters",
        label_key="shell.filters.clusters",
        widget="clusters",
        factory_column=None,
        additive=False,
        sidebar_main=False,
        phrase="cluster",
    ),
    Dimension(
        key="compliance_point",
        field="compliance_points",
        url_key="cp",
        reference_kind="compliance_points",
        label_key="shell.filters.compliance_points",
        widget="cps",
        factory_column=None,
        additive=False,
        sidebar_main=False,
        phrase="compliance_point",
    ),
)
BY_KEY: dict[str, Dimension] = {dimension.key: dimension for dimension in DIMENSIONS}
BY_FIELD: dict[str, Dimension] = {dimension.field: dimension for dimension in DIMENSIONS}
BY_URL_KEY: dict[str, Dimension] = {dimension.url_key: dimension for dimension in DIMENSIONS}

#: The breakdowns read from the factory row (the rest narrow the points reported).
FACTORY_DIMENSIONS: tuple[Dimension, ...] = tuple(
    dimension for dimension in DIMENSIONS if dimension.factory_column is not None
)


def phrases() -> list[tuple[Dimension, ...]]:
    """The describing sentence's parts in order, each with the dimensions it lists."""
    grouped: dict[str, list[Dimension]] = {}
    for dimension in DIMENSIONS:
        grouped.setdefault(dimension.phrase, []).append(dimension)
    return [tuple(members) for members in grouped.values()]
