"""``plandesk draft FILE [-o plan.yaml]``: a plan file drafted from the bureau's own document.

Without ``-o`` the plan file goes to standard output and the review list to standard error
(so ``plandesk draft plan.docx > plan.yaml`` works); with ``-o`` the file is written
atomically and the review list printed. The review list is in the UI's language.
"""
from __future__ import annotations

import sys
from typing import BinaryIO

from store.safe_text import visible
from tui.cli.context import Context
from tui.cli.parser import AddParser
from tui.draft_text import review_text, summary


def add_parsers(add: AddParser) -> None:
    p = add("draft", "draft a plan file (YAML) from a plan document (.txt, .md, .docx, .xlsx) to review and import")
    p.add_argument("file", help="the plan document: .txt (UTF-8 or GB18030), .md, .docx or .xlsx (a task table)")
    p.add_argument("-o", "--output", metavar="PLAN.yaml", help="write the plan file here (default: standard output)")


def cmd_draft(ctx: Context) -> int:
    from pathlib import Path

    from store.draft import draft_file
    from store.files import check_output_path, write_atomically

    source = Path(ctx.args.file)
    header = ctx.t("draft_header", file=source.name, date=ctx.today.isoformat())
    target = check_output_path(ctx.args.output, protected=[source]) if ctx.args.output else None
    draft = draft_file(source, header)
    if target is None:
        sys.stdout.write(draft.yaml_text)
        sys.stderr.write(review_text(ctx.t, draft, source.name))
        return 0
    data = draft.yaml_text.encode("utf-8")

    def write(handle: BinaryIO) -> None:
        handle.write(data)

    try:
        write_atomically(target, write)
    except OSError as exc:  # name the file the clerk asked for, not the temporary one beside it
        from store.errors import PlandeskError
        from tui.phrases import os_reason

        raise PlandeskError(ctx.t("sd_out_failed", path=target, reason=os_reason(ctx.t, exc))) from None
    print(visible(summary(ctx.t, draft, str(target))))
    sys.stdout.write(review_text(ctx.t, draft, source.name))
    return 0
