"""Pages of conventions: the list, a convention (its latest text article by article with the
comments on each, amendments, versions, how it is being adopted), one version with what changed,
an amendment with its discussion, the forms, and the A4 sheet for the courtyard wall. Views read
through ``queries`` and change state only through the commands in ``services``."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.attempt import attempt, form_page, on_form
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.models import Community
from linli.core.permissions import can, require

from . import poster, queries, services
from .forms import (
    AmendmentForm,
    BodyMotionForm,
    CommentForm,
    ConventionForm,
    DecideAmendmentForm,
    HouseholdVoteForm,
    RecordCommentForm,
    ReviseForm,
)
from .models import Version


@community_view("conventions.view")
def index(request: AuthedRequest, community: Community) -> HttpResponse:
    return render(
        request,
        "conventions/index.html",
        {
            "community": community,
            "conventions": queries.conventions(community),
            "may_manage": can(request.user, "conventions.manage", community),
        },
    )


@community_view("conventions.manage")
def create(request: AuthedRequest, community: Community) -> HttpResponse:
    form = ConventionForm(request.POST or None, community=community)
    return form_page(
        request,
        form,
        lambda data: services.create_convention(
            request.user,
            community,
            title=data["title"],
            articles=data["articles"],
            preamble=data["preamble"],
            area=data["area"],
            drafters=list(data["drafters"]),
        ),
        "conventions/form.html",
        {"community": community, "heading": _("Start a convention")},
    )


@community_view("conventions.view")
def detail(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    found = queries.convention_in(community, pk)
    latest = found.latest
    comment_form = CommentForm(request.POST or None)
    if request.method == "POST":
        require(request.user, "conventions.comment", found)
        article = None
        if request.POST.get("article"):
            try:
                article = queries.article_in(found, int(request.POST["article"]))
            except ValueError as error:
                raise Http404 from error
        if comment_form.is_valid():
            text = comment_form.cleaned_data["text"]
            if attempt(
                request,
                lambda: services.comment(request.user, found, text, article=article),
                _("Thank you: your comment is on the page."),
                comment_form,
            ):
                anchor = f"#article-{article.position}" if article else "#general"
                return redirect(found.get_absolute_url() + anchor)
    in_force = found.in_force
    return render(
        request,
        "conventions/detail.html",
        {
            "community": community,
            "convention": found,
            "latest": latest,
            "in_force": in_force,
            "articles": queries.articles(latest),
            "general": found.comments.filter(article=None, amendment=None).select_related("member"),
            "open_amendments": queries.open_amendments(found),
            "decided_amendments": queries.decided_amendments(found)[:20],
            "versions": found.versions.all(),
            "drafters": found.drafters.all(),
            "counts": queries.counts(found),
            "comment_form": comment_form,
            "may_comment": can(request.user, "conventions.comment", found),
            "may_amend": can(request.user, "conventions.amend", found),
            "may_revise": can(request.user, "conventions.revise", found),
            "may_manage": can(request.user, "conventions.manage", found),
            "may_adopt": can(request.user, "conventions.put_to_adoption", found),
            "may_settle": can(request.user, "conventions.settle", found),
        },
        status=400 if request.method == "POST" else 200,
    )


@community_view("conventions.view")
def version(request: AuthedRequest, community: Community, pk: int, number: int) -> HttpResponse:
    found = queries.convention_in(community, pk)
    shown = queries.version_in(found, number)
    return render(
        request,
        "conventions/version.html",
        {
            "community": community,
            "convention": found,
            "version": shown,
            "previous": queries.previous(shown),
            "changes": queries.changes(shown),
            "taken_in": shown.taken_in.select_related("member"),
        },
    )


@community_view("conventions.view")
def wall_sheet(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    found = queries.convention_in(community, pk)
    in_force = found.in_force
    if in_force is None:
        raise Http404
    response = HttpResponse(poster.wall_sheet(in_force), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="convention-{found.pk}.pdf"'
    return response


@community_view("conventions.comment")
def revise(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    found = queries.convention_in(community, pk)
    require(request.user, "conventions.revise", found)
    latest = found.latest
    initial = {
        "preamble": latest.preamble,
        "articles": "\n\n".join(queries.texts(latest)),
    }
    form = ReviseForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        lambda data: services.revise(
            request.user,
            found,
            articles=data["articles"],
            preamble=data["preamble"],
            note=data["note"],
        ),
        "conventions/form.html",
        {"community": community, "convention": found, "heading": _("Revise the draft")},
    )


@community_view("conventions.comment")
def propose(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    found = queries.convention_in(community, pk)
    require(request.user, "conventions.amend", found)
    article = None
    wanted = request.GET.get("article") or request.POST.get("article")
    if wanted:
        try:
            article = queries.article_in(found, int(wanted))
        except ValueError as error:
            raise Http404 from error
    form = AmendmentForm(request.POST or None, initial={"text": article.text if article else ""})
    return form_page(
        request,
        form,
        lambda data: services.propose_amendment(
            request.user, found, text=data["text"], reason=data["reason"], article=article
        ),
        "conventions/propose.html",
        {"community": community, "convention": found, "article": article},
    )


@community_view("conventions.view")
def amendment(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    found = queries.amendment_in(community, pk)
    convention = found.convention
    comment_form = CommentForm(request.POST if "comment" in request.POST else None)
    decide_form = DecideAmendmentForm(request.POST if "decide" in request.POST else None)
    if request.method == "POST":
        done: object = None  # what the command returned, or None after a refusal
        if "comment" in request.POST:
            require(request.user, "conventions.comment", convention)
            if comment_form.is_valid():
                text = comment_form.cleaned_data["text"]
                done = attempt(
                    request,
                    lambda: services.comment(request.user, convention, text, amendment=found),
                    _("Thank you: your comment is on the page."),
                    comment_form,
                )
        elif "decide" in request.POST:
            require(request.user, "conventions.decide_amendment", found)
            if decide_form.is_valid():
                answer = decide_form.cleaned_data["answer"]
                if request.POST["decide"] == "accept":
                    done = attempt(
                        request,
                        lambda: services.accept_amendment(request.user, found, answer),
                        _("The amendment is taken into a new version of the text."),
                        decide_form,
                    )
                else:
                    done = attempt(
                        request,
                        lambda: services.decline_amendment(request.user, found, answer),
                        _("The amendment is declined; your answer is public."),
                        decide_form,
                    )
        if done:
            return redirect(found)
    return render(
        request,
        "conventions/amendment.html",
        {
            "community": community,
            "convention": convention,
            "amendment": found,
            "pieces": queries.amendment_pieces(found),
            "comments": found.comments.select_related("member"),
            "comment_form": comment_form,
            "decide_form": decide_form,
            "may_comment": can(request.user, "conventions.comment", convention),
            "may_decide": can(request.user, "conventions.decide_amendment", found),
        },
        status=400 if request.method == "POST" else 200,
    )


@community_view("conventions.manage")
def record_comment(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    found = queries.convention_in(community, pk)
    articles = list(found.latest.articles.all())
    form = RecordCommentForm(request.POST or None, community=community, articles=articles)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        article = queries.article_in(found, data["article"]) if data["article"] else None
        done = on_form(
            form,
            lambda: services.record_comment(
                request.user,
                found,
                member=data["member"],
                channel=data["channel"],
                text=data["text"],
                article=article,
            ),
        )
        if done:
            messages.success(request, _("The comment is recorded. Type in the next one."))
            return redirect("conventions:record_comment", community.slug, found.pk)
    return render(
        request,
        "conventions/form.html",
        {
            "community": community,
            "convention": found,
            "form": form,
            "heading": _("Type in comments from a 坝坝会"),
            "intro": _(
                "For comments said at a courtyard meeting, on paper, by phone or at the door. "
                "Each is shown with its channel and counted for the resident who made it."
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


@community_view("conventions.manage")
def adopt(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    found = queries.convention_in(community, pk)
    vote_form = HouseholdVoteForm(request.POST if "vote" in request.POST else None)
    body_form = BodyMotionForm(
        request.POST if "body" in request.POST else None, community=community
    )
    if request.method == "POST":
        require(request.user, "conventions.put_to_adoption", found)
        done = None
        if "vote" in request.POST and vote_form.is_valid():
            data = vote_form.cleaned_data
            done = on_form(
                vote_form,
                lambda: services.put_to_household_vote(
                    request.user, found, opens_at=data["opens_at"], closes_at=data["closes_at"]
                ),
            )
        elif "body" in request.POST and body_form.is_valid():
            data = body_form.cleaned_data
            done = on_form(
                body_form,
                lambda: services.put_to_body(
                    request.user, found, body=data["body"], method=data["method"]
                ),
            )
        if done:
            return redirect(found)
    return render(
        request,
        "conventions/adopt.html",
        {
            "community": community,
            "convention": found,
            "version": found.latest,
            "vote_form": vote_form,
            "body_form": body_form,
            "may_adopt": can(request.user, "conventions.put_to_adoption", found),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@community_view("conventions.manage")
def settle(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    found = queries.convention_in(community, pk)

    def run() -> Version:
        return services.settle(request.user, found)

    attempt(request, run, _("The outcome is recorded."))
    return redirect(found)


@require_POST
@community_view("conventions.comment")
def reopen(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    found = queries.convention_in(community, pk)
    attempt(
        request, lambda: services.reopen(request.user, found), _("A new draft is open for work.")
    )
    return redirect(found)
