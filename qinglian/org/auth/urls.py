from django.urls import path

from qinglian.org.auth import views

urlpatterns = [
    path("second-factor/", views.second_factor, name="second_factor"),
    path("second-factor/enrol/", views.second_factor_enrol, name="second_factor_enrol"),
    path("sessions/", views.my_sessions, name="my_sessions"),
    path("sessions/end-others/", views.end_other_sessions, name="end_other_sessions"),
    path("sessions/status/", views.session_status, name="session_status"),
    path("sessions/ping/", views.session_ping, name="session_ping"),
    path("locks/", views.login_locks, name="login_locks"),
]
