"""Every change to a micro-grant call goes through here: permission, state, limits, ledger, audit
and notifications in one transaction. Scoring reuses the review boards' pure rules
(``linli.reviews.scoring``): weighted totals, the mean over members who scored, recusal,
normalisation and tie-breaks are the same for a contest and a grant panel."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from datetime import datetime, time
from typing import Any

from django.db import transaction
from django.db.models import Max, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit, documents, photos
from linli.core.models import Community, Member, Partner
from linli.core.notify import notify
from linli.core.open_now import OpenItem
from linli.core.permissions import can, member_of, require
from linli.core.services import ServiceError
from linli.engagement.links import LinkedItem
from linli.participation import services as ledger
from linli.participation.models import Channel, Depth, Method
from linli.reviews import scoring

from . import funding
from .models import (
    DEFAULT_CRITERIA,
    Agreement,
    Application,
    BudgetLine,
    Call,
    Criterion,
    Evaluation,
    Milestone,
    Photo,
    Report,
    Review,
    Score,
    Spending,
    TeamMember,
)

S = Application.Status
DUTIES = (
    "1. 按里程碑提交进度报告:开展的活动、参与人数、支出明细及票据照片。\n"
    "2. 项目结束后一个月内提交结项报告。\n"
    "3. 资金专款专用,变更预算须事先书面告知社区。\n"
    "4. 接受社区和居民的监督,配合年度评估。"
)


def _now() -> datetime:
    return timezone.now()


def _verified(member: Member | None, community: Community) -> Member:
    if member is None or member.community_id != community.pk or not member.is_verified:
        raise ServiceError(_("Only verified residents of this community can do this."))
    return member


def yuan(amount: int) -> str:
    return f"{amount:,}"


# --- Who sees what ----------------------------------------------------------------------------


def visible_calls(user: Any, community: Community) -> QuerySet[Call]:
    calls = Call.objects.filter(community=community).select_related("community")
    if can(user, "grants.manage", community):
        return calls
    return calls.exclude(status=Call.Status.DRAFT)


def on_panel(member: Member | None, call: Call) -> bool:
    return member is not None and call.panel.filter(pk=member.pk).exists()


def on_team(member: Member | None, application: Application) -> bool:
    if member is None:
        return False
    return application.lead_id == member.pk or application.team.filter(member=member).exists()


def may_read(user: Any, member: Member | None, application: Application) -> bool:
    """The whole application: its team, the panel (once submitted) and organisers."""
    call = application.call
    if can(user, "grants.manage", call.community) or on_team(member, application):
        return True
    return application.status != S.DRAFT and on_panel(member, call)


def is_public(application: Application) -> bool:
    return application.status == S.AWARDED


def may_see_photo(user: Any, photo: Photo) -> bool:
    """As the application page: its readers, and everybody once the grant is awarded."""
    application = photo.application
    community = application.call.community
    if not can(user, "grants.view", community):
        return False
    return may_read(user, member_of(user, community), application) or is_public(application)


def may_see_receipt(user: Any, spending: Spending) -> bool:
    """Only the application's readers (team, panel, organisers); others read "on file"."""
    application = spending.report.application
    community = application.call.community
    return can(user, "grants.view", community) and may_read(
        user, member_of(user, community), application
    )


# --- Calls ------------------------------------------------------------------------------------


def save_call(
    user: Any, call: Call, areas: Iterable[Any] = (), panel: Iterable[Member] = ()
) -> Call:
    require(user, "grants.manage", call.community)
    if call.closes_on < call.opens_on or call.review_by < call.closes_on:
        raise ServiceError(
            _("The dates must follow each other: open, close, review, award."), "closes_on"
        )
    if call.award_by < call.review_by:
        raise ServiceError(_("Awards cannot be announced before the review ends."), "award_by")
    if not call.themes:
        raise ServiceError(_("Offer at least one theme."), "themes")
    if call.community_cap < call.project_cap:
        raise ServiceError(
            _("The community's total cannot be smaller than the most for one project."),
            "community_cap",
        )
    new = call.pk is None
    with transaction.atomic():
        # The same lock as award(): a cap lowered while someone awards is checked against the
        # total after that award, so the community's yearly total never ends above its cap.
        Community.objects.select_for_update().get(pk=call.community_id)
        awarded = community_awarded(call.community, call.year)
        if call.community_cap < awarded:
            raise ServiceError(
                _(
                    "%(awarded)s yuan is already awarded in %(year)s; the community's total "
                    "cannot be set below that."
                )
                % {"awarded": yuan(awarded), "year": call.year},
                "community_cap",
            )
        largest = 0 if new else call.applications.aggregate(m=Max("award_amount"))["m"] or 0
        if call.project_cap < largest:
            raise ServiceError(
                _(
                    "A project of this call was already awarded %(n)s yuan; the most for one "
                    "project cannot be set below that."
                )
                % {"n": yuan(largest)},
                "project_cap",
            )
        call.save()
        call.areas.set(list(areas))
        call.panel.set([m for m in panel if m.community_id == call.community_id])
        if new:
            Criterion.objects.bulk_create(
                Criterion(call=call, name=str(name), weight=weight, order=i)
                for i, (name, weight) in enumerate(DEFAULT_CRITERIA)
            )
        audit.log(
            user, "grants.call_saved", call, community=call.community, after=audit.snapshot(call)
        )
    return call


def add_criterion(user: Any, call: Call, name: str, weight: int) -> Criterion:
    require(user, "grants.manage", call.community)
    if call.status != Call.Status.DRAFT:
        raise ServiceError(_("The criteria are fixed once the call is open."))
    order = call.criteria.count()
    criterion = Criterion.objects.create(call=call, name=name, weight=weight, order=order)
    audit.log(user, "grants.criterion_added", criterion, community=call.community)
    return criterion


def remove_criterion(user: Any, criterion: Criterion) -> None:
    call = criterion.call
    require(user, "grants.manage", call.community)
    if call.status != Call.Status.DRAFT:
        raise ServiceError(_("The criteria are fixed once the call is open."))
    if call.criteria.count() <= 1:
        raise ServiceError(_("A call needs at least one criterion."))
    audit.log(user, "grants.criterion_removed", criterion, community=call.community)
    criterion.delete()


def step(user: Any, call: Call, action: str) -> Call:
    """open: draft -> open; review: open -> review (submitted applications go to the panel);
    decide: review -> decided (applications not awarded are declined)."""
    require(user, "grants.manage", call.community)
    before = call.status
    with transaction.atomic():
        if action == "open" and call.status == Call.Status.DRAFT:
            if not call.criteria.exists():
                raise ServiceError(_("Add at least one criterion first."))
            call.status = Call.Status.OPEN
        elif action == "review" and call.status == Call.Status.OPEN:
            if not call.panel.exists():
                raise ServiceError(_("Name the panel members before the review starts."))
            call.status = Call.Status.REVIEW
            call.applications.filter(status=S.SUBMITTED).update(status=S.REVIEW)
        elif action == "decide" and call.status == Call.Status.REVIEW:
            call.status = Call.Status.DECIDED
            for application in call.applications.filter(status=S.REVIEW):
                _decline(user, application, _("The panel's ranking and the caps left no room."))
        else:
            raise ServiceError(_("This step is not possible now."))
        call.save(update_fields=["status"])
        audit.log(
            user,
            f"grants.call_{action}",
            call,
            community=call.community,
            before={"status": before},
            after={"status": call.status},
        )
    return call


def accepting(call: Call, today: Any = None) -> bool:
    today = today or timezone.localdate()
    return call.status == Call.Status.OPEN and call.opens_on <= today <= call.closes_on


# --- Applications -----------------------------------------------------------------------------


def _check_application(application: Application) -> None:
    call = application.call
    if application.theme not in call.themes:
        raise ServiceError(_("This call does not offer that theme."), "theme")
    if application.kind == Application.Kind.NGO:
        if not call.ngos_may_apply:
            raise ServiceError(_("This call is for resident groups only."), "kind")
        if application.partner is None or application.partner.kind != Partner.Kind.NGO:
            raise ServiceError(
                _("Choose the registered social organisation you apply for."), "partner"
            )
    elif application.partner_id:
        application.partner = None
    areas = list(call.areas.all())
    if areas and application.area not in areas:
        raise ServiceError(
            _("The work must happen in one of the call's courtyards or areas."), "area"
        )
    previous = application.continuation_of
    if previous is not None:
        evaluation = Evaluation.objects.filter(application=previous).first()
        if previous.call.community_id != call.community_id or previous.status != S.AWARDED:
            raise ServiceError(_("Only a funded project can be continued."), "continuation_of")
        if evaluation is not None and evaluation.outcome == Evaluation.Outcome.END:
            raise ServiceError(
                _("The yearly evaluation ended that project; it cannot apply as a continuation."),
                "continuation_of",
            )


def start(member: Member | None, application: Application) -> Application:
    call = application.call
    lead = _verified(member, call.community)
    if not accepting(call):
        raise ServiceError(_("This call is not taking applications now."))
    application.lead = lead
    application.status = S.DRAFT
    _check_application(application)
    application.save()
    return application


def _editable(member: Member | None, application: Application) -> Member:
    if member is None or application.lead_id != member.pk:
        raise ServiceError(_("Only the lead of the application can change it."))
    if application.status != S.DRAFT:
        raise ServiceError(_("A submitted application can no longer be changed."))
    return member


def update(member: Member | None, application: Application) -> Application:
    _editable(member, application)
    _check_application(application)
    application.save()
    return application


def add_budget_line(
    member: Member | None, application: Application, category: str, item: str, amount: int
) -> BudgetLine:
    _editable(member, application)
    cap = application.call.project_cap
    with transaction.atomic():
        total = application.requested() + amount
        if total > cap:
            raise ServiceError(
                _(
                    "With this line the budget would be %(total)s yuan: more than this call's limit of %(cap)s yuan for one project."
                )
                % {"total": yuan(total), "cap": yuan(cap)},
                "amount",
            )
        return BudgetLine.objects.create(
            application=application, category=category, item=item, amount=amount
        )


def remove_budget_line(member: Member | None, line: BudgetLine) -> None:
    _editable(member, line.application)
    line.delete()


def add_team_member(
    member: Member | None, application: Application, who: Member, task: str
) -> TeamMember:
    _editable(member, application)
    if who.community_id != application.call.community_id or not who.is_verified:
        raise ServiceError(
            _("Team members must be verified residents of this community."), "member"
        )
    if who.pk == application.lead_id or application.team.filter(member=who).exists():
        raise ServiceError(_("This person is already on the team."), "member")
    entry = TeamMember.objects.create(application=application, member=who, task=task)
    notify(
        who,
        "grant_application",
        (gettext_lazy("You were added to the team of “%(title)s”"), {"title": application.title}),
        gettext_lazy("Open the application to agree to be named on it."),
        url=application.get_absolute_url(),
        community=application.call.community,
    )
    return entry


def consent(member: Member | None, application: Application, agree: bool) -> TeamMember:
    entry = application.team.filter(member=member).first() if member else None
    if entry is None:
        raise ServiceError(_("You are not on this team."))
    entry.consented_at = _now() if agree else None
    entry.save(update_fields=["consented_at"])
    return entry


def add_photo(member: Member | None, application: Application, image: Any, caption: str) -> Photo:
    if member is None or not on_team(member, application):
        raise ServiceError(_("Only the team can add photos."))
    if application.status in (S.DECLINED, S.WITHDRAWN):
        raise ServiceError(_("This application is closed."))
    return Photo.objects.create(
        application=application, image=photos.shrink(image), caption=caption
    )


def submit(member: Member | None, application: Application) -> Application:
    _editable(member, application)
    call = application.call
    if not accepting(call):
        raise ServiceError(_("This call is not taking applications now."))
    with transaction.atomic():
        total = application.requested()
        if total <= 0:
            raise ServiceError(_("Add at least one budget line."), "amount")
        if total > call.project_cap:
            raise ServiceError(
                _(
                    "The budget is %(total)s yuan: more than this call's limit of %(cap)s yuan for one project."
                )
                % {"total": yuan(total), "cap": yuan(call.project_cap)}
            )
        if application.kind == Application.Kind.GROUP:
            people = 1 + application.team.filter(member__status=Member.Status.VERIFIED).count()
            if people < call.min_residents:
                raise ServiceError(
                    _(
                        "A resident group needs at least %(n)s verified residents (the lead counts); this team has %(have)s."
                    )
                    % {"n": call.min_residents, "have": people}
                )
        application.status = S.SUBMITTED
        application.submitted_at = _now()
        application.save(update_fields=["status", "submitted_at"])
        for person in [application.lead, *(t.member for t in application.team.all())]:
            ledger.record(
                person,
                method=Method.GRANT,
                channel=Channel.ONLINE,
                depth=Depth.INVOLVED,
                source=application,
                project=call.project,
            )
    notify(
        application.lead,
        "grant_application",
        (gettext_lazy("Application received: %(title)s"), {"title": application.title}),
        gettext_lazy("The panel reviews it after applications close."),
        url=application.get_absolute_url(),
        community=call.community,
    )
    return application


def withdraw(member: Member | None, application: Application) -> Application:
    if member is None or application.lead_id != member.pk:
        raise ServiceError(_("Only the lead of the application can withdraw it."))
    if application.status not in (S.DRAFT, S.SUBMITTED, S.REVIEW):
        raise ServiceError(_("This application can no longer be withdrawn."))
    application.status = S.WITHDRAWN
    application.save(update_fields=["status"])
    return application


# --- Panel review -----------------------------------------------------------------------------


def auto_conflict(member: Member, application: Application) -> bool:
    """A panel member who leads or is on the team of an application never reviews it."""
    return on_team(member, application)


def recused_pairs(call: Call) -> set[tuple[int, int]]:
    pairs = set(
        Review.objects.filter(application__call=call, recused=True).values_list(
            "panelist_id", "application_id"
        )
    )
    # auto_conflict for every panel member and application, in two queries instead of one per pair.
    panel = set(call.panel.values_list("pk", flat=True))
    pairs.update(
        (lead, application)
        for application, lead in call.applications.values_list("pk", "lead_id")
        if lead in panel
    )
    pairs.update(
        TeamMember.objects.filter(application__call=call, member__in=panel).values_list(
            "member_id", "application_id"
        )
    )
    return pairs


def declare_conflict(member: Member | None, application: Application, reason: str) -> Review:
    call = application.call
    if not on_panel(member, call):
        raise ServiceError(_("Only panel members review applications."))
    if not reason.strip():
        raise ServiceError(_("Say what the conflict of interest is."), "conflict")
    with transaction.atomic():
        review, _created = Review.objects.get_or_create(application=application, panelist=member)
        review.recused = True
        review.conflict = reason
        review.save()
        review.scores.all().delete()
    return review


def score(
    member: Member | None, application: Application, values: Mapping[int, int], comment: str
) -> Review:
    call = application.call
    if not on_panel(member, call):
        raise ServiceError(_("Only panel members review applications."))
    assert member is not None
    if call.status != Call.Status.REVIEW or application.status != S.REVIEW:
        raise ServiceError(_("Scores can only be given while the panel reviews."))
    existing = Review.objects.filter(application=application, panelist=member).first()
    if auto_conflict(member, application) or (existing and existing.recused):
        raise ServiceError(_("You are recused from this application."))
    criteria = list(call.criteria.all())
    for criterion in criteria:
        value = values.get(criterion.pk)
        if value is None:
            raise ServiceError(
                _("Score every criterion: “%(name)s” is missing.") % {"name": criterion.name},
                f"c{criterion.pk}",
            )
        if not 0 <= value <= call.scale_high:
            raise ServiceError(
                _("Scores go from 0 to %(high)s.") % {"high": call.scale_high}, f"c{criterion.pk}"
            )
    with transaction.atomic():
        review, _created = Review.objects.get_or_create(application=application, panelist=member)
        review.comment = comment
        review.save()
        for criterion in criteria:
            Score.objects.update_or_create(
                review=review, criterion=criterion, defaults={"value": values[criterion.pk]}
            )
        ledger.record(
            member,
            method=Method.GRANT,
            channel=Channel.ONLINE,
            depth=Depth.COLLABORATING,
            source=call,
            project=call.project,
        )
    return review


def _scores(call: Call) -> dict[tuple[Hashable, Hashable, Hashable], float]:
    return {
        (s.review.panelist_id, s.review.application_id, s.criterion_id): float(s.value)
        for s in Score.objects.filter(review__application__call=call).select_related("review")
    }


def reviewed(call: Call) -> list[Application]:
    # Budget lines come along: the ranking and the suggestion read every application's request.
    return list(
        call.applications.filter(status__in=[S.REVIEW, S.AWARDED, S.DECLINED]).prefetch_related(
            "budget_lines"
        )
    )


def all_in(call: Call) -> bool:
    applications = reviewed(call)
    return scoring.all_in(
        [m.pk for m in call.panel.all()],
        [a.pk for a in applications],
        [c.pk for c in call.criteria.all()],
        _scores(call).keys(),
        recused_pairs(call),
    )


def scores_visible(user: Any, member: Member | None, call: Call) -> bool:
    """Blind review: every panel member, an organiser on the panel too, sees only their own
    scores until every score is in (or the call is decided). Organisers who do not sit on the
    panel may follow the scores to chase the missing ones."""
    if call.status == Call.Status.DECIDED:
        return True
    if on_panel(member, call):
        return all_in(call)
    return can(user, "grants.manage", call.community)


def outcome(call: Call) -> scoring.Outcome:
    criteria = [
        scoring.Criterion(key=c.pk, weight=c.weight, low=0, high=call.scale_high)
        for c in call.criteria.all()
    ]
    applications = [a.pk for a in reviewed(call)]
    panel_size = call.panel.count()
    return scoring.combine(
        criteria,
        applications,
        _scores(call),
        recused_pairs(call),
        min_reviewers=max(1, min(3, panel_size)),
    )


def community_awarded(community: Community, year: int) -> int:
    return int(
        Application.objects.filter(
            call__community=community, call__year=year, status=S.AWARDED
        ).aggregate(s=Sum("award_amount"))["s"]
        or 0
    )


def cap_left(call: Call) -> int:
    return max(0, call.community_cap - community_awarded(call.community, call.year))


def suggestion(call: Call) -> tuple[scoring.Outcome, list[funding.Suggestion]]:
    result = outcome(call)
    by_pk: dict[Hashable, Application] = {a.pk: a for a in reviewed(call)}
    already = community_awarded(call.community, call.year) - sum(
        a.award_amount or 0 for a in by_pk.values() if a.status == S.AWARDED
    )
    left = max(0, call.community_cap - already)
    asks = [
        funding.Ask(r.application, by_pk[r.application].requested(), r.mean_z is not None)
        for r in result.results
        if by_pk[r.application].status != S.WITHDRAWN
    ]
    return result, funding.fund_down(asks, call.project_cap, left)


# --- Awards -----------------------------------------------------------------------------------


def award(user: Any, application: Application, amount: int, note: str = "") -> Application:
    call = application.call
    community = call.community
    require(user, "grants.manage", community)
    with transaction.atomic():
        # Lock the community row: two organisers awarding at once are served one after the other,
        # so the yearly total is read after the other award was written.
        Community.objects.select_for_update().get(pk=community.pk)
        application = Application.objects.select_for_update().get(pk=application.pk)
        call = Call.objects.get(pk=call.pk)
        if call.status != Call.Status.REVIEW or application.status != S.REVIEW:
            raise ServiceError(_("Only applications under review can be awarded."))
        already = community_awarded(community, call.year)
        cap = call.community_cap
        broken = funding.check_award(
            amount, application.requested(), call.project_cap, already, cap
        )
        if broken == "positive":
            raise ServiceError(_("The amount must be more than 0 yuan."), "amount")
        if broken == "requested":
            raise ServiceError(
                _("The award cannot be more than the %(n)s yuan asked for.")
                % {"n": yuan(application.requested())},
                "amount",
            )
        if broken == "project_cap":
            raise ServiceError(
                _("The award cannot be more than this call's limit of %(n)s yuan for one project.")
                % {"n": yuan(call.project_cap)},
                "amount",
            )
        if broken == "community_cap":
            raise ServiceError(
                _(
                    "This would bring the community's awards for %(year)s to %(total)s yuan, over the limit of %(cap)s yuan; %(left)s yuan are left."
                )
                % {
                    "year": call.year,
                    "total": yuan(already + amount),
                    "cap": yuan(cap),
                    "left": yuan(max(0, cap - already)),
                },
                "amount",
            )
        application.status = S.AWARDED
        application.award_amount = amount
        application.decision_note = note
        application.decided_at = _now()
        application.save(update_fields=["status", "award_amount", "decision_note", "decided_at"])
        Agreement.objects.get_or_create(application=application, defaults={"duties": DUTIES})
        for person in [application.lead, *(t.member for t in application.team.all())]:
            ledger.record(
                person,
                method=Method.GRANT,
                channel=Channel.ONLINE,
                depth=Depth.COLLABORATING,
                source=("grants.agreement", application.pk),
                project=call.project,
            )
        audit.log(
            user, "grants.awarded", application, community=community, after={"amount": amount}
        )
        # 公示 (issue 19): the award is under public notice; final after the period and answers.
        from linli.disclosure.services import start_publicity

        start_publicity(user, "grants.award", application)
    notify(
        application.lead,
        "grant_application",
        (
            gettext_lazy("Awarded: %(title)s, %(amount)s yuan"),
            {"title": application.title, "amount": yuan(amount)},
        ),
        gettext_lazy("Read and accept the grant agreement."),
        url=application.get_absolute_url(),
        community=community,
    )
    return application


def _decline(user: Any, application: Application, note: str) -> None:
    application.status = S.DECLINED
    application.decision_note = note
    application.decided_at = _now()
    application.save(update_fields=["status", "decision_note", "decided_at"])
    audit.log(user, "grants.declined", application, community=application.call.community)
    notify(
        application.lead,
        "grant_application",
        (gettext_lazy("Not awarded this time: %(title)s"), {"title": application.title}),
        note,
        url=application.get_absolute_url(),
        community=application.call.community,
    )


def decline(user: Any, application: Application, note: str) -> Application:
    require(user, "grants.manage", application.call.community)
    if application.status != S.REVIEW:
        raise ServiceError(_("Only applications under review can be declined."))
    if not note.strip():
        raise ServiceError(_("Give the applicants a reason."), "note")
    with transaction.atomic():
        _decline(user, application, note)
    return application


# --- Agreement and milestones -----------------------------------------------------------------


def add_milestone(user: Any, application: Application, title: str, due: Any) -> Milestone:
    require(user, "grants.manage", application.call.community)
    agreement = getattr(application, "agreement", None)
    if agreement is None:
        raise ServiceError(_("Milestones belong to awarded projects."))
    if agreement.grantee_accepted_at:
        raise ServiceError(_("The agreement is accepted; its milestones no longer change."))
    return Milestone.objects.create(application=application, title=title, due=due)


def accept_agreement(member: Member | None, application: Application, name: str) -> Agreement:
    agreement = getattr(application, "agreement", None)
    if agreement is None or member is None or application.lead_id != member.pk:
        raise ServiceError(_("Only the lead of an awarded project accepts its agreement."))
    if not name.strip():
        raise ServiceError(_("Type your name to accept."), "name")
    if not application.milestones.exists():
        raise ServiceError(_("The organisers have not set the milestones yet."))
    if agreement.grantee_accepted_at is None:
        agreement.grantee_name = name.strip()
        agreement.grantee_accepted_at = _now()
        agreement.save(update_fields=["grantee_name", "grantee_accepted_at"])
    return agreement


def countersign(user: Any, application: Application) -> Agreement:
    require(user, "grants.manage", application.call.community)
    agreement = getattr(application, "agreement", None)
    if agreement is None or agreement.grantee_accepted_at is None:
        raise ServiceError(_("The grantee accepts the agreement first."))
    if agreement.organiser_signed_at is None:
        agreement.organiser_name = user.name
        agreement.organiser_signed_at = _now()
        agreement.save(update_fields=["organiser_name", "organiser_signed_at"])
        audit.log(user, "grants.countersigned", agreement, community=application.call.community)
    return agreement


# --- Reports ----------------------------------------------------------------------------------


def submit_report(
    member: Member | None,
    application: Application,
    report: Report,
    spending: list[dict[str, Any]],
) -> Report:
    if member is None or not on_team(member, application):
        raise ServiceError(_("Only the project's team reports on it."))
    agreement = getattr(application, "agreement", None)
    if agreement is None or not agreement.complete:
        raise ServiceError(_("Reports start once both sides have signed the agreement."))
    if report.kind == Report.Kind.MILESTONE and report.milestone is None:
        raise ServiceError(_("Choose the milestone this report is about."), "milestone")
    if report.milestone and report.milestone.application_id != application.pk:
        raise ServiceError(_("Choose the milestone this report is about."), "milestone")
    if (
        report.kind == Report.Kind.FINAL
        and application.reports.filter(
            kind=Report.Kind.FINAL, status__in=[Report.Status.SUBMITTED, Report.Status.ACCEPTED]
        ).exists()
    ):
        raise ServiceError(_("The final report is already in."), "kind")
    with transaction.atomic():
        report.application = application
        report.status = Report.Status.SUBMITTED
        report.save()
        for line in spending:
            receipt = line.get("receipt")
            Spending.objects.create(
                report=report,
                category=line["category"],
                item=line["item"],
                amount=line["amount"],
                receipt=documents.receipt(receipt) if receipt else "",
            )
    return report


def review_report(user: Any, report: Report, accept: bool, note: str) -> Report:
    application = report.application
    require(user, "grants.manage", application.call.community)
    if report.status != Report.Status.SUBMITTED:
        raise ServiceError(_("This report has already been answered."))
    if not accept and not note.strip():
        raise ServiceError(_("Say what the team should add or change."), "note")
    report.status = Report.Status.ACCEPTED if accept else Report.Status.RETURNED
    report.staff_note = note
    report.reviewed_at = _now()
    report.save(update_fields=["status", "staff_note", "reviewed_at"])
    audit.log(user, f"grants.report_{report.status}", report, community=application.call.community)
    title = (
        gettext_lazy("Report accepted: %(title)s")
        if accept
        else gettext_lazy("Report returned with a request: %(title)s")
    )
    notify(
        application.lead,
        "grant_report",
        (title, {"title": application.title}),
        note,
        url=application.get_absolute_url(),
        community=application.call.community,
    )
    return report


# --- Yearly evaluation ------------------------------------------------------------------------


def evaluate(
    user: Any, application: Application, outcome_: str, reason: str, conditions: str = ""
) -> Evaluation:
    require(user, "grants.manage", application.call.community)
    if application.status != S.AWARDED:
        raise ServiceError(_("Only funded projects are evaluated."))
    if not reason.strip():
        raise ServiceError(_("Write the reason; it is published."), "reason")
    if outcome_ == Evaluation.Outcome.CONDITIONS and not conditions.strip():
        raise ServiceError(_("Write the conditions."), "conditions")
    if outcome_ not in Evaluation.Outcome.values:
        raise ServiceError(_("Choose an outcome."), "outcome")
    with transaction.atomic():
        evaluation, _created = Evaluation.objects.update_or_create(
            application=application,
            defaults={"outcome": outcome_, "reason": reason, "conditions": conditions},
        )
        audit.log(
            user,
            "grants.evaluated",
            evaluation,
            community=application.call.community,
            after={"outcome": outcome_, "reason": reason},
        )
    notify(
        application.lead,
        "grant_report",
        (
            gettext_lazy("Yearly evaluation of %(title)s: %(outcome)s"),
            {"title": application.title, "outcome": evaluation.get_outcome_display()},
        ),
        reason,
        url=application.get_absolute_url(),
        community=application.call.community,
    )
    return evaluation


def continuable(member: Member, community: Community) -> QuerySet[Application]:
    """Funded projects the member led that the yearly evaluation did not end."""
    return Application.objects.filter(
        lead=member, call__community=community, status=S.AWARDED
    ).exclude(evaluation__outcome=Evaluation.Outcome.END)


# --- Providers for the home page and engagement projects --------------------------------------


def open_items(community: Community, user: Any) -> list[OpenItem]:
    today = timezone.localdate()
    items = []
    for call in Call.objects.filter(
        community=community, status=Call.Status.OPEN, opens_on__lte=today, closes_on__gte=today
    ):
        items.append(
            OpenItem(
                kind=_("Micro-grants"),
                title=call.title,
                url=call.get_absolute_url(),
                closes_at=timezone.make_aware(datetime.combine(call.closes_on, time(23, 59))),
                summary=_("Resident groups and social organisations may apply"),
            )
        )
    return items


def project_items(project: Any) -> list[LinkedItem]:
    items = []
    for call in (
        Call.objects.filter(project=project)
        .exclude(status=Call.Status.DRAFT)
        .select_related("community")
    ):
        open_ = accepting(call)
        items.append(
            LinkedItem(
                title=call.title,
                url=call.get_absolute_url(),
                status=(
                    _("applications open until %(d)s") % {"d": call.closes_on.isoformat()}
                    if open_
                    else str(call.get_status_display())
                ),
                is_open=open_,
                kind=_("Micro-grants"),
            )
        )
    return items


def awarded(community: Community) -> QuerySet[Application]:
    return (
        Application.objects.filter(call__community=community, status=S.AWARDED)
        .select_related("call__community", "area")
        .order_by("-call__year", "title")
    )


def team_named(application: Application) -> list[TeamMember]:
    return list(application.team.filter(consented_at__isnull=False).select_related("member"))
