"""The one member picker: form fields choosing members of a community.

Each person appears once, as "name · address · role", grouped by their courtyard (people without
an address last), so two residents of the same name can be told apart. The widgets
(``linli.core.widgets``) work without JavaScript; ``linli/member-picker.js`` adds a search box.

A form sets the people to choose from in its ``__init__`` (``field.queryset = ...``) or passes
``community=`` to take the community's verified members."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from typing import Any

from django import forms
from django.db.models import F, QuerySet
from django.utils.translation import gettext as _

from .models import Community, Member
from .widgets import MemberCheckboxes, MemberSelect

ADDRESS = "household__flat__parent__parent__parent"


def verified_members(community: Community) -> QuerySet[Member]:
    return Member.objects.filter(community=community, status=Member.Status.VERIFIED)


def member_label(member: Member) -> str:
    """How the picker names a person: name, address when known, and role."""
    parts = [member.name]
    if member.household is not None:
        parts.append(member.household.flat.label)
    parts.append(str(member.get_role_display()))
    return " · ".join(parts)


def _courtyard(member: Member) -> str:
    if member.household is None:
        return _("No address recorded")
    return member.household.area.name


class _GroupedByCourtyard(forms.models.ModelChoiceIterator):
    """The choices as option groups, one per courtyard, each person once."""

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        people = (
            self.queryset.select_related(ADDRESS, "household__area")
            .distinct()
            .order_by(F("household__area__name").asc(nulls_last=True), "name", "pk")
        )
        for courtyard, members in groupby(people, key=_courtyard):
            yield (courtyard, [self.choice(member) for member in members])

    def __len__(self) -> int:
        return self.queryset.count() + (1 if self.field.empty_label is not None else 0)


class _Picker:
    iterator = _GroupedByCourtyard

    def _take_community(self, community: Community | None) -> None:
        if community is not None:
            self.queryset = verified_members(community)  # type: ignore[attr-defined]

    def label_from_instance(self, obj: Any) -> str:
        return member_label(obj)


class MemberField(_Picker, forms.ModelChoiceField):  # type: ignore[misc]
    """Choose one member."""

    widget = MemberSelect

    def __init__(self, *, community: Community | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Member.objects.none())
        super().__init__(**kwargs)
        self._take_community(community)


class MembersField(_Picker, forms.ModelMultipleChoiceField):  # type: ignore[misc]
    """Choose several members."""

    widget = MemberCheckboxes

    def __init__(self, *, community: Community | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Member.objects.none())
        super().__init__(**kwargs)
        self._take_community(community)
