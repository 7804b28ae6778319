"""What an audit row records. Values are English and stable (they are hashed into the chain); labels are
what the audit administrator reads."""

from django.db import models


class AuditAction(models.TextChoices):
    LOGIN = "login", "登录"
    LOGIN_FAILED = "login_failed", "登录失败"
    LOGOUT = "logout", "退出登录"
    PERMISSION_DENIED = "permission_denied", "越权访问被拒绝"
    ACCOUNT_CREATED = "account_created", "开设账号"
    ACCOUNT_ENABLED = "account_enabled", "启用账号"
    ACCOUNT_DISABLED = "account_disabled", "停用账号"
    ROLE_GRANTED = "role_granted", "授予角色"
    ROLE_REVOKED = "role_revoked", "撤销角色"
    EXPORT = "export", "导出数据"
    IMPORT = "import", "导入数据"
    EVIDENCE_UPLOADED = "evidence_uploaded", "上传佐证材料"
    EVIDENCE_DOWNLOADED = "evidence_downloaded", "下载佐证材料"
    EVIDENCE_DELETED = "evidence_deleted", "删除佐证材料"
    CONFIDENTIAL_VIEWED = "confidential_viewed", "查看敏感记录"
    PARAMETER_CHANGED = "parameter_changed", "修改规则参数"
    FINDING_TRANSITION = "finding_transition", "预警状态变更"
    WAIVER = "waiver", "预警豁免"
    RULE_RUN = "rule_run", "运行规则检查"
    WHITELIST_ADDED = "whitelist_added", "加入白名单"
    CALENDAR_CHANGED = "calendar_changed", "修改工作日历"
    RECORD_DELETED = "record_deleted", "删除记录"
    CHAIN_KEYED = "chain_keyed", "审计链启用密钥签名"
    PASSWORD_SET = "password_set", "管理员设置密码"
    PASSWORD_CHANGED = "password_changed", "本人修改密码"
    LOGIN_LOCKED = "login_locked", "登录锁定"
    LOGIN_UNLOCKED = "login_unlocked", "解除登录锁定"
    SECOND_FACTOR_ENROLLED = "second_factor_enrolled", "设置双因素认证"
    SECOND_FACTOR_RESET = "second_factor_reset", "重置双因素认证"
    SPOT_CHECK_DRAWN = "spot_check_drawn", "个人事项抽查抽取"
    RECTIFICATION_TRANSITION = "rectification_transition", "整改状态变更"
    OPINION_REPLIED = "opinion_replied", "回复党风廉政意见"
    SPECIAL_CHECK_DRAWN = "special_check_drawn", "专项检查抽样"
    REVIEW_SIGNED = "review_signed", "稿件审核签署"
    POLITICAL_OVERRIDE = "political_override", "政治性问题放行"
    FORUM_DECIDED = "forum_decided", "一会一报审批"


# Security events the audit administrator's workbench counts separately.
SECURITY_ACTIONS = frozenset({AuditAction.LOGIN_FAILED, AuditAction.LOGIN_LOCKED, AuditAction.PERMISSION_DENIED})
