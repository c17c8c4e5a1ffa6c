"""Forms for residents (ideas, appeals) and organisers (set-up, review, implementation)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from linli.core.bad_input import MAX_YUAN
from linli.core.fields import MemberField, MembersField
from linli.core.models import Community, Member, Partner, Place
from linli.core.photos import PhotoField
from linli.core.widgets import DateTimeInput
from linli.engagement.models import Project
from linli.proposals.models import Proposal
from linli.tracking.forms import MilestoneForm as MilestoneForm
from linli.tracking.forms import SpendingForm as SpendingForm

from .models import Idea, Process, Theme


def _areas(community: Community) -> Any:
    return Place.objects.filter(community=community, kind=Place.Kind.AREA)


class ProcessForm(forms.ModelForm):
    class Meta:
        model = Process
        fields = [
            "title",
            "description",
            "project",
            "budget",
            "project_cap",
            "area_cap",
            "areas",
            "ideas_open_at",
            "review_starts_at",
            "vote_opens_at",
            "vote_closes_at",
            "implementation_starts_at",
            "ballot_type",
            "max_choices",
            "points_total",
            "max_points_per_option",
            "rule",
            "reviewers",
        ]
        field_classes = {"reviewers": MembersField}
        widgets = {
            "ideas_open_at": DateTimeInput(),
            "review_starts_at": DateTimeInput(),
            "vote_opens_at": DateTimeInput(),
            "vote_closes_at": DateTimeInput(),
            "implementation_starts_at": DateTimeInput(),
            "areas": forms.CheckboxSelectMultiple,
            "ballot_type": forms.RadioSelect,
            "rule": forms.RadioSelect,
        }

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.filter(community=community)  # type: ignore[attr-defined]
        self.fields["areas"].queryset = _areas(community)  # type: ignore[attr-defined]
        self.fields["reviewers"].queryset = Member.objects.filter(  # type: ignore[attr-defined]
            community=community, status=Member.Status.VERIFIED
        )
        if self.instance.pk is None and community.pb_project_cap:  # from the settings page
            self.initial["project_cap"] = community.pb_project_cap
        self.fields["rule"].help_text = _(
            "Ranked ballots go with the two ranked rules; the other ballots with the other four."
        )


class SubBudgetForm(forms.Form):
    area = forms.ModelChoiceField(
        label=_("courtyard or district"), queryset=Place.objects.none(), required=False
    )
    theme = forms.ChoiceField(
        label=_("theme"), choices=[("", "---------"), *Theme.choices], required=False
    )
    amount = forms.IntegerField(label=_("at most (yuan)"), min_value=1, max_value=MAX_YUAN)

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = _areas(community)  # type: ignore[attr-defined]


class IdeaForm(forms.ModelForm):
    photo_upload = PhotoField(label=_("photo"))

    class Meta:
        model = Idea
        fields = ["title", "body", "area", "location", "theme", "estimated_cost"]
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = _areas(community)  # type: ignore[attr-defined]


class ProposalForm(forms.Form):
    proposal = forms.ModelChoiceField(label=_("proposal"), queryset=Proposal.objects.none())

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = Proposal.objects.filter(community=community)  # type: ignore[attr-defined]


class ReviewForm(forms.Form):
    feasible = forms.TypedChoiceField(
        label=_("verdict"),
        choices=[("yes", _("feasible: put it on the ballot")), ("no", _("not feasible"))],
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
    )
    cost = forms.IntegerField(
        label=_("costed estimate (yuan)"), min_value=1, max_value=MAX_YUAN, required=False
    )
    cost_reason = forms.CharField(
        label=_("why the cost differs from the estimate"), max_length=300, required=False
    )
    note = forms.CharField(
        label=_("public reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when the idea is not feasible. Residents read it."),
    )


class CostForm(forms.Form):
    cost = forms.IntegerField(label=_("costed estimate (yuan)"), min_value=1, max_value=MAX_YUAN)
    cost_reason = forms.CharField(label=_("why the cost changed"), max_length=300)


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("why the idea should be reconsidered"), widget=forms.Textarea(attrs={"rows": 4})
    )


class AppealDecisionForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label=_("decision"),
        choices=[
            ("yes", _("appeal upheld: the idea goes on the ballot")),
            ("no", _("appeal turned down")),
        ],
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
    )
    cost = forms.IntegerField(
        label=_("costed estimate (yuan)"), min_value=1, max_value=MAX_YUAN, required=False
    )
    answer = forms.CharField(label=_("public answer"), widget=forms.Textarea(attrs={"rows": 3}))


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(label=_("merge into"), queryset=Idea.objects.none())

    def __init__(self, *args: Any, idea: Idea, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = idea.process.ideas.exclude(pk=idea.pk).exclude(  # type: ignore[attr-defined]
            status=Idea.Status.MERGED
        )


class OwnerForm(forms.Form):
    owner = MemberField(label=_("owner"), required=False)
    owner_partner = forms.ModelChoiceField(
        label=_("owner (partner)"), queryset=Partner.objects.none(), required=False
    )
    team = MembersField(label=pgettext_lazy("implementation", "team"), required=False)

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = Member.objects.filter(community=community, status=Member.Status.VERIFIED)
        self.fields["owner"].queryset = members  # type: ignore[attr-defined]
        self.fields["team"].queryset = members  # type: ignore[attr-defined]
        self.fields["owner_partner"].queryset = Partner.objects.filter(community=community)  # type: ignore[attr-defined]


class DoneForm(forms.Form):
    final_note = forms.CharField(label=_("what was done"), widget=forms.Textarea(attrs={"rows": 3}))
    final_photo = PhotoField(label=_("photo of the result"), required=True)
