"""The import pages of the meeting records and the Party dues: the shared import page (core.importing.views) with
what each ledger says."""

from __future__ import annotations

from qinglian.core.importing import Action
from qinglian.core.importing.views import Count, ImportPage, Link
from qinglian.partylife.importers import DuesImport, MeetingImport

MEETING_PAGE = ImportPage(
    importer=MeetingImport,
    heading="会议记录导入",
    template_url="meeting_import_template",
    testid="meeting-import",
    intro="用于把以往的“三会一课”等会议台账一次性录入系统：请先下载模板，每行填写一次会议，按“填表说明”填写后上传。"
    "系统中已有的会议（日期、党支部、会议类型、主题相同）不会重复导入。",
    file_label="会议记录文件（.xlsx）",
    again_hint="改好后可再次上传整张表，已导入的会议显示为“无变化”。",
    preview_hint="仅预览：检查文件并列出将导入的会议和存在的问题，不写入任何数据",
    name_header="会议",
)

DUES_PAGE = ImportPage(
    importer=DuesImport,
    heading="党费导入",
    template_url="dues_import_template",
    testid="dues-import",
    intro=(
        "用于导入财务部门提供的党费收缴表：每行一名党员一个月，填写月工资收入（税后）、实交金额和交纳日期，"
        "应交党费由系统按党费计算标准计算。请先下载模板，按“填表说明”填写后上传；本页导出的党费台账也可直接上传。",
        "全部行无误才写入：有任何一行有问题时不写入任何数据。可先勾选“仅预览”检查。",
    ),
    file_label="党费表（.xlsx）",
    preview_hint="仅预览：检查文件并列出将新增、更新的记录和存在的问题，不写入任何数据",
    name_header="党员及月份",
    links=(Link("dues_ledger", "党费台账", "bi-cash-coin"),),
    done_link=("dues_ledger", "查看党费台账"),
    counts=(  # all or nothing: no row is ever skipped, but a month already entered may be corrected
        Count("新增", Action.CREATE, "text-success"),
        Count("更新", Action.UPDATE, "text-primary"),
        Count("无变化", Action.UNCHANGED, "text-secondary"),
    ),
)
