from django.urls import path

from qinglian.notify import views

urlpatterns = [
    path("", views.notify_inbox, name="notify_inbox"),
    path("<int:pk>/read/", views.notify_message_read, name="notify_message_read"),
    path("read-all/", views.notify_mark_all_read, name="notify_mark_all_read"),
    path("preference/", views.notify_preference, name="notify_preference"),
    path("outbox/", views.notify_outbox, name="notify_outbox"),
]
