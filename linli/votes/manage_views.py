"""Organisers and officers: set up a vote, run the booth, enter paper ballots, publish results."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.attempt import attempt
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.models import Community, Member
from linli.core.services import ServiceError

from . import counting, paper, services
from .forms import BatchEntryForm, BatchForm, BoothSearchForm, QuestionForm, ReasonForm, VoteForm
from .models import BatchEntry, PaperBatch, Question, RollEntry, Vote


def _vote(community: Community, pk: int) -> Vote:
    return get_object_or_404(Vote, community=community, pk=pk)


def _m2m(form: VoteForm, name: str) -> list[Any] | None:
    """A many-to-many field's choice, or None when the form did not change it."""
    return list(form.cleaned_data[name]) if name in form.changed_data else None


@community_view("votes.manage")
def vote_create(request: AuthedRequest, community: Community) -> HttpResponse:
    form = VoteForm(request.POST or None, community=community)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = attempt(
            request,
            lambda: services.create_vote(
                request.user,
                community,
                title=data["title"],
                description=data["description"],
                project=data["project"],
                areas=data["areas"],
                unit=data["unit"],
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
                results_shown=data["results_shown"],
                officers=data["officers"],
            ),
            _("Vote created. Now add its questions."),
            form,
        )
        if created:
            return redirect("votes:questions", community.slug, created.value.pk)
    return render(request, "votes/manage/vote_form.html", {"community": community, "form": form})


@community_view("votes.manage")
def vote_edit(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    vote = _vote(community, pk)
    if vote.status == Vote.Status.CANCELLED or vote.is_closed:
        messages.error(request, _("A closed or cancelled vote cannot be changed."))
        return redirect(vote.get_absolute_url())
    # The form fills in its own copy, so the command reads the vote afresh under its lock.
    form = VoteForm(request.POST or None, instance=_vote(community, pk), community=community)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            lambda: services.edit_vote(
                request.user,
                vote,
                form.instance,
                form.changed_data,
                areas=_m2m(form, "areas"),
                officers=_m2m(form, "officers"),
            ),
            _("Saved."),
            form,
        )
    ):
        return redirect("votes:questions", community.slug, vote.pk)
    return render(
        request, "votes/manage/vote_form.html", {"community": community, "form": form, "vote": vote}
    )


@community_view("votes.manage")
def questions(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    vote = _vote(community, pk)
    form = QuestionForm(request.POST or None, community=community)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_question(
                request.user,
                vote,
                form.save(commit=False),
                form.option_labels(),
                form.chosen_proposals(),
                costs=form.option_costs(),
            )
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Question added."))
            return redirect("votes:questions", community.slug, vote.pk)
    context = {
        "community": community,
        "vote": vote,
        "questions": vote.questions.prefetch_related("options"),
        "form": form,
        "eligible": services.eligible_count(vote),
        "batches": vote.batches.all(),
    }
    return render(request, "votes/manage/questions.html", context)


@community_view("votes.manage")
def question_edit(
    request: AuthedRequest, community: Community, pk: int, question: int
) -> HttpResponse:
    vote = _vote(community, pk)
    chosen = get_object_or_404(Question, vote=vote, pk=question)
    form = QuestionForm(request.POST or None, instance=chosen, community=community)
    if request.method == "POST":
        if "delete" in request.POST:
            try:
                services.delete_question(request.user, chosen)
            except ServiceError as error:
                messages.error(request, error.message)
            return redirect("votes:questions", community.slug, vote.pk)
        if form.is_valid():
            try:
                services.save_question(
                    request.user,
                    vote,
                    form.save(commit=False),
                    form.option_labels(),
                    form.chosen_proposals(),
                    costs=form.option_costs(),
                )
            except ServiceError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("Saved."))
                return redirect("votes:questions", community.slug, vote.pk)
    return render(
        request,
        "votes/manage/question_form.html",
        {"community": community, "vote": vote, "form": form, "question": chosen},
    )


def _act(request: AuthedRequest, vote: Vote, action: object, done: str) -> HttpResponse:
    try:
        action()  # type: ignore[operator]
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("votes:questions", vote.community.slug, vote.pk)


@require_POST
@community_view("votes.manage")
def publish(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    vote = _vote(community, pk)
    return _act(
        request, vote, lambda: services.publish(request.user, vote), _("The vote is published.")
    )


@require_POST
@community_view("votes.manage")
def close(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    vote = _vote(community, pk)
    return _act(
        request, vote, lambda: services.close_now(request.user, vote), _("The vote is closed.")
    )


@require_POST
@community_view("votes.manage")
def publish_results(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    vote = _vote(community, pk)
    return _act(
        request,
        vote,
        lambda: services.publish_results(request.user, vote),
        _("The results are published and voters are told."),
    )


@community_view("votes.manage")
def cancel(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    vote = _vote(community, pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel(request.user, vote, form.cleaned_data["reason"])
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The vote is cancelled."))
            return redirect("votes:list", community.slug)
    return render(
        request, "votes/manage/cancel.html", {"community": community, "vote": vote, "form": form}
    )


# --- The booth -----------------------------------------------------------------------------


@community_view("votes.booth")
def booth(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    vote = _vote(community, pk)
    services.require_booth_officer(request.user, vote)
    form = BoothSearchForm(request.GET or None)
    found: list[tuple[Member, RollEntry | None]] = []
    searched = False
    if form.is_bound and request.method == "GET":
        try:
            found = services.booth_search(request.user, vote, form.data.get("q", ""))
            searched = True
        except ServiceError as error:
            form.add_error("q", error.message)
    if request.method == "POST":
        member = get_object_or_404(Member, community=community, pk=request.POST.get("member"))
        try:
            services.mark_paper_voter(request.user, vote, member)
        except ServiceError as error:
            messages.error(request, f"{member.name}: {error.message}")
        else:
            messages.success(
                request,
                _("%(name)s is marked on the roll: hand over one paper ballot.")
                % {"name": member.name},
            )
        return redirect(request.get_full_path())
    context = {
        "community": community,
        "vote": vote,
        "form": form,
        "found": found,
        "searched": searched,
        "paper_marked": vote.roll.filter(channel="paper").count(),
    }
    return render(request, "votes/manage/booth.html", context)


# --- Paper batches -------------------------------------------------------------------------


@community_view("votes.enter_paper")
def batches(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    vote = _vote(community, pk)
    form = BatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.create_batch(
                request.user, vote, form.cleaned_data["label"], form.cleaned_data["size"]
            )
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return redirect("votes:batch", community.slug, vote.pk, batch.pk)
    rows = [(b, services.batch_state(b), b.entries.count()) for b in vote.batches.all()]
    context = {
        "community": community,
        "vote": vote,
        "form": form,
        "rows": rows,
        "paper_marked": vote.roll.filter(channel="paper").count(),
        "paper_counted": vote.ballots.filter(channel="paper").count(),
    }
    return render(request, "votes/manage/batches.html", context)


@community_view("votes.enter_paper")
def batch(request: AuthedRequest, community: Community, pk: int, batch: int) -> HttpResponse:
    vote = _vote(community, pk)
    chosen = get_object_or_404(PaperBatch, vote=vote, pk=batch)
    mine = BatchEntry.objects.filter(batch=chosen, officer=request.user).first()
    initial = {}
    if mine is not None:  # correcting: start from what this officer typed before
        question_specs = services.specs(vote)
        initial["ballots"] = "\n".join(counting.paper_line(question_specs, b) for b in mine.ballots)
    form = BatchEntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.enter_batch(request.user, chosen, form.cleaned_data["ballots"])
        except ServiceError as error:
            form.add_error("ballots", error.message)
        else:
            if outcome.status == "counted":
                messages.success(request, _("Both entries agree: the batch is counted."))
            elif outcome.status == "waiting":
                messages.success(
                    request, _("Saved. A second officer must now enter the same bundle.")
                )
            else:
                messages.error(
                    request,
                    _("The two entries disagree; nothing was counted. Check the ballots listed."),
                )
            return redirect("votes:batch", community.slug, vote.pk, chosen.pk)
    state = services.batch_state(chosen)
    context = {
        "community": community,
        "vote": vote,
        "batch": chosen,
        "form": form,
        "state": state,
        "mismatches": services.mismatch_lines(chosen, state.differences),
        "mine": mine,
        "entries": chosen.entries.select_related("officer"),
        "questions": vote.questions.prefetch_related("options"),
    }
    return render(request, "votes/manage/batch.html", context)


@community_view("votes.booth")
def paper_ballot(
    request: AuthedRequest, community: Community, pk: int, language: str
) -> HttpResponse:
    """The printable paper ballot (A4 PDF) in one of the site's languages, for the booth."""
    vote = _vote(community, pk)
    services.require_booth_officer(request.user, vote)
    if language not in dict(settings.LANGUAGES) or vote.status == Vote.Status.DRAFT:
        raise Http404
    response = HttpResponse(paper.paper_ballot(vote, language), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="ballot-{vote.pk}-{language}.pdf"'
    return response
