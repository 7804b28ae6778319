"""The rule registry: each rule is a row of metadata plus two functions.

- `collect(ctx)` reads the ledgers (through the owning app's selectors) and returns plain `Subject`s;
- `check(subject, params, ctx)` is pure: from plain data and the parameters in force it returns a
  `Verdict` (severity, a reason a person can read, a due date) or None when all is well. A verdict on a breach
  that is over and can no longer be put right says so (`recorded=True`): the finding is kept as a recorded fact
  (已记录), not an open to-do.

A finding whose subject has no unit goes to the keeper of the rule's ledger (owners.py): the rule's own
`keeper`, else the one its app registered, else the party-affairs office.

Rules live in each app's `rules.py` and register with `@rule(...)`; their figures are never literals in
code but `Params` resolved from the versioned RuleParameterSet table for the date being checked.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from qinglian.compliance.choices import Severity
from qinglian.core.errors import NotFound

ParamKind = Literal["int", "decimal", "bool", "str", "date"]
# What kind of period a parameter counts, so the rule's deadline goes through the matching core.workdays door
# (`workdays.after(start, value, period)`) and the rule page says how it is counted.
PeriodUnit = Literal["days", "working_days", "months", "years", "days_before", "working_days_before"]
PERIOD_RULES: dict[str, str] = {
    "days": "日历日：事件当日不计入，期间末日为法定节假日的顺延至节后第一个工作日，调休上班日不顺延"
    "（民法典第二百零一条、第二百零三条）",
    "working_days": "工作日：事件当日不计入，按本机关工作日历（含调休）逐日计算",
    "months": "月：到期月的对应日为末日，无对应日的为月末日，末日为节假日的顺延（民法典第二百零一条至第二百零三条）",
    "years": "年：到期年的对应日为末日，末日为节假日的顺延（民法典第二百零一条至第二百零三条）",
    "days_before": "会前日历日：自会议日向前倒数，落在节假日的提前至节前最后一个工作日",
    "working_days_before": "会前工作日：自会议日向前倒数工作日，会议当日不计入",
}


@dataclass(frozen=True)
class Param:
    name: str
    label: str
    kind: ParamKind = "int"
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    help: str = ""
    period: PeriodUnit | None = None  # set on every parameter that is a period of time

    @property
    def period_rule(self) -> str:
        return PERIOD_RULES[self.period] if self.period else ""

    def parse(self, raw: Any) -> Any:
        """The value in its Python type, or ValueError with a Chinese message."""
        if raw is None or raw == "":
            raise ValueError(f"缺少参数“{self.label}”")
        try:
            value: Any
            if self.kind == "int":
                value = int(raw)
            elif self.kind == "decimal":
                value = Decimal(str(raw))
            elif self.kind == "bool":
                value = raw if isinstance(raw, bool) else str(raw).lower() in {"1", "true", "yes", "是"}
            elif self.kind == "date":
                value = raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw))
            else:
                value = str(raw)
        except (TypeError, ValueError, InvalidOperation) as exc:
            raise ValueError(f"参数“{self.label}”的值“{raw}”格式不正确") from exc
        if self.minimum is not None and value < self.minimum:
            raise ValueError(f"参数“{self.label}”不能小于{self.minimum}")
        if self.maximum is not None and value > self.maximum:
            raise ValueError(f"参数“{self.label}”不能大于{self.maximum}")
        return value


class Params(Mapping[str, Any]):
    """Resolved parameter values with attribute access (`p.min_per_month`), plus where they came from."""

    def __init__(self, values: Mapping[str, Any], *, source: str = "", set_id: int | None = None) -> None:
        self._values = dict(values)
        self.source = source
        self.set_id = set_id

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


@dataclass(frozen=True)
class Context:
    """What a rule is run for. `params` are the rule's own resolved parameters, so a collector can size its
    window (e.g. how many months back to look) from versioned data rather than a literal."""

    organ_id: int
    as_of: dt.date
    params: Params | None = None
    # Shared by every rule of one run (replace() keeps the same dict): what several rules read alike — a ledger's
    # rows, the standard tables — is read once per run and never outlives it.
    memo: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)


@dataclass(frozen=True)
class Subject:
    """One thing a rule looks at, as plain data (no ORM objects), so `check` stays pure and testable."""

    type: str  # app_label.model, e.g. "org.branch"
    id: str
    label: str
    period: str = ""
    link: str = ""
    unit_id: int | None = None
    person_id: int | None = None
    data: Mapping[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.type, self.id, self.period)


# Written into a reason where the text depends on the day it is read: the finding page renders them on display
# (Finding.text) in working days from or to the due date, as the record pages count (core.workdays), so a finding
# read a month after its run says what is true that day, not on the day of the run.
OVERDUE_DAYS = "{overdue_days}"  # "N个工作日" since the due date
DAYS_LEFT = "{days_left}"  # "N个工作日" until the due date


@dataclass(frozen=True)
class Verdict:
    """What a rule says of one subject. `recorded`: the breach is over and cannot be undone (a reply given late,
    a quarter ended without its meeting) — a fact for the record, with no due date; otherwise an open to-do due by
    `due` (None: the runner gives the default period, engine.default_due)."""

    severity: Severity
    reason: str
    due: dt.date | None = None
    recorded: bool = False


CheckFn = Callable[[Subject, Params, Context], Verdict | None]
CollectFn = Callable[[Context], Iterable[Subject]]


@dataclass(frozen=True)
class Owner:
    """Who answers for a finding: a unit and a person of the organ (either may be None where none is known)."""

    unit_id: int | None
    person_id: int | None


Keeper = Callable[[int], Owner]  # organ id → the keeper of a ledger (e.g. the suggestions desk and its head)


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    basis: str
    category: str
    subjects: str
    severity_policy: str
    params: tuple[Param, ...]
    collect: CollectFn
    check: CheckFn
    module: str
    short: str = ""  # a few words for lists ("建议逾期答复"); the full title when empty
    keeper: Keeper | None = None  # who answers for a finding whose subject has no unit (owners.py)
    # Roles that alone — with the finding's responsible person — read this rule's findings, for rules on a
    # confidential ledger (个人有关事项报告: the personnel officer and the stationed group). Empty: the usual circle
    # of FindingQuerySet. Reminders reach only those who may read the finding.
    readers: frozenset[str] = frozenset()

    @property
    def app_label(self) -> str:
        """The app whose ledgers the rule reads: qinglian.<app>.rules…"""
        return self.module.split(".")[1]

    @property
    def short_title(self) -> str:
        return self.short or self.title

    def parse_params(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Every declared parameter parsed; raises ValueError (Chinese) on a missing or bad one."""
        return {p.name: p.parse(values.get(p.name)) for p in self.params}


RULES: dict[str, Rule] = {}


def confidential_codes(scope_has: Callable[..., bool]) -> list[str]:
    """Codes of the rules whose findings a scope (its `has`) may not read unless it answers for them."""
    return [code for code, r in RULES.items() if r.readers and not scope_has(*r.readers)]


def rule(
    *,
    code: str,
    title: str,
    basis: str,
    category: str,
    subjects: str,
    severity_policy: str,
    params: Iterable[Param],
    collect: CollectFn,
    short: str = "",
    keeper: Keeper | None = None,
    readers: Iterable[str] = (),
) -> Callable[[CheckFn], CheckFn]:
    """Register the decorated pure check function as a rule."""

    def register(check: CheckFn) -> CheckFn:
        if code in RULES and RULES[code].module != check.__module__:
            raise RuntimeError(f"rule code {code} registered twice")
        RULES[code] = Rule(
            code=code,
            title=title,
            basis=basis,
            category=category,
            subjects=subjects,
            severity_policy=severity_policy,
            params=tuple(params),
            collect=collect,
            check=check,
            module=check.__module__,
            short=short,
            keeper=keeper,
            readers=frozenset(readers),
        )
        return check

    return register


def discover() -> None:
    """Import `<app>.rules` and `<app>.todos` (the app's sources of 我的待办, todos.py) for every installed
    Qinglian app (called from ComplianceConfig.ready)."""
    from django.apps import apps

    for config in apps.get_app_configs():
        if not config.name.startswith("qinglian."):
            continue
        for part in ("rules", "todos"):
            try:
                importlib.import_module(f"{config.name}.{part}")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.{part}":
                    raise


def get_rule(code: str) -> Rule:
    try:
        return RULES[code]
    except KeyError:
        raise NotFound(f"规则 {code} 不存在") from None
