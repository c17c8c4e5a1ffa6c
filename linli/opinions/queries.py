"""What people read about opinion-mapping conversations: selections and summaries that change
nothing (no GET writes). Pages and the API read through these; the commands in ``services.py``
change state."""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from linli.core.models import Community, Member
from linli.core.open_now import OpenItem
from linli.core.permissions import Standing, can, member_of, require, standing
from linli.core.script import to_script
from linli.engagement.links import LinkedItem
from linli.proposals import similarity

from . import map_svg
from .models import Analysis, Conversation, Statement, Vote

SIMILAR_ENOUGH = 0.35  # cosine similarity of character bigrams: "says much the same"


# --- Which conversations -------------------------------------------------------------------------


def visible_conversations(user: Any, community: Community) -> QuerySet[Conversation]:
    """Public conversations for everyone; all of them for the community's residents."""
    found = Conversation.objects.filter(community=community).select_related("project")
    if standing(user, community) >= Standing.RESIDENT:
        return found
    return found.filter(is_public=True)


def visible_conversation(user: Any, community: Community, pk: int) -> Conversation:
    """The conversation, or 404 when it does not exist or the user may not read it."""
    conversation = visible_conversations(user, community).filter(pk=pk).first()
    if conversation is None:
        raise Http404
    return conversation


def managed_conversation(user: Any, community: Community, pk: int) -> Conversation:
    require(user, "opinions.manage", community)
    conversation = Conversation.objects.filter(community=community, pk=pk).first()
    if conversation is None:
        raise Http404
    return conversation


def accepted_statements(conversation: Conversation) -> QuerySet[Statement]:
    return conversation.statements.filter(status=Statement.Status.ACCEPTED)


def pending_statements(conversation: Conversation) -> QuerySet[Statement]:
    return conversation.statements.filter(status=Statement.Status.PENDING).select_related("author")


def own_statements(conversation: Conversation, member: Member | None) -> QuerySet[Statement]:
    if member is None:
        return Statement.objects.none()
    return conversation.statements.filter(author=member, is_seed=False)


# --- One statement at a time ---------------------------------------------------------------------


def next_statement(conversation: Conversation, member: Member | None) -> Statement | None:
    """The accepted statement the member has not voted on that the fewest people have seen (ties:
    the earliest), so new statements get votes quickly and everyone sees the same order."""
    if member is None:
        return None
    voted = Vote.objects.filter(conversation=conversation, member=member).values("statement")
    return (
        accepted_statements(conversation)
        .exclude(pk__in=voted)
        .annotate(seen=Count("votes"))
        .order_by("seen", "number")
        .first()
    )


@dataclass(frozen=True)
class Progress:
    voted: int
    total: int

    @property
    def remaining(self) -> int:
        return max(self.total - self.voted, 0)


def progress(conversation: Conversation, member: Member | None) -> Progress:
    total = accepted_statements(conversation).count()
    if member is None:
        return Progress(0, total)
    voted = Vote.objects.filter(
        conversation=conversation, member=member, statement__status=Statement.Status.ACCEPTED
    ).count()
    return Progress(voted, total)


def my_votes(conversation: Conversation, member: Member | None) -> dict[int, int]:
    if member is None:
        return {}
    return dict(
        Vote.objects.filter(conversation=conversation, member=member).values_list(
            "statement_id", "choice"
        )
    )


def similar_statements(conversation: Conversation, text: str) -> list[Statement]:
    """Statements already in the conversation (accepted or waiting) that say much the same."""
    candidates = conversation.statements.exclude(status=Statement.Status.REJECTED)
    documents = [(s.pk, s.text) for s in candidates.only("pk", "text")]
    found = similarity.similar(text, documents, limit=3, min_score=SIMILAR_ENOUGH)
    by_id = {s.pk: s for s in candidates.filter(pk__in=[pk for pk, _score in found])}
    return [by_id[pk] for pk, _score in found if pk in by_id]  # type: ignore[index]


# --- Results -------------------------------------------------------------------------------------


def group_name(group: int) -> str:
    return _("Group %(letter)s") % {"letter": string.ascii_uppercase[group % 26]}


@dataclass
class Said:
    """A statement with how a group (or every group) voted on it, in words."""

    statement: Statement
    direction: str
    percent: int  # smoothed rate, as a whole percent
    rest_percent: int | None = None
    group_percents: list[tuple[str, int]] = field(default_factory=list)

    @property
    def words(self) -> str:
        if self.direction == "agree":
            return _("%(p)d%% agree") % {"p": self.percent}
        return _("%(p)d%% disagree") % {"p": self.percent}


@dataclass
class GroupCard:
    group: int
    name: str
    size: int
    colour: str
    shape: str
    representative: list[Said]


@dataclass
class Results:
    analysis: Analysis | None
    groups: list[GroupCard]
    consensus: list[Said]
    svg: str
    table: list[tuple[str, int, int]]  # group name, people, percent of those in groups
    ungrouped: int  # voted, but too little to be placed

    @property
    def has_groups(self) -> bool:
        return bool(self.groups)


def _percent(rate: float) -> int:
    return round(100 * rate)


def results(conversation: Conversation) -> Results:
    """The stored analysis, ready for the results page: the map, group cards, consensus."""
    analysis = Analysis.objects.filter(conversation=conversation).first()
    if analysis is None or analysis.n_groups == 0:
        return Results(analysis, [], [], "", [], analysis.participants if analysis else 0)
    data = analysis.data
    by_id = {s.pk: s for s in conversation.statements.all()}
    sizes = {int(g): n for g, n in data.get("group_sizes", {}).items()}
    cards = []
    for group in sorted(sizes):
        said = [
            Said(
                by_id[r["statement"]],
                r["direction"],
                _percent(r["rate"]),
                _percent(r["rest_rate"]),
            )
            for r in data.get("representative", {}).get(str(group), [])
            if r["statement"] in by_id and by_id[r["statement"]].status == Statement.Status.ACCEPTED
        ]
        cards.append(
            GroupCard(
                group,
                group_name(group),
                sizes[group],
                map_svg.colour_of(group),
                map_svg.shape_of(group),
                said,
            )
        )
    names = [group_name(g) for g in sorted(sizes)]
    consensus = [
        Said(
            by_id[c["statement"]],
            c["direction"],
            _percent(min(c["rates"])),
            group_percents=list(zip(names, [_percent(r) for r in c["rates"]], strict=False)),
        )
        for c in data.get("consensus", [])
        if c["statement"] in by_id and by_id[c["statement"]].status == Statement.Status.ACCEPTED
    ]
    total = sum(sizes.values()) or 1
    groups = data.get("groups", {})
    dots = [
        map_svg.Dot(
            x,
            y,
            groups.get(member),
            _("A participant in %(group)s") % {"group": group_name(groups[member])},
        )
        for member, (x, y) in sorted(data.get("points", {}).items())
        if member in groups
    ]
    label = _(
        "Map of %(people)d participants in %(n)d opinion groups; people who voted alike are close "
        "together. The table beside it gives the same numbers."
    ) % {"people": len(dots), "n": len(cards)}
    svg = map_svg.render(dots, {card.group: card.name for card in cards}, label)
    table = [(card.name, card.size, round(100 * card.size / total)) for card in cards]
    return Results(analysis, cards, consensus, svg, table, analysis.participants - len(dots))


def statement_counts(conversation: Conversation) -> QuerySet[Statement]:
    """Accepted statements with their agree / disagree / pass counts, for the report and tables."""
    return accepted_statements(conversation).annotate(
        agree=Count("votes", filter=Q(votes__choice=Vote.Choice.AGREE)),
        disagree=Count("votes", filter=Q(votes__choice=Vote.Choice.DISAGREE)),
        passed=Count("votes", filter=Q(votes__choice=Vote.Choice.PASS)),
    )


def sheet_members(conversation: Conversation) -> QuerySet[Member]:
    """Whose paper sheet staff may enter: the community's verified members."""
    return Member.objects.filter(
        community=conversation.community, status=Member.Status.VERIFIED
    ).order_by("name", "pk")


def can_vote(user: Any, conversation: Conversation) -> bool:
    return (
        can(user, "opinions.vote", conversation)
        and member_of(user, conversation.community) is not None
    )


# --- Home page and project page ------------------------------------------------------------------


def open_items(community: Community, user: Any) -> list[OpenItem]:
    return [
        OpenItem(
            kind=_("Opinion mapping"),
            title=conversation.title,
            url=conversation.get_absolute_url(),
            summary=to_script(conversation.question),
        )
        for conversation in visible_conversations(user, community).filter(
            status=Conversation.Status.OPEN
        )
    ]


def project_items(project: Any) -> list[LinkedItem]:
    return [
        LinkedItem(
            title=conversation.title,
            url=conversation.get_absolute_url(),
            status=str(conversation.get_status_display()),
            is_open=conversation.is_open,
            kind=_("Opinion mapping"),
        )
        for conversation in project.conversations.filter(is_public=True)
    ]
