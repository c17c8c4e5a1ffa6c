"""Request types for views: after ``login_required`` or a community permission check the user is
a real account, and the decorator has attached the community and the caller's membership."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from .models import Community, Member, User


class AuthedRequest(HttpRequest):
    user: User  # type: ignore[assignment]
    community: Community
    member: Member | None
