from django.urls import include, path

from qinglian.core import views

urlpatterns = [
    path("", views.workbench, name="workbench"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("calendar/", include("qinglian.core.urls_calendar")),
]
