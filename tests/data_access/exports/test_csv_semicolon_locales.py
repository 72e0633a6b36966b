"""A CSV export opened by a spreadsheet that splits on ";" (Excel in Vietnamese and most
European locales) shows text, never a formula, even where a field holds a ";" or a line
end followed by a formula. Checked on the bytes, and by LibreOffice Calc opening the
file with ";" as separator and formulas evaluated, as such an Excel does."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pandas as pd

from data_access.exports.metadata import ExportMetadata
from data_access.exports.writers import BOM, csv_bytes

NAMES = ["Xưởng Giày Bà Rịa;=1+1", "Nhà máy A\n=2+2", "Hồ Chí Minh"]
#: Field separator 59 (";"), text delimiter 34 ('"'), UTF-8 (76), from line 1, default
#: column types and language, quoted fields not forced to text, special numbers detected,
#: spaces kept, first sheet, and formulas evaluated: what an Excel in a ";" locale does.
SEMICOLON_FILTER = "CSV:59,34,76,1,,0,false,true,false,false,false,-1,true"


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"factory": NAMES, "workers": [5, 6, 7]})


def test_the_bytes_neutralise_every_piece_a_semicolon_locale_would_make(
    metadata: ExportMetadata,
) -> None:
    data = csv_bytes(_frame(), metadata)
    assert "Xưởng Giày Bà Rịa;'=1+1,5\r\n".encode() in data
    assert '"Nhà máy A\n\'=2+2",6\r\n'.encode() in data
    assert "Hồ Chí Minh,7\r\n".encode() in data


def _as_semicolon_excel(tmp_path: Path, *files: Path) -> list[list[list[object]]]:
    """Each file as LibreOffice reads it with ";" as separator: rows of (value, is formula)."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice Calc is missing: run scripts/install_system_deps.sh"
    out = tmp_path / "converted"
    subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--convert-to",
            "xlsx",
            f"--infilter={SEMICOLON_FILTER}",
            "--outdir",
            str(out),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    books = []
    for file in files:
        sheet = openpyxl.load_workbook(out / f"{file.stem}.xlsx").worksheets[0]
        books.append(
            [[(cell.value, cell.data_type == "f") for cell in row] for row in sheet.iter_rows()]
        )
    return books


def test_libreoffice_with_semicolons_reads_our_file_as_text_and_the_naive_one_as_formulas(
    tmp_path: Path, metadata: ExportMetadata
) -> None:
    ours = tmp_path / "export.csv"
    ours.write_bytes(csv_bytes(_frame(), metadata))
    # The control: the same rows as a plain csv module writes them, unneutralised.
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(
        [["factory", "workers"], *_frame().itertuples(index=False)]
    )
    naive = tmp_path / "naive.csv"
    naive.write_bytes((BOM + buffer.getvalue()).encode("utf-8"))

    ours_read, naive_read = _as_semicolon_excel(tmp_path, ours, naive)

    naive_formulas = [value for row in naive_read for value, formula in row if formula]
    assert naive_formulas == ["=1+1,5", '=2+2",6']  # the threat is real
    cells = [value for row in ours_read for value, formula in row if value is not None]
    assert not [value for row in ours_read for value, formula in row if formula]
    assert "Xưởng Giày Bà Rịa" in cells  # the byte-order mark kept Vietnamese readable
    assert "'=1+1,5" in cells and "'=2+2\",6" in cells
    assert not any(str(value).lstrip().startswith(("=", "+", "@")) for value in cells)
