from django.apps import AppConfig


class PartylifeConfig(AppConfig):
    name = "qinglian.partylife"
    verbose_name = "组织生活与理论学习"

    def ready(self) -> None:
        from qinglian.evidence.registry import register
        from qinglian.partylife import nav  # noqa: F401  (menu entries and the workbench card)
        from qinglian.partylife.models import HeartTalk, Meeting
        from qinglian.partylife.permissions import access_heart_talk, access_meeting

        register(Meeting, access_meeting)
        register(HeartTalk, access_heart_talk)
