"""The organiser's side of a community: members, households, addresses, partners, notices, audit."""

from __future__ import annotations

import csv
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import household_import, permissions, services, spreadsheets
from .activity import work_queue
from .decorators import community_view
from .forms import ImportForm, NoticeForm, PartnerForm, PlaceForm, RecordResidentForm
from .http_types import AuthedRequest
from .letters import invitation_letters
from .models import AuditEntry, Community, Household, Member, Partner, Place, Role


@community_view("community.manage")
def dashboard(request: AuthedRequest, community: Community) -> HttpResponse:
    members = Member.objects.filter(community=community)
    households = Household.objects.filter(community=community)
    context = {
        "community": community,
        "pending": members.filter(status=Member.Status.PENDING).count(),
        "verified": members.filter(status=Member.Status.VERIFIED).count(),
        "without_account": members.filter(user__isnull=True, status=Member.Status.VERIFIED).count(),
        "households": households.count(),
        "households_joined": households.filter(members__status=Member.Status.VERIFIED)
        .distinct()
        .count(),
        "work": work_queue(community, request.user),
    }
    return render(request, "core/manage/dashboard.html", context)


@community_view("members.view")
def members(request: AuthedRequest, community: Community) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    rows = Member.objects.filter(community=community).select_related(
        "household__flat__parent__parent__parent", "user"
    )
    if query:
        rows = rows.filter(
            Q(name__icontains=query)
            | Q(phone__icontains=query)
            | Q(email__icontains=query)
            | Q(household__flat__name__icontains=query)
        )
    if status in Member.Status.values:
        rows = rows.filter(status=status)
    page = Paginator(rows.order_by("status", "name"), 50).get_page(request.GET.get("page"))
    pending = Member.objects.filter(
        community=community, status=Member.Status.PENDING
    ).select_related("user")
    return render(
        request,
        "core/manage/members.html",
        {
            "community": community,
            "page": page,
            "q": query,
            "status": status,
            "pending": pending,
            "statuses": Member.Status.choices,
            "roles": [
                (value, label)
                for value, label in Role.choices
                if value in permissions.grantable_roles(request.user, community)
            ],
            "can_set_role": permissions.can(request.user, "members.set_role", community),
        },
    )


@community_view("members.approve")
@require_POST
def decide_member(request: AuthedRequest, community: Community, member_id: int) -> HttpResponse:
    member = get_object_or_404(Member, pk=member_id, community=community)
    household = None
    approve = request.POST.get("decision") == "approve"
    if request.POST.get("household"):
        household = Household.objects.filter(
            community=community, pk=request.POST["household"]
        ).first()
    elif approve and request.POST.get("address", "").strip():
        household = services.household_at(community, request.POST["address"])
        if household is None:
            messages.error(
                request,
                _(
                    "No household is recorded at %(address)s. "
                    "Check the address or add the household first."
                )
                % {"address": request.POST["address"]},
            )
            return redirect("core:members", community.slug)
    try:
        services.decide_membership(request.user, member, approve, household)
    except services.ServiceError as error:
        messages.error(request, error.message)
        return redirect("core:members", community.slug)
    messages.success(
        request,
        _("%(name)s was approved.") % {"name": member.name}
        if approve
        else _("%(name)s was declined.") % {"name": member.name},
    )
    return redirect("core:members", community.slug)


@community_view("members.set_role")
@require_POST
def set_role(request: AuthedRequest, community: Community, member_id: int) -> HttpResponse:
    member = get_object_or_404(Member, pk=member_id, community=community)
    try:
        services.set_role(request.user, member, request.POST.get("role", ""))
    except services.ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The role of %(name)s was changed.") % {"name": member.name})
    return redirect("core:members", community.slug)


@community_view("members.record_without_account")
def record_resident(request: AuthedRequest, community: Community) -> HttpResponse:
    form = RecordResidentForm(request.POST or None, community=community, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.record_resident(request.user, community, **form.cleaned_data)
        except services.ServiceError as error:
            form.add_error(error.field, error.message)
            return render(
                request, "core/manage/record_resident.html", {"community": community, "form": form}
            )
        messages.success(
            request,
            _("%(name)s was recorded. Claim code for an account later: %(code)s")
            % {"name": member.name, "code": member.claim_code},
        )
        return redirect("core:members", community.slug)
    return render(
        request, "core/manage/record_resident.html", {"community": community, "form": form}
    )


@community_view("households.view")
def households(request: AuthedRequest, community: Community) -> HttpResponse:
    area_id = request.GET.get("area", "")
    rows = (
        Household.objects.filter(community=community)
        .select_related("flat__parent__parent__parent")
        .annotate(joined=Count("members", filter=Q(members__status=Member.Status.VERIFIED)))
    )
    if area_id.isdigit():
        rows = rows.filter(area_id=int(area_id))
    page = Paginator(
        rows.order_by(
            "area__name", "flat__parent__parent__name", "flat__parent__name", "flat__name"
        ),
        50,
    ).get_page(request.GET.get("page"))
    areas = Place.objects.filter(community=community, parent__isnull=True)
    return render(
        request,
        "core/manage/households.html",
        {"community": community, "page": page, "areas": areas, "area_id": area_id},
    )


def _import_path(token: str) -> Path:
    return Path(settings.DATA_DIR) / "imports" / token


@community_view("households.import")
def import_households(request: AuthedRequest, community: Community) -> HttpResponse:
    form = ImportForm()
    result = None
    token = ""
    if request.method == "POST" and "confirm" in request.POST:
        token = request.POST.get("token", "")
        path = _import_path(token)
        if not token.replace("-", "").replace(".", "").isalnum() or not path.exists():
            messages.error(request, _("The uploaded file has expired. Please upload it again."))
            return redirect("core:import_households", community.slug)
        with path.open("rb") as handle:
            result = household_import.preview(community, handle, path.name)
        try:
            created, updated = household_import.apply(request.user, community, result)
        except services.ServiceError as error:
            messages.error(request, error.message)
        else:
            path.unlink(missing_ok=True)
            messages.success(
                request,
                _("Imported: %(created)d new households, %(updated)d updated.")
                % {"created": created, "updated": updated},
            )
            return redirect("core:households", community.slug)
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            extension = ".xlsx" if upload.name.lower().endswith(".xlsx") else ".csv"
            token = f"{uuid.uuid4()}{extension}"
            path = _import_path(token)
            path.parent.mkdir(parents=True, exist_ok=True)
            household_import.remove_stale_uploads(path.parent)
            data = upload.read()
            path.write_bytes(data)
            upload.seek(0)
            result = household_import.preview(community, upload, upload.name)
    return render(
        request,
        "core/manage/import.html",
        {
            "community": community,
            "form": form,
            "result": result,
            "token": token,
        },
    )


@community_view("households.print_invitations")
def letters(request: AuthedRequest, community: Community) -> HttpResponse:
    language = request.GET.get("language") or translation.get_language()
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    rows = Household.objects.filter(community=community).select_related(
        "flat__parent__parent__parent"
    )
    area_id = request.GET.get("area", "")
    if area_id.isdigit():
        rows = rows.filter(area_id=int(area_id))
    if request.GET.get("household", "").isdigit():
        rows = rows.filter(pk=int(request.GET["household"]))
    if request.GET.get("unjoined") == "1":
        rows = rows.exclude(members__status=Member.Status.VERIFIED)
    pdf = invitation_letters(community, rows.order_by("area__name", "flat__id")[:2000], language)
    services.record_letters_printed(request.user, community, language, area_id)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="invitations-{community.slug}.pdf"'
    return response


@community_view("places.manage")
def places(request: AuthedRequest, community: Community) -> HttpResponse:
    form = PlaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        names = [
            form.cleaned_data[k] for k in ("area", "building", "unit") if form.cleaned_data.get(k)
        ]
        if form.cleaned_data.get("unit") and not form.cleaned_data.get("building"):
            form.add_error("building", _("A unit needs a building."))
        else:
            place = services.add_place(
                request.user, community, names, form.cleaned_data["area_type"]
            )
            messages.success(request, _("Address %(address)s saved.") % {"address": place.label})
            return redirect("core:places", community.slug)
    areas = Place.objects.filter(community=community, parent__isnull=True).annotate(
        household_count=Count("area_households")
    )
    buildings = (
        Place.objects.filter(community=community, kind=Place.Kind.BUILDING)
        .annotate(unit_count=Count("children"))
        .select_related("parent")
    )
    by_area: dict[int, list[Place]] = {}
    for building in buildings:
        by_area.setdefault(building.parent_id or 0, []).append(building)
    return render(
        request,
        "core/manage/places.html",
        {"community": community, "form": form, "areas": areas, "by_area": by_area},
    )


@community_view("partners.manage")
def partner_add(request: AuthedRequest, community: Community) -> HttpResponse:
    form = PartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        partner = services.add_partner(request.user, community, form.save(commit=False))
        messages.success(request, _("Partner %(name)s added.") % {"name": partner.name})
        return redirect("core:partners", community.slug)
    return render(
        request,
        "core/manage/partner_form.html",
        {
            "community": community,
            "form": form,
            "partners": Partner.objects.filter(community=community),
        },
    )


@community_view("notices.manage")
def notice_add(request: AuthedRequest, community: Community) -> HttpResponse:
    form = NoticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.publish_notice(request.user, community, **form.cleaned_data)
        messages.success(request, _("The notice was published."))
        return redirect("core:notices", community.slug)
    return render(request, "core/manage/notice_form.html", {"community": community, "form": form})


@community_view("audit.view")
def audit_log(request: AuthedRequest, community: Community) -> HttpResponse | StreamingHttpResponse:
    entries = AuditEntry.objects.filter(community=community).select_related("actor")
    action = request.GET.get("action", "")
    if action:
        entries = entries.filter(action=action)
    if request.GET.get("format") == "csv":
        return _audit_csv(community, entries)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    actions = (
        AuditEntry.objects.filter(community=community)
        .values_list("action", flat=True)
        .distinct()
        .order_by("action")
    )
    return render(
        request,
        "core/manage/audit.html",
        {"community": community, "page": page, "actions": actions, "action": action},
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


def _audit_csv(community: Community, entries: object) -> StreamingHttpResponse:
    import json

    writer = csv.writer(_Echo())

    def rows():  # type: ignore[no-untyped-def]
        yield "\ufeff" + writer.writerow(
            ["time", "actor", "action", "object_type", "object_id", "object", "before", "after"]
        )
        for entry in entries.iterator():  # type: ignore[attr-defined]
            yield writer.writerow(
                spreadsheets.csv_row(
                    [
                        entry.at.isoformat(),
                        str(entry.actor or ""),
                        entry.action,
                        entry.object_type,
                        entry.object_id,
                        entry.object_repr,
                        json.dumps(entry.before, ensure_ascii=False)
                        if entry.before is not None
                        else "",
                        json.dumps(entry.after, ensure_ascii=False)
                        if entry.after is not None
                        else "",
                    ]
                )
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{community.slug}.csv"'
    return response
