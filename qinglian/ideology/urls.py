"""/ideology/: each part's pages, named next to their views (views/<part>.py ends with its ROUTES)."""

from qinglian.ideology.views import figures, forums, opinion, outlets, pieces, pieces_import, reports

urlpatterns = [
    *outlets.ROUTES,
    *pieces.ROUTES,
    *pieces_import.ROUTES,
    *forums.ROUTES,
    *reports.ROUTES,
    *opinion.ROUTES,
    *figures.ROUTES,
]
