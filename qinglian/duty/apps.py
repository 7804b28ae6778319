from django.apps import AppConfig


class DutyConfig(AppConfig):
    name = "qinglian.duty"
    verbose_name = "主体责任"

    def ready(self) -> None:
        from qinglian.duty import (
            nav,  # noqa: F401  (menu entries and the workbench card)
            signals,  # noqa: F401  (open tasks follow a change of 分管)
        )
        from qinglian.duty.models import (
            AccountabilityTalk,
            DutyAssignment,
            ProgressReport,
            ResponsibilityLetter,
            SupervisionNotice,
        )
        from qinglian.duty.permissions import (
            access_assignment,
            access_letter,
            access_notice,
            access_progress,
            access_talk,
        )
        from qinglian.evidence.registry import register

        register(DutyAssignment, access_assignment)
        register(ProgressReport, access_progress)
        register(ResponsibilityLetter, access_letter)
        register(SupervisionNotice, access_notice)
        register(AccountabilityTalk, access_talk)
