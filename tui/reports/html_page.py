"""The HTML renderer: one self-contained printable page (no script, no external file).

A4 print stylesheet, a page break before every section, table rows that never split across
pages (headers repeat), a Chinese font stack, and per indicator an inline SVG chart of target
against actual by year. Every piece of plan text is escaped: it is data, never markup.
"""
from __future__ import annotations

from html import escape

from store import report as rp
from store.values import format_number
from tui import theme
from tui.i18n import Catalog
from tui.reports import common as c

FONT_STACK = ('"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", STSong, SimSun, "宋体", '
              '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "微软雅黑", '
              '"WenQuanYi Micro Hei", "WenQuanYi Zen Hei", serif')

CSS = """
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: %(fonts)s; font-size: 10.5pt; line-height: 1.45; color: #111; margin: 0; }
@media screen { body { max-width: 200mm; margin: 8mm auto; padding: 0 6mm; } }
h1 { font-size: 18pt; text-align: center; margin: 0 0 2mm; }
h2 { font-size: 14pt; text-align: center; margin: 0 0 4mm; font-weight: normal; }
h3 { font-size: 12.5pt; margin: 0 0 3mm; border-bottom: 1.5pt solid #333; padding-bottom: 1mm; }
section { margin: 0 0 6mm; }
section + section, article + article { break-before: page; page-break-before: always; }
.report-status section.list { break-before: auto; page-break-before: auto; }
h3, figcaption { break-after: avoid; page-break-after: avoid; }
table { border-collapse: collapse; width: 100%%; margin: 0 0 3mm; }
thead { display: table-header-group; }
tr, figure, .meta div { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.6pt solid #888; padding: 1.2mm 1.6mm; vertical-align: top; text-align: left;
         overflow-wrap: anywhere; }
th { background: #eee; font-weight: bold; white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
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
    return escape("" if text is None else str(text), quote=True)


def to_html(reports: list[rp.Report], t: Catalog) -> str:
    title = c.title(reports[0], t) + " · " + reports[0].plan.title if reports else "plandesk"
    lang = "zh-CN" if t.lang == "zh" else "en"
    body = "\n".join(_article(report, t) for report in reports)
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="generator" content="plandesk">\n<title>{_e(title)}</title>\n'
            f"<style>{CSS % {'fonts': FONT_STACK, 'lights': LIGHT_CSS}}</style>\n</head>\n<body>\n{body}\n"
            "</body>\n</html>\n")


def _article(report: rp.Report, t: Catalog) -> str:
    out = [f'<article class="report report-{_e(report.kind)}">']
    for part, section in c.layout(report):
        if part == "header":
            out.append(_header(report, t))
        elif part == "chapters":
            out.append(_chapters(report, t))
        elif part == "indicators":
            out.append(_indicators(report, t))
        else:
            assert section is not None
            out.append(_section(section, t))
    out.append("</article>")
    return "\n".join(out)


def _table(headers: list[str], rows: list[str], classes: list[str] | None = None) -> str:
    classes = classes or [""] * len(headers)
    head = "".join(f'<th class="{cls}">{_e(h)}</th>' if cls else f"<th>{_e(h)}</th>"
                   for h, cls in zip(headers, classes))
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"


def _td(text: str, cls: str = "") -> str:
    return f'<td class="{cls}">{_e(text)}</td>' if cls else f"<td>{_e(text)}</td>"


def _header(report: rp.Report, t: Catalog) -> str:
    out = ['<section class="headline">', f"<h1>{_e(c.title(report, t))}</h1>", f"<h2>{_e(report.plan.title)}</h2>",
           '<dl class="meta">']
    out += [f"<div><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>" for k, v in c.meta(report, t)]
    out.append("</dl>")
    out.append(f"<h3>{_e(t('rp_headline'))}</h3>")
    figure = report.headline
    width = round(100 * figure.share_done)
    out.append(f'<div class="bar" title="{_e(c.pct(figure))}"><span style="width:{width}%"></span></div>')
    rows = [f"<tr>{_td(k)}{_td(v, 'num')}</tr>" for k, v in c.headline_rows(report, t)]
    out.append(_table([t("rp_field"), t("rp_value")], rows, ["", "num"]))
    out.append(f'<p class="foot">{_e(t("rp_generated", date=report.as_of.isoformat()))}</p>')
    out.append("</section>")
    return "\n".join(out)


def _chapters(report: rp.Report, t: Catalog) -> str:
    headers = c.chapter_headers(report, t)
    rows = []
    for row in report.chapters:
        cells = c.chapter_cells(report, row)
        light = f"light-{row.counts.light}" if row.counts.total else ""
        indent = f' style="padding-left:{1.6 + 5 * row.depth}mm"' if row.depth else ""
        first = f'<td class="{light}"{indent}>{_e(cells[0])}</td>' if light else f"<td{indent}>{_e(cells[0])}</td>"
        rows.append("<tr>" + first + "".join(_td(v, "num") for v in cells[1:]) + "</tr>")
    heading = t("rp_by_chapter") if report.period is not None else t("chapters")
    return (f'<section class="chapters">\n<h3>{_e(heading)}</h3>\n'
            + _table(headers, rows, [""] + ["num"] * (len(headers) - 1)) + "\n</section>")


def _section(section: rp.Section, t: Catalog) -> str:
    out = [f'<section class="list list-{_e(section.key)}">', f"<h3>{_e(c.section_heading(section, t))}</h3>"]
    if not section.items:
        out.append(f'<p class="empty">{_e(c.empty_text(section, t))}</p>')
    else:
        rows = []
        for index, it in enumerate(section.items, 1):
            cells = []
            for key in section.columns:
                text = c.cell(it, key, index, t)
                if key in c.STATE_COLUMNS:
                    cells.append(_td(text, f"nowrap light-{it.light}"))
                elif key in ("no", "id", "due", "done_on"):
                    cells.append(_td(text, "nowrap"))
                else:
                    cells.append(_td(text))
            rows.append("<tr>" + "".join(cells) + "</tr>")
        out.append(_table([c.column_header(k, t) for k in section.columns], rows))
        more = c.more_text(section, t)
        if more:
            out.append(f'<p class="more">{_e(more)}</p>')
    out.append("</section>")
    return "\n".join(out)


def _indicators(report: rp.Report, t: Catalog) -> str:
    rows = []
    for row in report.indicators:
        cells = c.indicator_cells(row, t)
        name = _e(cells[1])
        if row.conflict:
            name += f'<br><small>{_e(c.conflict_text(row.conflict, t))}</small>'
        status_cls = f"nowrap light-{row.light}" if row.light else "nowrap"
        rows.append("<tr>" + _td(cells[0], "nowrap") + f"<td>{name}</td>" + _td(cells[2], "nowrap")
                    + _td(cells[3], "nowrap binding" if row.binding else "nowrap")
                    + "".join(_td(v, "num") for v in cells[4:8]) + _td(cells[8], status_cls) + "</tr>")
    out = ['<section class="indicators">', f"<h3>{_e(c.indicator_heading(report, t))}</h3>",
           _table(c.indicator_headers(t), rows, ["", "", "", "", "num", "num", "num", "num", ""])]
    charts = [svg for row in report.indicators if (svg := chart_svg(row, t))]
    if charts:
        out.append(f"<h3>{_e(t('ui_chart'))}</h3>")
        out.append('<div class="charts">\n' + "\n".join(charts) + "\n</div>")
    out.append("</section>")
    return "\n".join(out)


TARGET_FILL = theme.CHART_TARGET_FILL
ACTUAL_FILL = theme.CHART_ACTUAL_FILL


def chart_svg(row: rp.IndicatorRow, t: Catalog) -> str | None:
    """Grouped bars per year: the target (blue) and the recorded value (coloured by its status)."""
    bars: list[tuple[str, float | None, str, float | None, str, str | None]] = []
    for y in row.years:
        if y.target_number is None and y.actual is None:
            continue
        bars.append((str(y.year), y.target_number, y.target or "", y.actual,
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
