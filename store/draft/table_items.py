"""What a table holds: indicators (指标 with year columns), projects (项目) or tasks (任务分解表).

The kind is read from the header words, the columns are found by name in any order, and
printed values are kept exactly as printed. When a row has fewer values than year columns
(cells vanished in conversion), the values are taken as the last columns and the row is put
on the review list: a guess, never silent.
"""
from __future__ import annotations

import re

from store.deadlines import arabic_years
from store.draft.header_words import YEAR_COLUMN, squeeze
from store.draft.headings import parse_numbering
from store.draft.model import DraftIndicator, DraftMilestone, DraftNode, DraftRow
from store.draft.reading import Cell
from store.draft.review import Review
from store.draft.tables import ATTRIBUTE, VALUE, Table
from store.draft.targets import due_in_plan, find_date

NAME_COLUMNS = ("指标", "指标名称", "主要指标", "二级指标")
PROJECT_COLUMNS = ("项目名称", "国家级项目名称", "项目")
TASK_TITLE_COLUMNS = ("任务", "工作任务", "主要任务", "重点任务", "任务内容", "具体任务", "名称", "工作内容")
TASK_TEXT_COLUMNS = ("具体措施", "工作措施", "目标", "目标任务", "工作目标", "主要目标", "具体内容")
LEAD_COLUMNS = ("牵头单位", "牵头部门", "牵头股室", "牵头科室", "牵头处室")
RESPONSIBLE_COLUMNS = ("责任单位", "责任部门", "责任股室", "责任科室", "责任处室")
SUPPORT_COLUMNS = ("配合单位", "协办单位", "参与单位", "配合部门", "配合股室", "配合科室", "配合处室", "协同单位")
DUE_COLUMNS = ("完成时限", "时间节点", "完成时间", "时限", "进度安排")
CATEGORY_COLUMNS = ("类别", "一级指标", "分类", "领域")
_LOWER_IS_BETTER = re.compile(r"(死亡|事故|周期|时长|用时|时间|不合格|违法率|案发|逾期|积压|发生率|差错)")
_INCREMENT = re.compile(r"^(新增|新建|年度|每年|年均|当年)")
_UNIT_TAIL = re.compile(r"\s*[(（]([^()（）]{1,12})[)）]\s*$")


def table_kind(table: Table) -> str | None:
    """'indicator', 'project', 'task', or None when the header says nothing this can read."""
    header = set(table.header)
    if header & set(PROJECT_COLUMNS) and not header & set(NAME_COLUMNS):
        return "project"
    if header & set(NAME_COLUMNS) and table.year_columns():
        return "indicator"
    if header & set(TASK_TITLE_COLUMNS + LEAD_COLUMNS + RESPONSIBLE_COLUMNS + DUE_COLUMNS):
        return "task"
    return None


def split_name(cell: str) -> tuple[str, str | None, str | None]:
    """(name, unit, serial) of a name cell: ``1.市场主体总量(万户)`` -> (市场主体总量, 万户, 1)."""
    text = cell.strip()
    serial = None
    if m := re.match(r"^(\d{1,3})\s*[.、．]\s*(?=\D|\d*[\u4e00-\u9fff])", text):
        serial, text = m[1], text[m.end():]
    text = text.lstrip("※*＊").strip()
    unit = None
    if m := _UNIT_TAIL.search(text):
        unit, text = m[1].strip(), text[: m.start()]
    text = re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", text).strip()
    return text, unit, serial


def _assign(table: Table, row: list[Cell], start_col: int) -> dict[int, Cell]:
    """Cells after the number to columns: category columns may vanish first, then the last
    year columns are filled from the right (a vanished cell is an empty one)."""
    columns = list(range(start_col, len(table.header)))
    cells = list(row)
    if len(cells) < len(columns):
        columns = [c for c in columns if table.header[c] not in CATEGORY_COLUMNS] or columns
    if len(cells) >= len(columns):
        return dict(zip(columns, cells, strict=False))  # cells past the last column have no header
    years = [c for c in columns if YEAR_COLUMN.match(table.header[c])]
    fixed = [c for c in columns if c not in years]
    out: dict[int, Cell] = {}
    take = min(len(fixed), len(cells) - min(len(years), max(0, len(cells) - len(fixed))))
    for c, cell in zip(fixed[:take], cells[:take], strict=True):
        out[c] = cell
    rest = cells[take:]
    for c, cell in zip(years[len(years) - len(rest):] if rest else [], rest, strict=True):
        out[c] = cell
    return out


def _row_start(table: Table, row: list[Cell]) -> tuple[list[Cell], str | None]:
    """The row's number and the cells after the 序号 column."""
    serial_col = table.column("序号")
    first = row[0].text.strip()
    if serial_col is not None and re.fullmatch(r"\d{1,3}\.?", first):
        return row[1:], first.rstrip(".")
    return row, None


def read_indicators(table: Table, name: str, review: Review) -> list[DraftIndicator]:
    years = table.year_columns()
    baseline_year = min(y for _, y, _ in years)
    out: list[DraftIndicator] = []
    name_col = next((i for i, h in enumerate(table.header) if h in NAME_COLUMNS), None)
    unit_col = table.column("单位", "计量单位")
    for row, category in zip(table.rows, table.categories, strict=True):
        cells, serial = _row_start(table, row)
        if not cells:
            continue
        label, unit, inline_serial = split_name(cells[0].text)
        serial = serial or inline_serial
        rest = cells[1:]
        if (unit_col is not None and rest and not VALUE.match(rest[0].text.strip())
                and not ATTRIBUTE.match(rest[0].text)):
            unit = unit or rest[0].text.strip() or None
            rest = rest[1:]
        attribute = None
        values: list[Cell] = []
        for cell in rest:
            text = cell.text.strip()
            if m := ATTRIBUTE.match(text):
                attribute = m[1] + "性"
            elif VALUE.match(text) or re.match(r"^[<>≤≥＜＞]?\d", text):
                values.append(cell)
            elif category is None and name_col is not None and not values:
                category = text
        if not values:
            review.add(row[0].line, "draft_table_row_unread", row=serial or label)
            continue
        columns = years[-len(values):] if len(values) < len(years) else years
        if len(values) < len(years):
            review.add(row[0].line, "draft_table_values_short", row=serial or label, got=len(values), want=len(years))
        if len(values) > len(years):
            review.add(row[0].line, "draft_table_values_long", row=serial or label, got=len(values), want=len(years))
        # more values than year columns: put on the review list above, the extra ones unread
        printed = {year: cell.text.strip() for (_, year, _), cell in zip(columns, values, strict=False)}
        target = printed.get(max(printed)) if printed else ""
        better = "lower" if _LOWER_IS_BETTER.search(label) or str(target).startswith(("≤", "<", "＜")) else "higher"
        out.append(DraftIndicator(
            name=label, line=row[0].line, baseline_year=baseline_year, rows=[DraftRow(name, row[0].line, printed)],
            unit=unit, attribute=attribute, category=category, number=serial, better=better,
            measure="increment" if _INCREMENT.match(label) else "total"))
    return out


def merge_indicators(existing: list[DraftIndicator], new: list[DraftIndicator], review: Review) -> None:
    """An indicator printed in a second table (附件3 beside 专栏1) becomes a second row of it."""
    by_name = {squeeze(i.name): i for i in existing}
    for indicator in new:
        same = by_name.get(squeeze(indicator.name))
        row = indicator.rows[0]
        if same is not None and all(r.table != row.table for r in same.rows):
            same.rows.append(row)
            if any(r.values.get(y) not in (None, v) for r in same.rows[:-1] for y, v in row.values.items()):
                review.add(row.line, "draft_indicator_conflict", name=indicator.name)
            continue
        existing.append(indicator)
        by_name.setdefault(squeeze(indicator.name), indicator)


def read_projects(table: Table, context: DraftNode, registry: dict[str, DraftNode], start: int, end: int,
                  review: Review) -> None:
    """Project rows: fields as printed; a year's 目标 cell is that year's milestone; a project
    seen in an earlier table (附件1, then its 进度表 附件2) gets the new columns, not a twin."""
    name_col = next(table.header.index(h) for h in PROJECT_COLUMNS if h in table.header)
    serial_col = table.column("序号")
    unit_col = next((i for i, h in enumerate(table.header) if h in RESPONSIBLE_COLUMNS + LEAD_COLUMNS), None)
    if name_col != table.header.index("项目") if "项目" in table.header else False:
        table.header[table.header.index("项目")] = "类别"  # 项目 beside 项目名称 is the group column
    for row, category in zip(table.rows, table.categories, strict=True):
        cells, serial = _row_start(table, row)
        start_col = (serial_col + 1) if serial is not None and serial_col is not None else 0
        if start_col and name_col < start_col:
            start_col = name_col
        assigned = _assign(table, cells, start_col)
        name_cell = assigned.get(name_col)
        if name_cell is None:
            review.add(row[0].line, "draft_table_row_unread", row=serial or row[0].text)
            continue
        name = name_cell.text.strip()
        node = registry.get(squeeze(name))
        same_row = node is None  # a milestone in the project's own row points at the row (its name)
        if node is None:
            node = context.add(DraftNode("project", name, name_cell.line, number=serial, from_table=True))
            registry[squeeze(name)] = node
        if category:
            node.fields.setdefault("类别", category)
        if len(cells) < len(table.header) - start_col:
            review.add(row[0].line, "draft_table_values_short", row=serial or name,
                       got=len(cells), want=len(table.header) - start_col)
        for col, cell in sorted(assigned.items()):
            head, text = table.header[col], cell.text.strip()
            if col == name_col or not text:
                continue
            if col == unit_col:
                node.units = node.units or [u for u in re.split(r"[、,，;；]", text) if u.strip()]
                continue
            if m := YEAR_COLUMN.match(head):
                year, what = int(m[1]), m[2] or ""
                if text in ("-", "—", "/"):
                    continue
                date = find_date(text, start, end) if what in ("状态", "现状") else None
                if what in ("状态", "现状") and date is None:
                    node.fields[head] = text
                    continue
                due_year = date.year if date else year
                if not start <= due_year <= end:
                    node.fields[head] = text
                    continue
                title = text if name in text else f"{name}:{text}"
                key = f"y{due_year}"
                while any(m2.key == key for m2 in node.milestones):
                    key += "b"
                line = node.line if same_row else cell.line
                node.milestones.append(DraftMilestone(title, f"{due_year}年", line, due_year, key=key))
                continue
            node.fields[head] = text


def read_tasks(table: Table, context: DraftNode, title: str, start: int, end: int, review: Review) -> None:
    """任务分解表 rows: the task, its lead and supporting units, its deadline (完成时限), and a
    目标 cell as the milestone when the table's title names its year (2022年重点任务目标)."""
    header = table.header
    title_col = next((i for i, h in enumerate(header) if h in TASK_TITLE_COLUMNS), None)
    text_col = next((i for i, h in enumerate(header) if h in TASK_TEXT_COLUMNS), None)
    lead_col = next((i for i, h in enumerate(header) if h in LEAD_COLUMNS), None)
    responsible_col = next((i for i, h in enumerate(header) if h in RESPONSIBLE_COLUMNS), None)
    support_col = next((i for i, h in enumerate(header) if h in SUPPORT_COLUMNS), None)
    if lead_col is None:
        lead_col, responsible_col = responsible_col, None
    elif support_col is None:
        support_col, responsible_col = responsible_col, None
    due_col = next((i for i, h in enumerate(header) if h in DUE_COLUMNS), None)
    cat_col = next((i for i, h in enumerate(header) if h in CATEGORY_COLUMNS), None)
    serial_col = table.column("序号")
    years = {int(y) for y in re.findall(r"((?:19|20)\d{2})\s*年", arabic_years(title))}
    table_year = next(iter(years)) if len(years) == 1 else None
    if title_col is None:
        title_col = text_col
    if title_col is None:
        review.add(table.line, "draft_table_unread", reason=" / ".join(header))
        return
    known = {title_col, text_col, lead_col, responsible_col, support_col, due_col, cat_col, serial_col}
    stages = _stage_columns(header, known, start, end)
    staged = {col for col, _, _, _ in stages}
    groups: dict[str, DraftNode] = {}
    for row, category in zip(table.rows, table.categories, strict=True):
        cells, serial = _row_start(table, row)
        start_col = (serial_col + 1) if serial is not None and serial_col is not None else 0
        assigned = _assign(table, cells, start_col)
        task_title = _cell_text(assigned, title_col)
        if not task_title:
            review.add(row[0].line, "draft_table_row_unread", row=serial or row[0].text)
            continue
        parent = context
        if category and cat_col is None:  # a merged row (一、优化营商环境) heads the tasks under it
            parent = groups.get(category) or groups.setdefault(category, _group(context, category, row[0].line))
        node = parent.add(DraftNode("task", task_title, row[0].line, number=serial, from_table=True))
        body = _cell_text(assigned, text_col) if text_col != title_col else ""
        if body:
            node.text = body
        node.units = _units(_cell_text(assigned, lead_col))
        node.support = _units(_cell_text(assigned, support_col))
        for col, value in ((cat_col, category), (responsible_col, None)):
            if col is not None and (value or _cell_text(assigned, col)):
                node.fields[header[col]] = value or _cell_text(assigned, col)
        phrase = _cell_text(assigned, due_col)
        if phrase and due_col is not None:  # a phrase has its column
            date = find_date(phrase, start, end)
            if date is None and due_in_plan(phrase, start, end) is not None:
                node.due = phrase  # 全年, 2024年12月31日: the loader reads it as it stands
                if not re.search(r"\d{4}", arabic_years(phrase)) and start != end:
                    review.add(row[0].line, "draft_year_missing", phrase=phrase, year=end)
            elif date is None:
                review.add(row[0].line, "draft_due_unread", phrase=phrase)
                node.fields[header[due_col]] = phrase
            else:
                node.due = date.due
                if date.yearless and start != end:
                    review.add(row[0].line, "draft_year_missing", phrase=phrase, year=end)
        elif table_year is not None and body and text_col is not None and start <= table_year <= end:
            cell = assigned[text_col]  # a body has its column
            node.milestones.append(DraftMilestone(body, f"{table_year}年", cell.line, table_year))
        for col, phrase, year, key in stages:  # 形象进度: what is to be done by each quarter (or year)
            stage = _cell_text(assigned, col)
            if stage and stage not in _NOTHING:
                node.milestones.append(DraftMilestone(stage, phrase, assigned[col].line, year, key=key))
        for col in range(len(header)):  # any other column (备注, 工作要求): kept as printed, nothing lost
            if col not in known and col not in staged and (other := _cell_text(assigned, col)) and header[col] \
                    and header[col] not in node.fields:
                node.fields[header[col]] = other


_NOTHING = ("—", "-", "/", "／", "无", "—/—", "——")
_STAGE_HEAD = re.compile(r"(季度|月|年)")


def _group(context: DraftNode, category: str, line: int) -> DraftNode:
    """The part (at the top) or section a task table's category row names."""
    numbering = parse_numbering(category)
    title = numbering.rest if numbering is not None and numbering.rest else category
    return context.add(DraftNode("part" if context.kind == "root" else "section", title, line - 1,
                                 number=numbering.printed if numbering is not None else None,
                                 style=numbering.style if numbering is not None else None,
                                 ordinal=numbering.ordinal if numbering is not None else None, from_table=True))


def _stage_columns(header: list[str], known: set[int | None], start: int,
                   end: int) -> list[tuple[int, str, int, str]]:
    """The columns of a task table that are stages of the work (形象进度): headed by a time inside the
    plan (一季度 … 四季度, 6月底, 上半年, 2022年) that no other column reads: (column, due, year, key).
    The key names the stage's milestone by its time (y2022, d0331), so a corrected table that
    leaves a stage empty re-imports its other stages onto the same milestones."""
    stages = []
    for col, head in enumerate(header):
        if col in known or not _STAGE_HEAD.search(head):
            continue
        year_column = YEAR_COLUMN.match(head)
        phrase = f"{year_column[1]}年" if year_column else head
        if (due := due_in_plan(phrase, start, end)) is not None:
            stages.append((col, phrase, due.year, f"y{due.year}" if year_column else f"d{due:%m%d}"))
    return stages


def _cell_text(assigned: dict[int, Cell], col: int | None) -> str:
    """The text of a row's cell in column ``col``; "" when the table has no such column or the row no such cell."""
    cell = assigned.get(col) if col is not None else None
    return cell.text.strip() if cell is not None else ""


def _units(text: str) -> list[str]:
    return [u.strip() for u in re.split(r"[、,，;；/\n]", text) if u.strip()]
