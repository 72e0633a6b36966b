"""How current the figures are: the latest assessment they rest on and the latest import.

Shown beside every figure and written into every export, so a reader knows whether a
table predates last week's import. For constituents the latest assessment date of a
selection resting on fewer than `min_factories` factories is withheld: a date tied to
one or two factories says when those factories were visited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine, func, select

from data_access.config import settings
from data_access.filters import Filters
from data_access.models import Assessment, Factory, ImportBatch
from data_access.scope import Scope, require_known


@dataclass(frozen=True)
class DataAsOf:
    latest_assessment: date | None
    latest_import: datetime | None


def data_as_of(
    engine: Engine, scope: Scope, filters: Filters, *, min_factories: int | None = None
) -> DataAsOf:
    """The newest assessment date matching the filters and the newest committed import."""
    require_known(scope)
    limit = settings().min_factories if min_factories is None else min_factories
    a, f = Assessment.__table__.alias("a"), Factory.__table__.alias("f")
    assessments = (
        select(func.max(a.c.assessed_on), func.count(func.distinct(a.c.factory_id)))
        .select_from(a.join(f, f.c.id == a.c.factory_id))
        .where(*filters.assessment_conditions(a), *filters.factory_conditions(f))
    )
    with engine.connect() as connection:
        latest, factories = connection.execute(assessments).one()
        imported = connection.scalar(
            select(func.max(ImportBatch.imported_at)).where(ImportBatch.status == "committed")
        )
    if isinstance(latest, str):
        latest = date.fromisoformat(latest[:10])
    if scope.suppresses and 0 < int(factories or 0) < limit:
        latest = None
    return DataAsOf(latest_assessment=latest, latest_import=imported)
