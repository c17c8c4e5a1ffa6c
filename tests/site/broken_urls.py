"""A URLconf with one view that fails, to see the 500 page."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from linli.urls import handler403, handler404, handler500, urlpatterns


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


urlpatterns = [*urlpatterns, path("boom/", boom)]
__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
