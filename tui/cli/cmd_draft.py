"""``plandesk draft FILE [-o plan.yaml]``: a plan file drafted from the bureau's own document.

Without ``-o`` the plan file goes to standard output and the review list to standard error
(so ``plandesk draft plan.docx > plan.yaml`` works); with ``-o`` the file is written
atomically and the review list printed. The review list is in the UI's language.
"""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Callable

from tui.cli.context import Context
from tui.cli.parser import AddParser

if TYPE_CHECKING:
    from store.draft import Draft


def add_parsers(add: AddParser) -> None:
    p = add("draft", "draft a plan file (YAML) from a plan document (.txt, .md, .docx) to review and import")
    p.add_argument("file", help="the plan document: .txt (UTF-8 or GB18030), .md or .docx")
    p.add_argument("-o", "--output", metavar="PLAN.yaml", help="write the plan file here (default: standard output)")


def review_text(t: Callable[..., str], draft: "Draft", file_name: str) -> str:
    """The review list as lines a clerk reads beside the plan file."""
    if not draft.review:
        return t("draft_review_none", file=file_name) + "\n"
    lines = [t("draft_review_header", file=file_name, n=len(draft.review))]
    lines += [t("draft_review_line", line=item.line, message=t(item.key, **item.params)) for item in draft.review]
    return "\n".join(lines) + "\n"


def summary(t: Callable[..., str], draft: "Draft", path: str) -> str:
    nodes = [n for root in draft.plan.nodes for n in [root, *root.walk()]]
    milestones = sum(len(n.milestones) for n in nodes)
    return t("draft_written", path=path, nodes=len(nodes), milestones=milestones,
             indicators=len(draft.plan.indicators))


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
    write_atomically(target, lambda handle: handle.write(data))
    print(summary(ctx.t, draft, str(target)))
    sys.stdout.write(review_text(ctx.t, draft, source.name))
    return 0
