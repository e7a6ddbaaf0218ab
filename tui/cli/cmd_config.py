"""``plandesk config user [NAME]``: the name every journal entry of this database carries."""
from __future__ import annotations

from store.safe_text import visible
from tui.cli.context import Context
from tui.cli.parser import AddParser


def add_parsers(add: AddParser) -> None:
    p = add("config", "show or set a preference: 'config user NAME' names who makes the changes")
    p.add_argument("key", choices=("user",))
    p.add_argument("value", nargs="?", help="the new value ('' clears it); without it, show the current one")


def cmd_config(ctx: Context) -> int:
    from store import actions, journal

    conn = ctx.conn
    if ctx.args.value is None:
        name = journal.resolve_user(conn, getattr(ctx.args, "user", None))
        print(visible(name or journal.UNNAMED, one_line=True))
        return 0
    name = ctx.args.value.strip()
    actions.set_setting(conn, journal.USER_KEY, name or None)
    actions.set_setting(conn, journal.USER_ASKED_KEY, "1")
    print(visible(ctx.t("sd_user_set", name=name), one_line=True) if name else ctx.t("sd_user_cleared"))
    return 0
