"""Loading real programme data: documented formats, validation before anything is
written, and all-or-nothing, idempotent imports (see docs/IMPORT_FORMATS.md)."""

from data_access.imports.demo_removal import (
    DemoData,
    active_demo_users,
    demo_data,
    remove_demo_data,
)
from data_access.imports.formats import FORMATS, ImportFormat
from data_access.imports.history import HistoryEntry, import_history
from data_access.imports.load import (
    COMMITTED,
    FAILED,
    INVALID,
    NO_CHANGE,
    PREVIEW,
    ImportReport,
    ImportSource,
    run_import,
)
from data_access.imports.templates import formats_markdown, template_file

__all__ = [
    "COMMITTED",
    "FAILED",
    "FORMATS",
    "INVALID",
    "NO_CHANGE",
    "PREVIEW",
    "DemoData",
    "HistoryEntry",
    "ImportFormat",
    "ImportReport",
    "ImportSource",
    "active_demo_users",
    "demo_data",
    "formats_markdown",
    "import_history",
    "remove_demo_data",
    "run_import",
    "template_file",
]
