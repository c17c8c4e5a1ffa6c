"""Forms of the project builder. They check what a form can; the services check the rest."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.forms import BaseModelFormSet, modelformset_factory
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from linli.core.models import Community, Partner, Place
from linli.core.widgets import DateInput

from . import queries, services
from .equity import GUIDE_BY_TOPIC
from .models import LEVEL_PROMISES, EquityItem, Lesson, Level, Method, Phase, Project


class ProjectForm(forms.ModelForm):
    level = forms.ChoiceField(
        label=_("How much say do residents have?"),
        choices=[
            (value, format_lazy("{}: {}", label, LEVEL_PROMISES[value]))
            for value, label in Level.choices
        ],
        widget=forms.RadioSelect,
        help_text=_("Residents see this promise on the project page, in these words. Keep it."),
    )
    methods = forms.MultipleChoiceField(
        label=_("Methods the project will use"),
        choices=Method.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Affected courtyards and buildings"),
        queryset=Place.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners"),
        queryset=Partner.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Project
        fields = (
            "title",
            "purpose",
            "decision",
            "level",
            "starts_on",
            "ends_on",
            "areas",
            "stakeholder_groups",
            "partners",
            "budget",
            "methods",
            "lead",
        )
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "decision": forms.Textarea(attrs={"rows": 2}),
            "stakeholder_groups": forms.Textarea(attrs={"rows": 3}),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }
        help_texts = {
            "purpose": _("Why the project exists, in plain words."),
            "budget": _("Leave empty if there is no money to decide on."),
        }

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("purpose", "decision", "starts_on", "ends_on"):
            self.fields[name].required = True
        areas = self.fields["areas"]
        areas.queryset = queries.area_choices(community)  # type: ignore[attr-defined]
        areas.label_from_instance = lambda place: place.label  # type: ignore[attr-defined]
        self.fields["partners"].queryset = Partner.objects.filter(community=community)  # type: ignore[attr-defined]
        lead = self.fields["lead"]
        lead.queryset = queries.lead_choices(community)  # type: ignore[attr-defined]
        lead.label_from_instance = lambda m: f"{m.name} ({m.get_role_display()})"  # type: ignore[attr-defined]
        self.fields["budget"].min_value = 0  # type: ignore[attr-defined]
        self.fields["budget"].widget.attrs["min"] = 0

    def clean_budget(self) -> Any:
        budget = self.cleaned_data.get("budget")
        if budget is not None and budget < 0:
            raise forms.ValidationError(_("The budget cannot be negative."))
        return budget

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The project cannot end before it starts."))
        return data

    def service_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in services.PROJECT_FIELDS}


class PhaseForm(forms.ModelForm):
    class Meta:
        model = Phase
        fields = ("kind", "name", "starts_on", "ends_on", "description")
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        self.project = project
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("A phase cannot end before it starts."))
        elif starts and ends and self.project.starts_on and self.project.ends_on:
            if starts < self.project.starts_on:
                self.add_error(
                    "starts_on",
                    _("The project starts on %(day)s; the phase cannot start earlier.")
                    % {"day": self.project.starts_on.isoformat()},
                )
            if ends > self.project.ends_on:
                self.add_error(
                    "ends_on",
                    _("The project ends on %(day)s; the phase cannot end later.")
                    % {"day": self.project.ends_on.isoformat()},
                )
        return data


class BasePhaseFormSet(BaseModelFormSet):
    def rows(self) -> list[services.PhaseInput]:
        """The valid forms as service input; untouched empty extra forms are skipped."""
        rows = []
        for form in self.forms:
            if not form.has_changed() and form.instance.pk is None:
                continue
            data = form.cleaned_data
            deleted = bool(data.get("DELETE"))
            if form.instance.pk is None and deleted:
                continue
            rows.append(
                services.PhaseInput(
                    kind=data.get("kind", ""),
                    name=data.get("name", ""),
                    starts_on=data.get("starts_on") or date.min,
                    ends_on=data.get("ends_on") or date.min,
                    description=data.get("description", ""),
                    phase=form.instance if form.instance.pk else None,
                    delete=deleted,
                )
            )
        return rows


PhaseFormSet = modelformset_factory(
    Phase, form=PhaseForm, formset=BasePhaseFormSet, extra=2, can_delete=True
)


class EquityForm(forms.Form):
    """The six questions of the equity plan, each with a state and a written answer."""

    def __init__(self, *args: Any, items: list[EquityItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"{item.topic}-state"] = forms.ChoiceField(
                label=_("Where this stands"),
                choices=EquityItem.State.choices,
                widget=forms.RadioSelect,
                initial=item.state,
            )
            self.fields[f"{item.topic}-answer"] = forms.CharField(
                label=format_lazy(
                    "{}: {}", item.get_topic_display(), _("our plan, or why it is not needed")
                ),
                help_text=_("Needed when you choose “done” or “not needed”."),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=item.answer,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for item in self.items:
            state = data.get(f"{item.topic}-state")
            if state and state != EquityItem.State.NOT_YET and not data.get(f"{item.topic}-answer"):
                self.add_error(
                    f"{item.topic}-answer", _("Say how this is done, or why it is not needed.")
                )
        return data

    def sections(self) -> list[dict[str, Any]]:
        return [
            {
                "item": item,
                "guide": GUIDE_BY_TOPIC[item.topic],
                "state": self[f"{item.topic}-state"],
                "answer": self[f"{item.topic}-answer"],
            }
            for item in self.items
        ]

    def answers(self) -> dict[str, tuple[str, str]]:
        return {
            item.topic: (
                self.cleaned_data[f"{item.topic}-state"],
                self.cleaned_data[f"{item.topic}-answer"],
            )
            for item in self.items
        }


class OpenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why open now although the plan is unfinished?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the project and in the audit log."),
    )


class ReportBackForm(forms.Form):
    phase = forms.ModelChoiceField(label=_("Phase"), queryset=Phase.objects.none())
    heard = forms.CharField(
        label=_("What we heard"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "What residents told us, in their words where you can: also what we cannot do."
        ),
    )
    did = forms.CharField(
        label=_("What we did and why"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What changed because of what residents said, and why some things did not."),
    )
    decided = forms.CharField(
        label=_("What was decided"),
        required=False,
        max_length=300,
        help_text=_("One sentence, if a decision was made in this phase."),
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = project.phases.all()  # type: ignore[attr-defined]

    def service_input(self) -> services.ReportInput:
        return services.ReportInput(**self.cleaned_data)


class LessonForm(forms.Form):
    worked = forms.CharField(label=_("What worked"), widget=forms.Textarea(attrs={"rows": 4}))
    change = forms.CharField(
        label=_("What to change next time"), widget=forms.Textarea(attrs={"rows": 4})
    )
    again = forms.ChoiceField(
        label=_("Would you run a project like this again?"),
        choices=Lesson.Again.choices,
        widget=forms.RadioSelect,
    )
    methods_again = forms.MultipleChoiceField(
        label=_("Which of its methods would you use again?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave a method unticked if you would not use it again."),
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Method.choices)
        self.fields["methods_again"].choices = [(m, labels.get(m, m)) for m in project.methods]  # type: ignore[attr-defined]

    def service_input(self) -> services.LessonInput:
        return services.LessonInput(**self.cleaned_data)
