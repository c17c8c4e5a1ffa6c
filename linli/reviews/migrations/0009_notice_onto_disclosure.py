"""A contest's public notice (公示) moves onto the shared one of linli.disclosure, losing nothing:
each published result becomes a ``Publicity`` of kind "reviews.contest" with its period (the
days of the old start and end, in the community's time zone), open or final as the contest was,
and what became final in words (the ranked list with the awards); each objection keeps its
resident, text, the application it was about (key and title), its answer, when, and who answered
(their account). Backwards, the same rows return to the contest (the period from the start of its
first day to the end of its last)."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import migrations
from django.utils import timezone, translation
from django.utils.translation import gettext

KIND = "reviews.contest"
ON_NOTICE = ("notice", "final", "done")


def _zone(community):
    return ZoneInfo(community.timezone)


def _becomes_final(contest, apps_by_pk):
    tiers = list(contest.tiers.order_by("rank_from"))
    lines = []
    with translation.override(settings.LANGUAGE_CODE):
        for row in contest.ranking:
            app = apps_by_pk.get(row["application"])
            if app is None:
                continue
            rank = int(row["rank"])
            tier = next((t for t in tiers if t.rank_from <= rank <= t.rank_to), None)
            award = (
                gettext("%(award)s, %(amount)s yuan") % {"award": tier.name, "amount": tier.amount}
                if tier
                else gettext("no award")
            )
            lines.append(
                gettext("%(rank)s. %(place)s · %(title)s: %(award)s")
                % {"rank": rank, "place": app.area.name, "title": app.title, "award": award}
            )
    return "\n".join(lines) or "—"


def _label(application, ranks):
    rank = ranks.get(application.pk)
    return f"{rank}. {application.title}" if rank else application.title


def forwards(apps, schema_editor):
    Contest = apps.get_model("reviews", "Contest")
    OldObjection = apps.get_model("reviews", "Objection")
    Application = apps.get_model("reviews", "Application")
    Publicity = apps.get_model("disclosure", "Publicity")
    Objection = apps.get_model("disclosure", "Objection")
    Member = apps.get_model("core", "Member")
    for contest in Contest.objects.filter(
        stage__in=ON_NOTICE, notice_starts_at__isnull=False
    ).select_related("community"):
        zone = _zone(contest.community)
        applications = {
            a.pk: a for a in Application.objects.filter(contest=contest).select_related("area")
        }
        ranks = {row["application"]: int(row["rank"]) for row in contest.ranking}
        starts = timezone.localtime(contest.notice_starts_at, zone).date()
        ends_at = contest.notice_ends_at or contest.notice_starts_at
        final = contest.stage != "notice"
        publicity = Publicity.objects.create(
            community_id=contest.community_id,
            kind=KIND,
            subject_id=str(contest.pk),
            title=contest.title[:200],
            becomes_final=_becomes_final(contest, applications),
            who_may_object="residents",
            starts_on=starts,
            ends_on=max(starts, timezone.localtime(ends_at, zone).date()),
            status="final" if final else "open",
            finalised_at=contest.finalised_at if final else None,
            created_at=contest.notice_starts_at,
        )
        for old in OldObjection.objects.filter(contest=contest).order_by("created_at", "pk"):
            answerer = Member.objects.filter(pk=old.answered_by_id).first()
            about = applications.get(old.application_id)
            Objection.objects.create(
                publicity=publicity,
                member_id=old.member_id,
                about=str(about.pk) if about else "",
                about_label=_label(about, ranks)[:200] if about else "",
                text=old.reason,
                answer=old.answer,
                answered_at=old.answered_at,
                answered_by_id=answerer.user_id if answerer else None,
                created_at=old.created_at,
            )


def backwards(apps, schema_editor):
    Contest = apps.get_model("reviews", "Contest")
    OldObjection = apps.get_model("reviews", "Objection")
    Publicity = apps.get_model("disclosure", "Publicity")
    Member = apps.get_model("core", "Member")
    for publicity in Publicity.objects.filter(kind=KIND).select_related("community"):
        contest = Contest.objects.filter(pk=int(publicity.subject_id)).first()
        if contest is None:
            continue
        zone = _zone(publicity.community)
        contest.notice_starts_at = datetime.combine(publicity.starts_on, time(0, 0), zone)
        contest.notice_ends_at = datetime.combine(
            publicity.ends_on + timedelta(days=1), time(0, 0), zone
        ) - timedelta(seconds=1)
        contest.save(update_fields=["notice_starts_at", "notice_ends_at"])
        for new in publicity.objections.order_by("created_at", "pk"):
            answerer = (
                Member.objects.filter(
                    community_id=publicity.community_id, user_id=new.answered_by_id
                ).first()
                if new.answered_by_id
                else None
            )
            about = int(new.about) if new.about.isdigit() else None
            old = OldObjection.objects.create(
                contest=contest,
                application_id=about
                if about and contest.applications.filter(pk=about).exists()
                else None,
                member_id=new.member_id,
                reason=new.text,
                answer=new.answer,
                answered_at=new.answered_at,
                answered_by=answerer,
            )
            OldObjection.objects.filter(pk=old.pk).update(created_at=new.created_at)
    Publicity.objects.filter(kind=KIND).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0008_drop_own_tracking"),
        ("disclosure", "0004_objection_about"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
