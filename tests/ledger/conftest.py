"""Fixtures for the units' ledger: Wulong's tasks split among units, its 2023Q2 workbooks, and
helpers that fill a workbook as a unit would (openpyxl) or open and save it in LibreOffice."""
from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

PLAN = "wulong-2021-2025"
PERIOD = "2023Q2"
EXPORT_DAY = ["--today", "2023-07-01"]
IMPORT_DAY = ["--today", "2023-07-10"]
REGISTRY = "登记注册科"  # leads 第三章, supports 第五章
QUALITY = "质量发展科"  # leads 第四章
FOOD = "食品安全科"  # leads 第五章
ECONOMY = "区经济信息委"  # supports 第四章


@pytest.fixture
def split(cli) -> None:
    """任务分解 as a clerk does it: chapters 3-5 given lead and supporting units (tasks inherit)."""
    for node, units in (("c3", ["--lead", REGISTRY]), ("c4", ["--lead", QUALITY, "--support", ECONOMY]),
                        ("c5", ["--lead", FOOD, "--support", REGISTRY])):
        code, _, err = cli("units", "set", f"{PLAN}/{node}", *units)
        assert code == 0, err


@pytest.fixture
def outbox(tmp_path: Path) -> Path:
    return tmp_path / "outbox"


@pytest.fixture
def exported(cli, split, outbox: Path) -> dict[str, Path]:
    """Wulong's 2023Q2 workbooks, by unit."""
    code, out, err = cli("ledger", "export", "--plan", "wulong", "--period", PERIOD, "-o", str(outbox),
                         "--deadline", "2023-07-10", *EXPORT_DAY, "--lang", "zh")
    assert code == 0, err
    return {p.stem.split(" ", 2)[2]: p for p in sorted(outbox.glob("*.xlsx"))}


def columns(ws: Any) -> tuple[int, dict[str, int]]:
    """(header row, column number of each header) of a 台账 sheet."""
    from store import ledger_format as lf

    for row in ws.iter_rows(max_row=10):
        texts = {str(c.value): c.column for c in row if c.value is not None}
        if lf.COLUMNS[lf.KEY][0] in texts:
            return row[0].row, {key: texts[header] for key, (header, _) in lf.COLUMNS.items() if header in texts}
    raise AssertionError("no header row")


def row_of(ws: Any, local_id: str) -> int:
    """The sheet row of an item, found by its key (rows may have been moved)."""
    header, cols = columns(ws)
    for r in range(header + 1, ws.max_row + 1):
        key = ws.cell(r, cols["key"]).value
        if key and str(key).split("|")[1] == local_id:
            return r
    raise AssertionError(f"no row for {local_id}")


def sent(path: Path) -> int:
    """How many items a workbook carries (its keyed rows), read from the file itself."""
    from openpyxl import load_workbook

    from store import ledger_format as lf

    ws = load_workbook(path)[lf.DATA_SHEET]
    header, cols = columns(ws)
    return sum(1 for r in range(header + 1, ws.max_row + 1) if ws.cell(r, cols["key"]).value)


def fill(path: Path, answers: dict[str, dict[str, Any]], out: Path | None = None,
         filled_on: date | str | None = None) -> Path:
    """Fill a unit's workbook as the unit would: answers by item local id, fields by column id
    (state, percent, note, problem, next_step, evidence)."""
    from openpyxl import load_workbook

    from store import ledger_format as lf

    wb = load_workbook(path)
    ws = wb[lf.DATA_SHEET]
    _, cols = columns(ws)
    for local_id, fields in answers.items():
        r = row_of(ws, local_id)
        for key, value in fields.items():
            ws.cell(r, cols[key]).value = value
    if filled_on is not None:
        cover = wb[lf.COVER_SHEET]
        for row in cover.iter_rows(max_col=2):
            if row[0].value == lf.FILLED_ON_LABEL:
                row[1].value = filled_on
    target = out or path
    wb.save(target)
    return target


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui); .ci/run installs it")
    return found


def soffice_convert(source: Path, to: str, outdir: Path, profile: Path) -> Path:
    """Open ``source`` in headless LibreOffice and save it as ``to`` (pdf, xlsx) in ``outdir``;
    a profile of its own, so that parallel runs never share LibreOffice's lock."""
    outdir.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", to,
         "--outdir", str(outdir), str(source)], capture_output=True, text=True, timeout=240)
    converted = outdir / f"{source.stem}.{to.split(':')[0]}"
    assert converted.exists(), f"LibreOffice did not convert {source.name}: {result.stdout} {result.stderr}"
    return converted


def pdftotext(pdf: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    return subprocess.run([tool, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


JULY_5 = date(2023, 7, 5)
