"""Numbers and dates on the command line that reached SQLite or a printout unchecked: a report
number past SQLite's integers (an OverflowError traceback) and a ledger deadline of 1800 (printed
on every unit's cover). Each is one line in the UI's language, exit 1, nothing changed."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import dump


@pytest.mark.parametrize("option", ["--edit", "--delete"])
def test_a_report_number_past_sqlites_integers_is_one_line(seeded_db: Path, option: str,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import main

    before = dump(seeded_db)
    with pytest.raises(SystemExit) as exit_:  # argparse's own mistakes end there, as every other's
        main(["--db", str(seeded_db), "progress", "wulong/a1.p1", option, "99999999999999999999", "--note", "x"])
    err = capsys.readouterr().err
    assert exit_.value.code == 1 and err.count("\n") == 1 and "is outside 1..2147483647" in err, err
    assert dump(seeded_db) == before


def test_a_ledger_deadline_out_of_the_years_is_one_line(cli, seeded_db: Path, tmp_path: Path) -> None:
    before = dump(seeded_db)
    code, out, err = cli("--lang", "zh", "ledger", "export", "--plan", "wulong", "--period", "2023Q2", "--deadline",
                         "1800-01-01", "-o", str(tmp_path / "out"), "--today", "2023-07-01")
    assert code == 1 and out == "" and err.count("\n") == 1 and "--deadline:1800-01-01 超出 1949—2100 年的范围" in err
    assert dump(seeded_db) == before
    assert not (tmp_path / "out").exists()
