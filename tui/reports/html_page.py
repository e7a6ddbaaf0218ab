"""The HTML renderer: one self-contained printable page (no script, no external file).

A4 print stylesheet with page numbers in the footer (CSS ``@page`` margin boxes, which Chromium
prints), sections that flow one after another (a heading never left alone at a page's foot),
table rows that never split across pages (headers repeat), narrow 章节 and wide 备注 columns, a
Chinese font stack, and per indicator an inline SVG chart of target against actual by year.
Every piece of plan text is escaped and its control characters shown: data, never markup.
"""
from __future__ import annotations

from html import escape
from typing import TextIO

from store import report as rp
from store.safe_text import visible
from store.values import format_number
from tui import theme
from tui.i18n import Catalog
from tui.reports import common as c
from tui.reports import indicator_tables, progress_tables

FONT_STACK = ('"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", STSong, SimSun, "宋体", '
              '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "微软雅黑", '
              '"WenQuanYi Micro Hei", "WenQuanYi Zen Hei", serif')

CSS = """
@page { size: A4; margin: 16mm 14mm 18mm 14mm;
        @bottom-center { content: "— " counter(page) " / " counter(pages) " —"; font-size: 9pt; color: #555; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: %(fonts)s; font-size: 10.5pt; line-height: 1.45; color: #111; margin: 0; }
@media screen { body { max-width: 200mm; margin: 8mm auto; padding: 0 6mm; } }
h1 { font-size: 18pt; text-align: center; margin: 0 0 2mm; }
h2 { font-size: 14pt; text-align: center; margin: 0 0 4mm; font-weight: normal; }
h3 { font-size: 12.5pt; margin: 0 0 3mm; border-bottom: 1.5pt solid #333; padding-bottom: 1mm; }
section { margin: 0 0 6mm; }
article + article { break-before: page; page-break-before: always; }
h3, figcaption, .empty { break-after: avoid; page-break-after: avoid; }
table { border-collapse: collapse; width: 100%%; margin: 0 0 3mm; }
thead { display: table-header-group; }
tr, figure, .meta div { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.6pt solid #888; padding: 1.2mm 1.6mm; vertical-align: top; text-align: left;
         overflow-wrap: anywhere; }
th { background: #eee; font-weight: bold; white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
col.c-no { width: 9mm; } col.c-chapter { width: 16mm; } col.c-units { width: 26mm; }
col.c-due, col.c-done_on { width: 21mm; } col.c-state { width: 19mm; } col.c-note { width: 38mm; }
col.c-id { width: 42mm; } col.c-days { width: 19mm; } col.c-number { width: 8mm; }
table.fixed { table-layout: fixed; }
.meta { margin: 4mm 0 6mm; }
.meta div { display: flex; gap: 4mm; margin: 0.8mm 0; }
.meta dt { color: #555; width: 24mm; flex: none; } .meta dd { margin: 0; }
.bar { height: 4mm; background: #e4e4e4; border: 0.6pt solid #888; margin: 1mm 0 3mm; }
.bar span { display: block; height: 100%%; background: #5a9e5a; }
.empty, .more, .foot { color: #666; }
.foot { font-size: 9pt; margin-top: 6mm; }
.charts { display: flex; flex-wrap: wrap; gap: 3mm; }
figure { margin: 0; width: 88mm; border: 0.6pt solid #ccc; padding: 1.5mm; }
figcaption { font-size: 9.5pt; margin-bottom: 1mm; }
svg text { font-family: %(fonts)s; }
.binding { font-weight: bold; }
%(lights)s
"""

LIGHT_CSS = "\n".join(f".light-{name} {{ background: #{fill}; color: #{text}; }}"
                      for name, (fill, text) in theme.LIGHT_COLOURS.items())


def _e(text: object) -> str:
    return escape(visible(c.text_of(text)), quote=True)


def write_html(reports: list[rp.Report], t: Catalog, out: TextIO) -> None:
    title = c.title(reports[0], t) + " · " + reports[0].plan.title if reports else "plandesk"
    lang = "zh-CN" if t.lang == "zh" else "en"
    out.write(f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
              f'<meta name="generator" content="plandesk">\n<title>{_e(title)}</title>\n'
              f"<style>{CSS % {'fonts': FONT_STACK, 'lights': LIGHT_CSS}}</style>\n</head>\n<body>\n")
    for report in reports:
        _article(report, t, out)
    out.write("</body>\n</html>\n")


def to_html(reports: list[rp.Report], t: Catalog) -> str:
    import io

    buffer = io.StringIO()
    write_html(reports, t, buffer)
    return buffer.getvalue()


def _article(report: rp.Report, t: Catalog, out: TextIO) -> None:
    out.write(f'<article class="report report-{_e(report.kind)}">\n')
    for part, section in c.layout(report):
        if part == "header":
            out.write(_header(report, t))
        elif part == "chapters":
            _table(c.chapter_table(report, t), out, "chapters")
        elif part == "indicators":
            _indicators(report, t, out)
        elif part == "progress":
            for table in progress_tables.progress_tables(report, t):
                _table(table, out, f"progress progress-{table.key}")
        else:
            assert section is not None
            _table(c.list_table(section, t), out, f"list list-{section.key}")
    out.write("</article>\n")


def _td(value: object, col: c.Col, row: c.Row, i: int) -> str:
    classes = []
    if c.number_kind(col.kind):
        classes.append("num")
    elif col.kind in ("date", "id", "state", "int") or col.key in ("no", "unit", "attribute", "chapter"):
        classes.append("nowrap")
    light = row.light.get(i)
    if light and (i in row.state or col.key == "chapter"):
        classes.append(f"light-{light}")
    if row.bold and col.key == "attribute":
        classes.append("binding")
    style = f' style="padding-left:{1.6 + 5 * row.depth}mm"' if row.depth and i == 0 else ""
    cls = f' class="{" ".join(classes)}"' if classes else ""
    return f"<td{cls}{style}>{_e(value)}</td>"


def _table(table: c.Table, out: TextIO, cls: str) -> None:
    out.write(f'<section class="{_e(cls)}">\n<h3>{_e(table.title)}</h3>\n')
    if table.total == 0:
        out.write(f'<p class="empty">{_e(table.empty)}</p>\n</section>\n')
        return
    columns = table.columns
    fixed = " fixed" if any(col.key in ("chapter", "note") for col in columns) and cls.startswith("list") else ""
    out.write(f'<table class="t-{_e(table.key)}{fixed}">\n<colgroup>'
              + "".join(f'<col class="c-{_e(col.key)}">' for col in columns) + "</colgroup>\n<thead><tr>"
              + "".join(f'<th class="num">{_e(col.header)}</th>' if c.number_kind(col.kind)
                        else f"<th>{_e(col.header)}</th>" for col in columns) + "</tr></thead>\n<tbody>\n")
    for row in table.rows:
        out.write("<tr>" + "".join(_td(v, col, row, i)
                                   for i, (v, col) in enumerate(zip(row.cells, columns, strict=True)))
                  + "</tr>\n")
    out.write("</tbody>\n</table>\n")
    if table.more:
        out.write(f'<p class="more">{_e(table.more)}</p>\n')
    out.write("</section>\n")


def _header(report: rp.Report, t: Catalog) -> str:
    out = ['<section class="headline">', f"<h1>{_e(c.title(report, t))}</h1>", f"<h2>{_e(report.plan.title)}</h2>",
           '<dl class="meta">']
    out += [f"<div><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>" for k, v in c.meta(report, t)]
    out.append("</dl>")
    out.append(f"<h3>{_e(t('rp_headline'))}</h3>")
    figure = report.headline
    width = round(100 * figure.share_done)
    out.append(f'<div class="bar" title="{_e(c.pct(figure))}"><span style="width:{width}%"></span></div>')
    out.append(f"<table>\n<thead><tr><th>{_e(t('rp_field'))}</th><th class=\"num\">{_e(t('rp_value'))}</th></tr>"
               "</thead>\n<tbody>\n")
    out += [f'<tr><td>{_e(k)}</td><td class="num">{_e(v)}</td></tr>' for k, v in c.headline_rows(report, t)]
    out.append("</tbody>\n</table>")
    out.append(f'<p class="foot">{_e(t("rp_generated", date=report.as_of.isoformat()))}</p>')
    out.append("</section>\n")
    return "\n".join(out)


def _indicators(report: rp.Report, t: Catalog, out: TextIO) -> None:
    _table(indicator_tables.indicator_table(report, t), out, "indicators")
    charts = [svg for row in report.indicators if (svg := chart_svg(row, t))]
    if charts:
        out.write(f'<section class="charts-section">\n<h3>{_e(t("ui_chart"))}</h3>\n<div class="charts">\n'
                  + "\n".join(charts) + "\n</div>\n</section>\n")


TARGET_FILL = theme.CHART_TARGET_FILL
ACTUAL_FILL = theme.CHART_ACTUAL_FILL


def chart_svg(row: rp.IndicatorRow, t: Catalog) -> str | None:
    """Grouped bars per year: the target (blue) and the recorded value (coloured by its status)."""
    bars: list[tuple[str, float | None, str, float | None, str, str | None]] = []
    for y in row.years:
        number = y.target.number if y.target else None
        if number is None and y.actual is None:
            continue
        bars.append((str(y.year), number, y.target.printed if y.target else "", y.actual,
                     format_number(y.actual) if y.actual is not None else "—", y.light))
    if not bars:
        return None
    numbers = [v for b in bars for v in (b[1], b[3]) if v is not None]
    top, bottom = max(max(numbers), 0.0), min(min(numbers), 0.0)
    span = (top - bottom) or 1.0
    width, height, left, base_top, plot_h = 320, 150, 8, 22, 96
    group = (width - 2 * left) / len(bars)
    bar_w = min(group * 0.36, 28)

    def y_of(value: float) -> float:
        return base_top + plot_h * (top - value) / span

    zero = y_of(0.0)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="{_e(row.name)}">',
             f'<rect x="{left}" y="4" width="9" height="9" fill="{TARGET_FILL}"/>'
             f'<text x="{left + 12}" y="12" font-size="9">{_e(t("rp_legend_target"))}</text>',
             f'<rect x="{left + 70}" y="4" width="9" height="9" fill="{ACTUAL_FILL["green"]}"/>'
             f'<text x="{left + 82}" y="12" font-size="9">{_e(t("rp_legend_actual"))}</text>',
             f'<line x1="{left}" y1="{zero:.1f}" x2="{width - left}" y2="{zero:.1f}" stroke="#666" '
             'stroke-width="0.8"/>']
    for i, (year, target, target_label, actual, actual_label, light) in enumerate(bars):
        x0 = left + i * group + (group - 2 * bar_w - 2) / 2
        for j, (value, label, fill) in enumerate(((target, target_label, TARGET_FILL),
                                                  (actual, actual_label, ACTUAL_FILL.get(light, ACTUAL_FILL[None])))):
            x = x0 + j * (bar_w + 2)
            if value is not None:
                y1, y2 = sorted((y_of(value), zero))
                parts.append(f'<rect x="{x:.1f}" y="{y1:.1f}" width="{bar_w:.1f}" height="{max(y2 - y1, 0.8):.1f}" '
                             f'fill="{fill}"/>')
                label_y = y1 - 2
            else:
                label_y = zero - 2
            if label:
                parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{label_y:.1f}" font-size="7.5" '
                             f'text-anchor="middle">{_e(label)}</text>')
        parts.append(f'<text x="{x0 + bar_w + 1:.1f}" y="{base_top + plot_h + 14}" font-size="9" '
                     f'text-anchor="middle">{_e(year)}</text>')
    parts.append("</svg>")
    caption = f"{row.number + ' ' if row.number else ''}{row.name}{f' ({row.unit})' if row.unit else ''}"
    return f"<figure><figcaption>{_e(caption)}</figcaption>{''.join(parts)}</figure>"
