"""责任书, 督办单 and 约谈 pages under /duty/."""

from django.urls import path

from qinglian.duty import views_letters, views_notices, views_talks

urlpatterns = [
    path("letters/", views_letters.letter_list, name="duty_letters"),
    path("letters/export/", views_letters.letter_export, name="duty_letters_export"),
    path("letters/generate/", views_letters.letters_generate, name="duty_letters_generate"),
    path("letters/events/<int:event_id>/", views_letters.letter_for_event, name="duty_letter_for_event"),
    path("letters/<int:pk>/", views_letters.letter_detail, name="duty_letter"),
    path("letters/<int:pk>/sign/", views_letters.letter_sign, name="duty_letter_sign"),
    path("notices/", views_notices.notice_list, name="duty_notices"),
    path("notices/export/", views_notices.notice_export, name="duty_notices_export"),
    path("notices/new/", views_notices.notice_new, name="duty_notice_new"),
    path("notices/<int:pk>/", views_notices.notice_detail, name="duty_notice"),
    path("notices/<int:pk>/reply/", views_notices.notice_reply, name="duty_notice_reply"),
    path("notices/<int:pk>/close/", views_notices.notice_close, name="duty_notice_close"),
    path("notices/<int:pk>/escalate/", views_notices.notice_escalate, name="duty_notice_escalate"),
    path("talks/", views_talks.talk_list, name="duty_talks"),
    path("talks/export/", views_talks.talk_export, name="duty_talks_export"),
    path("talks/new/", views_talks.talk_new, name="duty_talk_new"),
    path("talks/<int:pk>/", views_talks.talk_detail, name="duty_talk"),
    path("talks/<int:pk>/edit/", views_talks.talk_edit, name="duty_talk_edit"),
]
