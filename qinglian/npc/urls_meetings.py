"""/npc/: meeting materials (会议材料), liaison stations (代表联络站) and deputies' activities (履职活动)."""

from django.urls import path

from qinglian.npc import views_meetings as meetings
from qinglian.npc import views_stations as stations

urlpatterns = [
    path("meetings/", meetings.meeting_list, name="npc_meetings"),
    path("meetings/export/", meetings.meeting_export, name="npc_meetings_export"),
    path("meetings/new/", meetings.meeting_create, name="npc_meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="npc_meeting"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="npc_meeting_edit"),
    path("meetings/<int:pk>/items/new/", meetings.agenda_item_create, name="npc_agenda_item_create"),
    path("agenda-items/<int:pk>/edit/", meetings.agenda_item_edit, name="npc_agenda_item_edit"),
    path("agenda-items/<int:pk>/submit/", meetings.submission_create, name="npc_material_submit"),
    path("submissions/<int:pk>/receive/", meetings.submission_receive, name="npc_material_receive"),
    path("stations/", stations.station_list, name="npc_stations"),
    path("stations/export/", stations.station_export, name="npc_stations_export"),
    path("stations/new/", stations.station_create, name="npc_station_create"),
    path("stations/<int:pk>/", stations.station_detail, name="npc_station"),
    path("stations/<int:pk>/edit/", stations.station_edit, name="npc_station_edit"),
    path("activities/", stations.activity_list, name="npc_activities"),
    path("activities/export/", stations.activity_export, name="npc_activities_export"),
    path("activities/new/", stations.activity_create, name="npc_activity_create"),
    path("activities/<int:pk>/", stations.activity_detail, name="npc_activity"),
    path("activities/<int:pk>/edit/", stations.activity_edit, name="npc_activity_edit"),
]
