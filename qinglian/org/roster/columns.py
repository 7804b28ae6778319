"""花名册导入: the columns, the template's 填表说明, and the Person field behind each column."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings

from qinglian.core.excel import Column
from qinglian.core.importing.base import max_size_label
from qinglian.org.choices import Gender, PartyStatus, Rank, UnitKind
from qinglian.org.models import Organ, Unit

CHANGE_REASON = "花名册导入"


# Column headers (without the "*" the template adds to required ones) and the Person field behind each.
NAME, GENDER, ID_NUMBER, UNIT, POST, RANK = "姓名", "性别", "身份证号", "所在委室", "职务", "职级"
PARTY_STATUS, JOINED, BRANCH, PHONE, BIRTH = "政治面貌", "入党时间", "所在党支部", "手机号码", "出生日期"
FIELD_OF: dict[str, str] = {
    NAME: "name",
    GENDER: "gender",
    ID_NUMBER: "id_number",
    UNIT: "unit",
    POST: "post",
    RANK: "rank",
    PARTY_STATUS: "party_status",
    JOINED: "party_joined_on",
    BRANCH: "branch",
    PHONE: "phone",
    BIRTH: "birth_date",
}
HEADER_OF: dict[str, str] = {f: h for h, f in FIELD_OF.items()} | {"party_group": "党小组"}
TEXT_COLUMNS = (ID_NUMBER, PHONE, JOINED, BIRTH)  # formatted as text so Excel keeps what was typed
GENDERS = {label: value for value, label in Gender.choices}
RANKS = {label: value for value, label in Rank.choices}
# Old rosters say "党员"/"预备党员"; the drop-down offers the full labels.
STATUSES = {label: value for value, label in PartyStatus.choices} | {
    "党员": PartyStatus.MEMBER,
    "共产党员": PartyStatus.MEMBER,
    "预备党员": PartyStatus.PROBATIONARY,
}


def roster_columns(unit_names: Sequence[str] = (), branch_names: Sequence[str] = ()) -> list[Column]:
    return [
        Column(NAME, 10, required=True),
        Column(GENDER, 6, required=True, choices=Gender.labels, note="须与身份证号一致"),
        Column(ID_NUMBER, 22, required=True, note="18位，末位可为X；是识别人员的依据"),
        Column(UNIT, 18, required=True, choices=unit_names, note="填写委室全称或简称"),
        Column(POST, 16, note="如 副主任、四级调研员"),
        Column(RANK, 14, choices=Rank.labels, note="不填视为“其他”"),
        Column(PARTY_STATUS, 14, required=True, choices=PartyStatus.labels),
        Column(JOINED, 12, note="如 2010-07-01，或只写到月：2010.07；非中共党员不填"),
        Column(BRANCH, 20, choices=branch_names, note="填写党支部全称"),
        Column(PHONE, 14, note="11位手机号，或 区号-号码"),
        Column(BIRTH, 12, note="可不填，按身份证号推算；填写时须与身份证号一致"),
    ]


def person_units(organ: Organ) -> list[Unit]:
    # Outside bodies (government departments) are units too, but nobody on the roster works there.
    return list(Unit.objects.filter(organ=organ).exclude(kind=UnitKind.EXTERNAL))


def roster_notes() -> list[str]:
    return [
        "花名册导入模板：请在“花名册”工作表第一行表头下方逐行填写，不要修改表头；表头带 * 的列为必填。",
        "身份证号是识别人员的依据：本机关已有该身份证号的人员将被更新，否则新增。",
        "更新已有人员时，表中各列以表格为准（留空即清空该项）；删去的选填列保持原值不变。",
        "日期可写作 2020-01-05、2020.1.5、2020年1月5日；入党时间可只写到月，如 2010.07。",
        "身份证号、手机号码和日期列已设为文本格式，请勿改为数字，以免 Excel 改动末几位或把 2010.10 变成 2010.1。",
        "出生日期、性别须与身份证号一致；出生日期可不填。非中共党员（群众、民主党派）不填入党时间。",
        f"每次最多导入 {settings.QINGLIAN_IMPORT_MAX_ROWS} 行，文件不超过 {max_size_label()}。",
    ]
