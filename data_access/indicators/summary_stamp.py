"""How a maintained summary table (`point_counts`, `programme_counts`) says what built it.

Each table is stamped in `app_meta` with the data version it was built at and a
fingerprint of its counting rule on this backend (the rule's SQL, plus a build number
bumped by hand when the build's own meaning changes). A table whose stamp differs is
never read: the caller computes from scratch, and start-up rebuilds it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from sqlalchemy import Connection, Dialect, Engine, Select, select

from data_access.filters import Filters
from data_access.meta import DATA_VERSION_KEY, meta_values, set_meta
from data_access.models import AppMeta


@dataclass(frozen=True)
class SummaryStamp:
    """`key`: the table's `app_meta` entry; `rule(filters, per_year=)`: the statement
    that decides what is counted, whose SQL is fingerprinted; `build`: the hand-kept
    number for everything else about the build."""

    key: str
    rule: Callable[..., Select]
    build: int

    def stamp(self, data_version: object, dialect: Dialect) -> str:
        version = data_version if data_version is not None else 0
        return f"{version}/{_definition(self, dialect)}"

    def write(self, connection: Connection) -> None:
        """Stamp the table just built, inside the build's own transaction."""
        version = connection.scalar(select(AppMeta.value).where(AppMeta.key == DATA_VERSION_KEY))
        set_meta(connection, self.key, self.stamp(version, connection.dialect))

    def is_current(self, connection: Connection) -> bool:
        """Whether the table was built at the current data version, by the current rule."""
        values = meta_values(connection)
        return values.get(self.key) == self.stamp(values.get(DATA_VERSION_KEY), connection.dialect)

    def refresh_if_stale(self, engine: Engine, refresh: Callable[[Connection], None]) -> bool:
        """Rebuild with `refresh` when the table lags the data (first start after the
        migration that added it, or data changed without a bump). True when it rebuilt."""
        with engine.begin() as connection:
            if self.is_current(connection):
                return False
            refresh(connection)
            return True


@cache
def _definition(stamp: SummaryStamp, dialect: Dialect) -> str:
    """The fingerprint of `stamp`'s rule on this backend: a code upgrade that changes
    what is counted changes it, so a table built the old way is not read as the new."""
    text_of = [
        str(
            stamp.rule(Filters(), per_year=per_year).compile(
                dialect=dialect, compile_kwargs={"literal_binds": True}
            )
        )
        for per_year in (True, False)
    ]
    digest = hashlib.sha256("\n".join([str(stamp.build), *text_of]).encode("utf-8"))
    return digest.hexdigest()[:16]
