from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from linli.core.fields import MemberField
from linli.core.models import Household, Member
from linli.core.widgets import DateInput
from linli.surveys.models import Question

from .models import FollowUp, LeaderCandidate, ProjectTarget, RepeatedQuestion


class MarginImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_(
            "Columns: courtyard (optional), dimension, group, people, source (optional). "
            "Dimensions: age, gender, language, disability, tenure. Headings may be in Chinese "
            "or English."
        ),
    )
    source = forms.CharField(
        label=_("Where the figures come from"),
        max_length=120,
        required=False,
        help_text=_("For example: 2025 household survey of the street office."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Choose a .csv or .xlsx file."))
        return upload


class LettersForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the letters"), choices=settings.LANGUAGES)


class InvitationForm(forms.Form):
    note = forms.CharField(
        label=_("A note from you"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
        help_text=_(
            "The invitation itself is sent in each resident's language; your note is added as "
            "you write it."
        ),
    )


class FollowUpForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What was done"),
        choices=[
            (FollowUp.Kind.VISITS, FollowUp.Kind.VISITS.label),
            (FollowUp.Kind.OTHER, FollowUp.Kind.OTHER.label),
        ],
    )
    households = forms.IntegerField(label=_("Households reached"), min_value=0, max_value=100000)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000, required=False
    )


class MeasureForm(forms.Form):
    below = forms.TypedChoiceField(
        label=_("Flag groups taking part at less than"),
        choices=[
            ("0.5", "50%"),
            ("0.6", "60%"),
            ("0.7", "70%"),
            ("0.8", "80%"),
            ("0.9", "90%"),
        ],
        coerce=float,
        initial="0.8",
        required=False,
        help_text=_("of the rate of the best-reached group."),
    )


class VisitForm(forms.Form):
    household: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Household"), queryset=Household.objects.none()
    )
    visited_on = forms.DateField(label=_("Visited on"), widget=DateInput())
    resident: forms.ModelChoiceField[Any] = MemberField(
        label=_("Resident spoken with"), required=False
    )
    concerns = forms.CharField(
        label=_("Concerns raised"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )
    follow_ups = forms.CharField(
        label=_("To follow up"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )
    possible_leader = forms.BooleanField(
        label=_("This resident could become a resident leader"), required=False
    )

    def __init__(self, *args: Any, community: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        households = Household.objects.filter(community=community).select_related(
            "flat__parent__parent__parent"
        )
        self.fields["household"].queryset = households  # type: ignore[attr-defined]
        self.fields["household"].label_from_instance = lambda h: h.flat.label  # type: ignore[attr-defined]
        self.fields["resident"].queryset = Member.objects.filter(  # type: ignore[attr-defined]
            community=community, status=Member.Status.VERIFIED, household__isnull=False
        )


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=LeaderCandidate.Stage.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class TargetForm(forms.Form):
    kind = forms.ChoiceField(label=_("What is measured"), choices=ProjectTarget.Kind.choices)
    baseline = forms.FloatField(
        label=_("Baseline"),
        help_text=_("A share as a decimal (0.3 for 30%), or a number of leaders."),
    )
    target = forms.FloatField(label=_("Target"))
    question: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Survey question (for satisfaction)"),
        queryset=Question.objects.none(),
        required=False,
    )

    repeated: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Or a repeated question, to show the change since the earlier survey"),
        queryset=RepeatedQuestion.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, community: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _question_choices(self.fields["question"], community)
        self.fields["repeated"].queryset = RepeatedQuestion.objects.filter(  # type: ignore[attr-defined]
            community=community
        ).select_related("before__survey", "after__survey")
        self.fields["repeated"].label_from_instance = _repeated_label  # type: ignore[attr-defined]


def _question_label(question: Any) -> str:
    return f"{question.survey.title_text}: {question.survey.pick(question.text).text}"


def _repeated_label(item: Any) -> str:
    return f"{_question_label(item.before)} → {item.after.survey.title_text}"


def _question_choices(field: Any, community: Any) -> None:
    """Rating-scale and single-choice questions of the community's surveys."""
    field.queryset = Question.objects.filter(
        survey__community=community, kind__in=[Question.Kind.SCALE, Question.Kind.SINGLE]
    ).select_related("survey")
    field.label_from_instance = _question_label


class RepeatedQuestionForm(forms.Form):
    before: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Question asked before"), queryset=Question.objects.none()
    )
    after: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("The same question asked after"), queryset=Question.objects.none()
    )
    weighting = forms.ChoiceField(
        label=_("Weighting"),
        choices=RepeatedQuestion.Weighting.choices,
        required=False,
        help_text=_(
            "Weight the answers to the population baselines (the design effect widens the interval)."
        ),
    )

    def __init__(self, *args: Any, community: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _question_choices(self.fields["before"], community)
        _question_choices(self.fields["after"], community)
