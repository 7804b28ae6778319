"""事实关/政治关: meetings valid by the document's date, and 巡视/巡察 by level (issue #15).

MTG-001 a plenary session (中央全会, 中央纪委全会) or an NPC session whose stated year or month
        contradicts its real date; the fix names the session that the year identifies, if only one;
MTG-002 a session that had not been held at the document's date, or never existed (十九届八中全会);
MTG-003 巡视 written for a city or county Party committee (市委巡视组 → 巡察组), 巡察 for the centre or a
        province (省委巡察组 → 巡视组), or 巡查 where 巡察 is meant.

The sessions, their dates and sources are in data/meetings.json. A date not checked against a
communiqué ("confidence": "unconfirmed") makes its findings suggestions only.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from .context import Context
from .dataload import gated_finditer, load_json, make_issue
from .model import Issue
from .numerals import cn_to_int

_ORD = "一二三四五六七八九"
_CC_RE = re.compile(
    r"(?P<term>十八|十九|二十)届(?:中央委员会)?(?:(?P<o1>["
    + _ORD
    + r"])中全会|中央委员会第(?P<o2>["
    + _ORD
    + r"])次全体会议)"
)
_CCDI_RE = re.compile(
    r"(?P<term>十八|十九|二十)届(?:中央纪委|中纪委|中央纪律检查委员会)第?(?P<o1>[" + _ORD + r"])次(?:全会|全体会议)"
)
_NPC_RE = re.compile(
    r"(?:第(?P<t2>十二|十三|十四)届全国人民代表大会第(?P<o2>[" + _ORD + r"])次会议"
    r"|(?P<term>十二|十三|十四)届全国人大(?:第)?(?P<o1>[" + _ORD + r"])次会议)"
)
# The CPPCC's plenary sessions meet with the NPC's (a day before): their year is checked on the NPC's dates.
_CPPCC_RE = re.compile(
    r"(?:全国政协(?P<term>十二|十三|十四)届(?P<o1>[" + _ORD + r"])次会议"
    r"|政协第(?P<t2>十二|十三|十四)届全国委员会第(?P<o2>[" + _ORD + r"])次会议)"
)
_GATES = {
    _CC_RE: re.compile("届"),
    _CCDI_RE: re.compile("届"),
    _NPC_RE: re.compile("届全国人"),
    _CPPCC_RE: re.compile("届.{0,5}次会议"),
}
_KINDS = (("cc", _CC_RE), ("ccdi", _CCDI_RE), ("npc", _NPC_RE), ("cppcc", _CPPCC_RE))
# A local Party committee's own plenum (县委十八届三中全会) is not the Central Committee's.
_LOCAL_BEFORE_RE = re.compile(r"(?:[省市县区州旗盟]委|党委|市委员会|县委员会)[^，。；\n]{0,3}$")
_YEAR_BEFORE_RE = re.compile(
    r"(?P<y>\d{4})年(?:(?P<m>\d{1,2})月)?(?:\d{1,2}日)?(?:至\d{1,2}日)?(?:召开|举行|胜利召开|闭幕|开幕)?的?"
    r"(?:党的|中国共产党|中共)?$"
)
_YEAR_AFTER_RE = re.compile(r"^[（(]?(?:于|在)?(?P<y>\d{4})年(?:(?P<m>\d{1,2})月)?")

# 巡视 is the centre's and the provinces' (and central departments' and enterprises'); 巡察 the cities'
# and counties'. Only the organisations are matched: 市委巡视整改 can be a city's rectification after
# a provincial 巡视, so it is left alone.
_XUNSHI_LOCAL_RE = re.compile(
    r"(?:[市州县区旗盟]委)(?:第[一二三四五六七八九十]+)?(巡视)(?!巡察|、巡察|和巡察|与巡察)(?=组|办|工作领导小组|机构)"
)
_XUNCHA_HIGH_RE = re.compile(r"(中央|省委|自治区党委)(?:第[一二三四五六七八九十]+)?(巡察)(?=组|办|工作领导小组|机构)")
_XUNCHA_TYPO_LOCAL_RE = re.compile(
    r"(?:[市州县区旗盟]委)(?:第[一二三四五六七八九十]+)?(巡查)(?=组|办|工作|反馈|整改|机构)"
)
_XUNCHA_TYPO_CTX_RE = re.compile(
    r"(?<![安全河湖道环境消防治网格日常隐患森林防汛市场食品路面管网电力线路执法督导])(巡查)"
    r"(?=整改|反馈意见|组组长|全覆盖|利剑|工作领导小组|进驻)|被(巡查)(?=党组织|单位)"
)
_XUNCHA_TYPO_ROUND_RE = re.compile(r"第[一二三四五六七八九十]+轮(巡查)|(巡查)(?=组?进驻)")
_PARTY_RE = re.compile(r"[市州县区旗盟]委|党委|党组|巡察")
_XS_GATES = {
    _XUNCHA_TYPO_ROUND_RE: re.compile("巡查"),
    _XUNSHI_LOCAL_RE: re.compile("委(?:第[一二三四五六七八九十]+)?巡视"),
    _XUNCHA_HIGH_RE: re.compile("巡察"),
    _XUNCHA_TYPO_LOCAL_RE: re.compile("委(?:第[一二三四五六七八九十]+)?巡查"),
    _XUNCHA_TYPO_CTX_RE: re.compile("巡查"),
}


@cache
def _data():
    data = load_json("meetings")
    by_key = {}
    for e in data["meetings"]:
        kind = e["id"].split("-")[1]
        by_key[(kind, e["term"], e["ordinal"])] = e
    return data, by_key


def _date(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def _sentence(text: str, start: int, end: int) -> str:
    base, stop = text.rfind("\n", 0, start) + 1, text.find("\n", end)
    stop = len(text) if stop == -1 else stop
    a = max(base, *(text.rfind(c, base, start) + 1 for c in "。！？；"))
    ends = [i for i in (text.find(c, end, stop) for c in "。！？；") if i != -1]
    return text[a : min(ends) if ends else stop]


def _entry_conf(e: dict, high: float) -> float:
    return high if e.get("confidence") == "verified" else 0.75


def _check_sessions(ctx: Context) -> list[Issue]:
    text = ctx.text
    data, by_key = _data()
    markers = tuple(data["future_markers"])
    issues = []
    for kind, pattern in _KINDS:
        for m in gated_finditer(pattern, text, _GATES[pattern]):
            term = cn_to_int(m.group("term") or m.groupdict().get("t2") or "")
            ordinal = cn_to_int(m.group("o1") or m.groupdict().get("o2") or "")
            if not term or not ordinal:
                continue
            if kind == "cc" and _LOCAL_BEFORE_RE.search(text[max(0, m.start() - 8) : m.start()]):
                continue
            if kind == "cppcc":
                entry = by_key.get(("npc", term, ordinal))
                if entry:
                    issues += _year_contradiction(text, m, kind, term, entry, by_key)
                continue
            info = data["bodies"][kind]["terms"].get(str(term), {})
            entry = by_key.get((kind, term, ordinal))
            name = m.group()
            if entry is None:
                issues += _missing(ctx, m, kind, term, ordinal, info, by_key, markers)
                continue
            issues += _year_contradiction(text, m, kind, term, entry, by_key)
            if kind == "cc":
                issues += _wrong_document(text, m, entry, by_key)
            # Not yet held at the document's date (a date from the form or the text only: "today"
            # is never before a session we know of).
            start = _date(entry["start"])
            if ctx.document_date_from != "today" and ctx.document_date < start:
                if any(w in _sentence(text, m.start(), m.end()) for w in markers):
                    continue
                # A session a few months ahead has been convened already (the NPC's by its standing
                # committee, a plenum by the Politburo): a text may prepare for it in words we do not list.
                soon = (start - ctx.document_date).days <= 90
                issues.append(
                    make_issue(
                        "MTG-002",
                        m.start(),
                        m.end(),
                        text,
                        message=f"{name}于{entry['start']}召开，成文日期{ctx.document_date.isoformat()}时尚未召开",
                        basis=entry["source"],
                        confidence=0.6 if soon else _entry_conf(entry, 0.9),
                        entry=entry["id"],
                    )
                )
    return issues


def _missing(ctx, m, kind, term, ordinal, info, by_key, markers) -> list[Issue]:
    text, name = ctx.text, m.group()
    known = [o for (k, t, o) in by_key if k == kind and t == term]
    top = max(known) if known else 0
    if info.get("complete") and ordinal > info.get("max", top):
        last = by_key.get((kind, term, info.get("max", top)))
        return [
            make_issue(
                "MTG-002",
                m.start(),
                m.end(),
                text,
                suggestion=last["name"] if last and ordinal == info.get("max", top) + 1 else None,
                message=f"{name}不存在：该届共召开{info.get('max', top)}次",
                basis=load_json("meetings")["bodies"][kind]["name"] + "公报",
                confidence=0.95,
                entry=f"mt-{kind}-{term}",
            )
        ]
    checked = info.get("checked_to")
    if not checked or any(w in _sentence(text, m.start(), m.end()) for w in markers):
        return []
    if ctx.document_date <= _date(checked):
        conf = 0.85
    elif ordinal >= top + 2 and ctx.document_date <= _date(checked) + dt.timedelta(days=365):
        conf = 0.6  # two sessions on within a year: unlikely, not impossible
    else:
        return []
    return [
        make_issue(
            "MTG-002",
            m.start(),
            m.end(),
            text,
            message=f"{name}：截至{checked}资料中未见召开，请核实",
            basis=load_json("meetings")["bodies"][kind]["name"] + "公报",
            confidence=conf,
            entry=f"mt-{kind}-{term}",
        )
    ]


def _year_contradiction(text, m, kind, term, entry, by_key) -> list[Issue]:
    before = _YEAR_BEFORE_RE.search(text[max(0, m.start() - 24) : m.start()])
    after = _YEAR_AFTER_RE.search(text[m.end() : m.end() + 16])
    said = before or after
    if not said:
        return []
    year = int(said.group("y"))
    month = int(said.group("m")) if said.group("m") else None
    # The finding covers the stated date and the name: either may be the slip.
    if before:
        base = max(0, m.start() - 24)
        span = (base + before.start("y"), m.end())
    else:
        span = (m.start(), m.end() + after.end())
    start, end = _date(entry["start"]), _date(entry["end"])
    if year in (start.year, end.year) and (month is None or month in (start.month, end.month)):
        return []
    # The session that the stated year (and month) identifies, when there is exactly one.
    same = [
        e
        for (k, t, _o), e in by_key.items()
        if k == ("npc" if kind == "cppcc" else kind)
        and t == term
        and int(e["start"][:4]) == year
        and (month is None or int(e["start"][5:7]) == month or int(e["end"][5:7]) == month)
    ]
    whole = text[span[0] : span[1]]
    # Sure when the session's own date is checked, or the date the text gives is checked to belong to
    # another session of the same body (one NPC session a year).
    sure = entry.get("confidence") == "verified" or (
        len(same) == 1 and same[0] is not entry and same[0].get("confidence") == "verified" and kind == "npc"
    )
    when = f"{year}年" + (f"{month}月" if month else "")
    msg = f"{m.group()}于{entry['start'][:4]}年{int(entry['start'][5:7])}月召开，与文中“{when}”不符"
    if len(same) == 1:
        other = same[0]["name"]
        if kind == "cppcc":
            other = f"全国政协{m.group('term') or m.group('t2')}届{'一二三四五六七八九'[same[0]['ordinal'] - 1]}次会议"
        msg += f"；{when}召开的是{other}"
    # A date given to the month is taken as meant, and the session is corrected when the date names
    # one; a bare year is the likelier slip (2023年召开的二十届三中全会 → 2024年).
    if len(same) == 1 and month is not None:
        right = "一二三四五六七八九"[same[0]["ordinal"] - 1]
        wrong = m.group("o1") or m.groupdict().get("o2")
        k = m.start() - span[0] + m.group().rfind(wrong)
        fix = whole[:k] + right + whole[k + 1 :]
    else:
        k = said.start("y") + (max(0, m.start() - 24) - span[0] if before else m.end() - span[0])
        fix = whole[:k] + entry["start"][:4] + whole[k + 4 :]
        if month is not None:
            fix = None  # year and month both off: no mechanical fix
    return [
        make_issue(
            "MTG-001",
            span[0],
            span[1],
            text,
            suggestion=fix,
            message=msg,
            basis=entry["source"],
            confidence=0.9 if sure else 0.75,
            entry=entry["id"],
        )
    ]


_ADOPT_RE = re.compile(r"审议通过|通过了|通过|作出了|作出|审议了|研究了|制定了")
_TOPIC_RE = re.compile(r"^[^，]{0,4}?(?:对|就)(.{2,45}?)(?:作出|进行|作了)了?[^。；，]{0,6}?(?:部署|决定|安排)")


def _wrong_document(text, m, entry, by_key) -> list[Issue]:
    """MTG-004: 十八届三中全会作出了关于全面推进依法治国若干重大问题的决定 (that was the 四中全会)."""
    tail = text[m.end() : m.end() + 60]
    stop = re.search(r"[。；！？\n]", tail)
    tail = tail[: stop.start()] if stop else tail
    # 二十届二中全会对进一步全面深化改革、推进中国式现代化作出系统部署: the theme names the session.
    topic = _TOPIC_RE.match(tail)
    if topic:
        seg = topic.group(1)
        best = max(
            ((t, e) for e in by_key.values() for t in (*e.get("themes", ()), *e.get("adopted", ())) if t in seg),
            key=lambda te: len(te[0]),
            default=None,
        )
        if best and best[1] is not entry:
            other = best[1]
            return [_other_plenum(text, m, entry, other, f"对“{best[0]}”作出部署的是{other['name']}，不是{m.group()}")]
        return []
    verb = _ADOPT_RE.search(tail)
    if not verb or any(doc in tail for doc in entry.get("adopted", ())):
        return []
    for other in by_key.values():
        docs = [doc for doc in other.get("adopted", ()) if doc in tail[verb.end() :]]
        if not docs or other is entry:
            continue
        return [_other_plenum(text, m, entry, other, f"“{docs[0]}”是{other['name']}审议通过的，不是{m.group()}")]
    return []


def _other_plenum(text: str, m: re.Match, entry: dict, other: dict, message: str) -> Issue:
    """MTG-004 naming the plenum the document or theme belongs to; sure only when both plenums' documents
    were verified against their communiqués."""
    sure = entry.get("adopted_confidence") == "verified" and other.get("adopted_confidence") == "verified"
    return make_issue(
        "MTG-004",
        m.start(),
        m.end(),
        text,
        suggestion=other["name"],
        message=message,
        basis=other["source"],
        confidence=0.9 if sure else 0.75,
        entry=other["id"],
    )


def _check_inspection(text: str) -> list[Issue]:
    entry = load_json("meetings")["inspection"]
    issues = []

    def add(m, group, fix, message, conf):
        issues.append(
            make_issue(
                "MTG-003",
                m.start(group),
                m.end(group),
                text,
                suggestion=fix,
                message=message,
                confidence=conf,
                entry=entry["id"],
            )
        )

    for m in gated_finditer(_XUNSHI_LOCAL_RE, text, _XS_GATES[_XUNSHI_LOCAL_RE]):
        add(m, 1, "巡察", "市、县级党委开展的是巡察，不是巡视", 0.9)
    for m in gated_finditer(_XUNCHA_HIGH_RE, text, _XS_GATES[_XUNCHA_HIGH_RE]):
        add(m, 2, "巡视", "党中央和省级党委开展的是巡视，不是巡察", 0.9 if m.group(1) == "中央" else 0.85)
    for m in gated_finditer(_XUNCHA_TYPO_LOCAL_RE, text, _XS_GATES[_XUNCHA_TYPO_LOCAL_RE]):
        add(m, 1, "巡察", "党委开展的是巡察，“巡查”用错", 0.9)
    seen = {i.start for i in issues}
    for m in gated_finditer(_XUNCHA_TYPO_ROUND_RE, text, _XS_GATES[_XUNCHA_TYPO_ROUND_RE]):
        g = 1 if m.group(1) else 2
        if m.start(g) not in seen and _PARTY_RE.search(_sentence(text, m.start(), m.end())):
            seen.add(m.start(g))
            add(m, g, "巡察", "党委按轮次派出的是巡察（市县）或巡视（中央、省），“巡查”用错", 0.85)
    if "巡察" in text:
        for m in gated_finditer(_XUNCHA_TYPO_CTX_RE, text, _XS_GATES[_XUNCHA_TYPO_CTX_RE]):
            g = 1 if m.group(1) else 2
            if m.start(g) not in seen:
                add(m, g, "巡察", "文中讲的是巡察工作，“巡查”疑为“巡察”", 0.85)
    return issues


def check_meetings(ctx: Context) -> list[Issue]:
    text = ctx.text
    issues = []
    if "届" in text:
        issues += _check_sessions(ctx)
    if "巡" in text:
        issues += _check_inspection(text)
    if "日" in text:
        issues += _check_documents(text)
    return issues


# MTG-005: 纪律处分条例自2023年12月1日起施行 — a document's dates against its own text.
_DOC_DATE_RE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_EFFECTIVE_AFTER_RE = re.compile(r"^[^，。；]{0,3}?起?施行")
_ADOPTED_AFTER_RE = re.compile(r"^[^，。；]{0,12}?(?:审议通过|通过|修订|审议批准)")


@cache
def _documents() -> tuple[tuple[str, dict], ...]:
    docs = load_json("meetings").get("documents", {}).get("entries", [])
    return tuple((a, e) for e in docs for a in e["aliases"])


def _check_documents(text: str) -> list[Issue]:
    issues = []
    seen: set[int] = set()
    for alias, entry in _documents():
        pos = text.find(alias)
        while pos != -1:
            sentence_start = max(text.rfind(c, 0, pos) for c in "。！？；\n") + 1
            stop = min([i for i in (text.find(c, pos) for c in "。！？；\n") if i != -1] or [len(text)])
            for m in _DOC_DATE_RE.finditer(text, sentence_start, stop):
                if m.start() in seen:
                    continue
                after = text[m.end() : stop]
                kind = "effective" if _EFFECTIVE_AFTER_RE.match(after) else None
                if kind is None and _ADOPTED_AFTER_RE.match(after):
                    kind = "adopted"
                if kind is None:
                    continue
                seen.add(m.start())
                try:
                    day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                except ValueError:
                    continue  # FACT-005's business
                versions = entry["versions"]
                if any(v.get(kind) == day.isoformat() for v in versions):
                    continue
                sure = [v for v in versions if v.get("confidence") == "verified" and v.get(kind)]
                near = min(sure, key=lambda v: abs((_date(v[kind]) - day).days), default=None)
                if near is None or abs((_date(near[kind]) - day).days) > 400:
                    continue  # a version we do not know: nothing to say
                right = _date(near[kind])
                fix = f"{right.year}年{right.month}月{right.day}日"
                what = "施行" if kind == "effective" else "通过（审议批准）"
                issues.append(
                    make_issue(
                        "MTG-005",
                        m.start(),
                        m.end(),
                        text,
                        suggestion=fix,
                        message=f"“{alias}”（{near['label']}）的{what}日期为{fix}，与此处不符",
                        basis=near["source"],
                        entry=entry["id"],
                    )
                )
            pos = text.find(alias, pos + len(alias))
    return issues
