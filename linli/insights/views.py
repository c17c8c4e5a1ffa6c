"""Organisers' pages for "who takes part": baselines, a consultation measured against them, and
a flag with what can be done about it. Pages read through ``queries``; every change is a POST to
a command in ``services`` (a GET never writes)."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core import rounding
from linli.core.attempt import attempt
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.kit import Refused
from linli.core.models import Community
from linli.core.permissions import can

from . import before_after, margin_import, queries, reweighting, services
from .forms import FollowUpForm, InvitationForm, LettersForm, MarginImportForm, MeasureForm
from .models import Flag
from .subjects import period, recent_subjects, subject


def _labelled(published: dict[str, Any], labels: dict[str, dict[str, str]]) -> dict[str, Any]:
    """The published tables with words for dimensions and groups, and bar widths for the chart."""

    def table(t: dict[str, Any]) -> dict[str, Any]:
        rows = []
        for row in t["groups"]:
            rate = row["rate"]
            rows.append(
                {
                    **row,
                    "label": queries.group_label(t["dimension"], row["group"], labels),
                    "percent": None if rate is None else rounding.number(100 * rate, 1),
                    "ratio_percent": None
                    if row["ratio"] is None
                    else rounding.number(100 * row["ratio"], 0),
                    # The rate as a share of the whole track: a 50% rate is a half-width bar.
                    "bar": None if rate is None else rounding.bar_width(rate, 1),
                }
            )
        return {**t, "label": queries.dimension_label(t["dimension"]), "groups": rows}

    return {
        **published,
        "dimensions": [table(t) for t in published["dimensions"]],
        "joint": table(published["joint"]) if published["joint"] else None,
    }


@community_view("insights.view")
def fair(request: AuthedRequest, community: Community) -> HttpResponse:
    labels = queries.group_labels()
    flags = [
        {"flag": f, "label": queries.group_label(f.dimension, f.group, labels)}
        for f in queries.open_flags(community)
    ]
    context = {
        "community": community,
        "flags": flags,
        "subjects": recent_subjects(community),
        "has_margins": bool(queries.margins(community)),
        "today": date.today().isoformat(),
        "year_start": date(date.today().year, 1, 1).isoformat(),
    }
    return render(request, "insights/fair.html", context)


@community_view("insights.view")
def measure(request: AuthedRequest, community: Community, key: str) -> HttpResponse:
    if key == "period":
        try:
            start = date.fromisoformat(request.GET.get("start", ""))
            end = date.fromisoformat(request.GET.get("end", ""))
        except ValueError:
            messages.error(request, _("Give a start and an end date."))
            return redirect("insights:fair", community.slug)
        about = period(community, min(start, end), max(start, end))
    else:
        about = subject(community, key)
    form = MeasureForm(request.GET or None)
    below = 0.8
    if form.is_bound and form.is_valid() and form.cleaned_data["below"]:
        below = form.cleaned_data["below"]
    result = queries.measure(community, about, flag_below=below)
    labels = queries.group_labels()
    flags = {
        (f.dimension, f.group): f
        for f in Flag.objects.filter(community=community, subject=about.key)
    }
    published = _labelled(result.published, labels)
    for table in [*published["dimensions"], *([published["joint"]] if published["joint"] else [])]:
        for row in table["groups"]:
            row["flag"] = flags.get((table["dimension"], row["group"]))
    context = {
        "community": community,
        "subject": about,
        "form": form,
        "below_percent": round(100 * below),
        "result": published,
        "overall_percent": None
        if published["overall"] is None
        else round(100 * published["overall"]),
        "has_margins": bool(queries.margins(community)),
        "project_pk": int(about.key.split(":")[1]) if about.key.startswith("project:") else None,
    }
    return render(request, "insights/measure.html", context)


@community_view("insights.view")
def baselines(request: AuthedRequest, community: Community) -> HttpResponse:
    labels = queries.group_labels()
    rows = queries.roster_baselines(community)
    for row in rows:
        row["tenure_text"] = "、".join(
            f"{labels['tenure'].get(k, k)} {v}" for k, v in sorted(row["tenure"].items())
        )
    margin_rows = [
        {
            "margin": m,
            "dimension": queries.dimension_label(m.dimension),
            "group": queries.group_label(m.dimension, m.group, labels),
        }
        for m in queries.margin_rows(community)
    ]
    context = {
        "community": community,
        "rows": rows,
        "totals": {
            "households": sum(r["households"] for r in rows),
            "people": sum(r["people"] for r in rows),
            "joined": sum(r["joined"] for r in rows),
        },
        "margins": margin_rows,
        "can_manage": can(request.user, "insights.manage", community),
    }
    return render(request, "insights/baselines.html", context)


def _upload_path(token: str) -> Path:
    return Path(settings.DATA_DIR) / "imports" / f"margins-{token}"


@community_view("insights.manage")
def import_margins(request: AuthedRequest, community: Community) -> HttpResponse:
    form = MarginImportForm()
    result = None
    token = ""
    if request.method == "POST" and request.POST.get("confirm"):
        token = request.POST.get("token", "")
        path = _upload_path(token)
        if not token.replace("-", "").replace(".", "").isalnum() or not path.exists():
            messages.error(request, _("The uploaded file has expired. Please upload it again."))
            return redirect("insights:import_margins", community.slug)
        with path.open("rb") as handle:
            checked = margin_import.preview(community, handle, path.name)
        result = checked
        source = request.POST.get("source", "")[:120]
        if attempt(
            request,
            lambda: services.import_margins(request.user, community, checked, source),
            _("The population figures were imported."),
        ):
            path.unlink(missing_ok=True)
            return redirect("insights:baselines", community.slug)
    elif request.method == "POST":
        form = MarginImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            extension = ".xlsx" if upload.name.lower().endswith(".xlsx") else ".csv"
            token = f"{uuid.uuid4()}{extension}"
            path = _upload_path(token)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(upload.read())
            upload.seek(0)
            result = margin_import.preview(community, upload, upload.name)
    labels = queries.group_labels()
    rows = [
        {
            "row": row,
            "dimension": queries.dimension_label(row.dimension) if row.dimension else "",
            "group": queries.group_label(row.dimension, row.group, labels) if row.group else "",
        }
        for row in (result.rows if result else [])
    ]
    context = {
        "community": community,
        "form": form,
        "result": result,
        "rows": rows,
        "token": token,
        "source": request.POST.get("source", "") if request.method == "POST" else "",
    }
    return render(request, "insights/import.html", context)


def _flag_context(community: Community, flag: Flag) -> dict[str, Any]:
    about = subject(community, flag.subject)
    households = queries.missing_households(community, flag, about)
    listed = list(households[:200])
    return {
        "community": community,
        "flag": flag,
        "subject": about,
        "label": queries.group_label(flag.dimension, flag.group),
        "dimension": queries.dimension_label(flag.dimension),
        "missing_count": households.count(),
        "missing": listed,
        "reachable": queries.reachable_members(households).count(),
        "follow_ups": list(queries.follow_ups(flag)),
        "raised_percent": round(100 * flag.ratio_when_raised),
        "now_percent": None if flag.ratio_now is None else round(100 * flag.ratio_now),
        "letters_form": LettersForm(initial={"language": translation.get_language()}),
        "message_form": InvitationForm(),
        "follow_up_form": FollowUpForm(),
    }


@community_view("insights.view")
def flag(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    item = queries.flag_for(community, pk)
    context = _flag_context(community, item)
    context["can_act"] = can(request.user, "insights.act_on_flag", item)
    return render(request, "insights/flag.html", context)


def _download(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
@community_view("insights.manage")
def flag_letters(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    item = queries.flag_for(community, pk)
    form = LettersForm(request.POST)
    language = form.cleaned_data["language"] if form.is_valid() else settings.LANGUAGE_CODE
    try:
        pdf = services.print_letters(request.user, item, language)
    except Refused as error:
        messages.error(request, error.message)
        return redirect("insights:flag", community.slug, pk)
    return _download(pdf, "application/pdf", f"invitations-flag-{pk}.pdf")


@require_POST
@community_view("insights.manage")
def flag_call_list(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    item = queries.flag_for(community, pk)
    try:
        data = services.call_list(request.user, item)
    except Refused as error:
        messages.error(request, error.message)
        return redirect("insights:flag", community.slug, pk)
    return _download(data, "text/csv; charset=utf-8", f"call-list-flag-{pk}.csv")


@require_POST
@community_view("insights.manage")
def flag_message(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    item = queries.flag_for(community, pk)
    form = InvitationForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    attempt(
        request,
        lambda: services.send_invitation(request.user, item, note),
        _("The invitation was sent."),
    )
    return redirect(reverse("insights:flag", args=[community.slug, pk]) + "#follow-ups")


@require_POST
@community_view("insights.manage")
def flag_follow_up(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    item = queries.flag_for(community, pk)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        if attempt(
            request,
            lambda: services.record_follow_up(
                request.user, item, data["kind"], data["households"], data["note"]
            ),
            _("The follow-up was recorded."),
            form,
        ):
            return redirect(reverse("insights:flag", args=[community.slug, pk]) + "#follow-ups")
    context = _flag_context(community, item)
    context.update(follow_up_form=form, can_act=can(request.user, "insights.act_on_flag", item))
    return render(request, "insights/flag.html", context, status=400)


@community_view("insights.view")
def survey_weighted(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    from django.shortcuts import get_object_or_404

    from linli.surveys.models import Survey

    survey = get_object_or_404(Survey, community=community, pk=pk)
    method = request.GET.get("method", "rake")
    outcome = reweighting.reweight(survey, method)
    context = {
        "community": community,
        "survey": survey,
        "title": survey.title_text,
        "outcome": outcome,
        "dims": [queries.dimension_label(d) for d in outcome.dims],
        "methods": [("rake", _("Raking")), ("poststratify", _("Post-stratification"))],
    }
    return render(request, "insights/survey_weighted.html", context)


# --- the depth ladder -------------------------------------------------------------------------


def _level_words() -> list[str]:
    from linli.participation.models import Depth

    return [_("not taking part"), *[str(label) for _value, label in Depth.choices]]


def _dates(request: AuthedRequest) -> tuple[date, date]:
    today = date.today()
    try:
        after = (
            date.fromisoformat(request.GET.get("after", "")) if request.GET.get("after") else today
        )
        before = (
            date.fromisoformat(request.GET["before"])
            if request.GET.get("before")
            else after.replace(year=after.year - 1)
        )
    except ValueError:
        before, after = today.replace(year=today.year - 1), today
    return min(before, after), max(before, after)


def _worded(table: dict[str, Any], words: list[str], rows_are_levels: bool) -> dict[str, Any]:
    rows = [
        {**row, "label": words[i] if rows_are_levels else row["row"]}
        for i, row in enumerate(table["rows"])
    ]
    return {**table, "rows": rows, "column_words": words}


@community_view("insights.view")
def ladder(request: AuthedRequest, community: Community) -> HttpResponse:
    before, after = _dates(request)
    figures = queries.community_ladder(community, before, after)
    words = _level_words()
    context = {
        "community": community,
        "before": before,
        "after": after,
        "transitions": _worded(figures["transitions"], words, True),
        "by_courtyard": _worded(figures["by_courtyard"], words, False),
        "cohorts": _worded(figures["cohorts"], words, False),
    }
    return render(request, "insights/ladder.html", context)


def _member_page(
    request: AuthedRequest, community: Community, member: Any, own: bool
) -> HttpResponse:
    before, after = _dates(request)
    figures = queries.member_ladder(member, before, after)
    words = _level_words()
    context = {
        "community": community,
        "member": member,
        "own": own,
        "before": before,
        "after": after,
        "level_before": words[figures["before_depth"]],
        "level_after": words[figures["after_depth"]],
        "steps": [
            {"word": word, "reached": i <= figures["after_depth"] and i > 0}
            for i, word in enumerate(words)
        ][1:],
        "acts": figures["acts"],
    }
    return render(request, "insights/member_ladder.html", context)


@community_view("insights.own_ladder")
def my_ladder(request: AuthedRequest, community: Community) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    if member is None:
        # A site administrator passes every check but has no ladder of their own here.
        raise Http404("not a member of this community")
    return _member_page(request, community, member, own=True)


@community_view("insights.view")
def member_ladder(request: AuthedRequest, community: Community, member_id: int) -> HttpResponse:
    from django.shortcuts import get_object_or_404

    from linli.core.models import Member

    member = get_object_or_404(Member, community=community, pk=member_id)
    return _member_page(request, community, member, own=False)


@require_POST
@community_view("insights.own_ladder")
def notice_read(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    from django.shortcuts import get_object_or_404

    from linli.core.models import Notice

    notice = get_object_or_404(Notice, community=community, pk=pk)
    services.mark_notice_read(request.user, notice)
    if request.headers.get("X-Linli-Beacon"):
        return HttpResponse(status=204)
    messages.success(request, _("Thank you: noted that you have read it."))
    return redirect(reverse("core:notices", args=[community.slug]) + f"#notice-{pk}")


# --- home visits and leaders --------------------------------------------------------------------


@community_view("insights.visit")
def visits(request: AuthedRequest, community: Community) -> HttpResponse:
    from .forms import VisitForm

    form = VisitForm(
        request.POST or None, community=community, initial={"visited_on": date.today()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(
            request,
            lambda: services.log_visit(
                request.user,
                data["household"],
                visited_on=data["visited_on"],
                resident=data["resident"],
                concerns=data["concerns"],
                follow_ups=data["follow_ups"],
                possible_leader=data["possible_leader"],
            ),
            _("The visit was recorded."),
            form,
        ):
            return redirect("insights:visits", community.slug)
    context = {
        "community": community,
        "form": form,
        "visits": list(queries.visits(community)[:100]),
        "by_courtyard": queries.visits_by_courtyard(community),
    }
    return render(request, "insights/visits.html", context)


@community_view("insights.view")
def leaders(request: AuthedRequest, community: Community) -> HttpResponse:
    from .forms import StageForm
    from .models import LeaderCandidate

    context = {
        "community": community,
        "suggestions": queries.leader_suggestions(community),
        "stages": [
            (label, [c for c in queries.candidates(community) if c.stage == value])
            for value, label in LeaderCandidate.Stage.choices
        ],
        "form": StageForm(),
        "stage_choices": LeaderCandidate.Stage.choices,
    }
    return render(request, "insights/leaders.html", context)


@require_POST
@community_view("insights.manage")
def leader_stage(request: AuthedRequest, community: Community, member_id: int) -> HttpResponse:
    from django.shortcuts import get_object_or_404

    from linli.core.models import Member

    from .forms import StageForm

    member = get_object_or_404(Member, community=community, pk=member_id)
    form = StageForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.move_candidate(
                request.user, member, form.cleaned_data["stage"], form.cleaned_data["note"]
            ),
            _("Saved."),
        )
    else:
        messages.error(request, _("Choose a stage from the list."))
    return redirect("insights:leaders", community.slug)


# --- project targets ----------------------------------------------------------------------------


@community_view("insights.view")
def targets(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    from django.shortcuts import get_object_or_404

    from linli.engagement.models import Project

    from .forms import TargetForm
    from .models import ProjectTarget

    project = get_object_or_404(Project, community=community, pk=pk)
    form = TargetForm(request.POST or None, community=community)
    if request.method == "POST" and request.POST.get("measure"):
        attempt(
            request,
            lambda: services.measure_targets(request.user, project),
            _("The targets were measured."),
        )
        return redirect("insights:targets", community.slug, pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(
            request,
            lambda: services.set_target(
                request.user,
                project,
                data["kind"],
                data["baseline"],
                data["target"],
                data["question"],
                data["repeated"],
            ),
            _("The target was added."),
            form,
        ):
            return redirect("insights:targets", community.slug, pk)
    context = {
        "community": community,
        "project": project,
        "targets": list(ProjectTarget.objects.filter(project=project).select_related("question")),
        "form": form,
        "compared": [
            before_after.compare(item.repeated)
            for item in ProjectTarget.objects.filter(project=project).select_related("repeated")
            if item.repeated is not None
        ],
        "may_set": can(request.user, "insights.set_target", project),
        "may_measure": can(request.user, "insights.measure_targets", project),
    }
    return render(request, "insights/targets.html", context)
