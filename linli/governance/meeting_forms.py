"""Forms of a body's meetings. They only clean what was typed; the commands decide (a due date
in the past, an owner who is neither a member nor staff, a matter no longer open)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from linli.core.fields import MemberField
from linli.core.models import Member
from linli.core.widgets import DateInput, DateTimeInput

from .models import AgendaItem, Motion, Resolution


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=150)
    starts_at = forms.DateTimeField(label=_("starts"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("ends"), widget=DateTimeInput())
    place = forms.CharField(label=_("place"), max_length=200, required=False)
    description = forms.CharField(
        label=_("what it is about"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class AgendaForm(forms.Form):
    matter = forms.ChoiceField(label=_("a matter raised in the community"), required=False)
    motion = forms.ModelChoiceField(
        label=_("or an open motion of the body"), queryset=Motion.objects.none(), required=False
    )
    title = forms.CharField(label=_("or an item in your own words"), max_length=200, required=False)

    def __init__(self, *args: Any, matters: Any, motions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups: dict[str, list[tuple[str, str]]] = {}
        for key, matter in matters.items():
            groups.setdefault(str(matter.kind), []).append((key, matter.title))
        self.fields["matter"].choices = [("", "---------"), *groups.items()]  # type: ignore[attr-defined]
        self.fields["motion"].queryset = motions  # type: ignore[attr-defined]


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label=_("members present"),
        queryset=Member.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = members  # type: ignore[attr-defined]


class ItemMinutesForm(forms.Form):
    text = forms.CharField(
        label=_("minutes of this item"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class _ItemForm(forms.Form):
    item = forms.ModelChoiceField(label=_("agenda item"), queryset=AgendaItem.objects.none())

    def __init__(self, *args: Any, items: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items  # type: ignore[attr-defined]


class ResolutionForm(_ItemForm):
    text = forms.CharField(
        label=_("what is resolved"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    owner = MemberField(
        label=_("who carries it out"),
        help_text=_(
            "A member of the body or one of the community's staff, with or without an account."
        ),
    )
    due_on = forms.DateField(label=_("due"), widget=DateInput())

    def __init__(self, *args: Any, items: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, items=items, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]


class StandAsideForm(_ItemForm):
    member = forms.ModelChoiceField(label=_("member"), queryset=Member.objects.none())
    reason = forms.CharField(label=_("the conflict of interest"), max_length=300)

    def __init__(self, *args: Any, items: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, items=items, **kwargs)
        self.fields["member"].queryset = members  # type: ignore[attr-defined]


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=Resolution.Status.choices)
    report_back = forms.CharField(
        label=_("report-back: what was done"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Needed when it is done or dropped: residents read it."),
    )

    def __init__(self, *args: Any, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = choices  # type: ignore[attr-defined]
