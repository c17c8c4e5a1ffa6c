"""Every app's URLs, one include() per app."""

from django.contrib import admin
from django.urls import include, path, re_path

from linli.api.urls import api
from linli.core import media, url_formats
from linli.surveys.views import open_link as survey_open_link

url_formats.register()  # <spreadsheet:fmt> and <opendata:fmt>, before the apps' URLs

urlpatterns = [
    path("", include("linli.core.urls")),
    path("", include("linli.participation.urls")),
    path("c/<slug:slug>/votes/", include("linli.votes.urls")),
    path("c/<slug:slug>/proposals/", include("linli.proposals.urls")),
    path("c/<slug:slug>/engagement/", include("linli.engagement.urls")),
    path("c/<slug:slug>/surveys/", include("linli.surveys.urls")),
    path("c/<slug:slug>/reviews/", include("linli.reviews.urls")),
    path("c/<slug:slug>/grants/", include("linli.grants.urls")),
    path("s/<str:token>/", survey_open_link, name="survey_open_link"),
    path("c/<slug:slug>/meetings/", include("linli.meetings.urls")),
    path("c/<slug:slug>/sharing/", include("linli.sharing.urls")),
    path("c/<slug:slug>/volunteering/", include("linli.volunteering.urls")),
    path("c/<slug:slug>/budget/", include("linli.budgeting.urls")),
    path("c/<slug:slug>/opinions/", include("linli.opinions.urls")),
    path("c/<slug:slug>/insights/", include("linli.insights.urls")),
    path("c/<slug:slug>/governance/", include("linli.governance.urls")),
    path("c/<slug:slug>/feedback/", include("linli.feedback.urls")),
    path("c/<slug:slug>/disclosure/", include("linli.disclosure.urls")),
    path("c/<slug:slug>/conventions/", include("linli.conventions.urls")),
    path("c/<slug:slug>/supervision/", include("linli.supervision.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
    # Every uploaded file passes its owner's rule for who may see it; MEDIA_ROOT is never a folder
    # anyone can read (linli/core/media.py).
    re_path(r"^media/(?P<path>.+)$", media.serve, name="media"),
]

handler400 = "linli.core.errors.bad_request"
handler403 = "linli.core.errors.forbidden"
handler404 = "linli.core.errors.not_found"
handler500 = "linli.core.errors.server_error"
