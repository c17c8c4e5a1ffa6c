"""Pages for boards and contests. Each view checks the permission table through its decorator
and leaves the object-level rules (board seats, stages, windows) to the services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from linli.core.attempt import attempt, on_form
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.models import Community
from linli.core.permissions import can, member_of
from linli.core.services import ServiceError
from linli.governance.models import Body, Motion
from linli.tracking import queries as tracking

from . import boards, services
from .forms import (
    ApplicationForm,
    ConflictForm,
    ContestForm,
    CriterionForm,
    InspectionForm,
    MilestoneForm,
    PaperForm,
    PhotoForm,
    ReleaseForm,
    RubricCommentForm,
    ScoreForm,
    TeamForm,
    TierForm,
)
from .models import (
    Application,
    Contest,
    Criterion,
)

Stage = Contest.Stage


def _board(community: Community, pk: int) -> Body:
    """A body of the community that can run contests: its review boards (评审会)."""
    return get_object_or_404(Body, pk=pk, community=community, kind=Body.Kind.REVIEW_BOARD)


def _contest(request: AuthedRequest, community: Community, pk: int) -> Contest:
    found = services.visible_contests(request.user, community).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _application(request: AuthedRequest, community: Community, pk: int, aid: int) -> Application:
    contest = _contest(request, community, pk)
    return get_object_or_404(
        Application.objects.select_related("contest", "area"), pk=aid, contest=contest
    )


def _form_errors(request: AuthedRequest, form: Any) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))


# --- Contests -----------------------------------------------------------------------------


@community_view("reviews.take_part")
def contest_create(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    board = _board(community, pk)
    if not boards.may_run(request.user, board):
        raise Http404
    form = ContestForm(request.POST or None, community=community)
    if request.method == "POST" and form.is_valid():
        contest = form.save(commit=False)
        areas = form.cleaned_data["areas"]
        if attempt(
            request, lambda: services.save_contest(request.user, board, contest, areas), _("Saved.")
        ):
            return redirect(contest.get_absolute_url())
    return render(
        request,
        "reviews/form.html",
        {
            "community": community,
            "form": form,
            "heading": _("New contest of %(board)s") % {"board": board.name},
        },
    )


@community_view("reviews.take_part")
def contest_edit(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    contest = _contest(request, community, pk)
    if not boards.may_run(request.user, contest.body) or contest.stage != Stage.DRAFT:
        raise Http404
    form = ContestForm(request.POST or None, instance=contest, community=community)
    if request.method == "POST" and form.is_valid():
        changed = form.save(commit=False)
        areas = form.cleaned_data["areas"]
        if attempt(
            request,
            lambda: services.save_contest(request.user, contest.body, changed, areas),
            _("Saved."),
        ):
            return redirect(contest.get_absolute_url())
    return render(
        request,
        "reviews/form.html",
        {"community": community, "form": form, "heading": contest.title},
    )


@community_view("reviews.view")
def contest_detail(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    contest = _contest(request, community, pk)
    member = member_of(request.user, community)
    board_seat = boards.seat_of(member, contest.body)
    competing = {a.pk: a.n_signatures for a in services.in_competition(contest)}  # type: ignore[attr-defined]
    # the support count in the same query: one query per application grew with the community
    applications = list(
        contest.applications.select_related("area", "applicant").annotate(
            n_sign=Count("signatures")
        )
    )
    for a in applications:
        a.competing = a.pk in competing  # type: ignore[attr-defined]
    return render(
        request,
        "reviews/contest.html",
        {
            "community": community,
            "contest": contest,
            "criteria": contest.criteria.prefetch_related("comments__member"),
            "tiers": contest.tiers.all(),
            "awards_total": services.awards_total(contest),
            "comments": contest.rubric_comments.filter(criterion__isnull=True).select_related(
                "member"
            ),
            "applications": applications,
            "areas": services.eligible_areas(contest),
            "window_open": services.window_open(contest),
            "runs": boards.may_run(request.user, contest.body),
            "on_board": board_seat is not None,
            "takes_part": can(request.user, "reviews.take_part", community),
            "revealed": services.scores_revealed(contest),
            "motions": boards.contest_motions(contest),
            "methods": Motion.Method.choices,
            "criterion_form": CriterionForm(prefix="criterion"),
            "tier_form": TierForm(prefix="tier"),
            "comment_form": RubricCommentForm(contest=contest),
            "now": timezone.now(),
        },
    )


def _draft_add(
    request: AuthedRequest, community: Community, pk: int, form_class: Any, save: Any, prefix: str
) -> HttpResponse:
    contest = _contest(request, community, pk)
    form = form_class(request.POST, prefix=prefix)
    if form.is_valid():
        item = form.save(commit=False)
        item.contest = contest
        attempt(request, lambda: save(request.user, item), _("Saved."))
    else:
        _form_errors(request, form)
    return redirect(contest.get_absolute_url() + "#rubric")


@require_POST
@community_view("reviews.take_part")
def criterion_add(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    return _draft_add(request, community, pk, CriterionForm, services.save_criterion, "criterion")


@require_POST
@community_view("reviews.take_part")
def criterion_delete(
    request: AuthedRequest, community: Community, pk: int, cid: int
) -> HttpResponse:
    contest = _contest(request, community, pk)
    criterion = get_object_or_404(Criterion, pk=cid, contest=contest)
    attempt(request, lambda: services.delete_criterion(request.user, criterion), _("Removed."))
    return redirect(contest.get_absolute_url() + "#rubric")


@require_POST
@community_view("reviews.take_part")
def tier_add(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    return _draft_add(request, community, pk, TierForm, services.save_tier, "tier")


@require_POST
@community_view("reviews.take_part")
def rubric_comment(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    contest = _contest(request, community, pk)
    form = RubricCommentForm(request.POST, contest=contest)
    if form.is_valid():
        attempt(
            request,
            lambda: services.comment_rubric(
                request.user,
                contest,
                form.cleaned_data["body"],
                form.cleaned_data["criterion"],
            ),
            _("Your comment is posted."),
        )
    else:
        _form_errors(request, form)
    return redirect(contest.get_absolute_url() + "#rubric-comments")


STEPS: dict[str, tuple[Callable[[Any, Contest], Any], Any]] = {
    "propose_rubric": (
        services.propose_rubric,
        gettext_lazy("The board is asked to adopt the rules."),
    ),
    "start_scoring": (services.start_scoring, gettext_lazy("Scoring has started.")),
    "propose_ranking": (
        services.propose_ranking,
        gettext_lazy("The board is asked to adopt the ranking."),
    ),
    "publish_notice": (services.publish_notice, gettext_lazy("The result is on public notice.")),
    "finalise": (
        services.finalise,
        gettext_lazy("The result is final and the awards are given."),
    ),
    "close": (services.close_contest, gettext_lazy("The contest is closed.")),
}


@require_POST
@community_view("reviews.take_part")
def step(request: AuthedRequest, community: Community, pk: int, action: str) -> HttpResponse:
    contest = _contest(request, community, pk)
    if action not in STEPS:
        raise Http404
    run, done = STEPS[action]
    if action in ("propose_rubric", "propose_ranking"):  # at a meeting, or online
        method = request.POST.get("method") or Motion.Method.ONLINE
        propose = (
            services.propose_rubric if action == "propose_rubric" else services.propose_ranking
        )
        attempt(request, lambda: propose(request.user, contest, method), str(done))
    else:
        attempt(request, lambda: run(request.user, contest), str(done))
    return redirect(contest.get_absolute_url())


# --- Applications -------------------------------------------------------------------------


@community_view("reviews.take_part")
def apply(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    contest = _contest(request, community, pk)
    form = ApplicationForm(request.POST or None, areas=services.eligible_areas(contest))
    if request.method == "POST" and form.is_valid():
        application = form.save(commit=False)
        application.contest = contest
        if attempt(
            request,
            lambda: services.submit(
                request.user,
                application,
                form.cleaned_data["credit_consent"],
            ),
            _("Your application is in. Add the team and photos of the place as it is now."),
            form,
        ):
            return redirect(application.get_absolute_url())
    return render(
        request,
        "reviews/form.html",
        {
            "community": community,
            "form": form,
            "heading": _("Apply to “%(title)s”") % {"title": contest.title},
            "contest": contest,
            "multipart": False,
        },
    )


@community_view("reviews.view")
def application_detail(
    request: AuthedRequest, community: Community, pk: int, aid: int
) -> HttpResponse:
    return _application_page(request, community, _application(request, community, pk, aid))


def _application_page(
    request: AuthedRequest,
    community: Community,
    application: Application,
    paper_form: PaperForm | None = None,
) -> HttpResponse:
    """The application's page; ``paper_form`` is a refused paper sheet, shown again as typed."""
    contest = application.contest
    member = member_of(request.user, community)
    seat = boards.seat_of(member, contest.body)
    criteria = list(contest.criteria.all())
    visible = services.visible_scores(request.user, contest).filter(application=application)
    mine = {s.criterion_id: s for s in visible if member and s.reviewer_id == member.pk}
    initial: dict[str, Any] = {}
    for cid, s in mine.items():
        initial[f"c{cid}"], initial[f"c{cid}_reason"] = s.value, s.reason
    photos = tracking.photos(application)
    return render(
        request,
        "reviews/application.html",
        {
            "community": community,
            "contest": contest,
            "application": application,
            "member": member,
            "on_board": seat is not None,
            "runs": boards.may_run(request.user, contest.body),
            "is_applicant": services.may_edit_application(member, application),
            "takes_part": can(request.user, "reviews.take_part", community),
            "enters_paper": can(request.user, "reviews.enter_paper", community),
            "recused": services.is_recused(member, application),
            "recusals": boards.conflicts(contest).filter(subject_id=application.pk),
            "competing": services.in_competition(contest).filter(pk=application.pk).exists(),
            "signatures": application.signatures.count(),
            "signed": bool(
                member
                and member.household_id
                and application.signatures.filter(household_id=member.household_id).exists()
            ),
            "window_open": services.window_open(contest),
            "criteria": criteria,
            "scores": visible.order_by("criterion__position", "reviewer__name"),
            "revealed": services.scores_revealed(contest),
            "score_form": ScoreForm(initial=initial, criteria=criteria),
            "conflict_form": ConflictForm(),
            "team_form": TeamForm(),
            "photo_form": PhotoForm(),
            "paper_form": paper_form or PaperForm(community=community),
            "paper_refused": paper_form is not None,
            "milestone_form": MilestoneForm(),
            "release_form": ReleaseForm(),
            "crew": tracking.team(application),
            "before": photos.filter(kind="before"),
            "after": photos.filter(kind="after"),
            "milestones": tracking.milestones(application),
            "inspections": application.inspections.select_related("inspected_by"),
            "scoring_open": contest.stage == Stage.SCORING
            and timezone.now() <= contest.scoring_deadline,
        },
    )


def _app_post(
    request: AuthedRequest,
    community: Community,
    pk: int,
    aid: int,
    form_class: Any,
    act: Callable[[Application, Any], Any],
    done: str,
    anchor: str = "",
    form_kwargs: dict[str, Any] | None = None,
) -> HttpResponse:
    application = _application(request, community, pk, aid)
    form = form_class(request.POST, request.FILES, **(form_kwargs or {})) if form_class else None
    if form is None or form.is_valid():
        attempt(request, lambda: act(application, form), done)
    else:
        _form_errors(request, form)
    return redirect(application.get_absolute_url() + anchor)


@require_POST
@community_view("reviews.take_part")
def sign(request: AuthedRequest, community: Community, pk: int, aid: int) -> HttpResponse:
    return _app_post(
        request,
        community,
        pk,
        aid,
        None,
        lambda a, f: services.sign(request.user, a),
        _("Your household's support is counted."),
        "#support",
    )


@require_POST
@community_view("reviews.enter_paper")
def paper(request: AuthedRequest, community: Community, pk: int, aid: int) -> HttpResponse:
    """A wrong line keeps the sheet: the page comes back with what was typed and the lines marked."""
    application = _application(request, community, pk, aid)
    form = PaperForm(request.POST, community=community)
    if form.is_valid():
        added = on_form(
            form,
            lambda: services.enter_paper_signatures(
                request.user, application, form.cleaned_data["lines"]
            ),
        )
        if added:
            messages.success(
                request,
                _("%(n)d households added; households already counted are skipped.")
                % {"n": added.value},
            )
            return redirect(application.get_absolute_url() + "#support")
    return _application_page(request, community, application, paper_form=form)


@require_POST
@community_view("reviews.take_part")
def team(request: AuthedRequest, community: Community, pk: int, aid: int) -> HttpResponse:
    def act(a: Application, f: Any) -> Any:
        teammate = services.find_resident(community, f.cleaned_data["contact"])
        if f.cleaned_data["contact"].strip() and teammate is None:
            raise ServiceError(
                _("No verified resident of this community has that phone number or email.")
            )
        return services.add_team_member(
            request.user,
            a,
            f.cleaned_data["name"],
            f.cleaned_data["role"],
            f.cleaned_data["credit_consent"],
            teammate,
        )

    return _app_post(
        request,
        community,
        pk,
        aid,
        TeamForm,
        act,
        _("Added to the team."),
        "#team",
    )


@require_POST
@community_view("reviews.take_part")
def photo(request: AuthedRequest, community: Community, pk: int, aid: int) -> HttpResponse:
    return _app_post(
        request,
        community,
        pk,
        aid,
        PhotoForm,
        lambda a, f: services.add_photo(
            request.user,
            a,
            f.cleaned_data["kind"],
            f.cleaned_data["image"],
            f.cleaned_data["caption"],
        ),
        _("The photo is added."),
        "#photos",
    )


@require_POST
@community_view("reviews.take_part")
def withdraw(request: AuthedRequest, community: Community, pk: int, aid: int) -> HttpResponse:
    return _app_post(
        request,
        community,
        pk,
        aid,
        None,
        lambda a, f: services.withdraw(request.user, a),
        _("The application is withdrawn."),
    )


@require_POST
@community_view("reviews.take_part")
def conflict(request: AuthedRequest, community: Community, pk: int, aid: int) -> HttpResponse:
    return _app_post(
        request,
        community,
        pk,
        aid,
        ConflictForm,
        lambda a, f: services.declare_conflict(request.user, a, f.cleaned_data["reason"]),
        _("You are recused from this application; you will not score it."),
        "#scoring",
    )


@require_POST
@community_view("reviews.take_part")
def score(request: AuthedRequest, community: Community, pk: int, aid: int) -> HttpResponse:
    application = _application(request, community, pk, aid)
    criteria = list(application.contest.criteria.all())
    form = ScoreForm(request.POST, criteria=criteria)
    if form.is_valid():
        attempt(
            request,
            lambda: services.save_scores(request.user, application, form.scores()),
            _("Your scores are saved. Others cannot see them until every score is in."),
        )
    else:
        _form_errors(request, form)
    return redirect(application.get_absolute_url() + "#scoring")


@require_POST
@community_view("reviews.take_part")
def milestone_add(request: AuthedRequest, community: Community, pk: int, aid: int) -> HttpResponse:
    return _app_post(
        request,
        community,
        pk,
        aid,
        MilestoneForm,
        lambda a, f: services.add_milestone(
            request.user, a, f.cleaned_data["title"], f.cleaned_data["amount"]
        ),
        _("Saved."),
        "#funds",
    )


@require_POST
@community_view("reviews.take_part")
def milestone_release(
    request: AuthedRequest, community: Community, pk: int, aid: int, mid: int
) -> HttpResponse:
    application = _application(request, community, pk, aid)
    milestone = get_object_or_404(tracking.milestones(application), pk=mid)
    form = ReleaseForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.release(request.user, milestone, form.cleaned_data["evidence"]),
            _("The funds for this milestone are released."),
        )
    else:
        _form_errors(request, form)
    return redirect(application.get_absolute_url() + "#funds")


@community_view("reviews.take_part")
def inspect(request: AuthedRequest, community: Community, pk: int, aid: int) -> HttpResponse:
    application = _application(request, community, pk, aid)
    criteria = services.checklist(application)
    form = InspectionForm(request.POST or None, criteria=criteria)
    photo_form = PhotoForm(request.POST or None, request.FILES or None, prefix="after")
    if request.method == "POST" and form.is_valid():

        def act() -> None:
            services.inspect(
                request.user,
                application,
                form.cleaned_data["decision"],
                form.items(),
                form.cleaned_data["notes"],
                form.cleaned_data["recheck_by"],
                form.cleaned_data["showcase"],
            )
            if request.FILES.get("after-image") and photo_form.is_valid():
                services.add_photo(
                    request.user,
                    application,
                    "after",
                    photo_form.cleaned_data["image"],
                    photo_form.cleaned_data["caption"],
                )

        if attempt(request, act, _("The inspection is recorded."), form):
            return redirect(application.get_absolute_url() + "#inspection")
    return render(
        request,
        "reviews/inspect.html",
        {
            "community": community,
            "application": application,
            "contest": application.contest,
            "form": form,
            "criteria": criteria,
            "rows": [(c, form[f"met{c.pk}"], form[f"note{c.pk}"]) for c in criteria],
        },
    )
