"""A hand-built fixture builder: a few factories and assessments written row by row, so
each test can state its data and compute the expected figures by hand.

Findings are written as the importer writes them (question-level rows, then
`refresh_point_results` in the same transaction) and every write bumps the data
version as an import does, rebuilding the multi-assessment summary `point_counts`.
That rebuild is whole-table, so `Builder(engine, summaries=False)` skips it: the data
version still moves (caches see the change) but the summary stays stale, so the
indicators compute from the point results, the definition the hand-worked tests check;
`publish()` then rebuilds it once, as the end of an import would.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

from sqlalchemy import Connection, Engine, Integer, String, cast, insert, select, update

from data_access.meta import DATA_VERSION_KEY, bump_data_version
from data_access.models import (
    AppMeta,
    Assessment,
    Dataset,
    Factory,
    Finding,
    Question,
    SocialDialogue,
    size_band_for,
)
from data_access.summaries import refresh_point_results

LEGACY_OF = {"79": "79", "01": "01", "48": "48"}


def as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


class Builder:
    """Writes fixtures into a migrated database holding only reference data."""

    def __init__(self, engine: Engine, *, summaries: bool = True, dataset: str = "fixture") -> None:
        self.engine = engine
        self.summaries = summaries
        with engine.begin() as connection:
            self.dataset_id = connection.execute(
                insert(Dataset)
                .values(name=dataset, synthetic=True, created_at=datetime(2025, 1, 1))
                .returning(Dataset.id)
            ).scalar_one()
        self._questions: set[str] = set()
        self._factories = 0

    @contextmanager
    def _begin(self) -> Iterator[Connection]:
        """A transaction that does not wait for the disk on PostgreSQL: fixtures are
        written in dozens of tiny transactions and nothing needs them to survive a crash."""
        with self.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
            yield connection

    def question(self, code: str, cp_code: str, *, fact_gathering: bool = False) -> str:
        if code not in self._questions:
            with self._begin() as connection:
                exists = connection.scalar(select(Question.code).where(Question.code == code))
                if exists is None:
                    connection.execute(
                        insert(Question).values(
                            code=code,
                            cp_code=cp_code,
                            text_en=code,
                            text_vi=code,
                            fact_gathering=fact_gathering,
                            active=True,
                        )
                    )
            self._questions.add(code)
        return code

    def factory(
        self,
        code: str | None = None,
        *,
        sector: str = "garment",
        province: str = "79",
        legacy: str | None = "79",
        workers: int = 1000,
        women: int = 700,
        name: str | None = None,
        joined_on: date | str = "2015-01-01",
    ) -> int:
        self._factories += 1
        code = code or f"F{self._factories:04d}"
        with self._begin() as connection:
            return connection.execute(
                insert(Factory)
                .values(
                    code=code,
                    name=name or f"Factory {code}",
                    sector_code=sector,
                    province_code=province,
                    legacy_province_code=legacy,
                    size_band=size_band_for(workers),
                    workers_total=workers,
                    workers_women=women,
                    joined_on=as_date(joined_on),
                    dataset_id=self.dataset_id,
                )
                .returning(Factory.id)
            ).scalar_one()

    def assessment(
        self,
        factory_id: int,
        on: date | str,
        *,
        points: dict[str, bool] | None = None,
        findings: dict[str, bool] | None = None,
        dialogue: dict[str, object] | None = None,
        kind: str = "annual",
        cycle: int = 1,
    ) -> int:
        """`points` gives one counted question per compliance point (`<cp>-Q1`) with the
        given result; `findings` gives results of named questions made beforehand."""
        rows = dict(findings or {})
        for cp_code, non_compliant in (points or {}).items():
            rows[self.question(f"{cp_code}-Q1", cp_code)] = non_compliant
        with self._begin() as connection:
            assessment_id = connection.execute(
                insert(Assessment)
                .values(
                    factory_id=factory_id,
                    assessed_on=as_date(on),
                    cycle=cycle,
                    assessment_type=kind,
                    dataset_id=self.dataset_id,
                )
                .returning(Assessment.id)
            ).scalar_one()
            if rows:
                connection.execute(
                    insert(Finding),
                    [
                        {"assessment_id": assessment_id, "question_code": q, "non_compliant": nc}
                        for q, nc in rows.items()
                    ],
                )
                refresh_point_results(connection, [assessment_id])
            if dialogue is not None:
                connection.execute(
                    insert(SocialDialogue).values(
                        factory_id=factory_id,
                        assessment_id=assessment_id,
                        **{**DIALOGUE_DEFAULTS, **dialogue},
                    )
                )
            if self.summaries:
                bump_data_version(connection)
            else:
                _move_data_version(connection)
        return assessment_id

    def publish(self) -> None:
        """Finish as an import does: bump the data version with every summary rebuilt."""
        with self._begin() as connection:
            bump_data_version(connection)

    def many(
        self,
        count: int,
        on: date | str,
        *,
        points: dict[str, bool] | None = None,
        non_compliant_first: int = 0,
        cp: str | None = None,
        **factory_options: object,
    ) -> list[int]:
        """`count` factories each assessed once on `on`; the first `non_compliant_first`
        are non-compliant on `cp` (others compliant on it), plus any fixed `points`."""
        ids = []
        for index in range(count):
            factory_id = self.factory(**factory_options)  # type: ignore[arg-type]
            results = dict(points or {})
            if cp is not None:
                results[cp] = index < non_compliant_first
            self.assessment(factory_id, on, points=results)
            ids.append(factory_id)
        return ids


def _move_data_version(connection: Connection) -> None:
    updated = connection.execute(
        update(AppMeta)
        .where(AppMeta.key == DATA_VERSION_KEY)
        .values(value=cast(cast(AppMeta.value, Integer) + 1, String))
    )
    if updated.rowcount == 0:
        connection.execute(insert(AppMeta).values(key=DATA_VERSION_KEY, value="1"))


DIALOGUE_DEFAULTS: dict[str, object] = {
    "union_present": True,
    "union_leaders_freely_elected": True,
    "union_membership_share": 0.5,
    "cba_in_force": False,
    "cba_workers_covered": 0,
    "picc_present": True,
    "picc_members": 10,
    "picc_women_members": 5,
    "picc_meetings_12m": 12,
    "grievance_mechanism": True,
    "work_stoppages_12m": 0,
}
