"""Forms of a public hearing: signing up to speak (a resident, or staff for a caller), the
organiser's settings, one testimony, and the written response with one answer per testimony."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from linli.core.fields import MemberField
from linli.core.models import Community, Member

from . import services
from .hearing_models import MAX_SPEAKERS, Hearing, Speaker, Testimony


class SpeakForm(forms.Form):
    topic = forms.CharField(
        label=gettext_lazy("What you will speak about"), max_length=200, required=False
    )
    needs = forms.CharField(
        label=gettext_lazy("What you need to speak"),
        max_length=200,
        required=False,
        help_text=gettext_lazy(
            "For example a sign language interpreter, a seat by the microphone, large print."
        ),
    )


class StaffSpeakerForm(SpeakForm):
    member = MemberField(label=gettext_lazy("Speaker"), queryset=Member.objects.none())
    channel = forms.ChoiceField(
        label=gettext_lazy("Registered"),
        choices=[(c.value, c.label) for c in Speaker.Channel if c != Speaker.Channel.ONLINE],
    )
    field_order = ["member", "topic", "needs", "channel"]

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = services.members_for_choice(community)  # type: ignore[attr-defined]


class HearingForm(forms.ModelForm):
    class Meta:
        model = Hearing
        fields = ["matter", "speakers_max", "minutes_each"]
        widgets = {"matter": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["speakers_max"].widget.attrs.update({"min": 1, "max": MAX_SPEAKERS})
        self.fields["minutes_each"].widget.attrs.update({"min": 1, "max": 30})


class TestimonyForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Testimony"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    channel = forms.ChoiceField(
        label=gettext_lazy("How it was given"), choices=Testimony.Channel.choices
    )


class ResponseForm(forms.Form):
    """The introduction and one answer per testimony (fields ``answer_<testimony id>``)."""

    intro = forms.CharField(
        label=gettext_lazy("Introduction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Who answers, and what was decided after hearing everyone."),
    )

    def __init__(self, *args: Any, testimonies: list[Testimony], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.testimonies = testimonies
        for testimony in testimonies:
            self.fields[f"answer_{testimony.pk}"] = forms.CharField(
                label=gettext_lazy("Answer to speaker %(n)s") % {"n": testimony.speaker.position},
                required=False,
                initial=testimony.answer,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def answers(self) -> dict[int, str]:
        return {t.pk: self.cleaned_data.get(f"answer_{t.pk}", "") for t in self.testimonies}

    def rows(self) -> list[tuple[Testimony, Any]]:
        """Each testimony beside its answer field, for the template."""
        return [(t, self[f"answer_{t.pk}"]) for t in self.testimonies]
