"""Reading conventions: lists, one convention with its text and comments, versions and their
differences, and what is open now. Read-only."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from linli.core.models import Community, Member
from linli.core.permissions import can, member_of

from . import diff
from .models import Amendment, Article, Comment, Convention, Version


def conventions(community: Community) -> QuerySet[Convention]:
    return Convention.objects.filter(community=community).select_related("area")


def convention_in(community: Community, pk: int) -> Convention:
    return get_object_or_404(conventions(community), pk=pk)


def version_in(convention: Convention, number: int) -> Version:
    return get_object_or_404(convention.versions, number=number)


def amendment_in(community: Community, pk: int) -> Amendment:
    return get_object_or_404(
        Amendment.objects.select_related("convention", "version", "article", "member"),
        convention__community=community,
        pk=pk,
    )


def article_in(convention: Convention, pk: int) -> Article:
    return get_object_or_404(Article, version__convention=convention, pk=pk)


def articles(version: Version) -> QuerySet[Article]:
    comments = Comment.objects.select_related("member").order_by("created_at", "pk")
    return version.articles.annotate(open_amendments=Count("amendments")).prefetch_related(
        Prefetch("comments", queryset=comments)
    )


def open_amendments(convention: Convention) -> QuerySet[Amendment]:
    return convention.amendments.filter(status=Amendment.Status.OPEN).select_related(
        "article", "member"
    )


def decided_amendments(convention: Convention) -> QuerySet[Amendment]:
    return convention.amendments.exclude(status=Amendment.Status.OPEN).select_related(
        "article", "member", "result"
    )


def texts(version: Version) -> list[str]:
    return list(version.articles.order_by("position").values_list("text", flat=True))


def previous(version: Version) -> Version | None:
    return version.convention.versions.filter(number__lt=version.number).order_by("-number").first()


def changes(version: Version) -> list[diff.ArticleChange]:
    """This version against the one before it (all added for the first)."""
    before = previous(version)
    return diff.compare(texts(before) if before else [], texts(version))


def amendment_pieces(amendment: Amendment) -> tuple[diff.Piece, ...]:
    old = amendment.article.text if amendment.article else ""
    return diff.pieces(old, amendment.text)


def drafter_members(convention: Convention) -> QuerySet[Member]:
    return convention.drafters.all()


def is_drafter(user: Any, convention: Convention) -> bool:
    member = member_of(user, convention.community)
    return member is not None and convention.drafters.filter(pk=member.pk).exists()


def counts(convention: Convention) -> dict[str, int]:
    return {
        "comments": convention.comments.count(),
        "typed_in": convention.comments.exclude(channel="online").count(),
        "amendments": convention.amendments.count(),
        "versions": convention.versions.count(),
    }


def open_items(community: Community, user: Any) -> list[Any]:
    """Drafts open for comments (a text put to a household vote is listed by the votes module,
    and a body's motion on the body's page)."""
    from linli.core.open_now import OpenItem

    if not can(user, "conventions.view", community):
        return []
    found = []
    for convention in conventions(community):
        latest = convention.latest
        if latest is not None and latest.status == Version.Status.DRAFT:
            found.append(
                OpenItem(
                    _("Draft convention: comment on each article"),
                    convention.title,
                    convention.get_absolute_url(),
                )
            )
    return found
