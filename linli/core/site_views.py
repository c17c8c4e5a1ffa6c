"""The site administration pages (site administrators only), the first-run page and the
community settings page (community administrators)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from . import site_admin
from .decorators import community_view
from .http_types import AuthedRequest
from .models import Community, Member, Role
from .services import ServiceError
from .site_forms import AppointForm, CommunitySettingsForm, NewCommunityForm


def site_admin_view(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not site_admin.is_site_admin(request.user):
            raise PermissionDenied("site.administer")
        return view(request, *args, **kwargs)

    return wrapper


def _form_error(form: BaseForm, error: ServiceError | ValidationError) -> None:
    if isinstance(error, ServiceError):
        form.add_error(error.field if error.field in form.fields else None, error.message)
    else:
        form.add_error(None, error)


def first_run(request: HttpRequest) -> HttpResponse:
    """Shown instead of the start page while the site has no community yet."""
    if Community.objects.exists():
        return redirect("core:home")
    if site_admin.is_site_admin(request.user):
        return redirect("core:site_admin")
    return render(request, "core/site/first_run.html")


@site_admin_view
def index(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "core/site/index.html",
        {"communities": Community.objects.all(), "first_run": not Community.objects.exists()},
    )


@site_admin_view
def community_new(request: AuthedRequest) -> HttpResponse:
    form = NewCommunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            community = site_admin.create_community(request.user, **form.cleaned_data)
        except (ServiceError, ValidationError) as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Community created. Now appoint its administrators."))
            return redirect("core:site_community", community.slug)
    return render(request, "core/site/community_new.html", {"form": form})


@site_admin_view
def community_edit(request: AuthedRequest, slug: str) -> HttpResponse:
    community = get_object_or_404(Community, slug=slug)
    appoint_form = AppointForm(request.POST if "appoint" in request.POST else None)
    if request.method == "POST" and appoint_form.is_valid():
        try:
            member, invited = site_admin.appoint(
                request.user, community, **appoint_form.cleaned_data
            )
        except ServiceError as error:
            _form_error(appoint_form, error)
        else:
            if invited:
                messages.success(
                    request,
                    _("%(email)s has no account yet: an invitation was mailed.")
                    % {"email": member.email},
                )
            else:
                messages.success(request, _("%(name)s was appointed.") % {"name": member.name})
            return redirect("core:site_community", community.slug)
    staff = Member.objects.filter(
        community=community, role__in=site_admin.APPOINTABLE_ROLES
    ).select_related("user")
    return render(
        request,
        "core/site/community.html",
        {"community": community, "appoint_form": appoint_form, "staff": staff, "roles": Role},
    )


@community_view("community.edit")
def community_settings(request: AuthedRequest, community: Community) -> HttpResponse:
    # The form works on its own copy: the service compares the stored values with the new ones.
    form = CommunitySettingsForm(
        request.POST or None, instance=Community.objects.get(pk=community.pk)
    )
    if request.method == "POST" and form.is_valid():
        try:
            site_admin.update_community(request.user, community, **form.changes())
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Settings saved."))
            return redirect("core:community_settings", community.slug)
    return render(request, "core/manage/settings.html", {"community": community, "form": form})
