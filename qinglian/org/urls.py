from django.urls import include, path

from qinglian.org import views, views_accounts, views_structure

urlpatterns = [
    path("units/", views.unit_list, name="unit_list"),
    path("units/new/", views.unit_edit, name="unit_create"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("people/", views.person_list, name="person_list"),
    path("people/new/", views.person_edit, name="person_create"),
    path("people/import/", include("qinglian.org.urls_roster")),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/delete/", views.person_delete, name="person_delete"),
    path("people/<int:pk>/events/new/", views.event_create, name="event_create"),
    path("events/", views.event_list, name="event_list"),
    path("branches/", views_structure.branch_list, name="branch_list"),
    path("branches/<int:pk>/", views_structure.branch_detail, name="branch_detail"),
    path("leading-group/", views_structure.leading_group, name="leading_group"),
    path("accounts/", views_accounts.account_list, name="account_list"),
    path("accounts/new/", views_accounts.account_create, name="account_create"),
    path("accounts/<int:pk>/toggle/", views_accounts.account_toggle, name="account_toggle"),
    path("accounts/<int:pk>/roles/", views_accounts.role_grant, name="role_grant"),
    path("accounts/<int:pk>/password/", views_accounts.account_password_set, name="account_password_set"),
    path("password/", views_accounts.password_change, name="password_change"),
    path("grants/history/", views_accounts.grant_history, name="grant_history"),
    path("grants/<int:pk>/revoke/", views_accounts.role_revoke, name="role_revoke"),
]
