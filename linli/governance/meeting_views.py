"""Pages of a body's meetings: schedule one; the meeting (agenda, attendance and quorum, minutes
per item, who stood aside, resolutions; the secretary's forms); a resolution and its follow-up.
Views read through ``sittings``/``queries`` and change state only through the commands in
``meeting_services``; each form is a POST that works without JavaScript."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core.attempt import attempt
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.models import Community, User
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


@dataclass(frozen=True)
class Button:
    """A button of the meeting page: the form it posts (none for a bare button), the command it
    runs with that form, and what is said when it is done."""

    run: Callable[[User, BodyMeeting, QueryDict, Any], object]
    said: Promise
    form: Callable[[QueryDict, BodyMeeting, dict[str, Any]], Any] | None = None


def _minutes_form(post: QueryDict, sitting: BodyMeeting, _forms: dict[str, Any]) -> Any:
    item = sittings.item_in(sitting, post.get("minutes"))
    return ItemMinutesForm(post, prefix=f"item{item.pk}")


def _write_minutes(user: User, sitting: BodyMeeting, post: QueryDict, form: Any) -> object:
    item = sittings.item_in(sitting, post.get("minutes"))
    return services.write_item_minutes(user, item, form.cleaned_data["text"])


def _moved(user: User, sitting: BodyMeeting, post: QueryDict, _form: Any) -> object:
    item = sittings.item_in(sitting, post.get("up") or post.get("down"))
    return services.move_agenda_item(user, item, "up" in post)


# The page's buttons by the name they post, in the order they are looked for.
BUTTONS: dict[str, Button] = {
    "add_item": Button(
        lambda user, sitting, _post, form: services.add_agenda_item(
            user,
            sitting,
            matter=form.cleaned_data["matter"],
            motion=form.cleaned_data["motion"],
            title=form.cleaned_data["title"],
        ),
        gettext_lazy("Added to the agenda."),
        lambda _post, _sitting, forms: forms["agenda_form"],
    ),
    "up": Button(_moved, gettext_lazy("Moved.")),
    "down": Button(_moved, gettext_lazy("Moved.")),
    "attendance": Button(
        lambda user, sitting, _post, form: services.record_attendance(
            user, sitting, list(form.cleaned_data["present"])
        ),
        gettext_lazy("Attendance recorded."),
        lambda _post, _sitting, forms: forms["attendance_form"],
    ),
    "minutes": Button(_write_minutes, gettext_lazy("Minutes of the item saved."), _minutes_form),
    "resolve": Button(
        lambda user, _sitting, _post, form: services.resolve(
            user,
            form.cleaned_data["item"],
            text=form.cleaned_data["text"],
            owner=form.cleaned_data["owner"],
            due_on=form.cleaned_data["due_on"],
        ),
        gettext_lazy("Resolution recorded; its owner is told."),
        lambda _post, _sitting, forms: forms["resolution_form"],
    ),
    "aside": Button(
        lambda user, _sitting, _post, form: services.stand_aside_on_item(
            user,
            form.cleaned_data["item"],
            form.cleaned_data["member"],
            form.cleaned_data["reason"],
        ),
        gettext_lazy("Recorded: the member stands aside on this item."),
        lambda _post, _sitting, forms: forms["aside_form"],
    ),
    "publish": Button(
        lambda user, sitting, _post, _form: services.publish_minutes(user, sitting),
        gettext_lazy("Minutes and resolutions published."),
    ),
}


def _act(request: AuthedRequest, sitting: BodyMeeting, forms: dict[str, Any]) -> object:
    """Run the command of the button pressed; truthy (the command's Done) when it was done."""
    post = request.POST
    name = next((name for name in BUTTONS if name in post), None)
    if name is None:
        return False
    button = BUTTONS[name]
    form = button.form(post, sitting, forms) if button.form is not None else None
    if form is not None and not form.is_valid():
        return False
    return attempt(
        request, lambda: button.run(request.user, sitting, post, form), str(button.said), form
    )


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
