"""FRG-003 escorts, FRG-004 the one working meal, FRG-005 the cost per head against the standard in force on the
meal's day, FRG-006 banned dishes, drinks and places — each judged on the meals as data.py prepared them."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.frugality.choices import MealKind
from qinglian.frugality.rules.common import CATEGORY, LOOK_BACK, RECEPTION_RULES, excess, finance_office
from qinglian.frugality.rules.receptions.data import CENT, PAID_KINDS, SUBJECTS, meal_name, money, reception_subjects


def _day(meal: dict[str, Any], fmt: str = "%m月%d日") -> str:
    return meal["on"].strftime(fmt)


# --- FRG-003 escorts --------------------------------------------------------------------------------------------


def escort_cap(guests: int, p: Params) -> int:
    """陪餐人数上限: up to small_group_max guests, small_group_escorts; beyond, guests // large_group_divisor."""
    if guests <= int(p.small_group_max):
        return int(p.small_group_escorts)
    return guests // int(p.large_group_divisor)


@rule(
    code="FRG-003",
    title="陪餐人数不超过规定",
    basis=f"{RECEPTION_RULES}第十条：接待对象10人以内的，陪餐人数不得超过3人；超过10人的，不得超过接待对象人数的三分之一",
    category=CATEGORY,
    subjects=SUBJECTS,
    severity_policy="任一餐陪餐人数超过上限为红色，列出该餐的接待对象人数、陪餐人数和上限",
    params=[
        Param("small_group_max", "小团组人数上限", unit="人", minimum=1, maximum=100, help="接待对象不超过此数时"),
        Param("small_group_escorts", "小团组陪餐人数上限", unit="人", minimum=0, maximum=20),
        Param("large_group_divisor", "大团组陪餐比例分母", minimum=1, maximum=20, help="3 = 不超过接待对象的三分之一"),
        LOOK_BACK,
    ],
    collect=reception_subjects,
    short="陪餐人数超标",
    keeper=finance_office,
)
def escorts_within_cap(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    over = [
        f"{meal_name(m)}接待对象{m['guests']}人、陪餐{m['escorts']}人，超过上限{escort_cap(m['guests'], p)}人"
        for m in subject.data["meals"]
        if m["escorts"] > escort_cap(m["guests"], p)
    ]
    return Verdict(Severity.RED, "陪餐人数超过规定：" + "；".join(over)) if over else None


# --- FRG-004 one working meal ------------------------------------------------------------------------------------


@rule(
    code="FRG-004",
    title="工作餐不超过规定次数",
    basis=f"{RECEPTION_RULES}第十条：接待对象应当按照规定标准自行用餐；确因工作需要，接待单位可以安排工作餐一次",
    category=CATEGORY,
    subjects=SUBJECTS,
    severity_policy="一次接待安排的工作餐超过上限为红色；宴请按工作餐计，并在理由中单独列明；自行用餐不计",
    params=[Param("work_meals_max", "工作餐次数上限", unit="次", minimum=0, maximum=10), LOOK_BACK],
    collect=reception_subjects,
    short="工作餐次数超标",
    keeper=finance_office,
)
def working_meals_within_cap(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    paid = [m for m in subject.data["meals"] if m["kind"] in PAID_KINDS]
    if len(paid) <= int(p.work_meals_max):
        return None
    reason = f"安排工作餐{len(paid)}次（{'、'.join(meal_name(m) for m in paid)}），超过{int(p.work_meals_max)}次"
    banquets = [_day(m) for m in paid if m["kind"] == MealKind.BANQUET]
    if banquets:
        reason += f"；其中宴请{len(banquets)}次（{'、'.join(banquets)}），按工作餐计"
    return Verdict(Severity.RED, reason)


# --- FRG-005 cost per head per meal ----------------------------------------------------------------------------


def meal_excess(meal: dict[str, Any]) -> Decimal:
    """How much a paid meal cost above its standard × the people at the table (0 within, or with no standard)."""
    if meal["kind"] not in PAID_KINDS or meal["cap"] is None:
        return Decimal(0)
    heads = meal["guests"] + meal["escorts"]
    return max(meal["amount"] - meal["cap"] * heads, Decimal(0))


def _over(meal: dict[str, Any]) -> str:
    heads = meal["guests"] + meal["escorts"]
    per_head = (meal["amount"] / heads).quantize(CENT, rounding=ROUND_HALF_UP)
    return (
        f"{meal_name(meal)}{money(meal['amount'])}、{heads}人（含陪餐{meal['escorts']}人），每人{per_head}元，"
        f"超过标准{meal['cap']}元/人·餐，超出{money(meal_excess(meal))}（{meal['cited']}）"
    )


@rule(
    code="FRG-005",
    title="工作餐人均费用不超过标准",
    basis=f"{RECEPTION_RULES}第十条：工作餐标准由地方规定（经费标准表“公务接待工作餐标准”，按用餐当日有效的标准）",
    category=CATEGORY,
    subjects=SUBJECTS,
    severity_policy="任一工作餐（含宴请）的金额除以接待对象和陪餐人数，超过用餐当日有效的标准为红色，说明金额、标准、"
    "超出金额和标准出处；该日该级别没有适用的标准为黄色，请财务核实；自行用餐不计",
    params=[LOOK_BACK],
    collect=reception_subjects,
    short="工作餐超标准",
    keeper=finance_office,
)
def meals_within_standard(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    paid = [m for m in subject.data["meals"] if m["kind"] in PAID_KINDS]
    over = [_over(m) for m in paid if meal_excess(m) > 0]
    unknown = [_day(m, "%Y-%m-%d") for m in paid if m["cap"] is None]
    level = subject.data["guest_level_label"]
    missing = f"没有适用的公务接待工作餐标准（接待对象级别：{level}，用餐日期：{'、'.join(unknown)}），请财务核实"
    if over:
        return Verdict(Severity.RED, "工作餐超过标准：" + "；".join(over) + (f"；另{missing}" if unknown else ""))
    if unknown:
        return Verdict(Severity.YELLOW, missing)
    return None


@excess("FRG-005")
def meals_excess(subject: Subject, p: Params, ctx: Context) -> Decimal:
    """The sum over the reception's paid meals of what each cost above its standard."""
    return sum((meal_excess(m) for m in subject.data["meals"]), Decimal(0))


# --- FRG-006 banned dishes, drinks and places ----------------------------------------------------------------


def words(raw: str) -> list[str]:
    """A parameter list "鱼翅、燕窝、…" (commas and spaces also separate) as its words, longest first."""
    parts = str(raw or "").replace("，", "、").replace(",", "、").replace(" ", "、").split("、")
    return sorted({p.strip() for p in parts if p.strip()}, key=lambda w: (-len(w), w))


def found_in(text: str, banned: list[str]) -> list[str]:
    """The banned words in `text`; a word inside a longer one found there ("会所" in "私人会所") is named once."""
    found: list[str] = []
    for word in banned:  # longest first
        if word in (text or "") and not any(word in longer for longer in found):
            found.append(word)
    return found


def banned_hits(d: dict[str, Any], items: list[str], venues: list[str]) -> list[str]:
    """Where each banned word was found: a meal's dishes and drinks (items), a meal's place and the reception's
    venue (venues)."""
    places = [(m["items"], items, f"{meal_name(m)}菜品酒水") for m in d["meals"]]
    places += [(m["venue"], venues, f"{meal_name(m)}用餐地点“{m['venue']}”") for m in d["meals"]]
    places.append((d["venue"], venues, f"活动场所“{d['venue']}”"))
    hits = []
    for text, banned, where in places:
        found = found_in(text, banned)
        if found:
            hits.append(f"{where}含{'、'.join(f'“{w}”' for w in found)}")
    return hits


@rule(
    code="FRG-006",
    title="不得提供高档菜肴和酒水、不得使用私人会所和高消费场所",
    basis=f"{RECEPTION_RULES}第十条：工作餐应当供应家常菜，不得提供鱼翅、燕窝等高档菜肴和用野生保护动物制作的菜肴，"
    "不得提供香烟和高档酒水，不得使用私人会所、高消费餐饮场所",
    category=CATEGORY,
    subjects=SUBJECTS,
    severity_policy="用餐的菜品酒水含禁止菜品酒水名单中的词，或用餐地点、活动场所含禁止场所名单中的词，为红色，"
    "指明该词和出处",
    params=[
        Param("banned_items", "禁止的菜品酒水（以顿号分隔）", kind="str"),
        Param("banned_venues", "禁止的场所（以顿号分隔）", kind="str"),
        LOOK_BACK,
    ],
    collect=reception_subjects,
    short="禁止菜品或场所",
    keeper=finance_office,
)
def no_banned_items_or_venues(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    hits = banned_hits(subject.data, words(p.banned_items), words(p.banned_venues))
    return Verdict(Severity.RED, "接待清单列有禁止事项：" + "；".join(hits)) if hits else None
