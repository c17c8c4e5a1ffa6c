"""Commands of conventions: start a draft, revise it, comment on an article (online or typed in
from a 坝坝会), propose, discuss and decide amendments, put a version to a household vote or a
body's motion, and record the outcome. Every state change here is a ``@command``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from linli.core.kit import Refused, audit, command, ledger
from linli.core.models import Community, Member, Place
from linli.core.permissions import member_of
from linli.participation.models import Channel, Depth, Method

from . import diff, queries
from .models import Amendment, Article, Comment, Convention, Version

MAX_ARTICLES = 60


def _articles(text: str) -> list[str]:
    found = diff.split_articles(text)
    if not found:
        raise Refused(_("Write the articles, one per paragraph."), "articles")
    if len(found) > MAX_ARTICLES:
        raise Refused(_("A convention has at most 60 articles."), "articles")
    return found


def _new_version(
    actor: Any, convention: Convention, preamble: str, texts: list[str], note: str
) -> Version:
    latest = convention.latest
    if latest is not None and latest.status == Version.Status.DRAFT:
        latest.status = Version.Status.SUPERSEDED
        latest.save(update_fields=["status"])
    version = Version.objects.create(
        convention=convention,
        number=(latest.number + 1) if latest else 1,
        preamble=preamble.strip(),
        note=note.strip()[:300],
        created_by=actor,
    )
    Article.objects.bulk_create(
        Article(version=version, position=i, text=text) for i, text in enumerate(texts, start=1)
    )
    return version


def _language(community: Community) -> str:
    """Text linli stores for everyone (a version's note, a vote's title) is written in the
    community's first language."""
    languages = community.languages or [settings.LANGUAGE_CODE]
    return str(languages[0])


def _acting_member(actor: Any, community: Community) -> Member:
    member = member_of(actor, community)
    if member is None:
        raise Refused(_("Only a member of this community can do this."))
    return member


@command("conventions.manage", on="community")
def create_convention(
    actor: Any,
    community: Community,
    *,
    title: str,
    articles: str,
    preamble: str = "",
    area: Place | None = None,
    drafters: list[Member] | tuple[Member, ...] = (),
) -> Convention:
    if not title.strip():
        raise Refused(_("Give the convention a title, e.g. 槐树院院落公约."), "title")
    if area is not None and area.community_id != community.pk:
        raise Refused(_("Choose areas of this community."), "area")
    if any(m.community_id != community.pk for m in drafters):
        raise Refused(_("Choose drafters who are members of this community."), "drafters")
    texts = _articles(articles)
    convention = Convention.objects.create(
        community=community, title=title.strip(), area=area, created_by=actor
    )
    convention.drafters.set(list(drafters))
    with translation.override(_language(community)):
        first = _("first draft")
    version = _new_version(actor, convention, preamble, texts, first)
    for member in drafters:
        ledger(
            member,
            method=Method.OTHER,
            channel=Channel.IN_PERSON,
            depth=Depth.COLLABORATING,
            source=convention,
            recorded_by=actor,
        )
    audit(
        "conventions.created", convention, after={"title": convention.title, "articles": len(texts)}
    )
    del version
    return convention


@command("conventions.revise", on="convention", lock=True)
def revise(
    actor: Any, convention: Convention, *, articles: str, preamble: str = "", note: str = ""
) -> Version:
    """A new draft version written by the drafters; the earlier one is kept."""
    if not note.strip():
        raise Refused(
            _("Say in a line what changed, for the residents who read the history."), "note"
        )
    texts = _articles(articles)
    latest = convention.latest
    if (
        latest is not None
        and texts == queries.texts(latest)
        and preamble.strip() == latest.preamble
    ):
        raise Refused(_("Nothing was changed in the text."), "articles")
    version = _new_version(actor, convention, preamble, texts, note)
    member = member_of(actor, convention.community)
    if member is not None and queries.is_drafter(actor, convention):
        ledger(
            member,
            method=Method.OTHER,
            channel=Channel.ONLINE,
            depth=Depth.COLLABORATING,
            source=version,
        )
    audit("conventions.revised", version, after={"number": version.number, "note": version.note})
    return version


def _check_text(text: str, field: str = "text") -> str:
    text = text.strip()
    if not text:
        raise Refused(_("Write your comment."), field)
    if len(text) > 2000:
        raise Refused(_("Keep it under 2000 characters."), field)
    return text


def _comment(
    actor: Any,
    convention: Convention,
    member: Member,
    channel: str,
    text: str,
    article: Article | None,
    amendment: Amendment | None,
) -> Comment:
    if article is not None and article.version.convention_id != convention.pk:
        raise Refused(_("Choose an article of this convention."), "article")
    if amendment is not None and amendment.convention_id != convention.pk:
        raise Refused(_("Choose an amendment of this convention."), "amendment")
    comment = Comment.objects.create(
        convention=convention,
        article=article,
        amendment=amendment,
        member=member,
        channel=channel,
        text=_check_text(text),
        recorded_by=actor,
    )
    ledger(
        member,
        method=Method.COMMENT,
        channel=channel,
        depth=Depth.CONSULTED,
        source=comment,
        recorded_by=actor if channel != Channel.ONLINE else None,
    )
    audit("conventions.commented", comment, after={"channel": channel})
    return comment


@command("conventions.comment", on="convention")
def comment(
    actor: Any,
    convention: Convention,
    text: str,
    *,
    article: Article | None = None,
    amendment: Amendment | None = None,
) -> Comment:
    """A resident's own comment online, on an article or in an amendment's discussion."""
    member = _acting_member(actor, convention.community)
    return _comment(actor, convention, member, Channel.ONLINE, text, article, amendment)


TYPED_IN = (Channel.IN_PERSON, Channel.PAPER, Channel.PHONE, Channel.DOOR_TO_DOOR)


@command("conventions.manage", on="convention")
def record_comment(
    actor: Any,
    convention: Convention,
    *,
    member: Member,
    channel: str,
    text: str,
    article: Article | None = None,
) -> Comment:
    """A comment said at a 坝坝会 (or on paper, by phone, at the door), typed in by staff."""
    if channel not in TYPED_IN:
        raise Refused(_("Say where the comment was made."), "channel")
    if member.community_id != convention.community_id:
        raise Refused(_("Choose a member of this community."), "member")
    return _comment(actor, convention, member, channel, text, article, None)


@command("conventions.amend", on="convention")
def propose_amendment(
    actor: Any,
    convention: Convention,
    *,
    text: str,
    reason: str,
    article: Article | None = None,
) -> Amendment:
    """Change one article (empty wording: strike it out) or, without an article, add one."""
    member = _acting_member(actor, convention.community)
    version = convention.latest
    if article is not None and article.version_id != version.pk:
        raise Refused(_("Propose changes to the latest text."), "article")
    text = text.strip()
    if article is None and not text:
        raise Refused(_("Write the wording of the new article."), "text")
    if article is not None and text == article.text:
        raise Refused(_("The proposed wording is the same as the article's."), "text")
    if not reason.strip():
        raise Refused(_("Say why, so that your neighbours can weigh it."), "reason")
    amendment = Amendment.objects.create(
        convention=convention,
        version=version,
        article=article,
        text=text,
        reason=reason.strip(),
        member=member,
        recorded_by=actor,
    )
    ledger(
        member,
        method=Method.PROPOSAL,
        channel=Channel.ONLINE,
        depth=Depth.INVOLVED,
        source=amendment,
    )
    audit("conventions.amendment_proposed", amendment, after={"text": text, "reason": reason})
    return amendment


def _amended_texts(amendment: Amendment, base: Version) -> list[str]:
    texts = queries.texts(base)
    if amendment.article is None:
        return [*texts, amendment.text]
    position = amendment.article.position
    if position > len(texts):
        raise Refused(_("That article is no longer in the text; propose it afresh."))
    if not amendment.text:
        return texts[: position - 1] + texts[position:]
    texts[position - 1] = amendment.text
    return texts


@command("conventions.decide_amendment", on="amendment", lock=True)
def accept_amendment(actor: Any, amendment: Amendment, answer: str = "") -> Version:
    """Take the amendment into a new draft version (of the adopted text when it is in force:
    the text in force stays in force until the new version is adopted)."""
    convention = amendment.convention
    base = convention.latest
    if amendment.article is not None and amendment.version_id != base.pk:
        raise Refused(
            _("The text changed since this amendment was proposed; revise the draft by hand.")
        )
    with translation.override(_language(convention.community)):
        note = _("amendment by %(name)s: %(reason)s") % {
            "name": amendment.member.name,
            "reason": amendment.reason[:200],
        }
    version = _new_version(actor, convention, base.preamble, _amended_texts(amendment, base), note)
    amendment.status = Amendment.Status.ACCEPTED
    amendment.answer = answer.strip()
    amendment.result = version
    amendment.decided_at = timezone.now()
    amendment.save()
    audit("conventions.amendment_accepted", amendment, after={"version": version.number})
    return version


@command("conventions.decide_amendment", on="amendment", lock=True)
def decline_amendment(actor: Any, amendment: Amendment, answer: str) -> Amendment:
    if not answer.strip():
        raise Refused(_("Say why it is declined: the answer is public."), "answer")
    amendment.status = Amendment.Status.DECLINED
    amendment.answer = answer.strip()
    amendment.decided_at = timezone.now()
    amendment.save()
    audit("conventions.amendment_declined", amendment, after={"answer": amendment.answer})
    return amendment


# --- Adoption -----------------------------------------------------------------------------


def _propose(version: Version, how: str) -> None:
    version.status = Version.Status.PROPOSED
    version.how = how
    version.save(update_fields=["status", "how", "vote", "motion"])


@command("conventions.put_to_adoption", on="convention", lock=True)
def put_to_household_vote(
    actor: Any, convention: Convention, *, opens_at: datetime, closes_at: datetime
) -> Version:
    """One vote per household of the courtyard (or of the community), through the votes module:
    adopt this version, yes or no."""
    from linli.votes.models import Question, Vote
    from linli.votes.services import organising

    version = convention.latest
    with translation.override(_language(convention.community)):
        title = _("Adopt %(title)s (version %(number)s)?") % {
            "title": convention.title,
            "number": version.number,
        }
        description = _("The full text, article by article: %(url)s") % {
            "url": settings.SITE_URL + version.get_absolute_url()
        }
        question = _("Do you agree to adopt this convention?")
        options = [_("Yes, adopt it"), _("No, do not adopt it")]
    vote = organising.create_vote(
        actor,
        convention.community,
        title=title,
        description=description,
        opens_at=opens_at,
        closes_at=closes_at,
        unit=Vote.Unit.HOUSEHOLD,
        results_shown=Vote.ResultsShown.LIVE,
        areas=[convention.area] if convention.area else [],
    )
    organising.save_question(
        actor,
        vote,
        Question(text=question),
        options,
    )
    organising.publish(actor, vote)
    version.vote = vote
    _propose(version, Version.How.HOUSEHOLD_VOTE)
    audit("conventions.put_to_vote", version, after={"vote": vote.pk})
    return version


@command("conventions.put_to_adoption", on="convention", lock=True)
def put_to_body(actor: Any, convention: Convention, *, body: Any, method: str) -> Version:
    """A motion of a resident body (its charter says what it may adopt and by which majority)."""
    from linli.governance import services as governance
    from linli.governance.models import Motion

    if body.community_id != convention.community_id:
        raise Refused(_("Choose a body of this community."), "body")
    version = convention.latest
    with translation.override(_language(convention.community)):
        title = _("Adopt %(title)s (version %(number)s)") % {
            "title": convention.title,
            "number": version.number,
        }
        text = _("The full text, article by article: %(url)s") % {
            "url": settings.SITE_URL + version.get_absolute_url()
        }
    motion = governance.open_motion(
        actor,
        body,
        kind=Motion.Kind.DOCUMENT,
        method=method,
        title=title,
        text=text,
        subject=version,
    )
    version.motion = motion
    _propose(version, Version.How.BODY_MOTION)
    audit("conventions.put_to_body", version, after={"body": body.pk, "motion": motion.pk})
    return version


def _vote_outcome(version: Version) -> tuple[bool, tuple[int, int, int]] | None:
    from linli.votes.services.results import results

    vote = version.vote
    if vote is None or not vote.is_closed:
        return None
    found = results(vote)
    if not found:
        return None
    question, result = found[0]
    yes, no = list(question.options.order_by("position"))[:2]
    votes_for, votes_against = int(result.counts.get(yes.pk, 0)), int(result.counts.get(no.pk, 0))
    return votes_for > votes_against, (votes_for, votes_against, result.blank)


def _motion_outcome(version: Version) -> tuple[bool, tuple[int, int, int]] | None:
    from linli.governance.models import Motion

    motion = version.motion
    if motion is None or not motion.is_decided:
        return None
    count = (motion.votes_for, motion.votes_against, motion.abstentions)
    return motion.status == Motion.Status.PASSED, count


@command("conventions.settle", on="convention", lock=True)
def settle(actor: Any, convention: Convention) -> Version:
    """Record the outcome of the vote or motion: the version comes into force (the one before it
    is kept as replaced), or stays not adopted and the drafting goes on."""
    version = convention.latest
    if version.vote is not None and version.vote.status == version.vote.Status.CANCELLED:
        outcome: tuple[bool, tuple[int, int, int] | None] | None = (False, None)
    else:
        outcome = _vote_outcome(version) if version.vote_id else _motion_outcome(version)
    if outcome is None:
        raise Refused(_("The vote or motion is not decided yet."))
    adopted, count = outcome
    if count is not None:
        version.votes_for, version.votes_against, version.abstentions = count
    if adopted:
        convention.versions.filter(status=Version.Status.ADOPTED).update(
            status=Version.Status.REPLACED
        )
        version.status = Version.Status.ADOPTED
        version.adopted_at = timezone.now()
    else:
        version.status = Version.Status.NOT_ADOPTED
    version.save()
    audit("conventions.settled", version, after={"adopted": adopted, "count": count})
    return version


@command("conventions.revise", on="convention", lock=True)
def reopen(actor: Any, convention: Convention, note: str = "") -> Version:
    """After a version was not adopted, a new draft to work on (the same text to begin with)."""
    latest = convention.latest
    if latest.status != Version.Status.NOT_ADOPTED:
        raise Refused(_("The latest version is not a rejected one."))
    with translation.override(_language(convention.community)):
        again = _("drafting again")
    return _new_version(actor, convention, latest.preamble, queries.texts(latest), note or again)
