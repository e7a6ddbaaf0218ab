"""Arguments: numbers bounded, --db checked, Ctrl-C and closed pipes quiet, usage errors one line,
--help in the UI's language."""
from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, dump


@pytest.mark.parametrize(("args", "message"), [
    (["status", "--soon-days", "-1"], "argument --soon-days: -1 is outside 0..3650"),
    (["status", "--soon-days", "99999999999999999999"], "is outside 0..3650"),
    (["status", "--soon-days", "x"], "argument --soon-days: not a whole number: x"),
    (["history", "--limit", "0"], "argument --limit: 0 is outside 1..10000"),
    (["history", "--limit", "-5"], "argument --limit: -5 is outside 1..10000"),
    (["report", "--plan", "wulong", "--year", "3000"], "argument --year: 3000 is outside 1949..2100"),
    (["tick"], "missing: id"),
    (["status", "--bogus"], "unrecognized arguments: --bogus"),
])
def test_bad_arguments_are_one_line_and_exit_1(cli, seeded_db: Path, args: list[str], message: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import main

    before = dump(seeded_db)
    with pytest.raises(SystemExit) as exit_:
        main(["--db", str(seeded_db), *args])
    err = capsys.readouterr().err
    assert exit_.value.code == 1
    assert message in err and len(err.strip().splitlines()) == 1, err
    assert dump(seeded_db) == before


def test_usage_errors_in_chinese(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.cli import main

    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    with pytest.raises(SystemExit) as exit_:
        main(["history", "--limit", "0"])
    err = capsys.readouterr().err
    assert exit_.value.code == 1
    assert err.strip() == "plandesk history: 参数 --limit:0 超出 1—10000 的范围 (详见 plandesk history --help)"


def test_db_empty_is_refused(cli) -> None:
    from tui.cli import main

    assert main(["--db", "", "plans"]) == 1


def test_db_in_a_missing_folder_needs_create(cli, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import main

    target = tmp_path / "plandsek" / "work.sqlite3"  # a typo'd folder
    assert main(["--db", str(target), "plans"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == (f"plandesk: --db: the folder {target.parent} does not exist; "
                           "add --create to start a new database there")
    assert not target.parent.exists()
    assert main(["--db", str(target), "--create", "plans"]) == 0
    assert target.exists() and "wulong-2021-2025" in capsys.readouterr().out


def test_the_environment_db_is_checked_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import main

    monkeypatch.setenv("PLANDESK_DB", str(tmp_path / "nope" / "x.sqlite3"))
    assert main(["plans"]) == 1 and "add --create" in capsys.readouterr().err


def test_the_default_data_folder_is_created_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import main

    monkeypatch.delenv("PLANDESK_DB")
    assert not (tmp_path / "xdg-data").exists()
    assert main(["plans"]) == 0
    assert (tmp_path / "xdg-data" / "plandesk" / "plandesk.sqlite3").exists()


def test_ctrl_c_during_an_import_is_quiet_and_changes_nothing(cli, seeded_db: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    from store import importer
    from tests.conftest import FIXTURES
    from tui.cli import main

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(importer, "_import_plan", interrupted)
    before = dump(seeded_db)
    assert main(["--db", str(seeded_db), "import", str(FIXTURES / "small_plan.yaml")]) == 130
    out, err = capsys.readouterr()
    assert (out, err) == ("", "")
    assert dump(seeded_db) == before


def test_ctrl_c_while_parsing_the_arguments_is_quiet(monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    import tui.cli as cli_module

    def interrupted(argv: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_module, "parse_args", interrupted)
    assert cli_module.main(["status"]) == 130
    assert capsys.readouterr() == ("", "")


def test_a_closed_pipe_in_process_is_quiet(cli, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    import tui.printouts

    def closed(*args: object, **kwargs: object) -> None:
        raise BrokenPipeError

    monkeypatch.setattr(tui.printouts, "print_history", closed)
    code, out, err = cli("history")
    assert (code, err) == (0, "")


def _plandesk() -> list[str]:
    script = Path(sys.executable).with_name("plandesk")  # the console script, as a clerk runs it
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui.cli"]


def test_a_closed_pipe_prints_no_traceback(seeded_db: Path) -> None:
    """``plandesk export | head -1``: the reader goes away after one line."""
    proc = subprocess.Popen([*_plandesk(), "--db", str(seeded_db), "export", "--plan", "wulong"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().strip() == b"{"
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert "Traceback" not in err and "Exception ignored" not in err and err == ""


@pytest.mark.parametrize("delay", [0.0, 0.2, 0.6])
def test_a_real_ctrl_c_at_any_moment_exits_130_without_a_traceback(tmp_path: Path, delay: float) -> None:
    """Ctrl-C once plandesk runs (its database file appears), at a few moments of an import."""
    from benchmarks.generate_plan import write_plan

    plan = write_plan(tmp_path / "big.yaml", 20_000)
    db = tmp_path / "new.sqlite3"
    proc = subprocess.Popen([*_plandesk(), "--db", str(db), "import", str(plan)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    for _ in range(6000):  # Python's own start-up is not ours to quiet: wait until plandesk runs
        if db.exists() or proc.poll() is not None:
            break
        time.sleep(0.01)
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode in (130, 0), err  # 0: it had finished already
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err


_TECHNICAL = {"YAML", "PLANDESK_DB", "PLANDESK_TODAY", "YYYY", "MM", "DD", "json", "rich", "text", "html",
              "xlsx", "csv", "md", "zh", "en", "wulong", "yangjiao", "report", "plandesk", "help", "user",
              "txt", "docx", "UTF", "GB", "bak", "yaml", "set",
              "export", "import", "status", "master",  # the ledger's sub-actions, typed as they are
              "write"}  # plan write, typed as it is


def _help_of(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    from tui.cli import main

    with pytest.raises(SystemExit) as exit_:
        main([*args, "--help"])
    assert exit_.value.code == 0
    return capsys.readouterr().out


def test_help_has_no_english_word_under_chinese(capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.cli import COMMAND_MODULES

    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    for command in [[], *[[name] for name in COMMAND_MODULES]]:
        text = _help_of(command, capsys)
        text = re.sub(r"(?<![\w.])-{1,2}[\w-]+", " ", text)  # option names are typed as they are
        text = re.sub(r"\{[^}]*\}", " ", text)  # choices, typed as they are
        text = re.sub(r"PLANDESK_\w+", " ", text)  # environment variables, typed as they are
        for name in COMMAND_MODULES:
            text = re.sub(rf"\b{name}\b", " ", text)
        words = set(re.findall(r"[A-Za-z]{2,}", text)) - _TECHNICAL
        assert not words, (command, words)
    assert "用法:" in _help_of(["tick"], capsys)


def test_help_stays_english_under_english(capsys: pytest.CaptureFixture[str]) -> None:
    text = _help_of(["tick"], capsys)
    assert text.startswith("usage: plandesk tick") and "mark a milestone done" in text
    assert "completion date" in text
