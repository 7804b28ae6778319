"""(checks pages: stub, written by the checks helper.) Ends with ROUTES, joined in urls.py."""

from django.urls import URLPattern

ROUTES: list[URLPattern] = []
