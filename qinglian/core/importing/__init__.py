"""One import framework for every ledger: a spec, a parse that judges every row, an apply that writes them.

A ledger's import is a subclass of `LedgerImport` that says only what is its own — its columns (with the
organ's drop-downs), how to judge one row (`judge`) and how to write one (`write`) — and inherits the rest:

- the downloadable template, generated from the columns, with 填表说明;
- `parse(data)`: size and format checks, the header, every row judged into a `Plan` (新增/更新/无变化/错误 per
  row, with the problems in Chinese); it never writes, so a page can preview;
- `apply(plan, mode, by)`: one transaction, each row in a savepoint, "all or nothing" (any problem writes
  nothing) or "valid rows only" where the ledger allows it; every row through the ledger's own services, so
  history and checks are the same as for the forms; one audit event for the import;
- `core.importing.views`: one template download and one upload/preview page, `core/import.html`;
- `confirm`: instead of a second upload, the preview's "确认导入" posts the plan back in a signed token (`token`:
  the account's, 2 hours), so what is written is exactly what was previewed (the duty list does this);
- a source that is not a sheet (the duty list's Word outline) overrides `read` and `make_plan`, and keeps the rest.
"""

from qinglian.core.importing.base import LedgerImport, SheetRow
from qinglian.core.importing.plan import MODES, Action, Change, Mode, Plan, Result, RowPlan

__all__ = ["MODES", "Action", "Change", "LedgerImport", "Mode", "Plan", "Result", "RowPlan", "SheetRow"]
