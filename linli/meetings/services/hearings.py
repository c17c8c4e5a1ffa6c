"""Public hearings (听证会): signing up to speak, the organiser's settings, testimony typed into
the minutes, and the formal written response that answers each testimony, published as a notice
of the disclosure register (category "decisions")."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit as snapshots
from linli.core.kit import Refused, audit, command, ledger
from linli.core.models import Member, User
from linli.core.notify import notify
from linli.core.permissions import require
from linli.participation.models import Channel, Depth, Method

from ..hearing_models import MAX_SPEAKERS, Hearing, Speaker, Testimony
from ..models import Meeting

NOTIFY_HEARING = "meeting_hearing"

# How a testimony was given, in the ledger's words.
LEDGER_CHANNEL = {
    Testimony.Channel.IN_PERSON: Channel.IN_PERSON,
    Testimony.Channel.ONLINE: Channel.ONLINE,
    Testimony.Channel.WRITTEN: Channel.PAPER,
}


def _hearing(meeting: Meeting) -> Hearing:
    if meeting.kind != Meeting.Kind.HEARING:
        raise Refused(_("This meeting is not a public hearing."))
    hearing, _created = Hearing.objects.get_or_create(meeting=meeting)
    return hearing


@command("meetings.manage", on="meeting", lock=True)
def set_up_hearing(
    actor: User, meeting: Meeting, *, matter: str, speakers_max: int, minutes_each: int
) -> Hearing:
    hearing = _hearing(meeting)
    if not 1 <= speakers_max <= MAX_SPEAKERS:
        raise Refused(_("Between 1 and %(n)d speakers.") % {"n": MAX_SPEAKERS}, "speakers_max")
    if not 1 <= minutes_each <= 30:
        raise Refused(_("Between 1 and 30 minutes for each speaker."), "minutes_each")
    signed_up = hearing.speakers.count()
    if speakers_max < signed_up:
        raise Refused(
            _("%(n)d people have already signed up to speak; allow at least as many.")
            % {"n": signed_up},
            "speakers_max",
        )
    before = snapshots.snapshot(hearing)
    hearing.matter, hearing.speakers_max, hearing.minutes_each = (
        matter.strip(),
        speakers_max,
        minutes_each,
    )
    hearing.save()
    audit(
        "meetings.hearing_set_up",
        hearing,
        before=before,
        after=snapshots.snapshot(hearing),
        community=meeting.community,
    )
    return hearing


@command("meetings.speak", on="meeting", lock=True)
def sign_up_to_speak(
    actor: User,
    meeting: Meeting,
    member: Member,
    *,
    topic: str,
    needs: str = "",
    channel: str = Speaker.Channel.ONLINE,
) -> Speaker:
    """Put ``member`` on the list of speakers, last. Staff entering a phone caller need the right
    to register others. The meeting row is locked, so two people never take the last place."""
    if member.user_id != actor.pk:
        require(actor, "meetings.register_others", meeting.community)
    if member.community_id != meeting.community_id or member.status != Member.Status.VERIFIED:
        raise Refused(_("Only verified residents of this community can register."), "member")
    if channel not in Speaker.Channel.values:
        raise Refused(_("Choose how the speaker registered from the list."), "channel")
    if not topic.strip():
        raise Refused(_("Say in a line what you will speak about."), "topic")
    hearing = _hearing(meeting)
    if hearing.speakers.filter(member=member).exists():
        raise Refused(_("This person is already on the list of speakers."), "member")
    taken = hearing.speakers.count()
    if taken >= hearing.speakers_max:
        raise Refused(
            _(
                "The list of speakers is full (%(n)d). You can still come and listen, "
                "or hand in your views in writing."
            )
            % {"n": hearing.speakers_max}
        )
    speaker = Speaker.objects.create(
        hearing=hearing,
        member=member,
        position=taken + 1,
        topic=topic.strip()[:200],
        needs=needs.strip()[:200],
        channel=channel,
        registered_by=actor,
    )
    audit(
        "meetings.speaker_registered",
        speaker,
        after={"position": speaker.position, "channel": channel},
        community=meeting.community,
    )
    notify(
        member,
        NOTIFY_HEARING,
        (
            gettext_lazy("You are speaker %(n)s at “%(title)s”"),
            {"n": speaker.position, "title": meeting.title},
        ),
        (
            gettext_lazy("You have %(minutes)s minutes. Come a little early."),
            {"minutes": hearing.minutes_each},
        ),
        url=meeting.get_absolute_url(),
        community=meeting.community,
    )
    return speaker


@command("meetings.record_testimony", on="meeting", lock=True)
def record_testimony(
    actor: User, meeting: Meeting, speaker: Speaker, *, text: str, channel: str
) -> Testimony:
    """Type what a speaker said into the minutes (again, to correct it, until the response)."""
    if speaker.hearing.meeting_id != meeting.pk:
        raise Refused(_("This speaker is registered for another hearing."))
    if channel not in Testimony.Channel.values:
        raise Refused(_("Choose how the testimony was given from the list."), "channel")
    if not text.strip():
        raise Refused(_("Write down what the speaker said."), "text")
    testimony, created = Testimony.objects.update_or_create(
        speaker=speaker,
        defaults={"text": text.strip(), "channel": channel, "recorded_by": actor},
    )
    if created:
        # Speaking at a hearing is being consulted: the views are heard and must be answered.
        ledger(
            speaker.member,
            method=Method.MEETING,
            channel=LEDGER_CHANNEL[Testimony.Channel(channel)],
            depth=Depth.CONSULTED,
            source=testimony,
            project=meeting.project,
            recorded_by=actor,
            occurred_at=meeting.starts_at,
        )
    audit(
        "meetings.testimony_recorded",
        testimony,
        after={"speaker": speaker.position, "channel": channel},
        community=meeting.community,
    )
    return testimony


@dataclass(frozen=True)
class ResponseText:
    """The stored words of the response: its title and body, in the site's language."""

    title: str
    body: str


def _response_text(
    meeting: Meeting, hearing: Hearing, intro: str, testimonies: list[Testimony]
) -> ResponseText:
    with translation.override(settings.LANGUAGE_CODE):  # a notice is stored text
        title = _("Written response to the public hearing “%(title)s”") % {"title": meeting.title}
        parts = [intro.strip()] if intro.strip() else []
        if hearing.matter:
            parts.append(_("Matter heard: %(matter)s") % {"matter": hearing.matter})
        for testimony in testimonies:
            speaker = testimony.speaker
            parts.append(
                "\n".join(
                    (
                        _("%(n)s. %(name)s (%(how)s): %(text)s")
                        % {
                            "n": speaker.position,
                            "name": speaker.member.name,
                            "how": testimony.get_channel_display(),
                            "text": testimony.text,
                        },
                        _("Answer: %(answer)s") % {"answer": testimony.answer},
                    )
                )
            )
    return ResponseText(title=title[:150], body="\n\n".join(parts))


@command("meetings.respond", on="meeting", lock=True)
def publish_response(
    actor: User, meeting: Meeting, *, intro: str, answers: Mapping[int, str]
) -> Hearing:
    """Answer every recorded testimony and publish the whole as a notice (category decisions);
    each speaker is told. Nothing is published while one testimony has no answer."""
    from linli.disclosure import services as disclosure
    from linli.disclosure.models import Category

    hearing = _hearing(meeting)
    testimonies = list(
        Testimony.objects.filter(speaker__hearing=hearing).select_related("speaker__member")
    )
    if not testimonies:
        raise Refused(_("Record the testimony first; the response answers each one."))
    missing = [t for t in testimonies if not answers.get(t.pk, "").strip()]
    if missing:
        raise Refused(
            _("Answer every testimony; no answer yet to speaker %(list)s.")
            % {"list": "、".join(str(t.speaker.position) for t in missing)},
            f"answer_{missing[0].pk}",
        )
    for testimony in testimonies:
        testimony.answer = answers[testimony.pk].strip()
        testimony.save(update_fields=["answer"])
    words = _response_text(meeting, hearing, intro, testimonies)
    entry = disclosure.add_entry(
        actor,
        meeting.community,
        disclosure.EntryInput(category=Category.DECISIONS, title=words.title, body=words.body),
    )
    hearing.response, hearing.responded_at = entry, timezone.now()
    hearing.save(update_fields=["response", "responded_at"])
    audit(
        "meetings.hearing_answered",
        hearing,
        after={"entry": entry.pk, "answers": len(testimonies)},
        community=meeting.community,
    )
    for testimony in testimonies:
        notify(
            testimony.speaker.member,
            NOTIFY_HEARING,
            (
                gettext_lazy("The written response to “%(title)s” is published"),
                {"title": meeting.title},
            ),
            testimony.answer[:300],
            url=entry.get_absolute_url(),
            community=meeting.community,
        )
    return hearing
