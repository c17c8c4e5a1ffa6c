"""Forms for the disclosure register and 公示."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from linli.core.documents import ReceiptField
from linli.core.models import Community, Place

from .models import Category, Delivery
from .services import EntryInput


class EntryForm(forms.Form):
    category = forms.ChoiceField(label=_("category"), choices=Category.choices)
    title = forms.CharField(label=_("title"), max_length=150)
    body = forms.CharField(label=_("text"), widget=forms.Textarea(attrs={"rows": 8}))
    publish_at = forms.DateTimeField(
        label=_("publish at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Leave empty to publish now."),
    )
    attachment_title = forms.CharField(
        label=_("title of the attachment"), max_length=120, required=False
    )
    attachment = ReceiptField(
        label=_("attachment (PDF or picture)"),
        required=False,
        help_text=_("A PDF up to 10 MB, or a photo."),
    )

    def service_input(self) -> EntryInput:
        data = self.cleaned_data
        files = [(data["attachment_title"], data["attachment"])] if data["attachment"] else []
        return EntryInput(
            category=data["category"],
            title=data["title"],
            body=data["body"],
            publish_at=data["publish_at"],
            attachments=files,
        )


class BoardForm(forms.Form):
    place: forms.ModelChoiceField[Place] = forms.ModelChoiceField(
        label=_("board of which courtyard?"), queryset=Place.objects.none()
    )
    posted_on = forms.DateField(
        label=_("posted on"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = Place.objects.filter(  # type: ignore[attr-defined]
            community=community, parent=None
        ).order_by("name")


class ObjectionForm(forms.Form):
    text = forms.CharField(
        label=_("your objection"), max_length=3000, widget=forms.Textarea(attrs={"rows": 5})
    )


class AnswerForm(forms.Form):
    objection = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(
        label=_("public answer"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )


class DeliveryForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("How often do you want to hear about new notices and 公示?"),
        choices=Delivery.Mode.choices,
        widget=forms.RadioSelect,
    )
