"""The JSON renderer: ``store.report.report_dict`` as text (a list when there are several plans)."""
from __future__ import annotations

import json

from store import report as rp


def to_json(reports: list[rp.Report]) -> str:
    data = [report.to_dict() for report in reports]
    return json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2) + "\n"
