"""Forms for feedback: what a person types. The services decide; these only shape the input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from linli.core.fields import MemberField
from linli.core.models import Community, Member, Partner, Place
from linli.core.photos import PhotoField
from linli.core.widgets import SuggestingInput

from . import agenda, queries
from .models import Category, Channel, Responsible
from .services import ReportInput


class ReportForm(forms.Form):
    category = forms.ChoiceField(label=_("category"), choices=Category.choices)
    place: forms.ModelChoiceField[Place] = forms.ModelChoiceField(
        label=_("where is it?"),
        queryset=None,
        required=False,
        empty_label=_("the whole community"),
    )
    text = forms.CharField(
        label=_("what is the problem or need?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Say what you see and since when. Similar reports are put together."),
    )
    photo = PhotoField(label=_("photo"))

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = queries.place_choices(community)  # type: ignore[attr-defined]

    def service_input(self) -> ReportInput:
        data = self.cleaned_data
        return ReportInput(
            category=data["category"], text=data["text"], place=data["place"], photo=data["photo"]
        )


class StaffReportForm(ReportForm):
    channel = forms.ChoiceField(
        label=_("how did it reach you?"),
        choices=[c for c in Channel.choices if c[0] != Channel.ONLINE],
    )
    member: forms.ModelChoiceField[Member] = MemberField(
        label=_("resident"), required=False, empty_label=_("not a member")
    )
    caller = forms.CharField(
        label=_("name of the caller"),
        max_length=80,
        required=False,
        help_text=_("When the person is not a member: a name, so the answer can reach them."),
    )
    field_order = ("channel", "member", "caller", "category", "place", "text", "photo")

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, community=community, **kwargs)
        self.fields["member"].queryset = queries.reporter_choices(community)  # type: ignore[attr-defined]


class RouteForm(forms.Form):
    title = forms.CharField(
        label=_("title"),
        max_length=120,
        required=False,
        help_text=_("A short public title in plain words; it names no one."),
    )
    responsible = forms.ChoiceField(label=_("responsible"), choices=Responsible.choices)
    name = forms.CharField(label=_("office or person responsible"), max_length=120, required=False)
    partner: forms.ModelChoiceField[Partner] = forms.ModelChoiceField(
        label=_("partner"), queryset=None, required=False
    )
    due_on = forms.DateField(
        label=_("answer due"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for the usual time: 物业 5 days, 居委会 7, partner 10, 街道 15."),
    )

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.filter(community=community)  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("public answer"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
    )


class CloseForm(forms.Form):
    report_back = forms.CharField(
        label=_("report-back: what was done"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("title of the proposal"), max_length=120)
    body = forms.CharField(
        label=_("what do you propose, and why?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class AgendaForm(forms.Form):
    body = forms.CharField(label=_("which body's agenda?"), max_length=120)

    def __init__(self, *args: Any, community: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if community is not None:
            self.fields["body"].widget = SuggestingInput(agenda.body_names(community))
