"""Build the task tree from the document's blocks: headings by numbering, boxes, tables, paragraphs.

Levels are given by the order in which numbering styles first appear (a document that opens
with 第一章 then 一、 then (一) has them as levels 1, 2, 3), as a reader infers them; Word and
Markdown heading levels are taken as they are. A 专栏 box sits under the section it follows;
when that section already lists numbered items in the style of the box's entries, the box
stands beside the section instead (its entries are not the section's next items). Lost
numbering is repaired and listed: ``)优化…`` is the next (N) of its level, and a paragraph
followed by numbered items that restart at 1 is the heading whose number was lost.
"""
from __future__ import annotations

import re

from store.draft import table_items, tables
from store.draft.front import Front
from store.draft.headings import STYLE_RANK, Numbering, full_stop, parse_numbering, split_run_in
from store.draft.model import DraftIndicator, DraftNode
from store.draft.reading import Block
from store.draft.review import Review

_HEADING_KINDS = ("part", "chapter", "jie", "cn_dun", "cn_paren", "num_dot", "num_dun", "num_paren", "circled",
                  "zero_num")
_BOX_TEXT = re.compile(r"^(工作目标|主要工作|具体目标|主要目标|工作任务|主要内容|重点任务)\s*[::]")
_INLINE_ENTRY = re.compile(r"(?<=[。；;!！])\s*(\d{1,2})\s*[.．]\s*(?=[\u4e00-\u9fff“\"《(（A-Za-z])")


def lead_sentence(text: str) -> str:
    """A paragraph's title: its lead sentence, up to the first 。"""
    stop = full_stop(text)
    return text[:stop] if stop > 0 else text.rstrip("；;。")


class Outline:
    """Reads blocks[front.body_from:front.body_to] into a tree under ``root``."""

    def __init__(self, blocks: list[Block], front: Front, review: Review):
        self.blocks = blocks
        self.front = front
        self.review = review
        self.root = DraftNode("root", "", 0, separate=True)
        self.stack: list[DraftNode] = [self.root]
        self.style_levels: dict[str, int] = {}
        self.box: DraftNode | None = None
        self.last_para: DraftNode | None = None  # the node the previous block made, if unnumbered
        self.last_ordinal: dict[str, int] = {}
        self.indicators: list[DraftIndicator] = []
        self.projects: dict[str, DraftNode] = {}
        self.in_annex_list = False
        self.index = 0

    # ---- the walk over blocks
    def build(self) -> DraftNode:
        i, end = self.front.body_from, self.front.body_to
        for block in self.front.notice:
            self.root.add(self._paragraph_node(block))
        while i < end:
            block = self.blocks[i]
            if block.kind == "sep":
                if self.box is not None and self.box.boxed and (self.box.children or self.box.text):
                    self.box = None
                i += 1
                continue
            if block.kind == "table":
                self._table(tables.read_grid(block), block.line, self._table_name(None))
                i += 1
                continue
            title_block = None
            start = i
            if (block.level is None and not tables.header_at(self.blocks, i, end) and self._may_title(block)
                    and tables.header_at(self.blocks, self._next_para(i), end)):
                title_block, start = block, self._next_para(i)
            if tables.header_at(self.blocks, start, end):
                table = tables.read_flat(self.blocks, start, end)
                if table is not None:
                    self._table(table, (title_block or self.blocks[start]).line, self._table_name(title_block),
                                title_block.text if title_block is not None else "")
                    i = table.end
                    continue
            self.index = i
            self._paragraph(block)
            i += 1
        self.box = None
        return self.root

    def _next_para(self, i: int) -> int:
        j = i + 1
        while j < self.front.body_to and self.blocks[j].kind == "sep":
            j += 1
        return j

    def _may_title(self, block: Block) -> bool:
        return len(block.text) <= 40 and "。" not in block.text and parse_numbering(block.text) is None

    def _table_name(self, title_block: Block | None) -> str:
        """The box or annex number (专栏1, 附件3) the table is printed in, else its title line."""
        holder = self.box or next((n for n in reversed(self.stack) if n.kind in ("box", "annex") or n.separate), None)
        if holder is not None and holder.kind in ("box", "annex") and holder.number:
            return holder.number
        if title_block is not None and not title_block.text.endswith((":", ":")):
            return title_block.text
        if holder is not None and holder is not self.root:
            return holder.number if holder.kind in ("box", "annex") and holder.number else holder.title
        return "主要指标"

    # ---- paragraphs and headings
    def _paragraph(self, block: Block) -> None:
        numbering = parse_numbering(block.text)
        if block.level is not None and block.level > 0:
            self._close_box()
            self._heading(block, numbering, word_level=block.level)
            return
        if self.in_annex_list:
            if (numbering is not None and numbering.style == "num_dot" and len(block.text) <= 60
                    and "。" not in block.text):
                return
            self.in_annex_list = False
        if numbering is not None and numbering.style == "box":
            self._open_box(block, numbering)
            return
        if self.box is not None and self.box.boxed and not block.boxed and (self.box.children or self.box.text):
            self._close_box()  # a drawn box ends where the text leaves its borders
        if self.box is not None and self._in_box(block, numbering):
            return
        if numbering is not None and numbering.style == "annex":
            self._annex(block, numbering)
            return
        if numbering is not None and numbering.style in _HEADING_KINDS:
            self._heading(block, numbering)
            return
        parent = self.stack[-1]
        if parent.kind == "annex" and parent.fields.get("_needs_title") and self._may_title(block):
            parent.title = block.text  # 附件2 on one line, its title on the next
            parent.fields["_needs_title"] = ""
            return
        if parent is self.root:
            self.review.add(block.line, "draft_preamble")
        node = parent.add(self._paragraph_node(block))
        self.last_para = node

    def _paragraph_node(self, block: Block) -> DraftNode:
        node = DraftNode("para", lead_sentence(block.text), block.line, text=block.text)
        node.paras.append((block.line, block.text))
        return node

    def _level_for(self, style: str, word_level: int | None) -> int:
        if word_level is not None:
            self.style_levels.setdefault(style, word_level)
            return word_level
        if style not in self.style_levels:
            level = max(self.style_levels.values(), default=0) + 1
            self.style_levels[style] = level
            outer = [s for s, lv in self.style_levels.items() if lv < level and s in STYLE_RANK]
            if style in STYLE_RANK and any(STYLE_RANK[s] > STYLE_RANK[style] for s in outer):
                self.review.add(self._line, "draft_level_guessed", number=self._printed, level=level)
        return self.style_levels[style]

    def _heading(self, block: Block, numbering: Numbering | None, word_level: int | None = None) -> None:
        self._line = block.line
        style = numbering.style if numbering is not None else f"h{word_level}"
        rest = numbering.rest if numbering is not None else block.text
        self._printed = numbering.printed if numbering is not None else block.text[:12]
        level = self._level_for(style, word_level)
        ordinal = numbering.ordinal if numbering is not None else None
        printed = numbering.printed if numbering is not None else None
        if numbering is not None and ordinal is None:  # ")优化…": the number was lost
            previous = self._previous_sibling(style, level)
            ordinal = (previous.ordinal or 0) + 1 if previous is not None else 1
            printed = f"({_cn(ordinal)})"
            self.review.add(block.line, "draft_numbering_lost", number=printed)
        elif ordinal == 1 and any(n.style == style for n in self.stack[1:]) and self.last_para is not None:
            self._promote_lost_heading(style, level)
        while len(self.stack) > 1 and self.stack[-1].level >= level:
            self.stack.pop()
        parent = self.stack[-1]
        self._check_gap(parent, style, ordinal, printed, block.line)
        if word_level is not None:
            title, body, guessed = block.text if numbering is None else rest, "", False
        else:
            title, body, guessed = split_run_in(rest)
        if guessed:
            self.review.add(block.line, "draft_heading_runin", title=title)
        node = parent.add(DraftNode("heading", title or rest[:20], block.line, number=printed, style=style,
                                    ordinal=ordinal, level=level, separate=not body or word_level is not None))
        if body:
            node.text = rest
            node.paras.append((block.line, rest))
        elif word_level is None and rest.rstrip().endswith(SENTENCE_ENDS):
            # 1.2024年6月底前出台……措施。: a numbered sentence on its own line; if nothing comes under it,
            # it is a task (finish._kinds), and its deadline is in this text
            node.text = rest
            node.paras.append((block.line, rest))
            node.fields["_sentence"] = "1"
        self.stack.append(node)
        self.last_para = None
        if ordinal is not None:
            self.last_ordinal[style] = ordinal

    def _previous_sibling(self, style: str, level: int) -> DraftNode | None:
        for node in reversed(self.stack[1:]):
            if node.level < level:
                return next((c for c in reversed(node.children) if c.style == style), None)
        return next((c for c in reversed(self.root.children) if c.style == style), None)

    def _check_gap(self, parent: DraftNode, style: str, ordinal: int | None, printed: str | None, line: int) -> None:
        if ordinal is None:
            return
        previous = next((c for c in reversed(parent.children) if c.style == style and c.ordinal), None)
        expected = {(previous.ordinal or 0) + 1} if previous is not None else {1, self.last_ordinal.get(style, 0) + 1}
        if ordinal not in expected:
            self.review.add(line, "draft_numbering_gap", number=printed or str(ordinal))

    def _promote_lost_heading(self, style: str, level: int) -> None:
        """``科技创新智慧监管。完善…`` then ``1. 构建…``: the paragraph is a heading that lost its number."""
        para = self.last_para
        assert para is not None
        same = next(n for n in self.stack[1:] if n.style == style)
        container = same.parent
        if container is None or container is self.root or container.style is None:
            self.review.add(para.line, "draft_numbering_restart")
            return
        if para.parent is not None:
            para.parent.children.remove(para)
        idx = self.stack.index(container)
        self.stack = self.stack[:idx]
        host = self.stack[-1]
        para.kind, para.style, para.level = "heading", container.style, container.level
        para.ordinal = (container.ordinal or 0) + 1
        para.number = f"({_cn(para.ordinal)})" if container.style == "cn_paren" else None
        title, body, guessed = split_run_in(para.text)
        para.title = title or para.title
        para.separate = not body
        host.add(para)
        self.stack.append(para)
        self.last_para = None
        self.review.add(para.line, "draft_numbering_lost", number=para.number or para.title[:12])

    def _annex(self, block: Block, numbering: Numbering) -> None:
        self._close_box()
        if numbering.rest and len(numbering.rest) <= 60:
            nxt = self._next_para(self.index)
            following = self.blocks[nxt] if nxt < self.front.body_to else None
            if following is not None and following.kind == "para" and re.match(r"^2\s*[.．、]", following.text):
                self.in_annex_list = True  # 附件1. … 2. … : the list of annexes, not an annex
                self.review.add(block.line, "draft_annex_list_skipped")
                return
        self.stack = [self.root]
        node = self.root.add(DraftNode("annex", numbering.rest or numbering.printed, block.line,
                                       number=numbering.printed, style="annex", level=0.5, separate=True))
        node.fields["_needs_title"] = "" if numbering.rest else "1"
        self.stack.append(node)
        self.last_para = None

    # ---- boxes (专栏)
    def _open_box(self, block: Block, numbering: Numbering) -> None:
        self._close_box()
        entry_style = self._entry_style_after(block)
        section = next((n for n in reversed(self.stack)
                        if n is self.root or n.separate or any(c.style for c in n.children)), self.root)
        parent = section
        if entry_style and section is not self.root and any(c.style == entry_style for c in section.children):
            parent = section.parent or self.root
            self.review.add(block.line, "draft_box_parent", number=numbering.printed, parent=parent.title or "-")
        self.stack = self.stack[: self.stack.index(parent) + 1]
        title, body, _ = split_run_in(numbering.rest, max_title=60)
        token = re.sub(r"^(专栏|專欄)\s*", "", numbering.printed)
        box = parent.add(DraftNode("box", title or numbering.printed, block.line, number=numbering.printed,
                                   style="box", ordinal=numbering.ordinal, separate=True, entry_style=entry_style,
                                   boxed=block.boxed, fields={"_token": token}))
        if body:
            box.text = numbering.rest
            box.paras.append((block.line, numbering.rest))
        self.box = box
        self.last_para = None

    def _entry_style_after(self, block: Block) -> str | None:
        i = self.index
        for later in self.blocks[i + 1: min(i + 8, self.front.body_to)]:
            if later.kind != "para":
                continue
            numbering = parse_numbering(later.text)
            if numbering is None:
                if later.text.startswith(("——", "—")):
                    return "dash"
                continue
            if numbering.style in ("box", "annex", "part", "chapter", "jie"):
                return None
            return numbering.style if numbering.ordinal == 1 else None
        return None

    def _close_box(self) -> None:
        self.box = None

    def _in_box(self, block: Block, numbering: Numbering | None) -> bool:
        """Place a block inside the open box; False when the block ends the box."""
        box = self.box
        assert box is not None
        if numbering is not None and numbering.style != box.entry_style and (
                numbering.style in ("annex", "part", "chapter", "jie", "cn_dun", "cn_paren") or box.entry_style):
            self._close_box()
            return False
        if numbering is not None and numbering.style == box.entry_style:
            self._entries(box, block, numbering)
            return True
        text = block.text
        last = box.children[-1] if box.children else None
        if last is not None and last.separate and not last.text and not text.startswith("—"):
            last.text = text  # "01 校园食品安全守护行动" and its paragraph
            last.paras.append((block.line, text))
            return True
        if _BOX_TEXT.match(text) or (not box.children and box.entry_style not in (None, "dash")):
            box.text = f"{box.text}\n{text}".strip()
            box.paras.append((block.line, text))
            return True
        if not box.children and box.entry_style is None and not text.startswith("—"):
            box.text = f"{box.text}\n{text}".strip()
            box.paras.append((block.line, text))
            return True
        entry = box.add(DraftNode("entry", lead_sentence(text.lstrip("—").strip()), block.line, text=text))
        entry.paras.append((block.line, text))
        return True

    def _entries(self, box: DraftNode, block: Block, numbering: Numbering) -> None:
        """One entry, or several run together on one line (``1. …。 2. …。``)."""
        pieces: list[tuple[str, int | None, str]] = []
        text = numbering.rest
        expect = (numbering.ordinal or 0) + 1
        cut = 0
        current = (numbering.printed, numbering.ordinal)
        if numbering.style == "num_dot":
            for m in _INLINE_ENTRY.finditer(text):
                if int(m[1]) == expect:
                    pieces.append((current[0], current[1], text[cut: m.start()].strip()))
                    current = (f"{m[1]}.", expect)
                    cut = m.end()
                    expect += 1
        pieces.append((current[0], current[1], text[cut:].strip()))
        for printed, ordinal, body in pieces:
            title, rest, guessed = split_run_in(body)
            if guessed:
                self.review.add(block.line, "draft_heading_runin", title=title)
            entry = box.add(DraftNode("entry", title or body[:20], block.line, number=printed, style=numbering.style,
                                      ordinal=ordinal, separate=not rest))
            if rest:
                entry.text = body
                entry.paras.append((block.line, body))

    # ---- tables
    def _table(self, table: tables.Table | None, line: int, name: str, title: str = "") -> None:
        context = self.box or self.stack[-1]
        if table is None:
            self.review.add(line, "draft_table_unread", reason="-")
            return
        kind = table_items.table_kind(table)
        start, end = self.front.start, self.front.end
        if kind == "indicator":
            found = table_items.read_indicators(table, name, self.review)
            table_items.merge_indicators(self.indicators, found, self.review)
        elif kind == "project":
            table_items.read_projects(table, context, self.projects, start, end, self.review)
        elif kind == "task":
            table_items.read_tasks(table, context, f"{title} {context.title}", start, end, self.review)
        else:
            self.review.add(line, "draft_table_unread", reason=" / ".join(table.header))
            text = "\n".join(" | ".join(c.text for c in row) for row in table.rows)
            node = context.add(DraftNode("para", name, line, text=text))
            node.fields["_table"] = "1"
        if context.kind == "annex" and context.fields.get("_needs_title") and title:
            context.title = title
            context.fields["_needs_title"] = ""
        self.last_para = None


SENTENCE_ENDS = ("。", "；", ";")


def _cn(number: int) -> str:
    digits = "零一二三四五六七八九"
    if number < 10:
        return digits[number]
    if number < 20:
        return "十" + (digits[number % 10] if number % 10 else "")
    return digits[number // 10] + "十" + (digits[number % 10] if number % 10 else "")
