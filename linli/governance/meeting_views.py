"""Pages of a body's meetings: schedule one; the meeting (agenda, attendance and quorum, minutes
per item, who stood aside, resolutions; the secretary's forms); a resolution and its follow-up.
Views read through ``sittings``/``queries`` and change state only through the commands in
``meeting_services``; each form is a POST that works without JavaScript."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from linli.core.attempt import attempt
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.models import Community
from linli.core.permissions import can, require

from . import meeting_services as services
from . import queries, sittings
from .meeting_forms import (
    AgendaForm,
    AttendanceForm,
    FollowUpForm,
    ItemMinutesForm,
    MeetingForm,
    ResolutionForm,
    StandAsideForm,
)
from .models import BodyMeeting, Resolution


@community_view("governance.take_part")
def meeting_create(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    body = queries.body_in(community, pk)
    require(request.user, "governance.run_body", body)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created: list[BodyMeeting] = []
        if attempt(
            request,
            lambda: created.append(services.schedule_meeting(request.user, body, **data)),
            _("Meeting scheduled; the members are invited. Now build the agenda."),
            form,
        ):
            return redirect(created[0].get_absolute_url())
    return render(
        request,
        "governance/meeting_form.html",
        {"community": community, "body": body, "form": form},
    )


def _forms(request: AuthedRequest, sitting: BodyMeeting) -> dict[str, Any]:
    """Each form bound to the POST only when its button was pressed."""
    post = request.POST if request.method == "POST" else None

    def bound(name: str) -> Any:
        return post if post is not None and name in post else None

    body = sitting.body
    items = sitting.items.all()
    members = sittings.members_entitled(sitting)
    return {
        "agenda_form": AgendaForm(
            bound("add_item"),
            matters=sittings.agenda_matters(community_of(sitting)),
            motions=sittings.open_motions(body),
        ),
        "attendance_form": AttendanceForm(
            bound("attendance"),
            members=members,
            initial={"present": sorted(sittings.present_ids(sitting))},
        ),
        "resolution_form": ResolutionForm(
            bound("resolve"), items=items, owners=sittings.owners(body), prefix="resolution"
        ),
        "aside_form": StandAsideForm(bound("aside"), items=items, members=members, prefix="aside"),
    }


def community_of(sitting: BodyMeeting) -> Community:
    return sitting.body.community


def _act(request: AuthedRequest, sitting: BodyMeeting, forms: dict[str, Any]) -> object:
    """Run the command of the button pressed; truthy (the command's Done) when it was done."""
    user, post = request.user, request.POST
    if "add_item" in post:
        form = forms["agenda_form"]
        if not form.is_valid():
            return False
        data = form.cleaned_data
        return attempt(
            request,
            lambda: services.add_agenda_item(
                user, sitting, matter=data["matter"], motion=data["motion"], title=data["title"]
            ),
            _("Added to the agenda."),
            form,
        )
    if "up" in post or "down" in post:
        item = sittings.item_in(sitting, post.get("up") or post.get("down"))
        return attempt(
            request, lambda: services.move_agenda_item(user, item, "up" in post), _("Moved.")
        )
    if "attendance" in post:
        form = forms["attendance_form"]
        if not form.is_valid():
            return False
        present = list(form.cleaned_data["present"])
        return attempt(
            request,
            lambda: services.record_attendance(user, sitting, present),
            _("Attendance recorded."),
            form,
        )
    if "minutes" in post:
        item = sittings.item_in(sitting, post.get("minutes"))
        form = ItemMinutesForm(post, prefix=f"item{item.pk}")
        if not form.is_valid():
            return False
        return attempt(
            request,
            lambda: services.write_item_minutes(user, item, form.cleaned_data["text"]),
            _("Minutes of the item saved."),
            form,
        )
    if "resolve" in post:
        form = forms["resolution_form"]
        if not form.is_valid():
            return False
        data = form.cleaned_data
        return attempt(
            request,
            lambda: services.resolve(
                user, data["item"], text=data["text"], owner=data["owner"], due_on=data["due_on"]
            ),
            _("Resolution recorded; its owner is told."),
            form,
        )
    if "aside" in post:
        form = forms["aside_form"]
        if not form.is_valid():
            return False
        data = form.cleaned_data
        return attempt(
            request,
            lambda: services.stand_aside_on_item(
                user, data["item"], data["member"], data["reason"]
            ),
            _("Recorded: the member stands aside on this item."),
            form,
        )
    if "publish" in post:
        return attempt(
            request,
            lambda: services.publish_minutes(user, sitting),
            _("Minutes and resolutions published."),
        )
    return False


@community_view("governance.view")
def meeting(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    sitting = sittings.meeting_in(community, pk)
    require(request.user, "governance.see_meeting", sitting)
    may_run = can(request.user, "governance.run_body", sitting)
    forms = _forms(request, sitting)
    if request.method == "POST":
        require(request.user, "governance.run_body", sitting)
        if _act(request, sitting, forms):
            return redirect(sitting.get_absolute_url())
    items = list(sitting.items.select_related("motion").order_by("position", "pk"))
    writing = request.POST.get("minutes") if request.method == "POST" else None
    rows = [
        {
            "item": item,
            "quorum": sittings.quorum(sitting, item),
            "resolutions": [r for r in sitting.resolutions.all() if r.item_id == item.pk],
            "form": ItemMinutesForm(
                request.POST if writing == str(item.pk) else None,
                prefix=f"item{item.pk}",
                initial={"text": item.minutes},
            ),
        }
        for item in items
    ]
    present = sittings.present_ids(sitting)
    return render(
        request,
        "governance/meeting.html",
        {
            "community": community,
            "body": sitting.body,
            "sitting": sitting,
            "meeting": sitting.meeting,
            "rows": rows,
            "quorum": sittings.quorum(sitting),
            "members": [(m, m.pk in present) for m in sittings.members_entitled(sitting)],
            "resolutions": sitting.resolutions.select_related("owner", "item"),
            "may_run": may_run and not sitting.is_published,
            **forms,
        },
    )


@community_view("governance.view")
def resolution(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    found = sittings.resolution_in(community, pk)
    require(request.user, "governance.see_meeting", found.sitting)
    choices = [
        (value, label)
        for value, label in Resolution.Status.choices
        if value in services.NEXT.get(found.status, ())
    ]
    form = FollowUpForm(request.POST or None, choices=choices)
    if request.method == "POST":
        require(request.user, "governance.follow_up", found)
        if form.is_valid():
            data = form.cleaned_data
            if attempt(
                request,
                lambda: services.follow_up(
                    request.user, found, data["status"], data["report_back"]
                ),
                _("Resolution updated."),
                form,
            ):
                return redirect(found.get_absolute_url())
    return render(
        request,
        "governance/resolution.html",
        {
            "community": community,
            "body": found.body,
            "resolution": found,
            "form": form,
            "may_follow_up": can(request.user, "governance.follow_up", found),
        },
    )
