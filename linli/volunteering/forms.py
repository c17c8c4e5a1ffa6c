"""Forms of volunteering: teams, activities, schedules, check-in, hours (one line or a paper sheet),
decisions with a reason, corrections, impact, the certificate period and group sign-up."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core.fields import MemberField, MembersField
from linli.core.models import Community, Member, Place
from linli.core.widgets import DateInput, DateTimeInput
from linli.engagement.models import Project

from . import services
from .models import Activity, Correction, Impact, Schedule, Team


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self) -> None:
        super().__init__(format="%H:%M")


# The one member picker (name · address · role, grouped by courtyard, searchable).
MemberChoiceField = MemberField
MemberMultipleChoiceField = MembersField


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name", "purpose", "joining", "skills_wanted", "area"]
        widgets = {
            "joining": forms.RadioSelect,
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "skills_wanted": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Place.objects.filter(  # type: ignore[attr-defined]
            community=community, kind=Place.Kind.AREA
        )


class FirstLeaderForm(forms.Form):
    leader = MemberChoiceField(
        label=gettext_lazy("Team leader"),
        queryset=Member.objects.none(),
        help_text=gettext_lazy("A resident who leads the team; more leaders can be named later."),
    )

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = services.residents(community)  # type: ignore[attr-defined]


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "title",
            "description",
            "place",
            "starts_at",
            "ends_at",
            "capacity",
            "skills_needed",
            "project",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.filter(  # type: ignore[attr-defined]
            community=community
        )
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M"]  # type: ignore[attr-defined]
        self.fields["capacity"].widget.attrs.update({"min": 1})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end must be after the start."))
        if starts and not self.instance.pk and starts <= timezone.now():
            self.add_error("starts_at", _("Choose a time in the future."))
        return data


class ScheduleForm(forms.ModelForm):
    class Meta:
        model = Schedule
        fields = [
            "title",
            "description",
            "place",
            "weekday",
            "every_weeks",
            "start_time",
            "end_time",
            "starts_on",
            "until",
            "capacity",
            "skills_needed",
        ]
        widgets = {
            "start_time": TimeInput(),
            "end_time": TimeInput(),
            "starts_on": DateInput(),
            "until": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("start_time")
            and data.get("end_time")
            and data["end_time"] <= data["start_time"]
        ):
            self.add_error("end_time", _("The end must be after the start."))
        first, last = data.get("starts_on"), data.get("until")
        if first and last:
            if last < first:
                self.add_error("until", _("The last day must not be before the first day."))
            elif (last - first).days > 550:
                self.add_error("until", _("Plan at most a year and a half ahead."))
        return data


# The help under the check-in code (the form is linli.core.checkin_views.CheckInCodeForm).
CODE_HELP = gettext_lazy("Scan the QR code or type the ten letters and digits.")


class HoursForm(forms.Form):
    hours = forms.CharField(
        label=gettext_lazy("Hours"),
        max_length=6,
        help_text=gettext_lazy("In half hours, e.g. 2 or 1.5."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    note = forms.CharField(label=gettext_lazy("Note"), max_length=200, required=False)


class LeaderHoursForm(HoursForm):
    member = MemberChoiceField(label=gettext_lazy("Resident"), queryset=Member.objects.none())

    field_order = ["member", "hours", "note"]

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = services.residents(community)  # type: ignore[attr-defined]


class DeclineForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=300)


class CorrectionForm(forms.ModelForm):
    class Meta:
        model = Correction
        fields = ["new_hours", "reason"]
        widgets = {"new_hours": forms.NumberInput(attrs={"step": "0.5", "min": "0.5"})}


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("Answer"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("Needed when you decline."),
    )


class ImpactForm(forms.ModelForm):
    class Meta:
        model = Impact
        fields = ["metric", "amount", "unit"]


class PeriodForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("From"), widget=DateInput())
    end = forms.DateField(label=gettext_lazy("To"), widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end must not be before the start."))
        return data

    @classmethod
    def this_year(cls) -> dict[str, date]:
        today = timezone.localdate()
        return {"start": date(today.year, 1, 1), "end": today}


class GroupForm(forms.Form):
    members = MemberMultipleChoiceField(
        label=gettext_lazy("Team members to sign up"),
        queryset=Member.objects.none(),
    )

    def __init__(self, *args: Any, team: Team, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = (  # type: ignore[attr-defined]
            services.residents(team.community).filter(
                volunteer_teams__team=team, volunteer_teams__status="active"
            )
        )


class AddMembersForm(forms.Form):
    members = MemberMultipleChoiceField(
        label=gettext_lazy("Residents"),
        queryset=Member.objects.none(),
    )
    how = forms.ChoiceField(
        label=gettext_lazy("How"),
        choices=[
            ("invite", gettext_lazy("Invite them: they accept on the team page")),
            ("add", gettext_lazy("Add them now: they signed a paper form")),
        ],
        widget=forms.RadioSelect,
        initial="invite",
    )

    def __init__(self, *args: Any, team: Team, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = services.residents(team.community).exclude(  # type: ignore[attr-defined]
            volunteer_teams__team=team, volunteer_teams__status="active"
        )


class JoinForm(forms.Form):
    skills = forms.CharField(
        label=gettext_lazy("What you can bring (optional)"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("e.g. pruning, painting, carrying"),
    )


class YearForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
