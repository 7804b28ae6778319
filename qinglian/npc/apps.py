from django.apps import AppConfig


class NpcConfig(AppConfig):
    name = "qinglian.npc"
    verbose_name = "人大履职服务"

    def ready(self) -> None:
        from qinglian.evidence.registry import register
        from qinglian.npc.models import DeputyActivity, MaterialSubmission, MeetingAgendaItem, NpcMeeting, Suggestion
        from qinglian.npc.permissions import (
            access_activity,
            access_agenda_item,
            access_npc_meeting,
            access_submission,
            access_suggestion,
        )

        # Evidence: a reply's document and the deputy's form on the suggestion, materials on the agenda item.
        register(Suggestion, access_suggestion)
        register(NpcMeeting, access_npc_meeting)
        register(MeetingAgendaItem, access_agenda_item)
        register(MaterialSubmission, access_submission)
        register(DeputyActivity, access_activity)

        import qinglian.npc.nav  # noqa: F401  (menu entries and the workbench card)
