"""Forms of resident bodies. They only clean what was typed; the commands decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from linli.core.fields import MemberField
from linli.core.models import Community, Member, Place

from .models import Ballot, Body, Charter, Constituency, Motion, Office, Seat


class BodyForm(forms.ModelForm):
    class Meta:
        model = Charter
        fields = [
            "purpose",
            "powers",
            "quorum_percent",
            "majority",
            "term_months",
            "join_rules",
            "leave_rules",
            "courtyard_conflicts",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in ("purpose", "powers")}

    kind = forms.ChoiceField(label=_("kind of body"), choices=Body.Kind.choices)
    name = forms.CharField(label=_("name"), max_length=100)
    area = forms.ModelChoiceField(
        label=_("courtyard or estate it serves"),
        queryset=Place.objects.none(),
        required=False,
        help_text=_("Leave empty for a body of the whole community."),
    )
    field_order = ["kind", "name", "area"]

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Place.objects.filter(  # type: ignore[attr-defined]
            community=community, parent__isnull=True
        )

    def charter_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class SeatForm(forms.Form):
    member = MemberField(label=_("resident"))
    constituency = forms.ChoiceField(label=_("constituency"), choices=Constituency.choices)
    office = forms.ChoiceField(label=_("office"), choices=Office.choices, initial=Office.MEMBER)

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(  # type: ignore[attr-defined]
            community=community, status=Member.Status.VERIFIED
        )


class MotionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("kind of motion"),
        choices=[(k, v) for k, v in Motion.Kind.choices if k not in ("admit", "remove", "contest")],
    )
    method = forms.ChoiceField(label=_("decided by"), choices=Motion.Method.choices)
    title = forms.CharField(label=_("the question put to the body"), max_length=200)
    text = forms.CharField(label=_("text of the decision"), widget=forms.Textarea, required=False)


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("your vote"), choices=Ballot.Choice.choices, widget=forms.RadioSelect
    )


class CountForm(forms.Form):
    """The secretary's record of a show of hands or a paper ballot."""

    present = forms.ModelMultipleChoiceField(
        label=_("members present"),
        queryset=Member.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    votes_for = forms.IntegerField(label=_("votes for"), min_value=0)
    votes_against = forms.IntegerField(label=_("votes against"), min_value=0)
    abstentions = forms.IntegerField(label=_("abstentions"), min_value=0)

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = members  # type: ignore[attr-defined]


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("the conflict of interest"),
        max_length=300,
        help_text=_("For example: I live in that courtyard, or my family applied."),
    )


class JoinForm(forms.Form):
    """A resident applies to serve, or a serving member nominates someone."""

    candidate = MemberField(
        label=_("nominate a resident"),
        required=False,
        help_text=_("Leave empty to apply yourself. Only members serving nominate someone."),
    )
    statement = forms.CharField(
        label=_("why they should serve"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )
    constituency = forms.ChoiceField(label=_("constituency"), choices=Constituency.choices)
    office = forms.ChoiceField(label=_("office"), choices=Office.choices, initial=Office.MEMBER)

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = Member.objects.filter(  # type: ignore[attr-defined]
            community=community, status=Member.Status.VERIFIED
        )


class SeatChoiceForm(forms.Form):
    """An officer puts a member's removal to the body, or records a member's resignation."""

    seat = forms.ModelChoiceField(label=_("member"), queryset=Seat.objects.none())
    reason = forms.CharField(
        label=_("reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        help_text=_("The member and the public read it."),
    )
    method = forms.ChoiceField(label=_("decided by"), choices=Motion.Method.choices)

    def __init__(self, *args: Any, seats: Any, with_method: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seat"].queryset = seats  # type: ignore[attr-defined]
        self.fields["seat"].label_from_instance = lambda seat: (  # type: ignore[attr-defined]
            f"{seat.member.name} ({seat.get_office_display()})"
        )
        if not with_method:
            del self.fields["method"]
            self.fields["reason"].required = False


class ResignForm(forms.Form):
    note = forms.CharField(
        label=_("a word to the body (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )
