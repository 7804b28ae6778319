from django.urls import path

from qinglian.docreview import views

urlpatterns = [
    path("", views.docreview_list, name="docreview_list"),
    path("new/", views.docreview_new, name="docreview_new"),
    path("<int:pk>/", views.docreview_detail, name="docreview_detail"),
    path("<int:pk>/issues/<int:index>/decide/", views.docreview_decide, name="docreview_decide"),
    path("<int:pk>/issues/<int:index>/whitelist/", views.docreview_whitelist, name="docreview_whitelist"),
    path("<int:pk>/download/<str:kind>/", views.docreview_download, name="docreview_download"),
    path("terms/", views.docreview_terms, name="docreview_terms"),
    path("terms/<int:pk>/remove/", views.docreview_term_remove, name="docreview_term_remove"),
]
