"""Forms for writing, discussing and answering proposals."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core.models import Community, Place
from linli.core.photos import PhotoField

from .models import Comment, Proposal, ProposalSettings, Stance


class _ByCourtyard(forms.models.ModelChoiceIterator):
    """Courtyards as option groups: the courtyard itself first, then its buildings."""

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        places = list(self.queryset.select_related("parent"))
        areas = sorted((p for p in places if p.parent_id is None), key=lambda p: p.name)
        for area in areas:
            buildings = sorted(
                (p for p in places if p.parent_id == area.pk), key=lambda p: _natural(p.name)
            )
            whole = (area.pk, _("%(courtyard)s (the whole courtyard)") % {"courtyard": area.name})
            yield (area.name, [whole, *(self.choice(b) for b in buildings)])


def _natural(name: str) -> tuple[int, str]:
    digits = "".join(ch for ch in name if ch.isdigit())
    return (int(digits) if digits else 10**6, name)


class PlaceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A place from the address tree (courtyard or building), grouped by courtyard."""

    iterator = _ByCourtyard

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label)


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
            "place",
            "category",
            "estimated_cost",
        ]
        field_classes = {"place": PlaceField}
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "place": gettext_lazy(
                "Optional. The courtyard, or the building in it, that the proposal is about."
            ),
            "estimated_cost": gettext_lazy("Optional. A rough figure is fine."),
        }

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = Place.objects.filter(  # type: ignore[attr-defined]
            community=community, kind__in=[Place.Kind.AREA, Place.Kind.BUILDING]
        )
        if self.instance.pk and self.instance.place_id is None and self.instance.area_id:
            self.initial["place"] = self.instance.area_id  # proposals from before the picker

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        place = data.get("place")
        # The courtyard follows from the place: lists and figures group by it.
        self.instance.area = place.area if place is not None else None
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
