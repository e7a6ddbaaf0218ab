"""The unit's workbook (.xlsx) as a file format, the part both sides need: the sheets' names, the
columns (the reader finds them by their headers, so their order may change), which cells the
unit fills in, where the header row is. ``tui.ledger_books.unit_book`` writes it,
``store.ledger_read`` reads it back; the workbook's identity and row keys are ``store.ledger``'s.
"""
from __future__ import annotations

from store import progress as pg

COVER_SHEET = "填报说明"
DATA_SHEET = "台账"
META_SHEET = "plandesk"
STATE_CHOICES = tuple(pg.STATE_ZH[s] for s in pg.STATES)  # 未启动 推进中 滞后 已完成
FILLED_ON_LABEL = "填报日期"

# column id -> (header, width); the reader finds columns by these headers, so order may change
KEY, NUMBER, CHAPTER, TASK, ROLE, DUE, EXPECTED, LAST_STATE, LAST_NOTE = (
    "key", "number", "chapter", "task", "role", "due", "expected", "last_state", "last_note")
STATE, PERCENT, NOTE, PROBLEM, NEXT_STEP, EVIDENCE = "state", "percent", "note", "problem", "next_step", "evidence"
COLUMNS: dict[str, tuple[str, float]] = {
    KEY: ("校验编码（请勿改动）", 14), NUMBER: ("序号", 5), CHAPTER: ("所属章节", 12), TASK: ("任务", 24),
    ROLE: ("职责", 5.5), DUE: ("完成时限", 10.5), EXPECTED: ("序时进度(%)", 7.5), LAST_STATE: ("上期状态", 7),
    LAST_NOTE: ("上期进展情况", 20), STATE: ("本期状态", 8.5), PERCENT: ("完成进度(%)", 7.5),
    NOTE: ("进展情况", 28), PROBLEM: ("存在问题", 20), NEXT_STEP: ("下步措施", 20), EVIDENCE: ("佐证材料", 14),
}
FILL_IN = (STATE, PERCENT, NOTE, PROBLEM, NEXT_STEP, EVIDENCE)
HEADER_ROW = 3
