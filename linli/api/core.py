"""API for communities, addresses and the caller's own profile."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError

from linli.core import permissions
from linli.core.models import Community, Place

from .auth import CALLER, PUBLIC

router = Router(tags=["communities"])


class CommunityOut(Schema):
    slug: str
    name: str
    district: str
    city: str
    timezone: str
    languages: list[str]
    description: str


class PlaceOut(Schema):
    id: int
    parent_id: int | None
    kind: str
    name: str
    area_type: str


class MembershipOut(Schema):
    community: str
    role: str
    status: str
    household: str | None


class MeOut(Schema):
    name: str
    email: str | None
    phone: str | None
    language: str
    memberships: list[MembershipOut]


@router.get("/communities", response=list[CommunityOut], auth=PUBLIC)
def list_communities(request: HttpRequest) -> list[Community]:
    return list(Community.objects.all())


@router.get("/communities/{slug}", response=CommunityOut, auth=PUBLIC)
def get_community(request: HttpRequest, slug: str) -> Community:
    return get_object_or_404(Community, slug=slug)


@router.get("/communities/{slug}/addresses", response=list[PlaceOut], auth=PUBLIC)
def list_addresses(request: HttpRequest, slug: str, kind: str | None = None) -> list[Place]:
    """Estates, buildings and units are public; flats are listed only for organisers."""
    community = get_object_or_404(Community, slug=slug)
    places = Place.objects.filter(community=community).order_by("id")
    if kind:
        places = places.filter(kind=kind)
    if not permissions.can(request.user, "households.view", community):
        if kind == Place.Kind.FLAT:
            raise HttpError(403, "Only organisers can list flats.")
        places = places.exclude(kind=Place.Kind.FLAT)
    return list(places)


@router.get("/me", response=MeOut, auth=CALLER, tags=["profile"])
def me(request: HttpRequest) -> MeOut:
    user = request.user
    memberships = [
        MembershipOut(
            community=m.community.slug,
            role=m.role,
            status=m.status,
            household=m.household.flat.label if m.household else None,
        )
        for m in user.memberships.select_related("community", "household__flat")  # type: ignore[union-attr]
    ]
    return MeOut(
        name=user.name,  # type: ignore[union-attr]
        email=user.email,  # type: ignore[union-attr]
        phone=user.phone,  # type: ignore[union-attr]
        language=user.language,  # type: ignore[union-attr]
        memberships=memberships,
    )
