"""The one member picker: form fields choosing members of a community.

Each person appears once, as "name · address · role", grouped by their courtyard (people without
an address last), so two residents of the same name can be told apart. The widgets
(``linli.core.widgets``) work without JavaScript; ``linli/member-picker.js`` adds a search box.

A district's community has thousands of verified members: listing them all made a page of two
pickers 1.5 MB and 11 s (issue 23). Up to ``LIMIT`` people the picker lists everyone; beyond, it
lists those already chosen and ``LIMIT`` more - those matching what was searched (by name, phone
or any part of the address; ``linli.core.picker_search``), or without a search the first in
courtyard order - and says how many it shows. Any member of the set may still be chosen: the
field validates against the whole set, never against what was listed.

A form sets the people to choose from in its ``__init__`` (``field.queryset = ...``) or passes
``community=`` to take the community's verified members."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django import forms
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from .models import Community, Member
from .widgets import MemberCheckboxes, MemberSelect

ADDRESS = "household__flat__parent__parent__parent"
# Up to this many people a picker lists everyone; beyond, it narrows (see above).
LIMIT = 300
# Where a searched word may be found: the name, the phone, any level of the address.
SEARCHED = (
    "name",
    "phone",
    "household__flat__name",
    "household__flat__parent__name",
    "household__flat__parent__parent__name",
    "household__flat__parent__parent__parent__name",
)


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


def _matching(people: QuerySet[Member], words: str) -> QuerySet[Member]:
    """Those whose name, phone or address holds every word searched (in any field each)."""
    for word in words.split():
        anywhere = Q()
        for field in SEARCHED:
            anywhere |= Q(**{f"{field}__icontains": word})
        people = people.filter(anywhere)
    return people


def _in_order(people: QuerySet[Member]) -> QuerySet[Member]:
    return (
        people.select_related(ADDRESS, "household__area")
        .distinct()
        .order_by(F("household__area__name").asc(nulls_last=True), "name", "pk")
    )


# What a listed person is read as: a row, not seven model instances (a person, their household
# and four places), so a list of hundreds costs milliseconds. Their order: ``_ROW_ORDER``.
_ROW = (
    "pk",
    "name",
    "role",
    "household_id",
    "household__area__name",
    "household__flat__parent__parent__parent__name",
    "household__flat__parent__parent__name",
    "household__flat__parent__name",
    "household__flat__name",
)


def _rows(people: QuerySet[Member], key: str) -> QuerySet[Any]:
    return (
        people.distinct()
        .order_by(F("household__area__name").asc(nulls_last=True), "name", "pk")
        .values_list(key, *_ROW)
    )


def _chosen_first(
    everyone: QuerySet[Member], pool: QuerySet[Member], key: str, wanted: list[str], limit: int
) -> list[tuple[Any, ...]]:
    """Rows of those chosen and of up to ``limit + 1`` more from ``pool``, in one query (so a
    page's query count does not depend on whether its picker is narrowed)."""
    if not wanted:
        return list(_rows(pool, key)[: limit + 1])
    chosen = Q(**{f"{key}__in": wanted})
    people = everyone.filter(Q(pk__in=pool.values("pk")) | chosen)
    return list(
        people.distinct()
        .annotate(chosen_first=Case(When(chosen, then=Value(0)), default=Value(1)))
        .order_by("chosen_first", F("household__area__name").asc(nulls_last=True), "name", "pk")
        .values_list(key, *_ROW)[: limit + len(wanted) + 1]
    )


def _row_order(row: tuple[Any, ...]) -> tuple[bool, str, str, int]:
    return (row[4] is None, row[5] or "", row[2], row[1])


@dataclass(frozen=True)
class Listed:
    """What a picker lists: option groups of (value, label), and how they were narrowed."""

    groups: list[tuple[str, list[tuple[str, str]]]]
    total: int  # people in the whole set
    found: int  # people listed as found (the search's, or the first), apart from those chosen
    more: bool  # more were found than listed
    words: str  # what was searched
    narrowed: bool  # False: everyone is listed


class _GroupedByCourtyard(forms.models.ModelChoiceIterator):
    """The choices as option groups, one per courtyard, each person once."""

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for courtyard, members in groupby(_in_order(self.queryset), key=_courtyard):
            yield (courtyard, [self.choice(member) for member in members])

    def _groups(self, rows: list[tuple[Any, ...]]) -> list[tuple[str, list[tuple[str, str]]]]:
        """Rows of ``_rows`` as option groups, labelled as ``member_label`` labels a person."""
        roles = {value: str(label) for value, label in Member._meta.get_field("role").choices or ()}
        nowhere = _("No address recorded")

        def label(row: tuple[Any, ...]) -> str:
            address = " ".join(part for part in row[6:] if part is not None)
            role = roles.get(row[3], row[3])
            return f"{row[2]} · {address} · {role}" if row[4] is not None else f"{row[2]} · {role}"

        return [
            (courtyard, [(str(row[0]), label(row)) for row in rows])
            for courtyard, rows in groupby(
                rows, key=lambda row: nowhere if row[4] is None else row[5]
            )
        ]

    def listed(self, chosen: Collection[str], words: str, limit: int = LIMIT) -> Listed:
        """What the widget lists: everyone in a small set; in a large one, those ``chosen``
        and ``limit`` more (matching ``words`` when given). Two queries whatever the size of
        the set."""
        key = self.field.to_field_name or "pk"
        total = self.queryset.count()
        if total <= limit:
            rows = list(_rows(self.queryset, key))
            return Listed(self._groups(rows), total, total, False, "", narrowed=False)
        pool = _matching(self.queryset, words) if words else self.queryset
        wanted = [value for value in chosen if value]
        try:
            rows = _chosen_first(self.queryset, pool, key, wanted, limit)
        except (ValueError, TypeError):  # a chosen value that is no key: nobody to keep listed
            wanted = []
            rows = _chosen_first(self.queryset, pool, key, wanted, limit)
        # One query for both: those chosen first (so always listed), then up to limit + 1 more.
        kept = set(wanted)
        already = [row for row in rows if str(row[0]) in kept]
        others = [row for row in rows if str(row[0]) not in kept]
        more, found = len(others) > limit, others[:limit]
        rows = sorted(found + already, key=_row_order)
        return Listed(self._groups(rows), total, len(found), more, words, narrowed=True)

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
