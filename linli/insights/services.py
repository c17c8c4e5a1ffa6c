"""Commands of insights: importing population margins and acting on a flag (letters, a call
list, a targeted message, any other follow-up), each recorded as a ``FollowUp`` with the flag's
ratio at that moment so the page shows whether the gap closed afterwards. And the daily sweep
that raises flags in open consultations and tells the organisers once per new flag."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from linli.core.kit import Refused, audit, command, ledger
from linli.core.letters import invitation_letters
from linli.core.models import Community, Household, Member, Role, User
from linli.core.notify import notify

from . import before_after, queries
from .margin_import import Preview
from .models import DailyCheck, Flag, FollowUp, Margin
from .subjects import Subject, open_subjects, subject

FLAG_KIND = "insights_flag"
INVITATION_KIND = "insights_invitation"
CHECK_EVERY = timedelta(hours=23)  # "daily", with room for the worker's five-minute rhythm
MAX_MESSAGE = 1000


# --- margins ----------------------------------------------------------------------------------


@command("insights.manage", on="community")
def import_margins(actor: User, community: Community, result: Preview, source: str = "") -> int:
    """Replace the community's population margins with the file's rows, or change nothing."""
    if not result.ok:
        raise Refused(_("The file has errors; nothing was imported."))
    before = Margin.objects.filter(community=community).count()
    Margin.objects.filter(community=community).delete()
    Margin.objects.bulk_create(
        Margin(
            community=community,
            area_id=row.area_id,
            dimension=row.dimension,
            group=row.group,
            people=row.people,
            source=(row.values.get("source") or source)[:120],
        )
        for row in result.rows
    )
    audit(
        "insights.import_margins",
        community=community,
        before={"rows": before},
        after={"rows": len(result.rows), "source": source},
    )
    return len(result.rows)


# --- acting on a flag -------------------------------------------------------------------------


def _record(
    flag: Flag, kind: str, households: int, note: str = "", by: User | None = None
) -> FollowUp:
    follow_up = FollowUp.objects.create(
        flag=flag,
        kind=kind,
        households=households,
        note=note,
        done_by=by,
        ratio_before=flag.ratio_now if flag.ratio_now is not None else flag.ratio_when_raised,
    )
    audit(
        f"insights.follow_up.{kind}",
        flag,
        after={"flag": flag.pk, "households": households, "note": note[:200]},
    )
    return follow_up


def _missing(flag: Flag) -> tuple[Subject, Any]:
    about = subject(flag.community, flag.subject)
    return about, queries.missing_households(flag.community, flag, about)


@command("insights.act_on_flag", on="flag", lock=True)
def print_letters(actor: User, flag: Flag, language: str) -> bytes:
    """Invitation letters for every household of the group that has not taken part yet."""
    _about, households = _missing(flag)
    rows = list(households[:2000])
    if not rows:
        raise Refused(_("Every household of this group has taken part already."))
    _record(flag, FollowUp.Kind.LETTERS, len(rows), by=actor)
    return invitation_letters(flag.community, rows, language)


def _cell(value: Any) -> str:
    """A spreadsheet cell that is never read as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@command("insights.act_on_flag", on="flag", lock=True)
def call_list(actor: User, flag: Flag) -> bytes:
    """A CSV of the households to call: address, contact, phone, residents and their language."""
    _about, households = _missing(flag)
    rows = list(households[:5000])
    members: dict[int, list[Member]] = {}
    for member in queries.reachable_members([h.pk for h in rows]):
        if member.household_id is not None:
            members.setdefault(member.household_id, []).append(member)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            _("Address"),
            pgettext("call list", "Contact"),
            _("Phone"),
            _("Residents"),
            _("Language"),
            _("Notes"),
        ]
    )
    for household in rows:
        people = members.get(household.pk, [])
        writer.writerow(
            _cell(v)
            for v in (
                household.flat.label,
                household.contact_name,
                household.contact_phone or next((m.phone for m in people if m.phone), ""),
                "、".join(m.name for m in people),
                " ".join(sorted({m.language for m in people if m.language})),
                "",
            )
        )
    _record(flag, FollowUp.Kind.CALL_LIST, len(rows), by=actor)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


@command("insights.act_on_flag", on="flag", lock=True)
def send_invitation(actor: User, flag: Flag, note: str = "") -> int:
    """A message to each resident of the households not yet reached, in their own language (the
    words are ours and translated; the organiser's note is added as written)."""
    note = note.strip()
    if len(note) > MAX_MESSAGE:
        raise Refused(_("Keep the note under %(n)d characters.") % {"n": MAX_MESSAGE}, "note")
    about, households = _missing(flag)
    recipients = list(queries.reachable_members(households))
    if not recipients:
        raise Refused(_("No resident of these households can be reached online."))
    body: Any = (
        gettext_lazy(
            "Few households like yours have taken part in “%(title)s” so far, and we want to "
            "hear from you. You can take part online, on paper at the community office, or by "
            "phone; staff will help. %(note)s"
        ),
        {"title": about.title, "note": note},
    )
    for member in recipients:
        notify(
            member,
            INVITATION_KIND,
            (gettext_lazy("Your voice is missing: %(title)s"), {"title": about.title}),
            body,
            url=about.url,
            community=flag.community,
        )
    households_reached = len({m.household_id for m in recipients})
    _record(flag, FollowUp.Kind.MESSAGE, households_reached, note, by=actor)
    return len(recipients)


@command("insights.manage", on="flag", lock=True)
def record_follow_up(
    actor: User, flag: Flag, kind: str, households: int = 0, note: str = ""
) -> FollowUp:
    """Something done away from the screen: home visits, a meeting in the courtyard..."""
    if kind not in FollowUp.Kind.values:
        raise Refused(_("Choose what was done from the list."), "kind")
    if households < 0 or households > 100_000:
        raise Refused(_("Give the number of households reached."), "households")
    if len(note) > MAX_MESSAGE:
        raise Refused(_("Keep the note under %(n)d characters.") % {"n": MAX_MESSAGE}, "note")
    return _record(flag, kind, households, note.strip(), by=actor)


# --- the daily sweep --------------------------------------------------------------------------


def _organisers(community: Community) -> list[Member]:
    return list(
        Member.objects.filter(
            community=community,
            status=Member.Status.VERIFIED,
            role__in=[Role.ORGANISER, Role.COMMUNITY_ADMIN],
            user__isnull=False,
        ).select_related("user")
    )


def check_community(community: Community, now: Any = None) -> dict[str, int]:
    """Measure every open consultation: raise new flags (telling organisers once), re-measure
    flags already raised, and close the flags of consultations no longer open."""
    now = now or timezone.now()
    raised = measured = closed = 0
    open_keys = set()
    for about in open_subjects(community):
        open_keys.add(about.key)
        result = queries.measure(community, about)
        current = {(d, g): r for d, g, r in queries.flagged_groups(result)}
        for flag in Flag.objects.filter(community=community, subject=about.key, closed_at=None):
            ratio = queries.ratio_of(result, flag.dimension, flag.group)
            flag.ratio_now, flag.measured_at = ratio, now
            flag.save(update_fields=["ratio_now", "measured_at"])
            measured += 1
            current.pop((flag.dimension, flag.group), None)
        for (dimension, group), ratio in current.items():
            flag, created = Flag.objects.get_or_create(
                community=community,
                subject=about.key,
                dimension=dimension,
                group=group,
                defaults={
                    "subject_title": about.title[:200],
                    "ratio_when_raised": ratio,
                    "ratio_now": ratio,
                    "raised_at": now,
                    "measured_at": now,
                },
            )
            if not created:
                continue  # a flag closed earlier for the same group is not raised again
            raised += 1
            label = queries.group_label(dimension, group)
            url = reverse("insights:flag", args=[community.slug, flag.pk])
            for organiser in _organisers(community):
                notify(
                    organiser,
                    FLAG_KIND,
                    (
                        gettext_lazy("Under-reached: %(group)s in “%(title)s”"),
                        {"group": label, "title": about.title},
                    ),
                    (
                        gettext_lazy(
                            "This group is taking part at %(percent)s%% of the rate of the "
                            "best-reached group. Open the flag to print letters, take a call "
                            "list or send an invitation."
                        ),
                        {"percent": round(100 * ratio)},
                    ),
                    url=url,
                    community=community,
                )
    for flag in Flag.objects.filter(community=community, closed_at=None).exclude(
        subject__in=open_keys
    ):
        flag.closed_at = now
        flag.save(update_fields=["closed_at"])
        closed += 1
    return {"flags_raised": raised, "flags_measured": measured, "flags_closed": closed}


def sweep(now: Any = None) -> dict[str, int]:
    """Check each community at most once a day."""
    now = now or timezone.now()
    totals = {"communities_checked": 0, "flags_raised": 0, "flags_measured": 0, "flags_closed": 0}
    for community in Community.objects.exclude(insight_check__checked_at__gt=now - CHECK_EVERY):
        with transaction.atomic():
            DailyCheck.objects.update_or_create(community=community, defaults={"checked_at": now})
            for key, value in check_community(community, now).items():
                totals[key] += value
        totals["communities_checked"] += 1
    return totals


# --- "informed": reading a notice ---------------------------------------------------------------


@command("insights.own_ladder", on="notice")
def mark_notice_read(actor: User, notice: Any) -> bool:
    """A resident read a notice: the first rung of the ladder ("informed"), recorded once.

    Reading is recorded only on a POST - the "I have read this" button, or the beacon the notices
    page sends when a notice has been on screen for a few seconds - never on a GET, which must not
    write (a link preview or a prefetch would count people who read nothing). Returns whether
    this was the first time."""
    from linli.core.permissions import member_of
    from linli.participation.models import Act, Channel, Depth, Method

    member = member_of(actor, notice.community)
    if member is None:
        raise Refused(_("Only members of the community record reading its notices."))
    first = not Act.objects.filter(
        member=member, method=Method.OTHER, source_type="core.notice", source_id=str(notice.pk)
    ).exists()
    ledger(member, method=Method.OTHER, channel=Channel.ONLINE, depth=Depth.INFORMED, source=notice)
    return first


# --- home visits and the leader pipeline ----------------------------------------------------------


@command("insights.visit", on="household")
def log_visit(
    actor: User,
    household: Any,
    *,
    visited_on: Any = None,
    resident: Member | None = None,
    concerns: str = "",
    follow_ups: str = "",
    possible_leader: bool = False,
) -> Any:
    """Record a home visit. The resident spoken with (if named) was consulted at their door: one
    ledger row, depth 2, door to door."""
    from linli.participation.models import Channel, Depth, Method

    from .models import HomeVisit

    if resident is not None and resident.household_id != household.pk:
        raise Refused(_("Choose someone who lives in this household."), "resident")
    if len(concerns) > 4000 or len(follow_ups) > 4000:
        raise Refused(_("Keep each text under 4000 characters."), "concerns")
    visit = HomeVisit.objects.create(
        community=household.community,
        household=household,
        visitor=actor,
        visited_on=visited_on or timezone.localdate(),
        resident=resident,
        concerns=concerns.strip(),
        follow_ups=follow_ups.strip(),
        possible_leader=possible_leader and resident is not None,
    )
    if resident is not None:
        ledger(
            resident,
            method=Method.FEEDBACK,
            channel=Channel.DOOR_TO_DOOR,
            depth=Depth.CONSULTED,
            source=visit,
            recorded_by=actor,
        )
    audit(
        "insights.visit", visit, after={"household": household.pk, "leader": visit.possible_leader}
    )
    return visit


@command("insights.manage", on="member")
def move_candidate(actor: User, member: Member, stage: str, note: str = "") -> Any:
    """Put a resident on the leader pipeline, or move them to another stage, with a note."""
    from .models import LeaderCandidate

    if stage not in LeaderCandidate.Stage.values:
        raise Refused(_("Choose a stage from the list."), "stage")
    if len(note) > 2000:
        raise Refused(_("Keep the note under %(n)d characters.") % {"n": 2000}, "note")
    candidate = LeaderCandidate.objects.filter(member=member).first()
    before = None if candidate is None else {"stage": candidate.stage}
    if candidate is None:
        candidate = LeaderCandidate(community=member.community, member=member)
    candidate.stage = stage
    stamp = timezone.localdate().isoformat()
    if note.strip():
        candidate.notes = f"{candidate.notes}\n{stamp} {note.strip()}".strip()
    candidate.updated_by = actor
    candidate.save()
    audit("insights.leader_stage", candidate, before=before, after={"stage": stage})
    return candidate


# --- project targets ----------------------------------------------------------------------------

MAX_TARGETS = 5


@command("insights.set_target", on="project", lock=True)
def set_target(
    actor: User,
    project: Any,
    kind: str,
    baseline: float,
    target: float,
    question: Any = None,
    repeated: Any = None,
) -> Any:
    """Add one of the project's 3 to 5 targets with its baseline, while it is planned. A
    satisfaction target may name a repeated question: its later survey is the one measured,
    and the page shows the change since the earlier one with its interval."""
    from .models import ProjectTarget

    if repeated is not None:
        if kind != ProjectTarget.Kind.SATISFACTION or repeated.community_id != project.community_id:
            raise Refused(_("A repeated question measures satisfaction only."), "repeated")
        question = repeated.after

    if kind not in ProjectTarget.Kind.values:
        raise Refused(_("Choose what is measured from the list."), "kind")
    if ProjectTarget.objects.filter(project=project).count() >= MAX_TARGETS:
        raise Refused(_("A project has at most five targets."))
    if kind == ProjectTarget.Kind.SATISFACTION and (
        question is None or question.survey.community_id != project.community_id
    ):
        raise Refused(_("Choose the survey question satisfaction is measured by."), "question")
    share = kind != ProjectTarget.Kind.NEW_LEADERS
    for value, field in ((baseline, "baseline"), (target, "target")):
        if value < 0 or (share and value > 1):
            raise Refused(_("Give a share between 0 and 1, or a number of leaders."), field)
    made = ProjectTarget.objects.create(
        project=project,
        kind=kind,
        baseline=baseline,
        target=target,
        question=question,
        repeated=repeated,
    )
    audit(
        "insights.set_target",
        made,
        community=project.community,
        after={"kind": kind, "target": target},
    )
    return made


@command("insights.measure_targets", on="project", lock=True)
def measure_targets(actor: User, project: Any) -> list[Any]:
    """Compute each target's actual value now the project has closed."""
    from linli.participation.models import Act

    from .models import LeaderCandidate, ProjectTarget

    households = Household.objects.filter(community=project.community)
    if project.areas.exists():
        households = households.filter(area__in=project.areas.all())
    took = Act.objects.filter(project=project, household__in=households).values("household_id")
    started = project.starts_on or project.created_at.date()
    now = timezone.now()
    done = []
    for item in ProjectTarget.objects.filter(project=project):
        if item.kind == ProjectTarget.Kind.HOUSEHOLD_SHARE:
            total = households.count()
            item.actual = took.distinct().count() / total if total else None
        elif item.kind == ProjectTarget.Kind.NEW_LEADERS:
            item.actual = LeaderCandidate.objects.filter(
                community=project.community,
                stage=LeaderCandidate.Stage.LEADING,
                updated_at__date__gte=started,
            ).count()
        elif item.repeated is not None:
            compared = before_after.compare(item.repeated)
            item.actual = compared.after.share
            if item.actual is None:  # withheld on public pages; staff see their own target
                item.actual = before_after.top_share(item.repeated.after)
        elif item.question is not None:
            item.actual = before_after.top_share(item.question)
        item.computed_at = now
        item.save(update_fields=["actual", "computed_at"])
        done.append(item)
    audit("insights.measure_targets", project, after={"targets": len(done)})
    return done


# --- before and after: a repeated survey question ------------------------------------------------


@command("insights.manage", on="community")
def choose_repeated_question(
    actor: User, community: Community, before: Any, after: Any, weighting: str = ""
) -> Any:
    """Publish the comparison of one question asked in two surveys (figures page, report)."""
    from linli.surveys.models import Question

    from .models import RepeatedQuestion

    for question, field in ((before, "before"), (after, "after")):
        if question is None or question.survey.community_id != community.pk:
            raise Refused(_("Choose a question of this community's surveys."), field)
        if question.kind not in (Question.Kind.SCALE, Question.Kind.SINGLE):
            raise Refused(_("Choose a rating scale or a single-choice question."), field)
    if before.survey_id == after.survey_id:
        raise Refused(_("Choose the question in two different surveys."), "after")
    if before.kind != after.kind:
        raise Refused(_("Both questions must be of the same kind."), "after")
    if weighting not in RepeatedQuestion.Weighting.values:
        raise Refused(_("Choose a weighting from the list."), "weighting")
    made, _created = RepeatedQuestion.objects.update_or_create(
        community=community,
        before=before,
        after=after,
        defaults={"weighting": weighting, "chosen_by": actor},
    )
    audit(
        "insights.choose_repeated_question",
        made,
        community=community,
        after={"before": before.pk, "after": after.pk, "weighting": weighting},
    )
    return made


@command("insights.manage", on="item")
def drop_repeated_question(actor: User, item: Any) -> None:
    """Stop publishing a comparison (targets that used it keep their question)."""
    audit(
        "insights.drop_repeated_question",
        item,
        community=item.community,
        before={"before": item.before_id, "after": item.after_id},
    )
    item.delete()
