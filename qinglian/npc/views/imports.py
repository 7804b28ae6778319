"""The suggestion import's page: the shared import page (core.importing.views) with what the ledger says."""

from __future__ import annotations

from qinglian.core.importing import Action
from qinglian.core.importing.views import Count, ImportPage
from qinglian.npc.importers import SuggestionImport

SUGGESTION_PAGE = ImportPage(
    importer=SuggestionImport,
    heading="导入代表建议",
    template_url="npc_import_template",
    testid="import",  # import-template, import-counts, import-rows, as before the shared page
    intro="用于把一年的代表建议清单一次性录入系统：请先下载模板，每行填写一件建议，按“填表说明”填写后上传。"
    "填写了主办单位的建议一并交办（主办、协办），答复期限自交办日期起算。"
    "<strong>全部行无误才导入</strong>：只要有一行有问题，就一行也不写入，并逐行列出问题。",
    file_label="代表建议文件（.xlsx）",
    preview_hint="仅预览：检查文件并列出将导入的建议和存在的问题，不写入任何数据",
    name_header="建议",
    counts=(
        Count("登记建议", Action.CREATE, "text-success"),
        Count("交办", "assigned"),
        Count("重点督办", "key"),
        Count("新增代表", "deputies"),
    ),
    done_link=("npc_suggestions", "查看代表建议台账"),
)
