"""Forms for boards, contests, applications, scoring, objections and inspections."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core.models import Community, Household, Member, Place
from linli.core.photos import PhotoField
from linli.core.widgets import DateInput, DateTimeInput
from linli.tracking.models import Photo

from .models import (
    INSPECTION_DECISIONS,
    Application,
    AwardTier,
    Contest,
    Criterion,
)


def _residents(community: Community) -> Any:
    return Member.objects.filter(community=community, status=Member.Status.VERIFIED).order_by(
        "name"
    )


class ContestForm(forms.ModelForm):
    class Meta:
        model = Contest
        fields = [
            "title",
            "description",
            "eligibility",
            "areas",
            "opens_at",
            "closes_at",
            "scoring_deadline",
            "budget",
            "funds_rules",
            "min_signatures",
            "notice_days",
        ]
        dt = DateTimeInput()
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "eligibility": forms.Textarea(attrs={"rows": 2}),
            "funds_rules": forms.Textarea(attrs={"rows": 3}),
            "areas": forms.CheckboxSelectMultiple,
            "opens_at": dt,
            "closes_at": dt,
            "scoring_deadline": dt,
        }

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = Place.objects.filter(  # type: ignore[attr-defined]
            community=community, kind=Place.Kind.AREA
        ).order_by("name")


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["name", "description", "weight", "low", "high", "levels"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "levels": forms.Textarea(attrs={"rows": 4}),
        }


class TierForm(forms.ModelForm):
    class Meta:
        model = AwardTier
        fields = ["name", "rank_from", "rank_to", "amount"]


class RubricCommentForm(forms.Form):
    criterion = forms.ModelChoiceField(
        label=gettext_lazy("About the criterion"), queryset=Criterion.objects.none(), required=False
    )
    body = forms.CharField(
        label=gettext_lazy("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(self, *args: Any, contest: Contest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = contest.criteria.all()  # type: ignore[attr-defined]


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = ["area", "title", "description", "plan", "team", "budget"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "plan": forms.Textarea(attrs={"rows": 5}),
            "team": forms.Textarea(attrs={"rows": 3}),
        }

    credit_consent = forms.BooleanField(
        label=gettext_lazy("Name me in the showcase if the work is accepted"), required=False
    )

    def __init__(self, *args: Any, areas: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]


class TeamForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=80)
    role = forms.CharField(label=gettext_lazy("What they do"), max_length=100, required=False)
    contact = forms.CharField(
        label=gettext_lazy("Their phone number or email, if they are a resident here"),
        max_length=120,
        required=False,
        help_text=gettext_lazy("Links their part in the project to their record of participation."),
    )
    credit_consent = forms.BooleanField(
        label=gettext_lazy("They agree to be named in the showcase"), required=False
    )


class PhotoForm(forms.Form):
    """A photo of the application's place, before or after the work (tracking's photo)."""

    kind = forms.ChoiceField(
        label=capfirst(gettext_lazy("before or after")),
        choices=Photo.Kind.choices,
        initial=Photo.Kind.BEFORE,
        widget=forms.RadioSelect,
    )
    # Checked from its header here; services.add_photo makes the clean, small copy.
    image = PhotoField(label=gettext_lazy("photo"), required=True)
    caption = forms.CharField(
        label=capfirst(gettext_lazy("what the photo shows")),
        max_length=200,
        help_text=gettext_lazy("Read aloud to people who cannot see the photo."),
    )


class PaperForm(forms.Form):
    lines = forms.CharField(
        label=gettext_lazy("Lines copied from the paper sheet"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "One household a line: courtyard, building, unit, flat and the signer's name, "
            "separated by spaces. For example: 梧桐院 1栋 1单元 101 王秀英"
        ),
    )

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.community = community

    def clean_lines(self) -> list[tuple[Household, str]]:
        rows, unknown = [], []
        for number, line in enumerate(self.cleaned_data["lines"].splitlines(), start=1):
            parts = line.split()
            if not parts:
                continue
            household = None
            if len(parts) == 5:
                household = Household.objects.filter(
                    community=self.community,
                    flat__name=parts[3],
                    flat__parent__name=parts[2],
                    flat__parent__parent__name=parts[1],
                    flat__parent__parent__parent__name=parts[0],
                ).first()
            if household is None:
                unknown.append(
                    _("Line %(number)s, “%(text)s”: no household at this address.")
                    % {"number": number, "text": line.strip()}
                )
            else:
                rows.append((household, parts[4]))
        if unknown:
            # Every wrong line is named with what was typed; the text stays in the box.
            raise forms.ValidationError(
                [*unknown, _("Nothing was saved; correct the marked lines and save again.")]
            )
        return rows


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Your conflict of interest"),
        max_length=300,
        help_text=gettext_lazy(
            "For example: I live in this courtyard, or a relative is in the team."
        ),
    )


class ScoreForm(forms.Form):
    """One score and one reason per criterion. The range is checked again by the service."""

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for c in criteria:
            self.fields[f"c{c.pk}"] = forms.IntegerField(
                label=_("%(name)s: score from %(low)d to %(high)d")
                % {"name": c.name, "low": c.low, "high": c.high},
                widget=forms.NumberInput(attrs={"min": c.low, "max": c.high}),
            )
            self.fields[f"c{c.pk}_reason"] = forms.CharField(
                label=_("%(name)s: reason") % {"name": c.name}, max_length=500
            )

    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            c.pk: (self.cleaned_data[f"c{c.pk}"], self.cleaned_data[f"c{c.pk}_reason"])
            for c in self.criteria
        }


class ObjectionForm(forms.Form):
    application = forms.ModelChoiceField(
        label=gettext_lazy("About which application"),
        queryset=Application.objects.none(),
        required=False,
        help_text=gettext_lazy("Leave empty if it is about the whole result."),
    )
    reason = forms.CharField(
        label=gettext_lazy("Your objection and its reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )

    def __init__(self, *args: Any, contest: Contest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = contest.applications.filter(  # type: ignore[attr-defined]
            rank__isnull=False
        )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("The board's public answer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class MilestoneForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Milestone"), max_length=150)
    amount = forms.DecimalField(
        label=gettext_lazy("Funds released at it (yuan)"),
        min_value=0,
        max_digits=10,  # the column's size: a longer number is a form error, not a 500
        decimal_places=0,
    )


class ReleaseForm(forms.Form):
    evidence = forms.CharField(label=gettext_lazy("What shows it is reached"), max_length=1000)


class InspectionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        widget=forms.RadioSelect,
        choices=INSPECTION_DECISIONS,
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=gettext_lazy("Required unless it passes: what must be fixed, or why it failed."),
    )
    recheck_by = forms.DateField(
        label=gettext_lazy("Inspect again by"),
        required=False,
        widget=DateInput(),
    )
    showcase = forms.CharField(
        label=gettext_lazy("Story for the showcase"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=gettext_lazy(
            "When the work passes: what changed, in the courtyard's own words (shown with the "
            "before and after photos)."
        ),
    )

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for c in criteria:
            self.fields[f"met{c.pk}"] = forms.BooleanField(
                label=_("Met: %(name)s") % {"name": c.name}, required=False
            )
            self.fields[f"note{c.pk}"] = forms.CharField(
                label=_("What we saw: %(name)s") % {"name": c.name}, required=False, max_length=300
            )

    def items(self) -> dict[int, tuple[bool, str]]:
        return {
            c.pk: (self.cleaned_data[f"met{c.pk}"], self.cleaned_data[f"note{c.pk}"])
            for c in self.criteria
        }


class SheetForm(ScoreForm):
    """The secretary copies a member's signed paper score sheet: whose sheet, its photo, and each
    score with its reason as written."""

    def __init__(self, *args: Any, reviewers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewer"] = forms.ModelChoiceField(
            label=gettext_lazy("whose signed sheet"), queryset=reviewers
        )
        self.fields["sheet"] = PhotoField(
            label=gettext_lazy("photo of the signed sheet"), required=True
        )
        self.order_fields(["reviewer", "sheet"])
