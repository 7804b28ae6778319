"""Pages of this part: written by the part's owner. ROUTES is mounted by ideology/urls.py."""

ROUTES: list = []
