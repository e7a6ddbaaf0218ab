"""The docx renderer: a Word draft of the report in the spirit of GB/T 9704 (党政机关公文格式).

A4 with the standard's margins (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm); title in
方正小标宋简体 2号 (22 pt); body in 仿宋_GB2312 3号 (16 pt) on an exact 29 pt line (22 lines a
page); headings 一、 in 黑体 and (一) in 楷体_GB2312; page numbers "— 1 —" from a PAGE field in
the footer. Every run names its face for both Latin and East Asian text (``w:ascii``, ``w:hAnsi``,
``w:eastAsia``) with no theme font to override it, so Word and WPS pick the Chinese faces; the
font table names a common fallback for each (宋体, 仿宋, 楷体, 黑体) for machines without them.

Sections: 一、总体进展; 二、主要指标完成情况; 三、重点任务推进情况 (chapter by chapter, then the
major projects and the annexes' key tasks with their milestones); 四、存在问题及原因; 五、下步打算
(a mid-term adds 中期调整建议); the issuing unit and date; the indicator table as an appendix.
No software footer, no internal ids unless asked. Only this module imports python-docx.
"""
from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from store import report as rp
from store.safe_text import visible
from tui.reports import common as c
from tui.reports import docx_text as tx
from tui.reports import indicator_tables

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEI_FONT = "黑体"
KAI_FONT = "楷体_GB2312"
PAGE_FONT = "宋体"
FALLBACK = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", KAI_FONT: "楷体", HEI_FONT: "SimHei"}
BODY_SIZE = Pt(16)  # 3号
TITLE_SIZE = Pt(22)  # 2号
LINE = Pt(29)  # 22 lines in the 225 mm type area
TABLE_SIZE = Pt(10.5)  # 五号
CHINESE_NUMBERS = "一二三四五六七八九十"
LIST_LIMIT = 30  # tasks or milestones named in one paragraph list
_PROPERTIES = (qn("w:pPr"), qn("w:rPr"))


def set_fonts(element: Any, face: str) -> None:  # a style's or a run's XML element
    """Name ``face`` for every script of a style or run, dropping theme fonts that would win over it."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.lower().endswith("theme"):  # asciiTheme, eastAsiaTheme, cstheme ...
            del fonts.attrib[attribute]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), face)


def _style(doc: DocxDocument, name: str, face: str, size: Pt, *, bold: bool = False, indent: bool = True,
           align: WD_ALIGN_PARAGRAPH | None = None, line: Pt | None = LINE) -> None:
    style = doc.styles[name]
    style.font.size = size
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    set_fonts(style.element, face)
    fmt = style.paragraph_format
    if line is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = line
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(32) if indent else Pt(0)
    if align is not None:
        fmt.alignment = align


def _drop_borders(doc: DocxDocument, name: str) -> None:
    ppr = doc.styles[name].element.find(qn("w:pPr"))
    if ppr is not None:
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)


def _fallback_fonts(doc: DocxDocument) -> None:
    """The font table names a fallback (altName) for each Chinese face a machine may lack."""
    from lxml import etree

    part = next(p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    root = etree.fromstring(part.blob)
    for face, alternative in FALLBACK.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), face)
        alt = etree.SubElement(font, qn("w:altName"))
        alt.set(qn("w:val"), alternative)
        charset = etree.SubElement(font, qn("w:charset"))
        charset.set(qn("w:val"), "86")  # GB2312
        family = etree.SubElement(font, qn("w:family"))
        family.set(qn("w:val"), "modern" if face == BODY_FONT else "auto")
    # Part._blob (private): python-docx offers no public way to replace a non-XML part's bytes
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def new_document() -> DocxDocument:
    """An empty draft with the page, type and footer of an official document."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28) - Pt(14)  # the number sits 7 mm below the type area
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for fonts in defaults.iter(qn("w:rFonts")):
            for attribute in list(fonts.attrib):
                if attribute.lower().endswith("theme"):
                    del fonts.attrib[attribute]
    _style(doc, "Normal", BODY_FONT, BODY_SIZE, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _style(doc, "Title", TITLE_FONT, TITLE_SIZE, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, line=Pt(35))
    _drop_borders(doc, "Title")
    _style(doc, "Heading 1", HEI_FONT, BODY_SIZE)
    _style(doc, "Heading 2", KAI_FONT, BODY_SIZE)
    _style(doc, "Heading 3", BODY_FONT, BODY_SIZE, bold=True)
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        doc.styles[name].paragraph_format.keep_with_next = True
    _fallback_fonts(doc)
    _page_number(section.footer.paragraphs[0])
    doc.core_properties.author = ""
    doc.core_properties.comments = ""
    return doc


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A Word field (``PAGE``): begin, instruction, separate, the value shown until updated, end."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("text", shown), ("end", None)):
        run = paragraph.add_run()
        set_fonts(run.element, PAGE_FONT)
        run.font.size = Pt(14)
        if kind == "instr":
            node = OxmlElement("w:instrText")
            node.set(qn("xml:space"), "preserve")
            node.text = f" {text} "
            run.element.append(node)
        elif kind == "text":
            run.text = shown
        else:
            node = OxmlElement("w:fldChar")
            node.set(qn("w:fldCharType"), kind)
            run.element.append(node)


def _page_number(paragraph: Paragraph) -> None:
    """"— 1 —" in 4号 宋体, centred in the footer."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    for text in ("— ", None, " —"):
        if text is None:
            _field(paragraph, "PAGE", "1")
            continue
        run = paragraph.add_run(text)
        set_fonts(run.element, PAGE_FONT)
        run.font.size = Pt(14)


def add_text(paragraph: Paragraph, text: str) -> Run:
    """``paragraph.add_run(text)``, the same run. python-docx's text setter walks the text a character
    at a time, looking for tabs and line breaks; a text without them is one ``<w:t>``, added at once."""
    run = paragraph.add_run()
    if "\t" in text or "\n" in text or "\r" in text:
        run.text = text
    elif text:
        run.element.add_t(text)
    return run


def _highlight(run: Run) -> None:
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW


class Draft:
    """Writes the draft's paragraphs: headings, body text with placeholders marked, tables."""

    def __init__(self, report: rp.Report, with_ids: bool):
        self.report = report
        self.with_ids = with_ids
        self.doc = new_document()
        self._style_ids: dict[str, str | None] = {}
        self._made: dict[object, Any] = {}  # a formatting's XML (pPr, rPr) as python-docx made it first

    def formatted(self, element: Any, key: object, make: Callable[[], None]) -> None:
        """Give a new paragraph's or run's ``element`` the properties ``make`` sets through python-docx:
        made that way the first time, a copy of what it made afterwards (python-docx places each
        property among its siblings in Python, some fifty calls a cell or a highlight)."""
        made = self._made.get(key)
        own = len(element) > 0 and element[0].tag in _PROPERTIES  # properties already: set them the long way
        if made is not None and not own:
            element.insert(0, deepcopy(made))
            return
        make()
        if made is None and not own:
            self._made[key] = deepcopy(element[0])

    def styled(self, text: str, style: str) -> Paragraph:
        """``doc.add_paragraph(text, style=style)``, the style's id looked up once a draft: python-docx
        searches the styles part for it at every paragraph (about a millisecond each)."""
        paragraph = self.doc.add_paragraph()
        if text:
            add_text(paragraph, text)
        if style not in self._style_ids:
            part = self.doc.part  # python-docx leaves DocumentPart.get_style_id untyped
            self._style_ids[style] = part.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)  # type: ignore[no-untyped-call]
        paragraph._p.style = self._style_ids[style]  # what Paragraph.style sets, after that search
        return paragraph

    def heading(self, text: str, level: int) -> None:
        self.styled(visible(text), f"Heading {level}")

    def para(self, text: str, *, indent: bool = True, align: WD_ALIGN_PARAGRAPH | None = None) -> Paragraph:
        """A body paragraph; each 【待填写：…】 in it is highlighted so that nobody sends it unfilled."""
        paragraph = self.doc.add_paragraph()
        if not indent:
            paragraph.paragraph_format.first_line_indent = Pt(0)
        if align is not None:
            paragraph.alignment = align
        rest = visible(text)  # plan text: a control character shown, never an XML error (python-docx refuses it)
        while "【待填写：" in rest:
            before, _, tail = rest.partition("【待填写：")
            inside, _, rest = tail.partition("】")
            if before:
                add_text(paragraph, before)
            marked = add_text(paragraph, f"【待填写：{inside}】")
            self.formatted(marked.element, "marked", partial(_highlight, marked))
        if rest:
            add_text(paragraph, rest)
        return paragraph

    def save(self, target: str | Path | BinaryIO) -> None:
        self.doc.save(target)  # type: ignore[arg-type]  # a file object works too


def _numbered(items: list[str], total: int, what: str) -> str:
    text = "；".join(f"{n}. {item}" for n, item in enumerate(items, 1))
    if total > len(items):
        text += f"；等{total}{what}"
    return text + "。"


def _tasks_section(draft: Draft, report: rp.Report) -> None:
    groups = [g for g in report.groups if g.kind not in ("annex", "projects")]
    extras = [g for g in report.groups if g.kind in ("annex", "projects")]
    reported: dict[str, list[rp.TaskReport]] = {}
    for r in report.task_reports or []:
        reported.setdefault(r.chapter_id, []).append(r)
    n = 0
    for group in groups:
        if not group.counts.total and not group.lagging_total and not reported.get(group.id):
            continue
        draft.heading(f"（{CHINESE_NUMBERS[n % 10]}）{tx.fullwidth(group.title)}", 2)
        n += 1
        text = tx.chapter(group, report)
        if group.lagging:
            names = [tx.task_line(t, draft.with_ids) for t in group.lagging]
            text += "进度滞后的任务：" + _numbered(names, group.lagging_total, "项")
        draft.para(text)
        here = reported.get(group.id, [])
        if not here:
            draft.para(tx.todo("本部分重点任务进展情况（依据各牵头单位报送的进展情况）"))
        for r in here:  # what the units reported, in plan order
            draft.para(tx.reported_progress(r))
        told = {r.node_id for r in here}
        for task in [t for t in group.lagging if t.id not in told][:5]:
            draft.para(f"{tx.fullwidth(task.title)}：{tx.progress_placeholder(task)}")
    for group in extras:
        title = "重大项目推进情况" if group.kind == "projects" else tx.fullwidth(group.title)
        draft.heading(f"（{CHINESE_NUMBERS[n % 10]}）{title}", 2)
        n += 1
        draft.para(tx.chapter(group, report))
        for k, task in enumerate(group.tasks[:LIST_LIMIT], 1):
            units = f"（牵头单位：{tx.fullwidth('、'.join(task.units))}）" if task.units else ""
            ids = f"（{task.id}）" if draft.with_ids else ""
            lines = [tx.milestone_line(m, draft.with_ids) for m in task.milestones[:LIST_LIMIT]]
            said = f"进展情况：{tx.fullwidth(task.progress)}。" if task.progress else ""
            draft.para(f"{k}. {tx.fullwidth(task.title)}{units}{ids}：" + "；".join(lines) + "。" + said)
        if len(group.tasks) > LIST_LIMIT:
            draft.para(f"另有{len(group.tasks) - LIST_LIMIT}项，见台账（xlsx）。")
    if not n:
        draft.para("报告期内无到期任务。")


def _appendix(draft: Draft, report: rp.Report) -> None:
    doc = draft.doc
    paragraph = doc.add_paragraph()
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    draft.para("附表", indent=False)
    draft.styled(("主要指标进度评价表" if c.evaluation(report) else f"主要指标{report.indicator_year}年完成情况表"),
                 "Title")
    evaluation = c.evaluation(report)
    end = max((r.pace.end_year for r in report.indicators if r.pace), default=report.plan.end_year)
    headers = (["序号", "指标", "单位", "属性", "基期值", f"{end}年目标", "最新值", "年份", "评价"] if evaluation else
               ["序号", "指标", "单位", "属性", "基期值", f"{report.indicator_year}年目标", "实际值", "差距",
                "完成情况"])
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        _cell(draft, cell, header, bold=True)
    labels = dict(tx._COUNTED)
    status = {"met": "达标", "not_met": "未达标", "no_value": "未填报", "missing": "缺报", "no_target": "无目标"}
    for k, row in enumerate(report.indicators, 1):
        baseline = c.text_of(indicator_tables.target_cell(row.baseline)) if row.baseline else "—"
        if evaluation:
            pace = row.pace
            assert pace is not None
            target = c.text_of(indicator_tables.target_cell(pace.end_target)) if pace.end_target else "—"
            latest = tx.number(pace.latest)
            if pace.cumulative:
                baseline, target = "—", f"累计{target}"
                latest = f"累计{latest}" if pace.latest is not None else latest
            extra = str(pace.latest_year or "—")
            verdict = labels[pace.rating] + ("（预警）" if pace.warning else "")
        else:
            target = c.text_of(indicator_tables.target_cell(row.target)) if row.target else "—"
            latest = tx.number(row.actual)
            extra = c.text_of(c.Signed(row.gap)) if row.gap is not None else "—"
            verdict = status.get(row.status, row.status)
        values = [str(k), tx.fullwidth(row.name), tx.fullwidth(row.unit or ""), row.attribute or "", baseline or "—",
                  target or "—", latest, extra, verdict]
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            _cell(draft, cell, value, bold=row.binding and value == row.attribute)
    widths = [Mm(8), Mm(36), Mm(16), Mm(15), Mm(13), Mm(16), Mm(14), Mm(13), Mm(25)]  # 156 mm: the type area
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row_ in table.rows:
        for cell, width in zip(row_.cells, widths, strict=True):
            cell.width = width
    if any(r.pace and r.pace.cumulative for r in report.indicators):
        draft.para("注：“新增”类指标按规划期内逐年新增量累计计算。", indent=False)


def _cell(draft: Draft, cell: _Cell, text: str, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]

    def centred() -> None:
        paragraph.paragraph_format.first_line_indent = Pt(0)
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    draft.formatted(paragraph._p, "cell", centred)
    run = add_text(paragraph, visible(text))

    def small() -> None:
        run.font.size = TABLE_SIZE
        run.font.bold = bold

    draft.formatted(run.element, ("cell", bold), small)


def build_draft(report: rp.Report, *, issuer: str | None = None, signed: date | None = None,
                with_ids: bool = False) -> Draft:
    assert report.period is not None
    draft = Draft(report, with_ids)
    doc = draft.doc
    draft.styled(visible(tx.title(report)), "Title")
    doc.add_paragraph()  # a blank line under the title, as the standard has it
    draft.para(tx.opening(report))
    draft.heading("一、总体进展", 1)
    for text in tx.overall(report):
        draft.para(text)
    draft.para(tx.units_not_reported(report))
    draft.heading("二、主要指标完成情况", 1)
    for text in tx.indicators(report):
        draft.para(text)
    draft.heading("三、重点任务推进情况", 1)
    _tasks_section(draft, report)
    draft.heading("四、存在问题及原因", 1)
    for text in tx.problems(report):
        draft.para(text)
    midterm = report.kind == rp.MIDTERM
    draft.heading("五、下步打算及中期调整建议" if midterm else "五、下步打算", 1)
    if midterm:
        draft.heading("（一）下步打算", 2)
    for text in tx.next_steps(report):
        draft.para(text)
    if midterm:
        draft.heading("（二）中期调整建议", 2)
        for text in tx.adjustments(report):
            draft.para(text)
    doc.add_paragraph()
    unit = tx.fullwidth(issuer or report.plan.bureau or "") or tx.todo("报送单位")
    for text in (unit, tx.cn_date(signed or report.as_of)):
        signature = draft.para(text, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
        signature.paragraph_format.right_indent = Pt(64)  # 右空四字
    if report.indicators:
        _appendix(draft, report)
    return draft


def write_draft(report: rp.Report, target: str | Path | BinaryIO, *, issuer: str | None = None,
                signed: date | None = None, with_ids: bool = False) -> None:
    build_draft(report, issuer=issuer, signed=signed, with_ids=with_ids).save(target)

