"""Numbers past float's range or no number at all (1e309, .inf, .nan, 400 digits) are never read as
some other value. Before, a target printed ``1e309`` (or ``1e3``) was read as 1, YAML's ``.inf``
and ``.nan`` were taken in as the text "inf"/"nan", a ``yellow_lag: .inf`` passed the schema, a
ledger percent of 400 digits stopped the import with a traceback, and a workbook number cell of
1E+309 was drafted as the text "inf". Now each is read right (1e3 is 1000) or is one FILE:LINE
problem / one clear line, the database unchanged."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tests.conftest import dump

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BIG = "9" * 400


def _plan_with(tmp_path: Path, old: str, new: str, fixture: str = "small_plan.yaml") -> Path:
    text = (FIXTURES / fixture).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "plan.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("value", ['"1e309"', "1e309", "1.0e+309", ".inf", "-.inf", ".nan", '">1e309"',
                                   '"-1E+400"', BIG, f'"{BIG}"'])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_target_past_floats_range_is_a_problem_at_its_line(cli, seeded_db: Path, tmp_path: Path, value: str,
                                                             lang: str) -> None:
    plan = _plan_with(tmp_path, '2025: "4"', f"2025: {value}")
    line = 1 + plan.read_text(encoding="utf-8").splitlines().index(
        next(x for x in plan.read_text(encoding="utf-8").splitlines() if f"2025: {value}" in x))
    before = dump(seeded_db)
    code, _, err = cli("--lang", lang, "import", str(plan))
    assert code == 1
    assert re.search(rf"plan\.yaml:{line}: 2025: ", err), err
    assert ("too large" in err or "not a number a plan can hold" in err) if lang == "en" else \
        ("数字过大" in err or "不是规划可用的数字" in err), err
    assert dump(seeded_db) == before


def test_a_target_with_an_exponent_is_read_as_its_value() -> None:
    from store.values import parse_printed

    assert parse_printed("1e3").number == 1000
    assert parse_printed("≥2.5E2").number == 250
    assert parse_printed("1,234").number == 1234  # unchanged: thousands and decimal commas
    assert parse_printed("96,5").number == 96.5


@pytest.mark.parametrize("value", ["1.0e+309", ".nan", "-.inf", "1e309"])
def test_a_lag_that_is_no_number_is_a_problem(cli, seeded_db: Path, tmp_path: Path, value: str) -> None:
    plan = _plan_with(tmp_path, "yellow_lag: 10", f"yellow_lag: {value}", "progress_plan.yaml")
    before = dump(seeded_db)
    code, _, err = cli("import", str(plan))
    assert code == 1 and "plan.yaml:8: yellow_lag: " in err, err
    assert dump(seeded_db) == before


@pytest.mark.parametrize("value", ["1e309", "-1e309", "1e3", "nan", "inf", BIG])
def test_recording_a_value_past_floats_range_is_one_line(cli, seeded_db: Path, value: str) -> None:
    before = dump(seeded_db)
    code, _, err = cli("record", "wulong/i14", "2023", "--", value)
    assert code == 1 and len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert dump(seeded_db) == before


def _with_number_cell(source: Path, target: Path, text: str, number: str = "1") -> Path:
    """The workbook with its first number cell ``number`` rewritten to ``text`` in the sheet's XML,
    as Excel may save it (openpyxl itself writes no such number)."""
    found = False
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
        for name in src.namelist():
            data = src.read(name)
            if name.startswith("xl/worksheets/") and not found and f"<v>{number}</v>".encode() in data:
                data, found = data.replace(f"<v>{number}</v>".encode(), f"<v>{text}</v>".encode(), 1), True
            out.writestr(name, data)
    assert found
    return target


@pytest.mark.parametrize("text", ["1E+309", "-1E+309", "1e400"])
def test_a_workbook_number_past_floats_range_is_refused_naming_the_cell(cli, tmp_path: Path, text: str) -> None:
    from tests.draft.test_workbook_source import _workbook

    book = _with_number_cell(_workbook(tmp_path / "tasks.xlsx"), tmp_path / "big.xlsx", text)
    for lang, said in (("en", "sheet Sheet, cell A5:"), ("zh", "工作表 Sheet 的 A5 单元格")):
        code, out, err = cli("--lang", lang, "draft", str(book))
        assert code == 1 and said in err and len(err.strip().splitlines()) == 1, err
        assert "inf" not in out and "nan" not in out


@pytest.mark.parametrize("percent", [BIG, "1E+309"])
def test_a_ledger_percent_past_floats_range_is_a_problem_as_typed(cli, seeded_db: Path, percent: str) -> None:
    from tests.ledger.conftest import EXPORT_DAY, PERIOD, REGISTRY
    from tests.ledger.test_ledger_import import refused

    for node, units in (("c3", ["--lead", REGISTRY]),):
        assert cli("units", "set", f"wulong-2021-2025/{node}", *units)[0] == 0
    outbox = seeded_db.parent / "outbox"
    code, _, err = cli("ledger", "export", "--plan", "wulong", "--period", PERIOD, "-o", str(outbox),
                       "--deadline", "2023-07-10", *EXPORT_DAY, "--lang", "zh")
    assert code == 0, err
    book = next(p for p in outbox.glob("*.xlsx") if p.stem.split(" ", 2)[2] == REGISTRY)
    from tests.ledger.conftest import fill

    fill(book, {"c3.s1.t1": {"state": "推进中", "percent": 77.25}})
    book = _with_number_cell(book, book.with_name(f"x{book.name}"), percent, "77.25")
    err = refused(cli, book, seeded_db)
    shown = "9" * 40 if percent == BIG else "inf"  # openpyxl gives the number, not its text
    assert "percent '" in err and shown in err and "Traceback" not in err, err


def test_a_number_past_pythons_digit_limit_is_one_short_line(cli, seeded_db: Path, tmp_path: Path) -> None:
    """5,000 digits cannot even be read as an int: the line names it without printing all of them."""
    plan = _plan_with(tmp_path, '2025: "4"', f"2025: {'9' * 5000}")
    code, _, err = cli("import", str(plan))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "plan.yaml:69: " in err
    assert len(err) < 300, err[:400]
