"""The ledger workbooks plandesk writes: each unit's form to fill in, and the office's consolidated one.

openpyxl is loaded here without numpy (``tui.reports.lean_openpyxl``) before either module imports
it, as for the workbook report."""
from tui.reports import lean_openpyxl

lean_openpyxl.load()
