"""The pages an organiser or a resident reaches in a generated city, by page type."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from linli.budgeting.models import Idea, Process
from linli.core.models import Community
from linli.engagement.models import Project
from linli.grants.models import Application, Call
from linli.meetings.models import Meeting
from linli.opinions.models import Conversation
from linli.proposals.models import Proposal
from linli.reviews.models import Application as ContestApplication
from linli.reviews.models import Contest
from linli.sharing.models import Item
from linli.surveys.models import Survey
from linli.volunteering.models import Activity, Team
from linli.votes.models import Vote

RESIDENT_PAGES = (
    "community home",
    "surveys list",
    "survey detail",
    "survey results",
    "votes list",
    "vote detail",
    "vote results",
    "meetings list",
    "meeting detail",
    "proposals list",
    "proposal detail",
    "volunteering list",
    "team detail",
    "activity detail",
    "sharing board",
    "sharing item",
    "opinions list",
    "opinion detail",
    "engagement list",
    "engagement detail",
    "budgets list",
    "budget detail",
    "budget results",
    "budget project",
    "grants",
    "grant call",
    "grant application",
    "contests",
    "contest detail",
    "contest results",
    "contest application",
    "contest showcase",
    "contest being scored",
    "contest entry being scored",
)
ORGANISER_PAGES = (
    *RESIDENT_PAGES,
    "participation ledger",
    "insights fair",
    "insights ladder",
    "insights figures",
)


def page_urls(community: Community) -> dict[str, str]:
    """One URL per page type, for the community's oldest (closed) thing of each kind."""
    slug = community.slug
    now = timezone.now()

    def url(name: str, *args: object) -> str:
        return reverse(name, args=(slug, *args))

    oldest_survey = Survey.objects.filter(community=community).order_by("opens_at").first()
    closed_vote = Vote.objects.filter(community=community, closes_at__lt=now).order_by("pk").first()
    meeting = Meeting.objects.filter(community=community).order_by("starts_at").first()
    proposal = Proposal.objects.filter(community=community).order_by("pk").first()
    team = Team.objects.filter(community=community).order_by("pk").first()
    activity = Activity.objects.filter(team__community=community).order_by("pk").first()
    item = Item.objects.filter(community=community).order_by("pk").first()
    conversation = Conversation.objects.filter(community=community).order_by("pk").first()
    project = Project.objects.filter(community=community).order_by("pk").first()
    process = Process.objects.filter(community=community).order_by("pk").first()
    funded = Idea.objects.filter(process=process, work=Idea.Work.DONE).order_by("pk").first()
    assert process and funded, "the generated community has a counted budget with a project done"
    call = Call.objects.filter(community=community).order_by("pk").first()
    awarded = Application.objects.filter(call=call, status="awarded").order_by("pk").first()
    assert call and awarded, "the generated community has a decided grants call"
    contest = Contest.objects.filter(community=community, stage="done").order_by("pk").first()
    scoring = Contest.objects.filter(community=community, stage="scoring").first()
    winner = ContestApplication.objects.filter(contest=contest, rank=1).first()
    entry = ContestApplication.objects.filter(contest=scoring).order_by("pk").first()
    assert contest and scoring and winner and entry, (
        "the generated community has a finished contest and one being scored"
    )
    found = [oldest_survey, closed_vote, meeting, proposal, team, activity, item, conversation]
    assert all(found) and project, "the generated community has something of every kind"
    assert oldest_survey and closed_vote and meeting and proposal and team and activity
    assert item and conversation
    return {
        "community home": reverse("core:community", args=(slug,)),
        "surveys list": url("surveys:list"),
        "survey detail": url("surveys:detail", oldest_survey.pk),
        "survey results": url("surveys:results", oldest_survey.pk),
        "votes list": url("votes:list"),
        "vote detail": url("votes:detail", closed_vote.pk),
        "vote results": url("votes:results", closed_vote.pk),
        "meetings list": url("meetings:list"),
        "meeting detail": url("meetings:detail", meeting.pk),
        "proposals list": url("proposals:list"),
        "proposal detail": url("proposals:detail", proposal.pk),
        "volunteering list": url("volunteering:list"),
        "team detail": url("volunteering:team", team.pk),
        "activity detail": url("volunteering:activity", activity.pk),
        "sharing board": url("sharing:board"),
        "sharing item": url("sharing:item", item.pk),
        "opinions list": url("opinions:list"),
        "opinion detail": url("opinions:detail", conversation.pk),
        "engagement list": url("engagement:list"),
        "engagement detail": url("engagement:detail", project.pk),
        "participation ledger": url("participation:ledger"),
        "insights fair": url("insights:fair"),
        "insights ladder": url("insights:ladder"),
        "insights figures": url("insights:figures"),
        "budgets list": url("budgeting:list"),
        "budget detail": url("budgeting:detail", process.pk),
        "budget results": url("budgeting:results", process.pk),
        "budget project": url("budgeting:project", funded.pk),
        "grants": url("grants:index"),
        "grant call": url("grants:call", call.pk),
        "grant application": url("grants:application", awarded.pk),
        "contests": url("reviews:index"),
        "contest detail": url("reviews:contest", contest.pk),
        "contest results": url("reviews:results", contest.pk),
        "contest application": url("reviews:application", contest.pk, winner.pk),
        "contest showcase": url("reviews:showcase"),
        "contest being scored": url("reviews:contest", scoring.pk),
        "contest entry being scored": url("reviews:application", scoring.pk, entry.pk),
    }
