"""Rules of 组织生活 (《中国共产党支部工作条例（试行）》, 《党员教育管理工作条例》, 民主生活会规定).

Each frequency rule looks at the last few periods (a parameter, so an organ going live can start from
its first month), counts what the ledgers hold, and says: red when a period ended short, yellow when the
period's end is near and it is still short. Findings are due on the period's last working day.

Importing this package registers the rules (compliance discovers `<app>.rules`).
"""

from qinglian.partylife.rules import contact, decisions, dlm_timing, dues, leading_group, meetings, members  # noqa: F401
