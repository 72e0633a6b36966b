"""What every loader does, in the order `load.run_import` calls it.

`add` takes each parsed row (validating what needs the row as a whole), `check`
runs the checks that need the whole file, `diff` counts what would be new, updated
or unchanged, and `apply` writes. Only `apply` touches programme tables, and it
runs in the same transaction as everything before it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from data_access.imports.formats import ImportFormat
from data_access.imports.problems import ProblemLog
from data_access.imports.validate import INVALID, HeaderMap, References


@dataclass
class Counts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    detail: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> int:
        return self.new + self.updated

    def as_dict(self) -> dict[str, int]:
        return {
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            **self.detail,
        }


@dataclass
class Applied:
    """What a write touched: the batches it superseded and the assessments whose
    compliance-point summary must be recomputed."""

    superseded_batches: set[int] = field(default_factory=set)


class Loader(ABC):
    #: What the counts count, a message key suffix: "factories", "assessments", …
    unit: str = "rows"

    def __init__(
        self,
        connection: Connection,
        fmt: ImportFormat,
        header_map: HeaderMap,
        refs: References,
        log: ProblemLog,
    ) -> None:
        self.connection = connection
        self.fmt = fmt
        self.header_map = header_map
        self.refs = refs
        self.log = log

    def header(self, name: str) -> str:
        """The column as the file spells it, for messages."""
        positions = self.header_map.positions
        return self.header_map.headers[positions[name]] if name in positions else name

    @staticmethod
    def valid(record: dict[str, Any], *names: str) -> bool:
        return all(record.get(name) is not INVALID for name in names)

    @abstractmethod
    def add(self, row: int, record: dict[str, Any], ok: bool) -> None: ...

    def check(self) -> None:  # noqa: B027 - an optional hook; most loaders need none
        """Whole-file checks; most loaders find duplicates as rows arrive."""

    @abstractmethod
    def diff(self) -> Counts: ...

    @abstractmethod
    def apply(self, batch_id: int, dataset_id: int) -> Applied: ...

    def close(self) -> None:  # noqa: B027 - an optional hook; only staging loaders need it
        """Drop anything made for this import (staging tables)."""
