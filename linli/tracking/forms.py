"""The shared forms: the apps that fund projects embed them on their own pages."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.documents import ReceiptField
from linli.core.photos import PhotoField
from linli.core.widgets import DateInput


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("milestone"), max_length=150)
    due = forms.DateField(label=_("due"), widget=DateInput)


class SpendingForm(forms.Form):
    """Money paid, in yuan to the fen (stored as integer fen)."""

    amount = forms.DecimalField(
        label=_("amount (yuan)"), min_value=0.01, max_value=10_000_000, decimal_places=2
    )
    what = forms.CharField(label=_("what was bought or paid"), max_length=200)
    spent_on = forms.DateField(label=_("date"), widget=DateInput, initial=timezone.localdate)
    receipt = ReceiptField(label=_("receipt (photo or PDF)"))


class PhotoForm(forms.Form):
    image = PhotoField(label=_("Photo"), required=True)
    caption = forms.CharField(label=_("Caption"), max_length=150)
