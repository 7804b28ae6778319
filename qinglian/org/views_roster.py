"""The roster import's page: the shared import page (core.importing.views) with what the roster says."""

from __future__ import annotations

from qinglian.core.importing import Action
from qinglian.core.importing.views import Count, ImportPage
from qinglian.org.roster import RosterImport

ROSTER_PAGE = ImportPage(
    importer=RosterImport,
    heading="花名册导入",
    template_url="roster_template",
    testid="roster",
    intro="请先下载模板，按“填表说明”逐行填写后上传。以身份证号识别人员：本机关已有的人员将被更新，其余新增。",
    file_label="花名册文件（.xlsx）",
    again_hint="改好这些行后可再次上传整张表，已导入的人员显示为“无变化”。",
    preview_hint="仅预览：检查文件并列出将新增、更新的人员和存在的问题，不写入任何数据",
    name_header="姓名",
    counts=(
        Count("新增", Action.CREATE, "text-success"),
        Count("更新", Action.UPDATE, "text-primary"),
        Count("无变化", Action.UNCHANGED, "text-secondary"),
        Count("跳过（有问题）", Action.ERROR, "text-danger"),
    ),
    preview_heading="预览：将要进行的变动",
    preview_empty="表中人员与系统记录一致，没有需要写入的变动。",
    preview_hides_unchanged=True,
)
