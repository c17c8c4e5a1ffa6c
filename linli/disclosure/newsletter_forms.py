"""The form an organiser composes a newsletter with: picks from a pre-filled list, an intro, and
the segment."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from linli.core.models import Community, Place

from .newsletters import Candidate, Segment, open_flags


class NewsletterForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=150)
    intro = forms.CharField(
        label=_("introduction"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A few words from the neighbourhood committee, shown before the items."),
    )
    items = forms.MultipleChoiceField(
        label=_("what goes in"), widget=forms.CheckboxSelectMultiple, required=False
    )
    courtyards = forms.ModelMultipleChoiceField(
        label=_("only these courtyards"),
        queryset=Place.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    language = forms.ChoiceField(label=_("only residents who read"), required=False)
    accessibility = forms.BooleanField(
        label=_("only residents who told us of accessibility needs"), required=False
    )
    flag = forms.TypedChoiceField(
        label=_("only households not yet reached"), coerce=int, required=False, empty_value=None
    )

    def __init__(
        self, *args: Any, community: Community, offered: list[Candidate], **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        fields: dict[str, Any] = self.fields
        fields["items"].choices = [(c.key, f"{c.kind} · {c.title}") for c in offered]
        if not self.is_bound:
            self.initial.setdefault("items", [c.key for c in offered])
        fields["courtyards"].queryset = Place.objects.filter(
            community=community, kind=Place.Kind.AREA
        ).order_by("name")
        fields["language"].choices = [("", _("any language")), *settings.LANGUAGES]
        fields["flag"].choices = [("", _("everyone, reached or not")), *open_flags(community)]

    def segment(self) -> Segment:
        data = self.cleaned_data
        return Segment(
            courtyards=tuple(p.pk for p in data["courtyards"]),
            language=data["language"] or "",
            accessibility=bool(data["accessibility"]),
            flag=data["flag"],
        )


class NewsletterChoiceForm(forms.Form):
    wanted = forms.BooleanField(label=_("Send me the community newsletter"), required=False)
