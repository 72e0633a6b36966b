"""Every module, function and file the documentation names exists where it says.

A newcomer follows the docs to the code; a reference that moved (`export_frame` is in
`data_access.exports.files`, not importable from `data_access.exports`) sends them
nowhere. Checked, in the backticked spans of README.md, CONTRIBUTING.md and docs/*.md:

- dotted references (`data_access.meta.bump_data_version`, `python -m data_access.cli`)
  and `from M import a, b`: imported and looked up;
- paths (`data_access/refdata.py`, `scripts/…`): exist;
- in a section whose heading names a module or package (`### Files
  (`data_access/exports/`)`), each call written there (`export_frame(…)`,
  `files.export_frame(…)`) is a function or class of that module, or of its submodule
  named first; a lower-case first part that is neither (`filters.describe(…)`,
  `ref.name(…)`) is an instance, not a path, and bare `.py` names are files beside it.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from types import ModuleType

import pytest

from data_access.config import REPO_ROOT

DOCS = [
    *sorted((REPO_ROOT / "docs").glob("*.md")),
    REPO_ROOT / "README.md",
    REPO_ROOT / "CONTRIBUTING.md",
]
PACKAGES = ("data_access", "ui", "pages", "bench")
#: The docs' name for "any indicator function", in "Every function: `fn(engine, …)`".
PLACEHOLDERS = frozenset({"fn"})

_FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
_SPAN = re.compile(r"`([^`]+)`")
_DOTTED = re.compile(rf"(?<![\w./-])((?:{'|'.join(PACKAGES)})(?:\.\w+)+)")
_FROM_IMPORT = re.compile(r"from ([\w.]+) import ([\w, …]+)")
_PATH = re.compile(r"^(?:data_access|ui|pages|bench|tests|scripts|assets|docs)/[\w./-]*$")
_CALL = re.compile(r"(?<![\w.])([A-Za-z_]\w*(?:\.\w+)*)\(")
_HEADING_MODULE = re.compile(
    r"`((?:data_access|ui|pages)/[\w/]*?)(?:\.py)?/?`|`from ([\w.]+) import"
)


def _sections(doc: Path) -> list[tuple[str | None, str]]:
    """(module the heading names, or None; the section's text without code blocks)."""
    text = _FENCE.sub("", doc.read_text(encoding="utf-8"))
    sections: list[tuple[str | None, str]] = []
    module: str | None = None
    body: list[str] = []
    for line in text.splitlines():
        if line.startswith("#"):
            sections.append((module, "\n".join(body)))
            found = _HEADING_MODULE.search(line)
            module = (found[1].replace("/", ".") if found[1] else found[2]) if found else None
            body = []
        else:
            body.append(line)
    sections.append((module, "\n".join(body)))
    return sections


def _spans(doc: Path) -> list[tuple[str | None, str]]:
    return [
        (module, span.replace("\n", " "))
        for module, text in _sections(doc)
        for span in _SPAN.findall(text)
    ]


def _importable(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name is not None and name.startswith(error.name):
            return None
        raise


def resolve(dotted: str) -> object:
    """The object a fully dotted name refers to: the longest importable module prefix,
    then attributes. Raises LookupError when it does not exist."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        module = _importable(".".join(parts[:cut]))
        if module is not None:
            found: object = module
            for attribute in parts[cut:]:
                if not hasattr(found, attribute):
                    raise LookupError(f"{'.'.join(parts[:cut])} has no {attribute!r}")
                found = getattr(found, attribute)
            return found
    raise LookupError(f"no module {parts[0]!r}")


def problems_in(doc: Path) -> list[str]:
    problems: list[str] = []
    for module, span in _spans(doc):
        for dotted in _DOTTED.findall(span):
            try:
                resolve(dotted)
            except LookupError as error:
                problems.append(f"`{dotted}`: {error}")
        for source, names in _FROM_IMPORT.findall(span):
            for name in (n.strip() for n in names.split(",")):
                if name and name != "…":
                    try:
                        resolve(f"{source}.{name}")
                    except LookupError as error:
                        problems.append(f"`from {source} import {name}`: {error}")
        if _PATH.match(span) and not (REPO_ROOT / span).exists():
            problems.append(f"`{span}`: no such file or folder")
        if module is None:
            continue
        folder = REPO_ROOT / module.replace(".", "/")
        if re.fullmatch(r"\w+\.py", span) and folder.is_dir() and not (folder / span).is_file():
            problems.append(f"`{span}`: not in {module.replace('.', '/')}/")
        for call in _CALL.findall(span):
            problem = _call_problem(module, call)
            if problem:
                problems.append(f"`{call}(…)` under `{module}`: {problem}")
    return problems


def _call_problem(module: str, call: str) -> str | None:
    head, *rest = call.split(".")
    if call in PLACEHOLDERS:
        return None
    base = importlib.import_module(module)
    if hasattr(base, head):
        found = getattr(base, head)
    elif (sub := _importable(f"{module}.{head}")) is not None:
        found = sub
    elif rest and head[0].islower():
        return None  # an instance: `filters.describe(…)`
    else:
        return f"{module} has no {head!r}"
    for attribute in rest:
        if not hasattr(found, attribute):
            return f"{head} has no {attribute!r}"
        found = getattr(found, attribute)
    if isinstance(found, ModuleType) or not callable(found):
        return "not a function or class"
    return None


@pytest.mark.parametrize("doc", DOCS, ids=[doc.name for doc in DOCS])
def test_every_reference_in_the_docs_resolves(doc: Path) -> None:
    assert problems_in(doc) == []


def test_the_checker_finds_a_reference_that_moved(tmp_path: Path) -> None:
    doc = tmp_path / "MOVED.md"
    doc.write_text(
        "### Files (`data_access/exports/`)\n"
        "`export_frame(engine)` and `files.export_frame(engine)`, `csv_safe.py`, `nowhere.py`;\n"
        "`data_access.exports.export_frame`, `data_access.exports.files.export_frame`,\n"
        "`from data_access.exports.files import export_frame, ExportFile, gone`,\n"
        "`filters.describe(lang)`, `data_access/exports/writers.py`, `data_access/nothing.py`.\n",
        encoding="utf-8",
    )
    assert problems_in(doc) == [
        "`export_frame(…)` under `data_access.exports`: data_access.exports has no 'export_frame'",
        "`nowhere.py`: not in data_access/exports/",
        "`data_access.exports.export_frame`: data_access.exports has no 'export_frame'",
        "`from data_access.exports.files import gone`: data_access.exports.files has no 'gone'",
        "`data_access/nothing.py`: no such file or folder",
    ]
