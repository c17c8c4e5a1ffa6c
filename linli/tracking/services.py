"""Commands on a funded project. The source app's own command (or resident-side function) checks
its finer rules first and calls these inside its transaction; each of these checks the shared
rule again (``rules.py``: the source says who may) and writes the audit log."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core import documents, photos
from linli.core.kit import Refused, audit, command
from linli.core.models import Member, User

from .models import MAX_FEN, FundedProject, Milestone, Photo, Spending, TeamMember
from .queries import project_of
from .sources import source_for


def to_fen(amount: Any) -> int:
    """Yuan (int, Decimal or text, at most two decimals) as integer fen; bad input is Refused."""
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, ValueError):
        raise Refused(_("Give an amount above 0."), "amount") from None
    if not value.is_finite() or value != value.quantize(Decimal("0.01")):
        raise Refused(_("Give the amount in yuan with at most two decimals."), "amount")
    fen = int((value * 100).to_integral_value(rounding=ROUND_HALF_UP))
    if fen <= 0:
        raise Refused(_("Give an amount above 0."), "amount")
    if fen > MAX_FEN:
        raise Refused(_("This amount is too large."), "amount")
    return fen


def project_for(source: Model) -> FundedProject:
    """The source's funded project, made the first time something is recorded on it. Only for
    commands (a GET never writes): the caller is inside one."""
    found = project_of(source)
    if found is not None:
        return found
    entry = source_for(source)
    project, _created = FundedProject.objects.get_or_create(
        source_type=ContentType.objects.get_for_model(source),
        source_id=source.pk,
        defaults={"community": entry.community(source)},
    )
    return project


def _not_now(verb: str, project: FundedProject) -> None:
    source: Any = project.source
    words = source_for(source).refusal(verb, source)
    if words:
        raise Refused(str(words))


# --- team -----------------------------------------------------------------------------------


def _recorder(actor: User, member: Member | None) -> User | None:
    """Who recorded an agreement: nobody when the person gave it with their own account."""
    return None if member is not None and member.user_id == actor.pk else actor


@command("tracking.team", on="project")
def add_member(
    actor: User,
    project: FundedProject,
    member: Member | None,
    task: str = "",
    *,
    name: str = "",
    consented: bool = False,
) -> TeamMember:
    """Put someone on the team: a resident (``member``), or - where the source allows people
    without an account - only a ``name``. ``consented``: they agreed to be named, in person (the
    actor recording it); otherwise a resident is named in public only once they agree."""
    _not_now("team", project)
    if member is None and not name.strip():
        raise Refused(_("Give the name."), "name")
    if member is not None and member.community_id != project.community_id:
        raise Refused(_("Choose members of this community."), "member")
    if member is not None and project.team.filter(member=member).exists():
        raise Refused(_("This person is already on the team."), "member")
    entry = TeamMember.objects.create(
        project=project,
        member=member,
        name=name.strip(),
        task=task.strip(),
        consented_at=timezone.now() if consented else None,
        consent_by=_recorder(actor, member) if consented else None,
    )
    audit(
        "tracking.team_added",
        project,
        after={"member": member.pk if member else None, "name": entry.name, "task": entry.task},
    )
    return entry


@command("tracking.team", on="project")
def set_team(
    actor: User, project: FundedProject, members: Iterable[Member], *, consented: bool = True
) -> list[TeamMember]:
    """Make the team exactly ``members``: the others leave, newcomers join (agreed in person
    when ``consented``); who stays keeps their task and consent."""
    _not_now("team", project)
    wanted = {m.pk: m for m in members}
    if any(m.community_id != project.community_id for m in wanted.values()):
        raise Refused(_("Choose members of this community."), "team")
    project.team.exclude(member_id__in=wanted).delete()
    have = set(project.team.values_list("member_id", flat=True))
    now = timezone.now() if consented else None
    for pk, member in wanted.items():
        if pk not in have:
            TeamMember.objects.create(
                project=project,
                member=member,
                consented_at=now,
                consent_by=_recorder(actor, member) if consented else None,
            )
    audit("tracking.team_set", project, after={"members": sorted(wanted)})
    return list(project.team.all())


@command("tracking.consent", on="entry")
def consent(actor: User, entry: TeamMember, agree: bool) -> TeamMember:
    """The team member's own answer: may the project name them in public?"""
    entry.consented_at = timezone.now() if agree else None
    entry.consent_by = None
    entry.save(update_fields=["consented_at", "consent_by"])
    audit("tracking.consent", entry.project, after={"member": entry.member_id, "agree": agree})
    return entry


@command("tracking.team", on="entry")
def record_consent(actor: User, entry: TeamMember, agree: bool) -> TeamMember:
    """The answer of someone without an account, given in person and recorded by whoever keeps
    the team (the lead, staff). A resident with an account answers for themselves."""
    if entry.member is not None and entry.member.user_id is not None:
        raise Refused(_("Residents with an account say this themselves."))
    entry.consented_at = timezone.now() if agree else None
    entry.consent_by = actor if agree else None
    entry.save(update_fields=["consented_at", "consent_by"])
    audit("tracking.consent", entry.project, after={"name": entry.shown_name, "agree": agree})
    return entry


# --- milestones -----------------------------------------------------------------------------


@command("tracking.plan", on="project")
def add_milestone(
    actor: User,
    project: FundedProject,
    title: str,
    due: date | None,
    *,
    amount: int | None = None,
    due_required: bool = True,
) -> Milestone:
    """A step of the work; with ``amount`` (whole yuan), a payment stage: the funds released
    when it is reached (the source checks they stay within its award)."""
    _not_now("plan", project)
    if not title.strip():
        raise Refused(_("Give the milestone a title."), "title")
    if due is None and due_required:
        raise Refused(_("Give the date it is due."), "due")
    if amount is not None and amount < 0:
        raise Refused(_("Give an amount of 0 or more."), "amount")
    milestone = Milestone.objects.create(
        project=project, title=title.strip(), due=due, amount=amount
    )
    audit(
        "tracking.milestone",
        project,
        after={"title": milestone.title, "due": str(due) if due else None, "amount": amount},
    )
    return milestone


@command("tracking.record", on="milestone")
def milestone_done(
    actor: User, milestone: Milestone, done_on: date | None = None, evidence: str = ""
) -> Milestone:
    """The milestone is reached (for a payment stage: its funds are released), with what shows
    it, when the source asks for that."""
    _not_now("record", milestone.project)
    milestone.done_on = done_on or timezone.localdate()
    milestone.evidence = evidence.strip()
    milestone.done_by = actor
    milestone.save(update_fields=["done_on", "evidence", "done_by"])
    audit(
        "tracking.milestone_done",
        milestone.project,
        after={"milestone": milestone.pk, "amount": milestone.amount},
    )
    return milestone


# --- spending and photos --------------------------------------------------------------------


@command("tracking.record", on="project")
def add_spending(
    actor: User,
    project: FundedProject,
    *,
    amount: Any,
    what: str,
    spent_on: date | None = None,
    receipt: Any = None,
    receipt_required: bool = True,
    category: str = "",
) -> Spending:
    """Money paid, in yuan to the fen (stored as integer fen), with a photo or PDF of the
    receipt (required unless the source says otherwise)."""
    _not_now("record", project)
    fen = to_fen(amount)
    if not what.strip():
        raise Refused(_("Say what the money was spent on."), "what")
    if receipt_required and not receipt:
        raise Refused(_("A photo of the receipt is required."), "receipt")
    entry = Spending.objects.create(
        project=project,
        category=category,
        what=what.strip(),
        amount_fen=fen,
        spent_on=spent_on or timezone.localdate(),
        receipt=documents.receipt(receipt) if receipt else "",
        recorded_by=actor,
    )
    audit("tracking.spending", project, after={"what": entry.what, "fen": fen})
    return entry


@command("tracking.photo", on="project")
def add_photo(
    actor: User, project: FundedProject, image: Any, caption: str, kind: str = ""
) -> Photo:
    """A photo of the work; ``kind``: before or after it, where the source shows them so."""
    _not_now("photo", project)
    if not image:
        raise Refused(_("Choose a photo."), "image")
    if kind and kind not in Photo.Kind.values:
        raise Refused(_("Say whether the photo is before or after the work."), "kind")
    photo = Photo.objects.create(
        project=project, image=photos.shrink(image), caption=caption, kind=kind
    )
    audit("tracking.photo", project, after={"caption": caption, "kind": kind})
    return photo
