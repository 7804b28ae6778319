"""Enumerations of 公文审校. Values are English and stable; labels are what the organ reads."""

from django.db import models


class TermKind(models.TextChoices):
    """What an organ's own entry tells the engine (Options.extra_terms / banned_words / whitelist)."""

    TERM = "term", "本机关用语（错→正）"
    BANNED = "banned", "禁用词"
    WHITELIST = "whitelist", "白名单（不提示）"


class CheckSource(models.TextChoices):
    PASTE = "paste", "粘贴文本"
    TXT = "txt", "文本文件"
    DOCX = "docx", "Word 文档"


class Decision(models.TextChoices):
    ACCEPTED = "accepted", "已采纳"
    IGNORED = "ignored", "已忽略"


class MinSeverity(models.TextChoices):
    """The engine's Severity values, so a choice passes straight into Options(min_severity=…)."""

    SUGGESTION = "建议", "全部（错误和建议）"
    ERROR = "错误", "仅错误"


# Category → CSS class of the highlight; the same six categories as qinglian.proofread.Category.
CATEGORY_CLASSES = {
    "政治": "dr-political",
    "事实": "dr-fact",
    "格式": "dr-format",
    "文字": "dr-wording",
    "标点": "dr-punct",
    "数字": "dr-number",
}
