"""The import formats, as data: one `ImportFormat` per kind of file, one `Column` each.

Everything else reads these specs: the validator (types, ranges, allowed values),
the header matcher (accepted spellings of each header), the templates and filled
examples offered for download, and docs/IMPORT_FORMATS.md, which is generated from
them and checked by a test, so the documentation cannot drift from the code.
Column descriptions are messages (`admin.column.<name>`) so they read in both languages.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from data_access.imports.folding import fold
from data_access.roadmap import kinds

#: Better Work Viet Nam started assessing factories in 2009.
EARLIEST = date(2009, 1, 1)
#: The latest deadline a roadmap target may carry.
LATEST_DEADLINE = date(2040, 12, 31)
MAX_WORKERS = 200_000
MAX_CODE = 30

# Column types. The validator has one reader per type.
TEXT = "text"
CODE = "code"
INTEGER = "integer"
SHARE = "share"
DATE = "date"
DEADLINE = "deadline"
BOOLEAN = "boolean"
CHOICE = "choice"
PROVINCE = "province"
LEGACY_PROVINCE = "legacy_province"
SECTOR = "sector"
FACTORY = "factory"
QUESTION = "question"
COMPLIANCE_POINT = "compliance_point"
CLUSTER = "cluster"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    required: bool
    example: str
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[tuple[str, tuple[str, ...]], ...] = ()
    aliases: tuple[str, ...] = ()
    default: object = None

    def header_keys(self) -> set[str]:
        return {header_key(self.name), *(header_key(alias) for alias in self.aliases)}

    def choice_map(self) -> dict[str, str]:
        """Every accepted spelling of a choice, folded, to the stored value."""
        mapping: dict[str, str] = {}
        for stored, spellings in self.choices:
            for spelling in (stored, *spellings):
                mapping[fold(spelling)] = stored
        return mapping

    def allowed_text(self) -> str:
        return ", ".join(stored for stored, _ in self.choices)


@dataclass(frozen=True)
class ImportFormat:
    """One documented file layout. `kind` is what the import history records; the two
    layouts of assessment findings share the kind "assessments"."""

    name: str
    kind: str
    columns: tuple[Column, ...]
    natural_key: tuple[str, ...]
    question_columns: bool = False

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(column for column in self.columns if column.required)


def header_key(text: str) -> str:
    """Headers compare folded, with spaces for separators: "Factory code", "factory_code",
    "FACTORY-CODE" and "Mã nhà máy" (through an alias) all name one column."""
    return fold(text).replace(" ", "_")


def _column(name: str, type_: str, required: bool, example: str, **more: object) -> Column:
    return Column(name, type_, required, example, **more)  # type: ignore[arg-type]


_FACTORY_CODE_ALIASES = ("factory id", "ma nha may", "ma doanh nghiep", "code")
#: A factory already in the database, named by its code (assessments, social dialogue).
FACTORY_CODE = _column(
    "factory_code",
    FACTORY,
    True,
    "EXAMPLE-001",
    max_length=MAX_CODE,
    aliases=("factory", *_FACTORY_CODE_ALIASES),
)
#: A question already in the taxonomy, named by its code.
QUESTION_CODE = _column(
    "question_code", QUESTION, True, "CL-CHL-01", max_length=20, aliases=("question", "ma cau hoi")
)
ASSESSED_ON = _column(
    "assessed_on",
    DATE,
    True,
    "2025-03-14",
    aliases=("assessment date", "date", "ngay danh gia"),
)
ASSESSMENT_TYPE = _column(
    "assessment_type",
    CHOICE,
    True,
    "annual",
    choices=(
        ("initial", ("initial assessment", "ban dau", "danh gia ban dau")),
        ("annual", ("annual assessment", "hang nam", "hang nam", "dinh ky")),
        ("follow_up", ("follow up", "follow-up", "followup", "theo doi", "tai danh gia")),
    ),
    aliases=("type", "loai danh gia"),
)
CYCLE = _column(
    "cycle", INTEGER, True, "2", minimum=1, maximum=50, aliases=("chu ky", "assessment cycle")
)

FACTORIES = ImportFormat(
    name="factories",
    kind="factories",
    natural_key=("factory_code",),
    columns=(
        # The file that introduces factories: the code is new, and "factory" may head
        # the name column, so it is no alias here.
        replace(FACTORY_CODE, type=CODE, aliases=_FACTORY_CODE_ALIASES),
        _column(
            "name",
            TEXT,
            True,
            "Example Garment Co., Ltd.",
            max_length=200,
            aliases=("factory name", "ten nha may", "ten doanh nghiep"),
        ),
        _column("sector", SECTOR, True, "garment", aliases=("nganh", "industry")),
        _column("province", PROVINCE, True, "Bắc Ninh", aliases=("tinh", "tinh thanh pho")),
        _column(
            "legacy_province",
            LEGACY_PROVINCE,
            False,
            "Bắc Giang",
            aliases=("tinh cu", "former province", "old province"),
        ),
        _column(
            "address", TEXT, False, "KCN Quang Châu, Việt Yên", max_length=500, aliases=("dia chi",)
        ),
        _column(
            "workers_total",
            INTEGER,
            True,
            "1250",
            minimum=1,
            maximum=MAX_WORKERS,
            aliases=("workers", "total workers", "so lao dong", "tong so lao dong"),
        ),
        _column(
            "workers_women",
            INTEGER,
            True,
            "980",
            minimum=0,
            maximum=MAX_WORKERS,
            aliases=("women workers", "female workers", "lao dong nu", "so lao dong nu"),
        ),
        _column(
            "investor_country",
            TEXT,
            False,
            "Korea",
            max_length=60,
            aliases=("investor", "quoc gia dau tu"),
        ),
        _column(
            "joined_on",
            DATE,
            True,
            "2019-05-02",
            aliases=("joined", "date joined", "ngay tham gia"),
        ),
        _column("left_on", DATE, False, "", aliases=("left", "date left", "ngay roi")),
    ),
)

ASSESSMENTS = ImportFormat(
    name="assessments",
    kind="assessments",
    natural_key=("factory_code", "assessed_on", "assessment_type", "question_code"),
    columns=(
        FACTORY_CODE,
        ASSESSED_ON,
        ASSESSMENT_TYPE,
        CYCLE,
        QUESTION_CODE,
        _column(
            "non_compliant",
            BOOLEAN,
            True,
            "no",
            aliases=("finding", "non compliance", "khong tuan thu", "vi pham"),
        ),
    ),
)

ASSESSMENTS_WIDE = ImportFormat(
    name="assessments_wide",
    kind="assessments",
    natural_key=("factory_code", "assessed_on", "assessment_type"),
    columns=(FACTORY_CODE, ASSESSED_ON, ASSESSMENT_TYPE, CYCLE),
    question_columns=True,
)


def _count(name: str, example: str, maximum: int, *aliases: str) -> Column:
    return _column(
        name, INTEGER, False, example, minimum=0, maximum=maximum, aliases=aliases, default=0
    )


def _yes_no(name: str, example: str, *aliases: str) -> Column:
    return _column(name, BOOLEAN, True, example, aliases=aliases)


SOCIAL_DIALOGUE = ImportFormat(
    name="social_dialogue",
    kind="social_dialogue",
    natural_key=("factory_code", "assessed_on", "assessment_type"),
    columns=(
        FACTORY_CODE,
        ASSESSED_ON,
        ASSESSMENT_TYPE,
        _yes_no("union_present", "yes", "union", "co cong doan"),
        _yes_no("union_leaders_freely_elected", "yes", "leaders freely elected"),
        _column(
            "union_membership_share",
            SHARE,
            False,
            "0.62",
            aliases=("membership share", "ty le doan vien"),
        ),
        _yes_no("cba_in_force", "yes", "cba", "thoa uoc lao dong tap the"),
        _count("cba_workers_covered", "1250", MAX_WORKERS, "workers covered by cba"),
        _yes_no("picc_present", "yes", "picc"),
        _count("picc_members", "8", 500),
        _count("picc_women_members", "5", 500, "picc women"),
        _count("picc_meetings_12m", "10", 366, "picc meetings"),
        _yes_no("grievance_mechanism", "yes", "grievance"),
        _count("work_stoppages_12m", "0", 366, "work stoppages", "ngung viec"),
    ),
)

COMPLIANCE_POINTS = ImportFormat(
    name="compliance_points",
    kind="taxonomy",
    natural_key=("cp_code",),
    columns=(
        _column(
            "cp_code", CODE, True, "CL-CHL", max_length=12, aliases=("compliance point", "code")
        ),
        _column("cluster_code", CLUSTER, True, "CL", aliases=("cluster",)),
        _column("name_en", TEXT, True, "Child Labourers", max_length=200),
        _column("name_vi", TEXT, True, "Lao động trẻ em", max_length=200),
        _column("confirmed", BOOLEAN, False, "yes", default=False),
        _column("active", BOOLEAN, False, "yes", default=True),
        _column("sort_order", INTEGER, False, "", minimum=0, maximum=9999),
    ),
)

QUESTIONS = ImportFormat(
    name="questions",
    kind="taxonomy",
    natural_key=("question_code",),
    columns=(
        replace(QUESTION_CODE, type=CODE, aliases=("question", "code", "ma cau hoi")),
        _column(
            "cp_code",
            COMPLIANCE_POINT,
            True,
            "CL-CHL",
            max_length=12,
            aliases=("compliance point",),
        ),
        _column(
            "text_en",
            TEXT,
            True,
            "Are there workers under the age of 15?",
            max_length=2000,
            aliases=("question en", "english"),
        ),
        _column(
            "text_vi",
            TEXT,
            True,
            "Có người lao động dưới 15 tuổi không?",
            max_length=2000,
            aliases=("question vi", "vietnamese", "tieng viet"),
        ),
        _column("fact_gathering", BOOLEAN, False, "no", default=False),
        _column("active", BOOLEAN, False, "yes", default=True),
    ),
)

CODE_MAPPINGS = ImportFormat(
    name="code_mappings",
    kind="taxonomy",
    natural_key=("level", "old_code"),
    columns=(
        _column(
            "level",
            CHOICE,
            True,
            "compliance_point",
            choices=(
                ("compliance_point", ("compliance point", "cp", "point")),
                ("question", ("q",)),
            ),
        ),
        _column("old_code", CODE, True, "CL-UWF", max_length=20, aliases=("from", "old")),
        _column("new_code", CODE, False, "CL-HAZ", max_length=20, aliases=("to", "new")),
        _column("effective_on", DATE, False, "2016-01-01", aliases=("effective",)),
        _column(
            "note", TEXT, False, "Merged into Hazardous Work and other Worst Forms", max_length=1000
        ),
    ),
)

FORMATS: dict[str, ImportFormat] = {
    fmt.name: fmt
    for fmt in (
        FACTORIES,
        ASSESSMENTS,
        ASSESSMENTS_WIDE,
        SOCIAL_DIALOGUE,
        COMPLIANCE_POINTS,
        QUESTIONS,
        CODE_MAPPINGS,
    )
}

#: Roadmap targets (`data_access.roadmap`): not data, so not one of the imports above
#: (no import batch, no data version), but read, checked and documented by their rules.
ROADMAP_TARGETS = ImportFormat(
    name="roadmap_targets",
    kind="roadmap_targets",
    natural_key=("indicator_kind", "indicator_code", "area_kind", "area_code", "deadline"),
    columns=(
        _column(
            "indicator_kind",
            CHOICE,
            True,
            kinds.POINT,
            choices=(
                (kinds.POINT, ("compliance point", "diem tuan thu")),
                (kinds.CLUSTER, ("nhom tieu chi",)),
                (kinds.SOCIAL, ("social dialogue", "doi thoai xa hoi")),
            ),
            aliases=("loai chi so",),
        ),
        _column(
            "indicator_code",
            CODE,
            True,
            "OS-MGT",
            max_length=MAX_CODE,
            aliases=("indicator", "chi so", "ma chi so"),
        ),
        _column(
            "area_kind",
            CHOICE,
            True,
            kinds.SECTOR,
            choices=(
                (kinds.NATIONAL, ("national", "toan quoc", "ca nuoc")),
                (kinds.SECTOR, ("nganh",)),
                (kinds.PROVINCE, ("tinh", "tinh thanh")),
            ),
            aliases=("pham vi", "area"),
        ),
        _column(
            "area_code",
            CODE,
            False,
            "garment",
            max_length=MAX_CODE,
            aliases=("ma pham vi",),
        ),
        _column("baseline_value", SHARE, True, "42%", aliases=("baseline", "gia tri co so")),
        _column("baseline_on", DATE, True, "2024-12-31", aliases=("baseline date", "ngay co so")),
        _column("target_value", SHARE, True, "30%", aliases=("target", "muc tieu")),
        _column("deadline", DEADLINE, True, "2027-12-31", aliases=("han", "thoi han")),
        _column(
            "owners",
            TEXT,
            True,
            "molisa; vcci; vgcl",
            max_length=100,
            aliases=("owner", "don vi chu tri", "to chuc"),
        ),
        _column("meeting_id", INTEGER, False, "", minimum=1, maximum=10**9, aliases=("meeting",)),
    ),
)
#: Every format this module documents (FORMATS, the data, and the roadmap's targets).
DOCUMENTED: dict[str, ImportFormat] = {**FORMATS, ROADMAP_TARGETS.name: ROADMAP_TARGETS}

SECTOR_SPELLINGS: dict[str, tuple[str, ...]] = {
    "garment": ("garments", "apparel", "may mac", "det may"),
    "footwear": ("shoes", "giay dep", "giay"),
    "travel_goods": ("travel goods", "bags", "travel goods and bags", "tui xach"),
}

#: Columns only the long findings layout has: a file with either is long, not wide.
LONG_ONLY = ("question_code", "non_compliant")


def _matched(fmt: ImportFormat, keys: set[str]) -> int:
    return sum(1 for column in fmt.required if column.header_keys() & keys)


def detect_format(headers: Iterable[str]) -> ImportFormat | None:
    """The format a header row belongs to: the one with the most of its required columns
    present, as long as at least half are. Long findings are told from wide by the
    `question_code` column, social dialogue from both by its yes/no columns."""
    keys = {header_key(header) for header in headers if header}
    best: tuple[float, ImportFormat] | None = None
    for fmt in FORMATS.values():
        if fmt.question_columns:
            continue
        share = _matched(fmt, keys) / len(fmt.required)
        if share >= 0.5 and (best is None or share > best[0]):
            best = (share, fmt)
    long_keys = set().union(*(ASSESSMENTS.column(name).header_keys() for name in LONG_ONLY))
    if best is not None and best[1] is ASSESSMENTS and not long_keys & keys:
        return ASSESSMENTS_WIDE
    if best is None and _matched(ASSESSMENTS_WIDE, keys) == len(ASSESSMENTS_WIDE.required):
        return ASSESSMENTS_WIDE
    return best[1] if best else None
