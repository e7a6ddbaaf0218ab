"""Word documents whose numbers are Word's own (a multilevel list), not typed: a test fixture."""
from __future__ import annotations

from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# a plan's usual multilevel list: 一、 / (一) / 1.
LEVELS = (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."))


def _levels_xml(levels: tuple[tuple[str, ...], ...]) -> str:
    """Each level's (format, text[, start]): the start as written in the file (any text)."""
    return "".join(f'<w:lvl w:ilvl="{k}"><w:start w:val="{level[2] if len(level) > 2 else 1}"/>'
                   f'<w:numFmt w:val="{level[0]}"/><w:lvlText w:val="{level[1]}"/><w:lvlJc w:val="left"/></w:lvl>'
                   for k, level in enumerate(levels))


def write_listed(path: Path, title: str, paragraphs: list[tuple[int | None, str]],
                 levels: tuple[tuple[str, ...], ...] = LEVELS, restart_at: int | None = None) -> Path:
    """A .docx with ``title`` and each (level, text) paragraph, numbered by Word's list at that level
    (None: a plain paragraph). ``restart_at``: from that paragraph on, a second list instance of the
    same definition that restarts at 1 (Word's "restart numbering")."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    abstract = parse_xml(f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="90">'
                         f'<w:multiLevelType w:val="multilevel"/>{_levels_xml(levels)}</w:abstractNum>')
    first_num = numbering.find(f"{{{W}}}num")
    first_num.addprevious(abstract)
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="91"><w:abstractNumId w:val="90"/>'
                               '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
    document.add_paragraph(title, style="Title")
    for n, (level, text) in enumerate(paragraphs):
        paragraph = document.add_paragraph(text)
        if level is not None:
            num_id = 91 if restart_at is not None and n >= restart_at else 90
            paragraph._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    document.save(str(path))
    return path
