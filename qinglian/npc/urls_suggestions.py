from django.urls import path

from qinglian.npc import views_setup as setup
from qinglian.npc import views_suggestion_actions as actions
from qinglian.npc import views_suggestion_detail as detail
from qinglian.npc import views_suggestions as views

urlpatterns = [
    path("suggestions/", views.suggestion_list, name="npc_suggestions"),
    path("suggestions/export/", views.suggestion_export, name="npc_suggestions_export"),
    path("suggestions/print/", views.suggestion_print, name="npc_suggestions_print"),
    path("suggestions/new/", views.suggestion_create, name="npc_suggestion_create"),
    path("suggestions/<int:pk>/", detail.suggestion_detail, name="npc_suggestion"),
    path("suggestions/<int:pk>/edit/", views.suggestion_edit, name="npc_suggestion_edit"),
    path("suggestions/<int:pk>/do/<slug:action>/", actions.suggestion_action, name="npc_suggestion_action"),
    path("setup/", setup.setup_index, name="npc_setup"),
    path("setup/deputies/", setup.deputy_list, name="npc_deputies"),
    path("setup/deputies/export/", setup.deputy_export, name="npc_deputies_export"),
    path("setup/deputies/new/", setup.deputy_create, name="npc_deputy_create"),
    path("setup/deputies/<int:pk>/edit/", setup.deputy_edit, name="npc_deputy_edit"),
    path("setup/sessions/", setup.session_list, name="npc_sessions"),
    path("setup/sessions/export/", setup.session_export, name="npc_sessions_export"),
    path("setup/sessions/new/", setup.session_create, name="npc_session_create"),
    path("setup/sessions/<int:pk>/edit/", setup.session_edit, name="npc_session_edit"),
    path("setup/units/", setup.unit_profile_list, name="npc_unit_profiles"),
    path("setup/units/export/", setup.unit_profile_export, name="npc_unit_profiles_export"),
    path("setup/units/<int:unit_pk>/edit/", setup.unit_profile_edit, name="npc_unit_profile_edit"),
    path("setup/desks/", setup.desk_list, name="npc_desks"),
    path("setup/desks/export/", setup.desk_export, name="npc_desks_export"),
]
