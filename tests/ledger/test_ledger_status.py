"""ledger status: which units answered for a period, and whom to chase."""
from __future__ import annotations

from store import ledger as lg
from store import periods as pr
from tests.ledger.conftest import ECONOMY, FOOD, IMPORT_DAY, PERIOD, PLAN, QUALITY, REGISTRY, fill, sent


def _table(out: str) -> dict[str, list[str]]:
    units = (REGISTRY, QUALITY, FOOD, ECONOMY, "区市场监管局")
    return {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.split()[:1]
            and line.split()[0] in units}


def test_status_names_who_answered_and_whom_to_chase(cli, exported) -> None:
    path = fill(exported[QUALITY], {"c4.s1.t1": {"state": "推进中", "percent": 60}, "c4.s1.t2": {"state": "滞后"}},
                filled_on="2023-06-28")
    assert cli("ledger", "import", str(path), *IMPORT_DAY)[0] == 0
    assert cli("progress", f"{PLAN}/c5.s1.t1", "--period", PERIOD, "--state", "推进中", "--unit", FOOD,
               *IMPORT_DAY)[0] == 0  # told on the phone, typed by the clerk: answered too
    code, out, _ = cli("ledger", "status", "--plan", "wulong", "--period", PERIOD, *IMPORT_DAY, "--lang", "en")
    assert code == 0
    table = _table(out)
    quality, food, registry = (sent(exported[u]) for u in (QUALITY, FOOD, REGISTRY))
    assert table[QUALITY][:3] == [str(quality), "2", str(quality - 2)] and path.name.split()[0] in table[QUALITY][3]
    assert table[FOOD] == [str(food), "1", str(food - 1), "—"]
    assert table[REGISTRY][:3] == [str(registry), "0", str(registry)]
    assert f"no answer yet from: {REGISTRY}、{ECONOMY}、区市场监管局" in out
    assert "name no unit" in out
    assert list(table).index(REGISTRY) < list(table).index(QUALITY)  # the silent ones first


def test_an_item_answered_done_inside_the_period_stays_counted(cli, exported, conn) -> None:
    path = fill(exported[QUALITY], {"c4.box3.e1": {"state": "已完成"}}, filled_on="2023-06-28")
    assert cli("ledger", "import", str(path), *IMPORT_DAY)[0] == 0
    [quality] = [s for s in lg.status(conn, PLAN, pr.parse(PERIOD)) if s.unit == QUALITY]
    # ticked off on 06-28, yet still sent and answered
    assert (quality.sent, quality.answered) == (sent(exported[QUALITY]), 1)


def test_a_unit_name_with_a_bidi_override_is_shown_as_a_marker(cli, exported) -> None:
    """Unit names come from plans and workbooks: the terminal must never act on their controls."""
    hostile = "科\u202e室"
    assert cli("units", "set", f"{PLAN}/c5.s1.t1", "--lead", hostile, *IMPORT_DAY)[0] == 0
    code, out, _ = cli("ledger", "status", "--plan", "wulong", "--period", PERIOD, *IMPORT_DAY, "--lang", "en")
    assert code == 0
    assert "\u202e" not in out
    assert "科\\u202e室" in out
