"""Public pages, joining, and a person's own account."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import account_services, permissions, services, throttle
from .activity import my_activity
from .decorators import community_view
from .forms import CodeForm, DemographicsForm, JoinForm, ProfileForm, RegisterForm, TokenForm
from .http_types import AuthedRequest
from .models import Community, Demographics, Member, Notification, Partner
from .notify import KINDS
from .open_now import open_items
from .personal_data import erase_account, export_my_data
from .redirects import safe_next


def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database, the cache and the task queue all answer, else 503 naming the part."""
    from .health import report

    healthy, parts = report()
    return JsonResponse(
        {"status": "ok" if healthy else "error", **parts}, status=200 if healthy else 503
    )


def home(request: HttpRequest) -> HttpResponse:
    communities = Community.objects.all()
    if not communities.exists():
        return redirect("core:first_run")
    mine: list[Member] = []
    if request.user.is_authenticated:
        mine = list(request.user.memberships.select_related("community"))
    return render(request, "core/home.html", {"communities": communities, "mine": mine})


@community_view("community.view")
def community_home(request: AuthedRequest, community: Community) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    context = {
        "community": community,
        "member": member,
        "open_items": open_items(community, request.user),
        "notices": community.notices.all()[:5],
        "areas": community.places.filter(parent__isnull=True),
        "partners": community.partners.all(),
    }
    return render(request, "core/community.html", context)


@community_view("community.view")
def notices(request: AuthedRequest, community: Community) -> HttpResponse:
    return render(
        request, "core/notices.html", {"community": community, "notices": community.notices.all()}
    )


@community_view("partners.view")
def partners(request: AuthedRequest, community: Community) -> HttpResponse:
    return render(
        request,
        "core/partners.html",
        {"community": community, "partners": Partner.objects.filter(community=community)},
    )


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; remembered by cookie and, when signed in, on the account."""
    language = request.POST.get("language", "")
    response = redirect(safe_next(request, "/"))
    if language in dict(settings.LANGUAGES):
        translation.activate(language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
        )
        if request.user.is_authenticated:
            account_services.set_language(request.user, request.user, language)
    return response


@require_POST
def set_display(request: HttpRequest) -> HttpResponse:
    large = request.POST.get("large_text") == "1"
    response = redirect(safe_next(request, "/"))
    response.set_cookie("linli_large_text", "1" if large else "0", max_age=31536000, samesite="Lax")
    if request.user.is_authenticated:
        account_services.set_large_text(request.user, request.user, large)
    return response


@throttle.limit(throttle.REGISTER_PER_ADDRESS)
def register(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = RegisterForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            household = services.household_for_code(data["code"]) if data["code"] else None
            if data["code"] and household is None:
                form.add_error(
                    "code", _("This invitation code is not known. Check the letter and try again.")
                )
            else:
                try:
                    with transaction.atomic():
                        user = services.create_account(
                            name=data["name"],
                            email=data["email"],
                            phone=data["phone"],
                            password=data["password"],
                            language=data["language"],
                        )
                        if household is not None:
                            member = services.join_with_code(user, data["code"])
                        else:
                            member = services.request_to_join(
                                user, data["community"], address=data["address"]
                            )
                except services.ServiceError as error:
                    form.add_error(error.field or None, error.message)
                else:
                    login(request, user, backend="linli.core.auth.EmailOrPhoneBackend")
                    if member.is_verified:
                        messages.success(
                            request,
                            _("Welcome! You are now a verified resident of %(community)s.")
                            % {"community": member.community.name},
                        )
                    else:
                        messages.info(
                            request,
                            _(
                                "Thank you. An organiser will confirm that you live in %(community)s; you will be notified."
                            )
                            % {"community": member.community.name},
                        )
                    return redirect(member.community.get_absolute_url())
    else:
        initial = {"language": translation.get_language(), "code": request.GET.get("code", "")}
        form = RegisterForm(initial=initial)
    return render(request, "core/register.html", {"form": form})


@login_required
def after_login(request: AuthedRequest) -> HttpResponse:
    member = request.user.memberships.select_related("community").order_by("-role").first()
    if member is not None:
        if permissions.can(request.user, "community.manage", member.community):
            return redirect("core:manage", member.community.slug)
        return redirect(member.community.get_absolute_url())
    return redirect("core:me")


@login_required
@throttle.limit(throttle.CODES_PER_ADDRESS)
@throttle.limit(throttle.CODES_PER_ACCOUNT, throttle.account_key)
def claim(request: AuthedRequest) -> HttpResponse:
    """Use a household code or a staff claim code with an existing account."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        try:
            if services.household_for_code(code) is not None:
                member = services.join_with_code(request.user, code)
            else:
                member = services.claim_record(request.user, code)
        except services.ServiceError as error:
            form.add_error("code", error.message)
        else:
            messages.success(
                request,
                _("Done: you are now a verified resident of %(community)s.")
                % {"community": member.community.name},
            )
            return redirect(member.community.get_absolute_url())
    return render(request, "core/claim.html", {"form": form})


@login_required
def join(request: AuthedRequest, slug: str) -> HttpResponse:
    community = get_object_or_404(Community, slug=slug)
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_to_join(
                request.user, community, form.cleaned_data["note"], form.cleaned_data["address"]
            )
        except services.ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.info(request, _("Your request was sent. An organiser will confirm it."))
            return redirect(community.get_absolute_url())
    return render(request, "core/join.html", {"form": form, "community": community})


@login_required
def me(request: AuthedRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        account_services.save_profile(request.user, form.save(commit=False))
        translation.activate(request.user.language)
        messages.success(request, _("Your profile was saved."))
        response = redirect("core:me")
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            request.user.language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
        )
        response.set_cookie(
            "linli_large_text",
            "1" if request.user.large_text else "0",
            max_age=31536000,
            samesite="Lax",
        )
        return response
    memberships = request.user.memberships.select_related("community", "household__flat")
    activity = [
        {"membership": m, "groups": my_activity(m)}
        for m in memberships
        if m.status == Member.Status.VERIFIED
    ]
    staff = any(permissions.can(request.user, "community.manage", m.community) for m in memberships)
    return render(
        request,
        "core/me.html",
        {
            "form": form,
            "memberships": memberships,
            "activity": [row for row in activity if row["groups"]],
            "staff": staff or request.user.is_superuser or request.user.api_tokens.exists(),
        },
    )


@login_required
def demographics(request: AuthedRequest, member_id: int) -> HttpResponse:
    member = get_object_or_404(Member, pk=member_id, user=request.user)
    instance = Demographics.objects.filter(member=member).first()
    form = DemographicsForm(
        request.POST or None, instance=instance, initial={"consent": instance is not None}
    )
    if request.method == "POST" and form.is_valid():
        account_services.save_demographics(request.user, member, form.save(commit=False))
        messages.success(request, _("Your answers were saved. Thank you."))
        return redirect("core:me")
    return render(
        request, "core/demographics.html", {"form": form, "member": member, "instance": instance}
    )


@login_required
@require_POST
def demographics_delete(request: AuthedRequest, member_id: int) -> HttpResponse:
    member = get_object_or_404(Member, pk=member_id, user=request.user)
    account_services.delete_demographics(request.user, member)
    messages.success(request, _("Your answers about yourself were deleted."))
    return redirect("core:me")


@login_required
def my_data(request: AuthedRequest) -> HttpResponse:
    data = export_my_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="linli-my-data.json"'
    return response


@login_required
def delete_account(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST":
        if request.POST.get("confirm") != "DELETE":
            messages.error(request, _("Type DELETE in capitals to confirm."))
        else:
            user = request.user
            logout(request)
            erase_account(user)
            messages.success(request, _("Your account and your personal data were deleted."))
            return redirect("core:home")
    return render(request, "core/delete_account.html")


@login_required
def notifications(request: AuthedRequest) -> HttpResponse:
    items = request.user.notifications.select_related("community")[:100]
    if request.method == "POST":
        account_services.mark_all_read(request.user, request.user)
        return redirect("core:notifications")
    return render(request, "core/notifications.html", {"items": items})


@login_required
def notification_settings(request: AuthedRequest) -> HttpResponse:
    kinds = notification_kinds()
    if request.method == "POST":
        chosen = {
            kind: (
                request.POST.get(f"{kind}-email") == "on",
                request.POST.get(f"{kind}-in_app") == "on",
            )
            for kind, _label in kinds
        }
        account_services.save_notification_choices(
            request.user, request.user, [kind for kind, _label in kinds], chosen
        )
        messages.success(request, _("Your notification choices were saved."))
        return redirect("core:notification_settings")
    prefs = {p.kind: p for p in request.user.notification_preferences.all()}
    rows = [
        {
            "kind": kind,
            "label": label,
            "email": prefs[kind].email if kind in prefs else True,
            "in_app": prefs[kind].in_app if kind in prefs else True,
        }
        for kind, label in kinds
    ]
    return render(request, "core/notification_settings.html", {"rows": rows})


def notification_kinds() -> list[tuple[str, str]]:
    return [(kind, str(label)) for kind, label in KINDS]


@login_required
def api_tokens(request: AuthedRequest) -> HttpResponse:
    allowed = request.user.is_superuser or any(
        permissions.can(request.user, "api.token", m.community)
        for m in request.user.memberships.all()
    )
    if not allowed:
        return render(request, "403.html", status=403)
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST":
        if "revoke" in request.POST:
            # Only one's own token is found: another person's id revokes nothing.
            token = account_services.own_api_token(request.user, request.POST["revoke"])
            if token is not None:
                account_services.revoke_api_token(request.user, token)
            return redirect("core:api_tokens")
        if form.is_valid():
            new_token = account_services.create_api_token(
                request.user,
                request.user,
                form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                days=form.cleaned_data["expires_in"],
            )
            form = TokenForm()
    return render(
        request,
        "core/api_tokens.html",
        {
            "form": form,
            "tokens": request.user.api_tokens.all(),
            "new_token": new_token,
            "now": timezone.now(),
        },
    )


@login_required
def mark_read(request: AuthedRequest, pk: int) -> HttpResponse:
    """GET shows one notification; POST (its button, or the title in the list) marks it read and
    opens what it is about."""
    note = get_object_or_404(Notification, pk=pk, user=request.user)
    if request.method == "POST":
        account_services.mark_read(request.user, note)
        return redirect(note.url or reverse("core:notifications"))
    return render(request, "core/notification.html", {"n": note})
