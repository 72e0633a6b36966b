"""Writes a synthetic demonstration dataset, deterministically, in one transaction.

Two modes. Called without `factories`/`years` it builds the calibrated demo: the
programme's history from July 2009 to the fixed end of the demo data (31 October 2026),
its size, places and non-compliance shapes following the published figures (see
`calibration`). With `factories` and/or `years` it builds a scale dataset: that many
factories, each assessed once a year over the last `years` years, for load tests.

Same seed, same data: every random draw comes from streams seeded by the seed (one per
factory), and nothing depends on today's date or on batch sizes. A dataset's name
carries its parameters, and generating a dataset whose name already exists is refused
(`DemoDataExists`) rather than silently duplicated; a different seed or scale is a new
dataset with its own factory codes and can sit beside the first.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, select, update

from data_access.demo import calibration as cal
from data_access.demo.decisions import CalibratedDecisions, IndependentDecisions
from data_access.demo.names import factory_address, factory_name, weighted_choice
from data_access.demo.outcomes import Decisions, OutcomeModel, PlannedAssessment
from data_access.demo.questions import QuestionSet, ensure_questions
from data_access.demo.roster import FactoryPlan, calibrated_roster, scale_roster
from data_access.demo.streams import stream
from data_access.demo.writer import BulkWriter
from data_access.meta import bump_data_version
from data_access.models import (
    Assessment,
    Dataset,
    Factory,
    ImportBatch,
    LegacyProvince,
    Province,
    SocialDialogue,
    size_band_for,
)
from data_access.summaries import refresh_point_results

GENERATOR_VERSION = 1
DEFAULT_SEED = 2009
DEFAULT_SCALE_FACTORIES = 500
DEFAULT_SCALE_YEARS = 10
MAX_FACTORIES = 100_000
MAX_SEED = 999_999_999
MAX_YEARS = cal.LAST_YEAR - cal.FIRST_YEAR + 1
# Assessments written per batch: each batch is one COPY/executemany stream of findings
# (~250k rows) and one summary refresh, small enough to keep memory flat.
ASSESSMENTS_PER_BATCH = 1000

Progress = Callable[[str], None]


class DemoDataError(ValueError):
    """A demo-data request that cannot be carried out, with a message for a person."""


class DemoDataExists(DemoDataError):
    """The database already holds a synthetic dataset of this name (same seed and scale)."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"The database already holds the synthetic dataset {name!r}; generating it again "
            "would duplicate it. Use another --seed (or scale) for a second dataset, or start "
            "from an empty database."
        )
        self.dataset_name = name


@dataclass(frozen=True)
class GenerationRequest:
    seed: int
    factories: int | None
    years: int | None

    @property
    def scale(self) -> bool:
        return self.factories is not None

    @property
    def first_year(self) -> int:
        return cal.LAST_YEAR - self.years + 1 if self.years else cal.FIRST_YEAR

    @property
    def dataset_name(self) -> str:
        if self.scale:
            return (
                f"Synthetic demonstration data (seed {self.seed}, "
                f"{self.factories} factories, {self.years} years)"
            )
        return f"Synthetic demonstration data (seed {self.seed})"

    def factory_code(self, number: int) -> str:
        if self.scale:
            width = len(str(self.factories))
            return f"D{self.seed}-{self.factories}x{self.years}-{number:0{width}d}"
        return f"D{self.seed}-{number:04d}"

    def fingerprint(self) -> str:
        """Stands in for a file checksum on the import batch: the parameters determine the
        data, so equal fingerprints mean equal data."""
        parameters = {
            "generator": GENERATOR_VERSION,
            "seed": self.seed,
            "factories": self.factories,
            "years": self.years,
        }
        encoded = json.dumps(parameters, sort_keys=True).encode("utf-8")
        return hashlib.sha256(encoded).hexdigest()


@dataclass(frozen=True)
class GenerationSummary:
    dataset_id: int
    dataset_name: str
    import_batch_id: int
    mode: str
    seed: int
    first_year: int
    last_year: int
    factories: int
    assessments: int
    findings: int
    social_dialogue: int
    seconds: float


def make_request(factories: int | None, years: int | None, seed: int) -> GenerationRequest:
    """Validates the options; giving only one of factories/years selects scale mode with
    the other at its default."""
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise DemoDataError(f"The seed must be a whole number from 0 to {MAX_SEED}.")
    if factories is None and years is None:
        return GenerationRequest(seed, None, None)
    factories = DEFAULT_SCALE_FACTORIES if factories is None else factories
    years = DEFAULT_SCALE_YEARS if years is None else years
    if not 1 <= factories <= MAX_FACTORIES:
        raise DemoDataError(f"The number of factories must be from 1 to {MAX_FACTORIES}.")
    if not 1 <= years <= MAX_YEARS:
        raise DemoDataError(
            f"The number of years must be from 1 to {MAX_YEARS} "
            f"(the demo history runs {cal.FIRST_YEAR}-{cal.LAST_YEAR})."
        )
    return GenerationRequest(seed, factories, years)


def generate_demo_data(
    engine: Engine,
    factories: int | None = None,
    years: int | None = None,
    seed: int = DEFAULT_SEED,
    progress: Progress | None = None,
) -> GenerationSummary:
    """Writes one synthetic dataset (factories, assessments, findings, social dialogue,
    the point summary and the data-version bump) in a single transaction: all or nothing."""
    request = make_request(factories, years, seed)
    report: Progress = progress or (lambda _message: None)
    started = time.perf_counter()
    with engine.begin() as connection:
        if connection.scalar(select(Dataset.id).where(Dataset.name == request.dataset_name)):
            raise DemoDataExists(request.dataset_name)
        provinces = _province_lookups(connection)
        questions = ensure_questions(connection)
        report(
            f"Questions ready: {len(questions.after_merger)} active, "
            f"{len(questions.retired)} retired."
        )
        dataset_id, batch_id = _provenance(connection, request)
        plans, decisions, total = _plan(request, provinces, questions)
        model = OutcomeModel(questions, decisions)
        writer = BulkWriter(connection)
        counts = _Counts()
        for batch in _batches(request, plans, model, provinces):
            _write_batch(connection, writer, batch, dataset_id, batch_id, questions, counts)
            report(
                f"Factories {counts.factories:,} of {total:,}: {counts.assessments:,} "
                f"assessments, {counts.findings:,} findings "
                f"({time.perf_counter() - started:.0f} s)"
            )
        connection.execute(
            update(ImportBatch).where(ImportBatch.id == batch_id).values(rows=counts.findings)
        )
        report("Updating the summaries and the data version...")
        bump_data_version(connection)
        report("Committing...")
    return GenerationSummary(
        dataset_id=dataset_id,
        dataset_name=request.dataset_name,
        import_batch_id=batch_id,
        mode="scale" if request.scale else "calibrated",
        seed=request.seed,
        first_year=request.first_year,
        last_year=cal.LAST_YEAR,
        factories=counts.factories,
        assessments=counts.assessments,
        findings=counts.findings,
        social_dialogue=counts.assessments,
        seconds=round(time.perf_counter() - started, 1),
    )


def _plan(
    request: GenerationRequest, provinces: _ProvinceLookups, questions: QuestionSet
) -> tuple[Iterable[FactoryPlan], Decisions, int]:
    """The factories to write (scale mode: a lazy stream) and how their findings are decided."""
    if request.scale:
        plans = scale_roster(
            request.seed, request.factories, request.years, provinces.legacy_to_current
        )
        return plans, IndependentDecisions(questions.points), request.factories
    roster = calibrated_roster(request.seed, provinces.legacy_to_current)
    return roster, CalibratedDecisions(roster, questions.points, request.seed), len(roster)


@dataclass
class _Counts:
    factories: int = 0
    assessments: int = 0
    findings: int = 0


@dataclass(frozen=True)
class _ProvinceLookups:
    legacy_to_current: dict[str, str]
    names: dict[tuple[str, str], str]  # ("legacy" | "current", code) -> Vietnamese name

    def name_for(self, plan: FactoryPlan) -> str:
        if plan.legacy_code is not None:
            return self.names[("legacy", plan.legacy_code)]
        return self.names[("current", plan.province_code)]


def _province_lookups(connection: Connection) -> _ProvinceLookups:
    legacy = connection.execute(
        select(LegacyProvince.code, LegacyProvince.province_code, LegacyProvince.name_vi)
    ).all()
    missing = sorted({entry[0] for entry in cal.PROVINCE_POOL} - {row.code for row in legacy})
    if missing:
        raise DemoDataError(
            "The reference data is not loaded (legacy provinces "
            f"{', '.join(missing)} are missing): run `python -m data_access.cli init-db` first."
        )
    names = {("legacy", row.code): row.name_vi for row in legacy}
    for code, name in connection.execute(select(Province.code, Province.name_vi)):
        names[("current", code)] = name
    return _ProvinceLookups({row.code: row.province_code for row in legacy}, names)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _provenance(connection: Connection, request: GenerationRequest) -> tuple[int, int]:
    scope = (
        f"{request.factories} factories assessed yearly {request.first_year}-{cal.LAST_YEAR}"
        if request.scale
        else "the programme's history from July 2009, calibrated to Better Work Viet Nam's "
        "published figures (assets/reference/programme_facts.md)"
    )
    dataset_id = connection.execute(
        Dataset.__table__.insert().returning(Dataset.id),
        {
            "name": request.dataset_name,
            "synthetic": True,
            "description": (
                f"Invented for demonstration: {scope}, up to {cal.DATA_END.isoformat()}. "
                "Describes no real factory."
            ),
            "created_at": _now(),
        },
    ).scalar_one()
    batch_id = connection.execute(
        ImportBatch.__table__.insert().returning(ImportBatch.id),
        {
            "dataset_id": dataset_id,
            "kind": "demo_seed",
            "file_name": f"demo generator (seed {request.seed})",
            "checksum": request.fingerprint(),
            "rows": 0,
            "imported_by": "demo generator",
            "imported_at": _now(),
            "status": "committed",
            "message": request.dataset_name,
        },
    ).scalar_one()
    return dataset_id, batch_id


@dataclass(frozen=True)
class _PlannedFactory:
    row: dict[str, object]
    assessments: list[PlannedAssessment]


def _batches(
    request: GenerationRequest,
    plans: Iterable[FactoryPlan],
    model: OutcomeModel,
    provinces: _ProvinceLookups,
) -> Iterator[list[_PlannedFactory]]:
    batch: list[_PlannedFactory] = []
    size = 0
    for plan in plans:
        code = request.factory_code(plan.number)
        rng = stream("demo-factory", request.seed, code)
        investor = weighted_choice(rng, cal.INVESTOR_COUNTRIES[plan.sector])
        row = {
            "code": code,
            "name": factory_name(rng, plan.sector, investor, plan.number),
            "sector_code": plan.sector,
            "legacy_province_code": plan.legacy_code,
            "province_code": plan.province_code,
            "address": factory_address(rng, provinces.name_for(plan)),
            "size_band": size_band_for(plan.workers_total),
            "workers_total": plan.workers_total,
            "workers_women": plan.workers_women,
            "investor_country": investor,
            "joined_on": plan.joined_on,
            "left_on": plan.left_on,
        }
        planned = _PlannedFactory(row, model.assessments(plan, rng))
        batch.append(planned)
        size += len(planned.assessments)
        if size >= ASSESSMENTS_PER_BATCH:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _write_batch(
    connection: Connection,
    writer: BulkWriter,
    batch: list[_PlannedFactory],
    dataset_id: int,
    batch_id: int,
    questions: QuestionSet,
    counts: _Counts,
) -> None:
    provenance = {"dataset_id": dataset_id, "import_batch_id": batch_id}
    factory_ids = writer.insert_returning_ids(
        Factory.__table__, [{**planned.row, **provenance} for planned in batch]
    )
    visits = [
        (factory_id, assessment)
        for factory_id, planned in zip(factory_ids, batch, strict=True)
        for assessment in planned.assessments
    ]
    assessment_ids = writer.insert_returning_ids(
        Assessment.__table__,
        [
            {
                "factory_id": factory_id,
                "assessed_on": assessment.assessed_on,
                "cycle": assessment.cycle,
                "assessment_type": assessment.assessment_type,
                **provenance,
            }
            for factory_id, assessment in visits
        ],
    )
    counts.findings += writer.write_findings(
        (assessment_id, questions.codes_for(assessment.assessed_on), assessment.flagged)
        for assessment_id, (_factory_id, assessment) in zip(assessment_ids, visits, strict=True)
    )
    writer.insert(
        SocialDialogue.__table__,
        [
            {"factory_id": factory_id, "assessment_id": assessment_id, **assessment.social}
            for assessment_id, (factory_id, assessment) in zip(assessment_ids, visits, strict=True)
        ],
    )
    refresh_point_results(connection, assessment_ids)
    counts.factories += len(batch)
    counts.assessments += len(assessment_ids)
