"""The list, task and board pages of 主体责任 (the letters/督办/约谈 pages are in urls_oversight.py)."""

from django.urls import path

from qinglian.duty import views_boards, views_lists, views_tasks

urlpatterns = [
    path("", views_lists.duty_index, name="duty_index"),
    path("export/", views_lists.duty_export, name="duty_export"),
    path("lists/new/", views_lists.duty_list_create, name="duty_list_create"),
    path("lists/<int:pk>/edit/", views_lists.duty_list_edit, name="duty_list_edit"),
    path("lists/<int:pk>/publish/", views_lists.duty_list_publish, name="duty_list_publish"),
    path("lists/<int:pk>/sections/new/", views_lists.duty_section_create, name="duty_section_create"),
    path("sections/<int:pk>/edit/", views_lists.duty_section_edit, name="duty_section_edit"),
    path("lists/<int:pk>/items/new/", views_lists.duty_item_create, name="duty_item_create"),
    path("items/<int:pk>/edit/", views_lists.duty_item_edit, name="duty_item_edit"),
    path("items/<int:pk>/delete/", views_lists.duty_item_delete, name="duty_item_delete"),
    path("tasks/<int:pk>/", views_tasks.duty_task, name="duty_task"),
    path("tasks/<int:pk>/claim/", views_tasks.duty_task_claim, name="duty_task_claim"),
    path("tasks/<int:pk>/report/", views_tasks.duty_task_report, name="duty_task_report"),
    path("tasks/<int:pk>/confirm/", views_tasks.duty_task_confirm, name="duty_task_confirm"),
    path("tasks/<int:pk>/return/", views_tasks.duty_task_return, name="duty_task_return"),
    path("units/mine/", views_boards.duty_my_unit, name="duty_my_unit"),
    path("units/<int:pk>/", views_boards.duty_unit_board, name="duty_unit_board"),
    path("cards/", views_boards.duty_card_list, name="duty_card_list"),
    path("cards/mine/", views_boards.duty_my_card, name="duty_my_card"),
    path("cards/<int:pk>/", views_boards.duty_card, name="duty_card"),
    path("agenda/", views_boards.duty_agenda, name="duty_agenda"),
    path("agenda/items/<int:pk>/tags/", views_boards.duty_agenda_tags, name="duty_agenda_tags"),
]
