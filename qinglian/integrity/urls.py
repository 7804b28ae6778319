"""/integrity/: each entity's pages, named next to their views (views/<entity>.py ends with its ROUTES)."""

from qinglian.integrity.views import gifts, inquiries, opinions, personal, rectification, risks, talks

urlpatterns = [
    *talks.ROUTES,
    *opinions.ROUTES,
    *personal.ROUTES,
    *risks.ROUTES,
    *rectification.ROUTES,
    *inquiries.ROUTES,
    *gifts.ROUTES,
]
