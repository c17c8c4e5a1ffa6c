"""Forms for writing, discussing and answering proposals."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core.models import Community, Place
from linli.core.photos import PhotoField

from .models import Comment, Proposal, ProposalSettings, Stance


class ProposalForm(forms.ModelForm):
    # Not a model field on purpose: the upload is checked here from its header, and the service
    # stores only the clean, small copy made by linli.core.photos.shrink.
    photo = PhotoField(
        label=gettext_lazy("photo"),
        help_text=gettext_lazy("Optional. Large photos are made smaller."),
    )

    class Meta:
        model = Proposal
        fields = [
            "title",
            "body",
            "area",
            "category",
            "estimated_cost",
            "latitude",
            "longitude",
        ]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "latitude": gettext_lazy("Optional. For example 30.812345 (from a map app)."),
            "estimated_cost": gettext_lazy("Optional. A rough figure is fine."),
        }

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Place.objects.filter(  # type: ignore[attr-defined]
            community=community, kind=Place.Kind.AREA
        ).order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        return data


class CoauthorForm(forms.Form):
    contact = forms.CharField(
        label=gettext_lazy("Co-author's phone number or email"),
        max_length=120,
        help_text=gettext_lazy("They must be a verified resident of this community."),
    )


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["stance", "body"]
        widgets = {"stance": forms.RadioSelect, "body": forms.Textarea(attrs={"rows": 3})}


class ReportForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("What is wrong with this comment?"), max_length=300)


class HideForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for hiding (shown in place of the comment)"), max_length=300
    )


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("New status"),
        widget=forms.RadioSelect,
        choices=[
            (value, label)
            for value, label in Proposal.Status.choices
            if value not in ("draft", "received", "merged")
        ],
    )
    answer = forms.CharField(
        label=gettext_lazy("Answer to residents"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=gettext_lazy(
            "Required when rejecting. Everyone who supported or commented is told."
        ),
    )


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=gettext_lazy("Merge into"), queryset=Proposal.objects.none()
    )

    def __init__(self, *args: Any, proposal: Proposal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = (  # type: ignore[attr-defined]
            Proposal.objects.filter(community=proposal.community, published_at__isnull=False)
            .exclude(pk=proposal.pk)
            .exclude(status="merged")
        )


STANCES = list(Stance)


class RulesForm(forms.ModelForm):
    """A community's proposal rules, on its settings page."""

    class Meta:
        model = ProposalSettings
        fields = [
            "support_threshold",
            "window_days",
            "new_account_hours",
            "new_account_comments_per_hour",
        ]

    def clean_support_threshold(self) -> int:
        value = self.cleaned_data["support_threshold"]
        if value < 1:
            raise forms.ValidationError(_("At least one support is needed."))
        return int(value)

    def clean_window_days(self) -> int:
        value = self.cleaned_data["window_days"]
        if not 1 <= value <= 366:
            raise forms.ValidationError(_("Between 1 and 366 days."))
        return int(value)
