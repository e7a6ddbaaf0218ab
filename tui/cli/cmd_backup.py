"""``plandesk backup [FILE]`` and ``plandesk restore FILE`` (store/backup.py does the work)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from store.errors import PlandeskError
from store.safe_text import visible
from tui.cli.context import Context
from tui.cli.parser import AddParser


def add_parsers(add: AddParser) -> None:
    p = add("backup", "write a consistent copy of the database (safe while the app is open)")
    p.add_argument("file", nargs="?", help="the copy to write (default: beside the database, with the time)")
    p = add("restore", "put a backup in place of the database (the current one is kept as .bak)")
    p.add_argument("file", help="a backup made by 'plandesk backup' (or one from the backups folder)")


def _phrase(ctx: Context, exc: Exception) -> PlandeskError:
    from store.backup import BackupError, DatabaseDamaged

    if isinstance(exc, BackupError):
        return PlandeskError(ctx.t(f"sd_bk_{exc.reason}", path=exc.path))
    if isinstance(exc, DatabaseDamaged):
        from tui.phrases import db_detail

        return PlandeskError(ctx.t("sd_damaged", path=exc.path, detail=db_detail(ctx.t, exc.detail)))
    return PlandeskError(str(exc))


def cmd_backup(ctx: Context) -> int:
    from store import backup, files
    from store.backup import BackupError, DatabaseDamaged
    from store.locations import resolve_db_path

    db_path = resolve_db_path(ctx.args.db)
    target = None
    if ctx.args.file:
        try:
            target = files.check_output_path(ctx.args.file, protected=[db_path])
        except files.OutputRefused as exc:
            if exc.reason in ("plandesk_db", "sqlite"):
                raise PlandeskError(ctx.t("sd_bk_exists", path=exc.path)) from None
            raise PlandeskError(ctx.t(f"sd_out_{exc.reason}", path=exc.path, guarded=exc.guarded)) from None
    try:
        written = backup.backup(db_path, target)
    except (BackupError, DatabaseDamaged) as exc:
        raise _phrase(ctx, exc) from None
    except (sqlite3.OperationalError, OSError) as exc:  # writing the copy: the copy's disk, not the database's
        raise PlandeskError(_copy_failed(ctx, target or backup.default_name(db_path), exc)) from None
    print(visible(ctx.t("sd_bk_written", path=written), one_line=True))
    return 0


def _copy_failed(ctx: Context, target: Path, exc: Exception) -> str:
    """A backup that could not be written, said of the backup's path: a full USB stick is not a
    full database disk (the database was only read)."""
    from store.db import error_kind
    from tui.phrases import os_reason

    if isinstance(exc, OSError):
        reason = os_reason(ctx.t, exc)
    else:
        kind = error_kind(exc)
        reason = ctx.t({"full": "in_os_full", "read_only": "in_os_read_only"}[kind]) \
            if kind in ("full", "read_only") else str(exc)
    return ctx.t("sd_out_failed", path=target, reason=reason)


def cmd_restore(ctx: Context) -> int:
    from store import backup
    from store.backup import BackupError, DatabaseDamaged
    from store.locations import resolve_db_path

    db_path = resolve_db_path(ctx.args.db)
    try:
        kept = backup.restore(db_path, Path(ctx.args.file))
    except (BackupError, DatabaseDamaged) as exc:
        raise _phrase(ctx, exc) from None
    if kept is not None:
        print(visible(ctx.t("sd_bk_kept", path=kept), one_line=True))
    print(visible(ctx.t("sd_bk_restored", path=ctx.args.file, db=db_path), one_line=True))
    return 0
