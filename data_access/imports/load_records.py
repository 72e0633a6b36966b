"""Factories, social-dialogue records and taxonomy updates: files of at most tens of
thousands of rows, compared and written record by record.

Each file describes its records in full: a blank optional cell clears the stored
value. Records are matched on their natural key (factory code, assessment, question
code, compliance-point code, level + old code); a record equal to the stored one is
"unchanged" and not written, so importing the same file twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, ClassVar

from sqlalchemy import Connection, Table, bindparam, func, insert, select, update

from data_access.imports.cells import CellError
from data_access.imports.loaders import INVALID, Applied, Counts, Loader
from data_access.imports.problems import WARNING
from data_access.imports.provinces_match import MERGER_DATE, ProvinceMatch
from data_access.models import (
    Assessment,
    CodeMapping,
    CompliancePoint,
    Factory,
    Finding,
    Question,
    SocialDialogue,
    size_band_for,
)
from data_access.summaries import refresh_point_results

Key = tuple[Any, ...]


class RecordLoader(Loader):
    """Keeps the file's records by natural key, reports a repeated key as a duplicate,
    and writes the difference with two executemany statements."""

    table: ClassVar[Table]
    fields: ClassVar[tuple[str, ...]]
    #: The column a duplicate is reported in.
    key_column: ClassVar[str]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.records: dict[Key, tuple[int, dict[str, Any]]] = {}
        self.first_rows: dict[Key, int] = {}
        self.existing: dict[Key, tuple[Any, dict[str, Any]]] = {}
        self.new: list[dict[str, Any]] = []
        self.changed: list[tuple[Any, dict[str, Any], dict[str, Any]]] = []

    def rules(self, row: int, record: dict[str, Any]) -> bool:
        """Checks across the cells of one row; True when the row may be loaded."""
        return True

    def key_of(self, record: dict[str, Any]) -> Key:
        return (str(record[self.key_column]).upper(),)

    def values_of(self, record: dict[str, Any]) -> dict[str, Any]:
        return {name: record[name] for name in self.fields}

    #: The record fields the natural key is made of (all must be readable to compare rows).
    key_fields: ClassVar[tuple[str, ...]]

    def add(self, row: int, record: dict[str, Any], ok: bool) -> None:
        """Repeats are found on the key alone, so a repeated row is reported even when
        its first occurrence has other problems."""
        ok = self.rules(row, record) and ok
        if any(record.get(name, INVALID) is INVALID for name in self.key_fields):
            return
        key = self.key_of(record)
        first = self.first_rows.setdefault(key, row)
        if first != row:
            value = record[self.key_column]
            self.log.error(
                "duplicate_row",
                row=row,
                column=self.header(self.key_column),
                value=getattr(value, "code", value),
                first=first,
            )
            return
        if ok:
            self.records[key] = (row, self.values_of(record))

    def load_existing(self) -> dict[Key, tuple[Any, dict[str, Any]]]:
        """Stored records by natural key: (primary key, comparable values)."""
        raise NotImplementedError

    def compare(self, stored: dict[str, Any], incoming: dict[str, Any]) -> bool:
        return all(stored.get(name) == value for name, value in incoming.items())

    def diff(self) -> Counts:
        self.existing = self.load_existing()
        counts = Counts()
        for key, (_row, values) in self.records.items():
            found = self.existing.get(key)
            if found is None:
                self.new.append(values)
                counts.new += 1
            elif self.compare(found[1], values):
                counts.unchanged += 1
            else:
                self.changed.append((found[0], found[1], values))
                counts.updated += 1
        return counts

    def row_for_insert(self, values: dict[str, Any], batch_id: int, dataset_id: int) -> dict:
        return values

    def row_for_update(self, values: dict[str, Any], batch_id: int) -> dict[str, Any]:
        return values

    def apply(self, batch_id: int, dataset_id: int) -> Applied:
        primary = next(iter(self.table.primary_key.columns))
        if self.new:
            self.connection.execute(
                insert(self.table),
                [self.row_for_insert(values, batch_id, dataset_id) for values in self.new],
            )
        if self.changed:
            rows = [
                {**self.row_for_update(values, batch_id), "_key": key}
                for key, _stored, values in self.changed
            ]
            names = [name for name in rows[0] if name != "_key"]
            self.connection.execute(
                update(self.table)
                .where(primary == bindparam("_key"))
                .values({name: bindparam(name) for name in names}),
                rows,
            )
        return Applied()


# --- factories ------------------------------------------------------------------------


class FactoriesLoader(RecordLoader):
    unit = "factories"
    table = Factory.__table__  # type: ignore[assignment]
    key_fields = ("factory_code",)
    key_column = "factory_code"
    fields = (
        "code",
        "name",
        "sector_code",
        "province_code",
        "legacy_province_code",
        "address",
        "size_band",
        "workers_total",
        "workers_women",
        "investor_country",
        "joined_on",
        "left_on",
    )

    def rules(self, row: int, record: dict[str, Any]) -> bool:
        ok = True
        code = record["factory_code"]
        if code is not INVALID:
            known = self.refs.factories.get(code) or self.refs.factories.get(code.upper())
            if known is not None and known.synthetic:
                self.log.error(
                    "factory_code_in_demo", row=row, column=self.header("factory_code"), value=code
                )
                ok = False
        ok = self._province(row, record) and ok
        total, women = record["workers_total"], record["workers_women"]
        if self.valid(record, "workers_total", "workers_women") and women > total:
            self.log.error(
                "women_above_total",
                row=row,
                column=self.header("workers_women"),
                value=women,
                total=total,
            )
            ok = False
        joined, left = record["joined_on"], record.get("left_on")
        if self.valid(record, "joined_on", "left_on") and left is not None and left < joined:
            self.log.error(
                "left_before_joined",
                row=row,
                column=self.header("left_on"),
                value=left.isoformat(),
                joined=joined.isoformat(),
            )
            ok = False
        if ok and self.valid(record, "workers_total"):
            record["size_band"] = size_band_for(total)
        return ok

    def _province(self, row: int, record: dict[str, Any]) -> bool:
        provinces = self.refs.provinces
        current, legacy = record["province"], record.get("legacy_province")
        if current is INVALID or legacy is INVALID:
            return False
        joined = record["joined_on"] if self.valid(record, "joined_on") else None
        if not current and not legacy:
            self.log.error("province_required", row=row, column=self.header("province"))
            return False
        try:
            if legacy:
                column = "legacy_province"
                match = provinces.match_legacy(legacy)
                if current:
                    column = "province"
                    stated = provinces.match_current(current, joined)
                    if stated.province_code != match.province_code:
                        self.log.error(
                            "province_mismatch",
                            row=row,
                            column=self.header("province"),
                            value=current,
                            legacy=provinces.legacy_name(match.legacy_code or ""),
                            successor=provinces.current_name(match.province_code),
                        )
                        return False
            else:
                column = "province"
                match = provinces.match_current(current, joined)
                note = self._former_province_note(match, joined)
                if note is not None:
                    key, params = note
                    self.log.add(
                        key,
                        severity=WARNING,
                        row=row,
                        column=self.header("province"),
                        value=current,
                        **params,
                    )
        except CellError as error:
            self.log.cell(
                error, row, self.header(column), current if column == "province" else legacy
            )
            return False
        record["province_code"] = match.province_code
        record["legacy_province_code"] = match.legacy_code
        return True

    def _former_province_note(
        self, match: ProvinceMatch, joined: date | None
    ) -> tuple[str, dict[str, str]] | None:
        """What a clerk should know about the former province a `province` cell alone
        gave: a former name used for a factory that joined after the merger, or, for one
        that joined before it, a current province formed from several former ones."""
        provinces = self.refs.provinces
        if match.renamed:
            return "legacy_name_after_merger", {
                "legacy": provinces.legacy_name(match.legacy_code or ""),
                "successor": provinces.current_name(match.province_code),
            }
        if match.legacy_code is None and joined is not None and joined < MERGER_DATE:
            return "legacy_province_not_recorded", {
                "province": provinces.current_name(match.province_code)
            }
        return None

    def values_of(self, record: dict[str, Any]) -> dict[str, Any]:
        record = {**record, "code": record["factory_code"], "sector_code": record["sector"]}
        return super().values_of(record)

    def load_existing(self) -> dict[Key, tuple[Any, dict[str, Any]]]:
        columns = [Factory.__table__.c[name] for name in self.fields]
        found: dict[Key, tuple[Any, dict[str, Any]]] = {}
        for row in self.connection.execute(select(Factory.id, *columns)):
            values = {name: getattr(row, name) for name in self.fields}
            found[(row.code.upper(),)] = (row.id, values)
        return found

    def compare(self, stored: dict[str, Any], incoming: dict[str, Any]) -> bool:
        return all(stored[name] == incoming[name] for name in self.fields if name != "code")

    def row_for_insert(self, values: dict[str, Any], batch_id: int, dataset_id: int) -> dict:
        return {**values, "dataset_id": dataset_id, "import_batch_id": batch_id}

    def row_for_update(self, values: dict[str, Any], batch_id: int) -> dict[str, Any]:
        return {**{k: v for k, v in values.items() if k != "code"}, "import_batch_id": batch_id}

    def apply(self, batch_id: int, dataset_id: int) -> Applied:
        superseded = {
            stored_batch
            for key, _stored, _values in self.changed
            if (
                stored_batch := self.connection.scalar(
                    select(Factory.import_batch_id).where(Factory.id == key)
                )
            )
            is not None
        }
        super().apply(batch_id, dataset_id)
        return Applied(superseded_batches=superseded)


# --- social dialogue ------------------------------------------------------------------

SOCIAL_FIELDS = (
    "union_present",
    "union_leaders_freely_elected",
    "union_membership_share",
    "cba_in_force",
    "cba_workers_covered",
    "picc_present",
    "picc_members",
    "picc_women_members",
    "picc_meetings_12m",
    "grievance_mechanism",
    "work_stoppages_12m",
)


class SocialDialogueLoader(RecordLoader):
    unit = "social_dialogue"
    table = SocialDialogue.__table__  # type: ignore[assignment]
    key_fields = ("assessment_id",)
    key_column = "assessed_on"
    fields = ("assessment_id", "factory_id", *SOCIAL_FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._assessments: dict[tuple[int, date, str], int] | None = None

    def assessments(self) -> dict[tuple[int, date, str], int]:
        if self._assessments is None:
            self._assessments = {
                (row.factory_id, row.assessed_on, row.assessment_type): row.id
                for row in self.connection.execute(
                    select(
                        Assessment.id,
                        Assessment.factory_id,
                        Assessment.assessed_on,
                        Assessment.assessment_type,
                    )
                )
            }
        return self._assessments

    def rules(self, row: int, record: dict[str, Any]) -> bool:
        ok = True
        if self.valid(record, "factory_code", "assessed_on", "assessment_type"):
            factory = record["factory_code"]
            key = (factory.id, record["assessed_on"], record["assessment_type"])
            assessment = self.assessments().get(key)
            if assessment is None:
                self.log.error(
                    "unknown_assessment",
                    row=row,
                    column=self.header("assessed_on"),
                    value=record["assessed_on"].isoformat(),
                    factory=factory.code,
                    type=record["assessment_type"],
                )
                ok = False
            else:
                record["assessment_id"], record["factory_id"] = assessment, factory.id
            covered = record["cba_workers_covered"]
            if self.valid(record, "cba_workers_covered") and covered > factory.workers_total:
                self.log.add(
                    "cba_above_workers",
                    severity=WARNING,
                    row=row,
                    column=self.header("cba_workers_covered"),
                    value=covered,
                    total=factory.workers_total,
                )
        else:
            ok = False
        members, women = record["picc_members"], record["picc_women_members"]
        if self.valid(record, "picc_members", "picc_women_members") and women > members:
            self.log.error(
                "picc_women_above_members",
                row=row,
                column=self.header("picc_women_members"),
                value=women,
                total=members,
            )
            ok = False
        return ok

    def key_of(self, record: dict[str, Any]) -> Key:
        return (record["assessment_id"],)

    def load_existing(self) -> dict[Key, tuple[Any, dict[str, Any]]]:
        found: dict[Key, tuple[Any, dict[str, Any]]] = {}
        for row in self.connection.execute(select(SocialDialogue)):
            found[(row.assessment_id,)] = (
                row.id,
                {name: getattr(row, name) for name in self.fields},
            )
        return found

    def compare(self, stored: dict[str, Any], incoming: dict[str, Any]) -> bool:
        for name, value in incoming.items():
            old = stored[name]
            if isinstance(value, float) and old is not None:
                if abs(float(old) - value) > 1e-9:
                    return False
            elif old != value:
                return False
        return True


# --- taxonomy -------------------------------------------------------------------------


class CompliancePointsLoader(RecordLoader):
    unit = "compliance_points"
    table = CompliancePoint.__table__  # type: ignore[assignment]
    key_fields = ("cp_code",)
    key_column = "cp_code"
    fields = ("code", "cluster_code", "name_en", "name_vi", "confirmed", "active", "sort_order")

    def values_of(self, record: dict[str, Any]) -> dict[str, Any]:
        return super().values_of({**record, "code": record["cp_code"]})

    def load_existing(self) -> dict[Key, tuple[Any, dict[str, Any]]]:
        return {
            (row.code.upper(),): (row.code, {name: getattr(row, name) for name in self.fields})
            for row in self.connection.execute(select(CompliancePoint))
        }

    def compare(self, stored: dict[str, Any], incoming: dict[str, Any]) -> bool:
        return all(
            stored[name] == value
            for name, value in incoming.items()
            if name != "code" and not (name == "sort_order" and value is None)
        )

    def apply(self, batch_id: int, dataset_id: int) -> Applied:
        """New points without a sort order go after every stored one, in file order."""
        last = self.connection.scalar(select(func.max(CompliancePoint.sort_order))) or 0
        unordered = [values for values in self.new if values["sort_order"] is None]
        for offset, values in enumerate(unordered, start=1):
            values["sort_order"] = last + offset
        return super().apply(batch_id, dataset_id)

    def row_for_update(self, values: dict[str, Any], batch_id: int) -> dict[str, Any]:
        return {
            k: v for k, v in values.items() if k != "code" and not (k == "sort_order" and v is None)
        }


def assessments_using(connection: Connection, question_codes: Iterable[str]) -> list[int]:
    """Assessments with findings on these questions: the summaries a taxonomy change moves."""
    codes = sorted(set(question_codes))
    ids: set[int] = set()
    for start in range(0, len(codes), 500):
        chunk = codes[start : start + 500]
        ids.update(
            connection.scalars(
                select(Finding.assessment_id).where(Finding.question_code.in_(chunk)).distinct()
            )
        )
    return sorted(ids)


def questions_in_points(connection: Connection, point_codes: Iterable[str]) -> list[str]:
    codes = sorted(set(point_codes))
    return list(connection.scalars(select(Question.code).where(Question.cp_code.in_(codes))))


class QuestionsLoader(RecordLoader):
    unit = "questions"
    table = Question.__table__  # type: ignore[assignment]
    key_fields = ("question_code",)
    key_column = "question_code"
    fields = ("code", "cp_code", "text_en", "text_vi", "fact_gathering", "active")

    def values_of(self, record: dict[str, Any]) -> dict[str, Any]:
        return super().values_of({**record, "code": record["question_code"]})

    def load_existing(self) -> dict[Key, tuple[Any, dict[str, Any]]]:
        return {
            (row.code.upper(),): (row.code, {name: getattr(row, name) for name in self.fields})
            for row in self.connection.execute(select(Question))
        }

    def compare(self, stored: dict[str, Any], incoming: dict[str, Any]) -> bool:
        return all(stored[name] == value for name, value in incoming.items() if name != "code")

    def row_for_update(self, values: dict[str, Any], batch_id: int) -> dict[str, Any]:
        return {k: v for k, v in values.items() if k != "code"}

    def apply(self, batch_id: int, dataset_id: int) -> Applied:
        regrouped = [
            key
            for key, stored, values in self.changed
            if stored["cp_code"] != values["cp_code"]
            or stored["fact_gathering"] != values["fact_gathering"]
        ]
        super().apply(batch_id, dataset_id)
        affected = assessments_using(self.connection, regrouped)
        if affected:
            refresh_point_results(self.connection, affected)
        return Applied()


class CodeMappingsLoader(RecordLoader):
    """Renamed, merged and retired codes. A mapping must lead straight to a current code:
    the summary reads one step of mapping, so A → B → C is refused with a hint to map
    A to C directly."""

    unit = "code_mappings"
    table = CodeMapping.__table__  # type: ignore[assignment]
    key_fields = ("level", "old_code")
    key_column = "old_code"
    fields = ("level", "old_code", "new_code", "effective_on", "note")

    def key_of(self, record: dict[str, Any]) -> Key:
        return (record["level"], str(record["old_code"]).upper())

    def rules(self, row: int, record: dict[str, Any]) -> bool:
        if not self.valid(record, "level", "old_code", "new_code"):
            return False
        old, new = record["old_code"], record["new_code"]
        if new is None:
            return True
        if new.upper() == old.upper():
            self.log.error("mapping_to_itself", row=row, column=self.header("new_code"), value=new)
            return False
        codes = (
            self.refs.compliance_points
            if record["level"] == "compliance_point"
            else self.refs.questions
        )
        known = codes.get(new) or codes.get(new.upper())
        if known is None:
            self.log.error(
                "mapping_target_unknown",
                row=row,
                column=self.header("new_code"),
                value=new,
                level=record["level"],
            )
            return False
        record["new_code"] = known
        return True

    def load_existing(self) -> dict[Key, tuple[Any, dict[str, Any]]]:
        return {
            (row.level, row.old_code.upper()): (
                row.id,
                {name: getattr(row, name) for name in self.fields},
            )
            for row in self.connection.execute(select(CodeMapping))
        }

    def check(self) -> None:
        """No chains once the file is applied: no mapping may point at a code that is
        itself mapped away (in the file or already stored)."""
        combined = {key: values for key, (_id, values) in self.load_existing().items()}
        rows = {key: row for key, (row, _values) in self.records.items()}
        combined.update({key: values for key, (_row, values) in self.records.items()})
        for key, values in combined.items():
            new = values["new_code"]
            if new is None:
                continue
            onward_key = (values["level"], new.upper())
            onward = combined.get(onward_key)
            if onward is None or (key not in rows and onward_key not in rows):
                continue
            blamed = key if key in rows else onward_key
            self.log.error(
                "mapping_chain",
                row=rows.get(blamed),
                column=self.header("new_code"),
                value=new,
                old=values["old_code"],
                new=new,
                onward=onward["new_code"] or "—",
            )

    def row_for_update(self, values: dict[str, Any], batch_id: int) -> dict[str, Any]:
        return {k: v for k, v in values.items() if k not in {"level", "old_code"}}

    def apply(self, batch_id: int, dataset_id: int) -> Applied:
        moved_points = {
            values["old_code"]
            for values in [*self.new, *(v for _k, _s, v in self.changed)]
            if values["level"] == "compliance_point"
        }
        super().apply(batch_id, dataset_id)
        affected = assessments_using(
            self.connection, questions_in_points(self.connection, moved_points)
        )
        if affected:
            refresh_point_results(self.connection, affected)
        return Applied()
