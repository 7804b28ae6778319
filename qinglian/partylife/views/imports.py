"""The meeting-record import's page: the shared import page (core.importing.views) with what the ledger says."""

from __future__ import annotations

from qinglian.core.importing.views import ImportPage
from qinglian.partylife.importers import MeetingImport

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
