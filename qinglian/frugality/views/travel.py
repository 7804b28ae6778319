"""(travel pages: stub, written by the travel helper.) Ends with ROUTES, joined in urls.py."""

from django.urls import URLPattern

ROUTES: list[URLPattern] = []
