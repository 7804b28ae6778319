"""The working-day calendar, included at `calendar/` by qinglian/core/urls.py."""

from django.urls import path

from qinglian.core import views_calendar

urlpatterns = [
    path("", views_calendar.calendar_year, name="calendar_year"),
    path("<int:year>/", views_calendar.calendar_year, name="calendar_year"),
    path("<int:year>/edit/", views_calendar.calendar_year_edit, name="calendar_year_edit"),
    path("day/", views_calendar.calendar_day_edit, name="calendar_day_edit"),
    path("day/remove/", views_calendar.calendar_day_remove, name="calendar_day_remove"),
]
