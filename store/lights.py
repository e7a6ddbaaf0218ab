"""序时进度 and the traffic lights (亮灯): one rule, computed inside SQLite for a whole plan at once.

**序时进度 (time-elapsed progress).** An item's expected share done is the time elapsed over its
span, as of a date: its span runs from its ``start`` (else the plan's first day) to its due date
(a task: its milestones' earliest start to their latest due date), counting the as-of day as
elapsed, clamped to 0..100. By the end of November 11/12 of a one-year task should be done.
A reported percent is compared with what was expected at the end of the period it reports on
(or at the as-of date, if that comes first): ``lag = expected - reported``. 未启动 without a
percent counts as 0 %, 已完成 as 100 %.

**The light of a tracked item** (a node with milestones of its own, or one milestone), the
first reason that applies deciding:

- green ``done``: every milestone of the item is done;
- red ``overdue``: a milestone is past its due date and not done;
- red ``lag_red``: the lag is more than the red threshold (default 30 points);
- red ``behind_twice``: the latest report says 滞后, and so did the period before it;
- yellow ``lag_yellow``: the lag is more than the yellow threshold (default 10 points);
- yellow ``behind``: the latest report says 滞后;
- yellow ``no_report``: no report for the last period that has ended (or a later one), though the
  item was under way then (a task, not a single milestone: units report per task);
- yellow ``due_soon``: a milestone falls due within the "due soon" window;
- green ``on_track``: none of the above.

Reports dated after the as-of date do not count yet (look back in time, as ticks do). The
overdue / due-soon states of milestones stay as they are; the light sits beside them. A node's
roll-up counts the lights of the tracked items in its subtree: a chapter is as red as its
reddest task.
"""
from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import Any, NamedTuple

from store import periods as pr

DEFAULT_YELLOW_LAG, DEFAULT_RED_LAG = pr.DEFAULT_YELLOW_LAG, pr.DEFAULT_RED_LAG  # a plan's lags, unless it sets them

RED = "red"
YELLOW = "yellow"
GREEN = "green"
COLOURS = (RED, YELLOW, GREEN)

# reason -> light, in the order the rule tries them
REASONS: dict[str, str] = {
    "done": GREEN, "overdue": RED, "lag_red": RED, "behind_twice": RED, "lag_yellow": YELLOW,
    "behind": YELLOW, "no_report": YELLOW, "due_soon": YELLOW, "on_track": GREEN,
}
LAGGING = ("lag_red", "behind_twice", "lag_yellow", "behind")  # what a report said (or showed) to be behind


def expected_share(start: date, end: date, as_of: date) -> float:
    """序时进度 in percent: the days of ``start..end`` elapsed by the end of ``as_of``, clamped to 0..100."""
    days = (end - start).days + 1
    if days <= 0:
        return 100.0 if as_of >= end else 0.0
    return max(0.0, min(100.0, 100.0 * ((as_of - start).days + 1) / days))


def _expected_sql(day: str, start: str = "s", end: str = "e") -> str:
    """``expected_share`` as an SQL expression over ISO date texts (a test holds the two together)."""
    return (f"MAX(0.0, MIN(100.0, 100.0 * (julianday({day}) - julianday({start}) + 1) "
            f"/ MAX(julianday({end}) - julianday({start}) + 1, 1e-9)))")


class Settings(NamedTuple):
    """What the rule needs besides the data: the as-of date and the plan's reporting settings."""

    plan_id: str
    plan_start: date
    today: date
    soon_days: int
    cycle: str
    yellow: float
    red: float

    @property
    def due_period(self) -> pr.Period:
        """The period whose reports are due: the last one that has ended."""
        return pr.last_finished(self.today, self.cycle)

    def params(self) -> dict[str, object]:
        return {"plan": self.plan_id, "plan_start": self.plan_start.isoformat(), "today": self.today.isoformat(),
                "soon": (self.today + timedelta(days=self.soon_days)).isoformat(),
                "due_end": self.due_period.end.isoformat(), "yellow": self.yellow, "red": self.red}


def settings(conn: sqlite3.Connection, plan_id: str, today: date, soon_days: int) -> Settings:
    from store.progress import reporting_settings

    cycle, yellow, red = reporting_settings(conn, plan_id)
    start_year = conn.execute("SELECT start_year FROM plans WHERE id = ?", (plan_id,)).fetchone()[0]
    return Settings(plan_id, date(start_year, 1, 1), today, soon_days, cycle, yellow, red)


# One code per milestone, the worst of which is its item's: 0 done, 1 not begun, 2 under way in the
# period whose reports are due, 3 due soon, 4 overdue (so an item needs one aggregate, not four).
_CODE_SQL = ("CASE WHEN done_on IS NOT NULL AND done_on <= :today THEN 0 WHEN due < :today THEN 4 "
             "WHEN due <= :soon THEN 3 WHEN COALESCE(start, :plan_start) <= :due_end THEN 2 ELSE 1 END")
_REASON_SQL = """CASE
  WHEN code = 0 THEN 'done'
  WHEN code = 4 THEN 'overdue'
  WHEN lag > :red THEN 'lag_red'
  WHEN state = 'behind' AND prev_state = 'behind' THEN 'behind_twice'
  WHEN lag > :yellow THEN 'lag_yellow'
  WHEN state = 'behind' THEN 'behind'
  WHEN {need_reports} AND code >= 2 AND (period_end IS NULL OR period_end < :due_end) THEN 'no_report'
  WHEN code = 3 THEN 'due_soon'
  ELSE 'on_track' END"""
LIGHT_SQL = "CASE WHEN reason IN ('overdue', 'lag_red', 'behind_twice') THEN 'red' " \
            "WHEN reason IN ('done', 'on_track') THEN 'green' ELSE 'yellow' END"


def _span_sql(item: str, per_milestone: bool) -> tuple[str, str]:
    """(start, due) of an item's span as SQL, looked up only where needed (reported items, lists)."""
    where = f"id = {item}" if per_milestone else f"node_id = {item} AND archived_at IS NULL"
    return (f"(SELECT MIN(COALESCE(start, :plan_start)) FROM milestones WHERE {where})",
            f"(SELECT MAX(due) FROM milestones WHERE {where})")


def _items_sql(key: str, milestone_filter: str, with_span: bool = False) -> str:
    """One row per tracked item (``key``: node_id, or id: each milestone its own item): its first
    seq, its milestones' worst code and, ``with_span``, its span (s, e)."""
    where = f"WHERE plan_id = :plan AND archived_at IS NULL {milestone_filter}"
    if key == "id":  # one milestone, one row: nothing to group
        span = "COALESCE(start, :plan_start) AS s, due AS e" if with_span else "NULL AS s, NULL AS e"
        return f"SELECT id AS item, seq, {_CODE_SQL} AS code, {span} FROM milestones {where}"
    span = "MIN(COALESCE(start, :plan_start)) AS s, MAX(due) AS e" if with_span else "NULL AS s, NULL AS e"
    return (f"SELECT {key} AS item, MIN(seq) AS seq, MAX({_CODE_SQL}) AS code, {span} "
            f"FROM milestones {where} GROUP BY {key}")


def facts_sql(per_milestone: bool = False, milestone_filter: str = "", with_span: bool = True,
              with_reports: bool = True) -> str:
    """The rule as one SQL query: one row per tracked item (item, seq, reason, expected, pct, lag,
    period, state, s, e). ``per_milestone``: each milestone is an item (the tree's milestone
    lines) instead of each node with milestones; ``milestone_filter``: extra ``AND ...`` on the
    milestones considered (a subtree's seq range, chosen ids); ``with_span``: also the span and
    the expected share as of the as-of date (lists; roll-ups only need the reason);
    ``with_reports=False`` when the plan has no report yet (the same rule, without the join).
    Named parameters: ``Settings.params``."""
    key, report_key = ("id", "item_id") if per_milestone else ("node_id", "node_id")
    rs, re_ = _span_sql("l.item", per_milestone)
    expected = _expected_sql(":today", "s", "e") if with_span else "NULL"
    return f"""WITH ms AS ({_items_sql(key, milestone_filter, with_span)}),
rep AS (
  SELECT {report_key} AS item, period, period_end, period_prev, state,
    COALESCE(percent, CASE state WHEN 'not_started' THEN 0.0 WHEN 'done' THEN 100.0 END) AS pct,
    ROW_NUMBER() OVER (PARTITION BY {report_key} ORDER BY period_end DESC, reported_on DESC, id DESC) AS rn,
    ROW_NUMBER() OVER (PARTITION BY {report_key}, period ORDER BY reported_on DESC, id DESC) AS rn_period
  FROM progress WHERE plan_id = :plan AND reported_on <= :today),
last AS (
  SELECT l.*, p.state AS prev_state,
    {_expected_sql("MIN(l.period_end, :today)", rs, re_)} - l.pct AS lag
  FROM rep l LEFT JOIN rep p ON p.item = l.item AND p.period = l.period_prev AND p.rn_period = 1 WHERE l.rn = 1),
facts AS ({_FACTS_JOINED if with_reports else _FACTS_ALONE})
SELECT item, seq, {_REASON_SQL.format(need_reports=0 if per_milestone else 1)} AS reason, {expected} AS expected,
  pct, lag, period, state, s, e FROM facts"""


_FACTS_JOINED = """
  SELECT ms.*, last.period, last.period_end, last.state, last.pct, last.prev_state, last.lag
  FROM ms LEFT JOIN last ON last.item = ms.item"""
_FACTS_ALONE = """
  SELECT ms.*, NULL AS period, NULL AS period_end, NULL AS state, NULL AS pct, NULL AS prev_state, NULL AS lag
  FROM ms"""


def has_reports(conn: sqlite3.Connection, s: Settings) -> bool:
    """Whether any report of the plan counts as of the as-of date (else the rule needs no join)."""
    return conn.execute("SELECT 1 FROM progress WHERE plan_id = ? AND reported_on <= ? LIMIT 1",
                        (s.plan_id, s.today.isoformat())).fetchone() is not None


class Light(NamedTuple):
    """One tracked item's light and the 序时 figures behind it."""

    id: str  # node id (or milestone id for a milestone line)
    seq: int
    light: str
    reason: str
    expected: float | None  # 序时进度 as of the as-of date, percent
    percent: float | None  # the latest report's percent (未启动 0, 已完成 100 when none was given)
    lag: float | None  # expected at the end of the reported period minus the percent
    period: str | None  # the latest report's period
    state: str | None  # the latest report's state
    start: str
    due: str


def _light(row: sqlite3.Row | tuple[Any, ...]) -> Light:
    item, seq, reason, expected, pct, lag, period, state, s, e = row
    return Light(item, seq, REASONS[reason], reason, None if expected is None else round(expected, 1), pct,
                 None if lag is None else round(lag, 1), period, state, s, e)


def _ids_filter(column: str, ids: list[str]) -> str:
    # ids are plandesk's own (letters, digits, . - _ /), quoted for a literal IN list
    return f"AND {column} IN ({', '.join(_quote(i) for i in ids)})"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def item_lights(conn: sqlite3.Connection, s: Settings, node_ids: list[str] | None = None) -> dict[str, Light]:
    """The light of every tracked node of the plan (or of ``node_ids``), by node id."""
    where = _ids_filter("node_id", node_ids) if node_ids is not None else ""
    return {r[0]: _light(r) for r in conn.execute(facts_sql(False, where), s.params())}


def milestone_lights(conn: sqlite3.Connection, s: Settings, milestone_ids: list[str] | None) -> dict[str, Light]:
    """The light of each milestone line (the tree's milestones on screen), by milestone id; None:
    every milestone of the plan (a whole plan open: no list of 50,000 ids for SQLite to parse)."""
    if milestone_ids is not None and not milestone_ids:
        return {}
    where = _ids_filter("id", milestone_ids) if milestone_ids is not None else ""
    return {r[0]: _light(r) for r in conn.execute(facts_sql(True, where), s.params())}


def item_light(conn: sqlite3.Connection, s: Settings, item_id: str) -> Light | None:
    """One item's light (a node with milestones, else a milestone): the detail pane's question."""
    found = item_lights(conn, s, [item_id]).get(item_id)
    return found or milestone_lights(conn, s, [item_id]).get(item_id)


class Counts(NamedTuple):
    """How many tracked items under a node have each light."""

    red: int = 0
    yellow: int = 0
    green: int = 0

    @property
    def total(self) -> int:
        return self.red + self.yellow + self.green

    @property
    def light(self) -> str | None:
        """As red as the reddest item under it; None if nothing under it is tracked."""
        return RED if self.red else YELLOW if self.yellow else GREEN if self.green else None

    def plus(self, other: Counts) -> Counts:
        return Counts(self.red + other.red, self.yellow + other.yellow, self.green + other.green)


MAX_RANGES = 4096  # ancestors the one-pass roll-up picks among; beyond this, one look-up per item
_NONE = 0  # code point of "no ancestor at this depth" (SQLite's char(NULL))
_BASE = 256  # code points of the tallies: _BASE + 3 * slot + colour index (slot 0: none at the first depth)
_COLOUR_INDEX_SQL = (  # a reason's light as its index in COLOURS
    f"CASE WHEN reason IN ({', '.join(repr(r) for r, c in REASONS.items() if c == RED)}) THEN {COLOURS.index(RED)} "
    f"WHEN reason IN ({', '.join(repr(r) for r, c in REASONS.items() if c == GREEN)}) THEN {COLOURS.index(GREEN)} "
    f"ELSE {COLOURS.index(YELLOW)} END")


def _range_index_sql(ranges: list[tuple[int, int]], column: str, offset: int = 0) -> str:
    """SQL giving ``offset`` + the index of the range in ``ranges`` (sorted by start) that starts last
    at or before ``column`` if it reaches ``column``, else NULL: a balanced CASE over literals (a
    binary search written out), about log2(len(ranges)) integer comparisons per row, no look-up."""
    def pick(lo: int, hi: int) -> str:
        if lo == hi:
            return f"CASE WHEN {column} BETWEEN {int(ranges[lo][0])} AND {int(ranges[lo][1])} THEN {offset + lo} END"
        mid = (lo + hi + 1) // 2
        return f"CASE WHEN {column} < {int(ranges[mid][0])} THEN {pick(lo, mid - 1)} ELSE {pick(mid, hi)} END"
    return pick(0, len(ranges) - 1) if ranges else "NULL"


def rollups(conn: sqlite3.Connection, s: Settings, depths: tuple[int, ...] = (0,),
            parent_id: str | None = None, node_ids: list[str] | None = None) -> dict[str, Counts]:
    """Light counts for the nodes at ``depths`` (or the children of ``parent_id``), and for the
    whole plan (or the parent's subtree) under the key ``plan_id``; ``node_ids``: count only
    these items (the tasks one unit leads).

    An item counts under the nearest node of each depth before it (by seq) whose subtree [seq,
    last_seq] reaches it. One pass: the candidate nodes' ranges are read first and written into the
    query as a balanced CASE, so each item finds its ancestors by a few integer comparisons instead
    of an index look-up; each item then adds one character per tally (its slot and colour) to one
    string, which ``Counter`` counts in C: no per-item row, sort or Python step. While no report
    counts, an item's colour follows from its worst milestone code (``colour_by_code``). Plans
    with more than ``MAX_RANGES`` candidates use prefix sums over seq (``rollups_by_ranges``).
    tests/progress/test_progress_rollups_fast.py holds every way to the plain rule."""
    from collections import Counter

    found = _subtree(conn, depths, parent_id)
    if found is None:
        return {s.plan_id: Counts()}
    in_subtree, depths = found
    where = in_subtree + (" " + _ids_filter("node_id", node_ids) if node_ids is not None else "")
    ranges = conn.execute(
        f"SELECT depth, id, seq, last_seq FROM nodes WHERE plan_id = :plan AND archived_at IS NULL "
        f"AND depth IN ({', '.join(str(int(d)) for d in depths)}) {in_subtree} ORDER BY depth, seq",
        s.params()).fetchall()
    if len(ranges) > MAX_RANGES:
        return rollups_by_ranges(conn, s, ranges, where)
    ids: list[str] = []
    slots = []  # one per depth: the item's ancestor there as an index into ids, from 1
    for depth in depths:
        mine = [(r[2], r[3]) for r in ranges if r[0] == depth]
        slots.append(_range_index_sql(mine, "seq", len(ids) + 1))
        ids.extend(r[1] for r in ranges if r[0] == depth)
    # one character per item and depth: _BASE + 3 * slot + colour; the first depth's slot is 0 for
    # an item with no ancestor there, so that its characters count every item once (the total)
    tallies = [f"{_BASE} + 3 * coalesce({slots[0] if slots else 'NULL'}, 0) + colour",
               *(f"{_BASE} + 3 * ({slot}) + colour" for slot in slots[1:])]
    sql = f"SELECT group_concat(char({', '.join(tallies)}), '') FROM ({item_colours_sql(conn, s, where)})"
    counted = Counter(conn.execute(sql, s.params()).fetchone()[0] or "")
    counted.pop(chr(_NONE), None)  # char(NULL): no ancestor at a later depth
    first_depth = sum(1 for r in ranges if depths and r[0] == depths[0])  # slots 0..first_depth
    total = [0, 0, 0]
    by_slot: dict[int, list[int]] = {}
    for char, n in counted.items():
        slot, colour = divmod(ord(char) - _BASE, 3)
        if slot <= first_depth:
            total[colour] += n
        if slot:
            by_slot.setdefault(slot, [0, 0, 0])[colour] += n
    result = {s.plan_id: Counts(*total)}
    result.update((ids[slot - 1], Counts(*counts)) for slot, counts in by_slot.items())
    return result


def item_colours_sql(conn: sqlite3.Connection, s: Settings, where: str = "") -> str:
    """SQL of ``seq, colour`` per tracked node (its first seq, its light as an index in COLOURS):
    what roll-ups count. ``where``: ``AND ...`` on the milestones considered."""
    if has_reports(conn, s):  # LIMIT -1 (twice): each item's reason and colour worked out once, not per use
        return f"SELECT seq, {_COLOUR_INDEX_SQL} AS colour FROM ({facts_sql(False, where, False)} LIMIT -1) LIMIT -1"
    # no report counts yet: an item's colour follows from its worst code alone
    by_code = " ".join(f"WHEN {code} THEN {colour}" for code, colour in colour_by_code(conn, s).items())
    return f"SELECT seq, CASE code {by_code} END AS colour FROM ({_items_sql('node_id', where)})"


def colour_by_code(conn: sqlite3.Connection, s: Settings, per_milestone: bool = False) -> dict[int, int]:
    """Each worst code's colour index for an item with no report (a task, or ``per_milestone`` a
    milestone line), asked of the rule itself (the reason SQL over the five codes), so a shortcut
    taken while no report counts cannot drift from it."""
    codes = " UNION ALL ".join(f"SELECT {code} AS code" for code in range(5))
    reason = _REASON_SQL.format(need_reports=0 if per_milestone else 1)
    return dict(conn.execute(
        f"SELECT code, {_COLOUR_INDEX_SQL} FROM (SELECT code, {reason} AS reason FROM (SELECT code, NULL AS lag, "
        f"NULL AS state, NULL AS prev_state, NULL AS period_end FROM ({codes})))", s.params()).fetchall())


def code_sql() -> str:
    """A milestone's code as SQL over its columns (0 done ... 4 overdue; Settings.params)."""
    return _CODE_SQL


def _subtree(conn: sqlite3.Connection, depths: tuple[int, ...],
             parent_id: str | None) -> tuple[str, tuple[int, ...]] | None:
    """The ``AND ...`` narrowing items and candidate ancestors to a parent's seq range (none without
    a parent) and the depths to count at (the parent's children); None if there is no such parent."""
    if parent_id is None:
        return "", depths
    row = conn.execute("SELECT depth, seq, last_seq FROM nodes WHERE id = ?", (parent_id,)).fetchone()
    if row is None:
        return None
    return f"AND seq BETWEEN {int(row[1])} AND {int(row[2])}", (row[0] + 1,)


def rollups_by_ranges(conn: sqlite3.Connection, s: Settings, ranges: list[tuple[int, str, int, int | None]],
                      where: str) -> dict[str, Counts]:
    """``rollups`` for many candidate ancestors (a whole plan's nodes): each item's colour is read
    once, and each candidate's counts are the items in its subtree [seq, last_seq], by prefix sums
    over seq (``store.subtrees``): one pass over the items, one subtraction per candidate, whatever
    the depth. (Looking each item's ancestor up at every depth took 1.2 s on 50,000 nodes.)"""
    from store import subtrees

    items = [(seq, colour) for seq, colour in conn.execute(item_colours_sql(conn, s, where), s.params())
             if colour is not None]
    total = [0, 0, 0]
    for _, colour in items:
        total[colour] += 1
    result = {s.plan_id: Counts(*total)}
    ranged = [(node_id, seq, last_seq) for _, node_id, seq, last_seq in ranges  # a node without a
              if seq is not None and last_seq is not None and last_seq >= seq]  # range reaches nothing
    first = min(0, min((seq for seq, _ in items), default=0), min((seq for _, seq, _ in ranged), default=0))
    last = max([0, *(seq for seq, _ in items), *(last_seq for _, _, last_seq in ranged)])
    one = [subtrees.unit(colour) for colour in range(len(COLOURS))]
    counts = subtrees.SubtreeCounts(((seq, one[colour]) for seq, colour in items), last, first)
    made: dict[int, Counts] = {}  # most nodes share a handful of counts
    for node_id, seq, last_seq in ranged:
        packed = counts.packed(seq, last_seq)
        if packed:
            found = made.get(packed)
            if found is None:
                found = made[packed] = Counts(*subtrees.unpack(packed, len(COLOURS)))
            result[node_id] = found
    return result
