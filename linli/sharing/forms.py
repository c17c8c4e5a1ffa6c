"""Forms for neighbours (listing, asking, confirming, thanking, reporting) and the organiser
(mediation). The services check the rules; the forms only read what was typed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from linli.core.photos import PhotoField
from linli.core.widgets import DateInput

from .models import Box, Category, Item, Problem


class ItemForm(forms.ModelForm):
    photo_upload = PhotoField(
        label=_("photo"), help_text=_("Optional. Large photos are made smaller.")
    )

    class Meta:
        model = Item
        fields = [
            "name",
            "category",
            "description",
            "condition",
            "loan_days",
            "deposit",
            "pickup_times",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["loan_days"].widget.attrs.update(min=1, max=90)


class BoxForm(forms.ModelForm):
    class Meta:
        model = Box
        fields = ["show_name", "display_name", "note"]


class SearchForm(forms.Form):
    category = forms.ChoiceField(
        label=_("category"),
        required=False,
        choices=[("", pgettext_lazy("category", "all")), *Category.choices],
    )
    q = forms.CharField(label=_("search"), required=False, max_length=60)


class LoanRequestForm(forms.Form):
    starts_on = forms.DateField(label=_("from"), widget=DateInput())
    due_on = forms.DateField(label=_("back by"), widget=DateInput())
    message = forms.CharField(
        label=_("message to the owner"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecisionForm(forms.Form):
    message = forms.CharField(
        label=_("message to the borrower"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ConfirmForm(forms.Form):
    photo = PhotoField(label=_("photo of the item's condition"))


class ThanksForm(forms.Form):
    thanks = forms.CharField(
        label=_("thank-you note"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )


class ProblemForm(forms.Form):
    kind = forms.ChoiceField(label=_("what happened"), choices=Problem.Kind.choices)
    description = forms.CharField(
        label=_("description"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    mediation = forms.BooleanField(label=_("ask the organiser to mediate"), required=False)


class ResolveForm(forms.Form):
    outcome = forms.CharField(label=_("what was agreed"), max_length=300)
    mediation_notes = forms.CharField(
        label=_("mediation notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
