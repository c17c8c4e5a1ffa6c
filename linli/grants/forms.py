"""Forms for calls, applications, panel scores, awards, agreements, reports and evaluations."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy, pgettext_lazy

from linli.core.bad_input import MAX_YUAN
from linli.core.documents import ReceiptField
from linli.core.fields import MemberField, MembersField
from linli.core.models import Community, Member, Partner, Place
from linli.core.widgets import DateInput
from linli.engagement.models import Project
from linli.tracking import queries as tracking
from linli.tracking.forms import MilestoneForm as MilestoneForm
from linli.tracking.forms import PhotoForm as PhotoForm

from .models import (
    Application,
    BudgetLine,
    Call,
    Criterion,
    Evaluation,
    Report,
    Theme,
)

DATE = DateInput()
SPENDING_ROWS = 3


def _residents(community: Community) -> Any:
    return Member.objects.filter(community=community, status=Member.Status.VERIFIED).order_by(
        "name"
    )


def _areas(community: Community) -> Any:
    return Place.objects.filter(community=community, kind=Place.Kind.AREA).order_by("name")


class CallForm(forms.ModelForm):
    themes = forms.MultipleChoiceField(
        label=gettext_lazy("Themes offered"),
        choices=Theme.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Call
        fields = [
            "title",
            "year",
            "description",
            "themes",
            "project_cap",
            "community_cap",
            "min_residents",
            "ngos_may_apply",
            "areas",
            "opens_on",
            "closes_on",
            "review_by",
            "award_by",
            "scale_high",
            "panel",
            "project",
        ]
        field_classes = {"panel": MembersField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "areas": forms.CheckboxSelectMultiple,
            **{f: DATE for f in ["opens_on", "closes_on", "review_by", "award_by"]},
        }

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = _areas(community)  # type: ignore[attr-defined]
        self.fields["panel"].queryset = _residents(community)  # type: ignore[attr-defined]
        self.fields["project"].queryset = Project.objects.filter(community=community)  # type: ignore[attr-defined]
        if self.instance.pk is None:  # the community's default caps, from its settings page
            if community.grant_project_cap:
                self.initial["project_cap"] = community.grant_project_cap
            if community.grant_community_cap:
                self.initial["community_cap"] = community.grant_community_cap


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["name", "weight"]


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = [
            "kind",
            "group_name",
            "partner",
            "title",
            "theme",
            "area",
            "goals",
            "activities",
            "results",
            "other_funding",
            "continuation_of",
        ]
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in ["goals", "activities", "results"]}

    def __init__(self, *args: Any, call: Call, member: Member | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        community = call.community
        self.fields["theme"].choices = [c for c in Theme.choices if c[0] in call.themes]  # type: ignore[attr-defined]
        self.fields["partner"].queryset = Partner.objects.filter(  # type: ignore[attr-defined]
            community=community, kind=Partner.Kind.NGO
        )
        self.fields["partner"].help_text = gettext_lazy("Only when applying as an organisation.")
        areas = call.areas.all() if call.areas.exists() else _areas(community)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]
        if not call.ngos_may_apply:
            self.fields["kind"].choices = [(Application.Kind.GROUP, Application.Kind.GROUP.label)]  # type: ignore[attr-defined]
        # Offered only the member's own funded projects; the service refuses ended ones anyway.
        self.fields["continuation_of"].queryset = (  # type: ignore[attr-defined]
            Application.objects.filter(lead=member, call__community=community, status="awarded")
            if member
            else Application.objects.none()
        )


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["category", "item", "amount"]


class TeamForm(forms.Form):
    member = MemberField(label=gettext_lazy("Resident"))
    task = forms.CharField(label=gettext_lazy("Task in the team"), max_length=100)

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = _residents(community)  # type: ignore[attr-defined]


class ScoreForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, forms.Field] = {}
        for criterion in call.criteria.all():
            fields[f"c{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.name} (×{criterion.weight})",
                min_value=0,
                max_value=call.scale_high,
                help_text=gettext_lazy("0 to %(high)s") % {"high": call.scale_high},
            )
        fields["comment"] = self.fields["comment"]
        self.fields = fields  # type: ignore[assignment]

    def values(self) -> dict[int, int]:
        return {
            int(k[1:]): v
            for k, v in self.cleaned_data.items()
            if k.startswith("c") and k != "comment"
        }


class ConflictForm(forms.Form):
    conflict = forms.CharField(
        label=gettext_lazy("What is the conflict of interest?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )


class AwardForm(forms.Form):
    amount = forms.IntegerField(
        label=gettext_lazy("Amount (yuan)"), min_value=1, max_value=MAX_YUAN
    )
    note = forms.CharField(
        label=gettext_lazy("Note to the applicants"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DeclineForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Reason for the decision"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AcceptForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Your full name"), max_length=80)


class ReportForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["kind", "milestone", "narrative", "activities_held", "participants"]
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in ["narrative", "activities_held"]}

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["milestone"].queryset = tracking.milestones(application)  # type: ignore[attr-defined]
        for i in range(1, SPENDING_ROWS + 1):
            self.fields[f"s{i}_category"] = forms.ChoiceField(
                label=gettext_lazy("Spending %(n)s: category") % {"n": i},
                choices=[("", "---------"), *BudgetLine.Category.choices],
                required=False,
            )
            self.fields[f"s{i}_item"] = forms.CharField(
                label=gettext_lazy("Spending %(n)s: item") % {"n": i},
                max_length=150,
                required=False,
            )
            self.fields[f"s{i}_amount"] = forms.IntegerField(
                label=gettext_lazy("Spending %(n)s: amount (yuan)") % {"n": i},
                min_value=1,
                max_value=100_000,
                required=False,
            )
            self.fields[f"s{i}_receipt"] = ReceiptField(
                label=gettext_lazy("Spending %(n)s: receipt (photo or PDF)") % {"n": i},
                required=False,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for i in range(1, SPENDING_ROWS + 1):
            given = [data.get(f"s{i}_{k}") for k in ("category", "item", "amount")]
            if any(given) and not all(given):
                self.add_error(
                    f"s{i}_item",
                    gettext_lazy(
                        "Give the category, the item and the amount, or leave the line empty."
                    ),
                )
        return data

    def spending(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        return [
            {k: data.get(f"s{i}_{k}") for k in ("category", "item", "amount", "receipt")}
            for i in range(1, SPENDING_ROWS + 1)
            if data.get(f"s{i}_amount")
        ]


class ReportReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            ("accept", pgettext_lazy("report", "Accept")),
            ("return", gettext_lazy("Return with a request")),
        ],
    )
    note = forms.CharField(
        label=gettext_lazy("Request or note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EvaluationForm(forms.Form):
    outcome = forms.ChoiceField(label=gettext_lazy("Outcome"), choices=Evaluation.Outcome.choices)
    conditions = forms.CharField(
        label=gettext_lazy("Conditions"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (published)"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
