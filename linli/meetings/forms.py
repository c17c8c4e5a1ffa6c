"""Forms for residents (registration with accommodations) and organisers (meetings, check-in,
minutes, action items, trainings)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core.fields import MemberField, MembersField
from linli.core.models import Community, Member
from linli.core.widgets import DateInput, DateTimeInput
from linli.engagement.models import Project

from . import services
from .models import Accommodation, ActionItem, Meeting, Registration, Training
from .services import Need

# The one member picker (name · address · role, grouped by courtyard, searchable).
MemberChoiceField = MemberField
MemberMultipleChoiceField = MembersField


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "kind",
            "title",
            "description",
            "project",
            "training",
            "format",
            "starts_at",
            "ends_at",
            "place",
            "area",
            "map_url",
            "venue_access",
            "online_url",
            "registration",
            "capacity",
        ]
        widgets = {
            "format": forms.RadioSelect,
            "registration": forms.RadioSelect,
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "venue_access": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.filter(  # type: ignore[attr-defined]
            community=community
        )
        self.fields["training"].queryset = Training.objects.filter(  # type: ignore[attr-defined]
            community=community
        )
        self.fields["area"].queryset = services.areas(community)  # type: ignore[attr-defined]
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M"]  # type: ignore[attr-defined]
        self.fields["capacity"].widget.attrs.update({"min": 1})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        fmt = data.get("format")
        if fmt in (Meeting.Format.IN_PERSON, Meeting.Format.HYBRID) and not data.get("place"):
            self.add_error("place", _("Say where people meet."))
        if fmt in (Meeting.Format.ONLINE, Meeting.Format.HYBRID) and not data.get("online_url"):
            self.add_error("online_url", _("Give the link of the online meeting."))
        return data


class NeedsForm(forms.Form):
    """What a registrant needs to take part. Nothing is required."""

    interpreter = forms.BooleanField(label=gettext_lazy("An interpreter"), required=False)
    interpreter_language = forms.CharField(
        label=gettext_lazy("Interpreter for which language"),
        max_length=60,
        required=False,
        help_text=gettext_lazy("e.g. Tibetan, Sichuanese, English"),
    )
    sign_language = forms.BooleanField(
        label=gettext_lazy("A sign language interpreter"), required=False
    )
    wheelchair = forms.BooleanField(label=gettext_lazy("Wheelchair access"), required=False)
    large_print = forms.BooleanField(label=gettext_lazy("Papers in large print"), required=False)
    childcare = forms.BooleanField(
        label=gettext_lazy("Childcare during the meeting"), required=False
    )
    childcare_ages = forms.CharField(
        label=gettext_lazy("Children's ages"),
        max_length=60,
        required=False,
        help_text=gettext_lazy("e.g. 3 and 7"),
    )
    transport = forms.BooleanField(label=gettext_lazy("Transport to the venue"), required=False)
    transport_from = forms.CharField(
        label=gettext_lazy("Pick-up address"), max_length=120, required=False
    )

    DETAIL = {
        "interpreter": "interpreter_language",
        "childcare": "childcare_ages",
        "transport": "transport_from",
    }

    def __init__(self, *args: Any, registration: Registration | None = None, **kwargs: Any) -> None:
        if registration is not None and not kwargs.get("initial"):
            initial: dict[str, Any] = {}
            for need in registration.accommodations.all():
                initial[need.kind] = True
                if need.kind in self.DETAIL:
                    initial[self.DETAIL[need.kind]] = need.detail
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("interpreter") and not data.get("interpreter_language", "").strip():
            self.add_error(
                "interpreter_language", _("Say which language the interpreter should speak.")
            )
        if data.get("childcare") and not data.get("childcare_ages", "").strip():
            self.add_error(
                "childcare_ages", _("Give the children's ages so the right carers come.")
            )
        return data

    def needs(self) -> list[Need]:
        data = self.cleaned_data
        return [
            Need(kind, str(data.get(self.DETAIL.get(kind, ""), "") or ""))
            for kind in Accommodation.Kind.values
            if data.get(kind)
        ]


class OnBehalfForm(NeedsForm):
    member = MemberChoiceField(
        label=gettext_lazy("Resident"), queryset=Member.objects.none(), empty_label=None
    )
    channel = forms.ChoiceField(
        label=gettext_lazy("How they asked"),
        choices=[
            (Registration.Channel.PHONE.value, Registration.Channel.PHONE.label),
            (Registration.Channel.IN_PERSON.value, Registration.Channel.IN_PERSON.label),
        ],
        widget=forms.RadioSelect,
        initial=Registration.Channel.PHONE,
    )

    field_order = ["member", "channel"]

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = services.members_for_choice(community)  # type: ignore[attr-defined]


class InviteForm(forms.Form):
    members = MemberMultipleChoiceField(
        label=gettext_lazy("Resident leaders and board members to invite"),
        queryset=Member.objects.none(),
    )

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = services.leaders(community)  # type: ignore[attr-defined]


# The help under the check-in code (the form is linli.core.checkin_views.CheckInCodeForm).
CODE_HELP = gettext_lazy("Scan the QR code or type the ten characters under it.")


class WalkInForm(forms.Form):
    member = MemberChoiceField(
        label=gettext_lazy("Resident who came without registering"),
        queryset=Member.objects.none(),
    )

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = services.members_for_choice(community)  # type: ignore[attr-defined]


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is it cancelled?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Everyone registered receives this."),
    )


class MinutesForm(forms.Form):
    agenda = forms.CharField(
        label=gettext_lazy("Agenda"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("One item per line."),
    )
    summary = forms.CharField(
        label=gettext_lazy("What was said"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    decisions = forms.CharField(
        label=gettext_lazy("Decisions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("One decision per line."),
    )


class ActionItemForm(forms.ModelForm):
    owner = MemberChoiceField(
        label=gettext_lazy("Who does it"), queryset=Member.objects.none(), required=False
    )

    class Meta:
        model = ActionItem
        fields = ["text", "owner", "owner_name", "due_on"]
        widgets = {"due_on": DateInput()}

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = services.members_for_choice(community)  # type: ignore[attr-defined]


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=ActionItem.Status.choices)


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label=gettext_lazy("Role at the meeting"), choices=Registration.Role.choices
    )


class TrainingForm(forms.ModelForm):
    class Meta:
        model = Training
        fields = ["title", "description", "skills", "sessions_required", "project"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "skills": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.filter(  # type: ignore[attr-defined]
            community=community
        )
        self.fields["sessions_required"].widget.attrs.update({"min": 1})

    def clean_sessions_required(self) -> int:
        value = int(self.cleaned_data["sessions_required"])
        if value < 1:
            raise forms.ValidationError(_("At least one session is needed to complete."))
        return value
