"""Forms for building a survey (texts in each of its languages) and reading answers from a POST."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from linli.core.models import Community, Place
from linli.core.widgets import DateTimeInput
from linli.engagement.models import Project
from linli.participation.models import Channel

from . import texts
from .models import Question, Section, Survey
from .services import PAPER_CHANNELS

LANGUAGE_NAMES = dict(settings.LANGUAGES)


class MultilingualMixin:
    """Adds one text field per language for each name in ``multilingual`` and reads them back
    as ``{language: text}``."""

    multilingual: dict[str, tuple[Any, bool, Any]] = {}
    fields: dict[str, forms.Field]
    initial: Any

    def add_language_fields(self, languages: list[str], current: dict[str, dict[str, str]]) -> None:
        for name, (label, required, widget) in self.multilingual.items():
            for position, language in enumerate(languages):
                field_name = f"{name}_{language}"
                # The first language must be written; Traditional Chinese may be left to OpenCC.
                self.fields[field_name] = forms.CharField(
                    label=f"{label} ({LANGUAGE_NAMES.get(language, language)})",
                    required=required and position == 0,
                    widget=widget(),
                    help_text=(
                        _("Leave empty to convert the Simplified Chinese text automatically.")
                        if language == "zh-hant" and "zh-hans" in languages
                        else ""
                    ),
                )
                self.initial.setdefault(field_name, (current.get(name) or {}).get(language, ""))

    def texts_of(self, name: str, languages: list[str]) -> dict[str, str]:
        cleaned: dict[str, Any] = self.cleaned_data  # type: ignore[attr-defined]
        return {
            language: cleaned[f"{name}_{language}"].strip()
            for language in languages
            if cleaned.get(f"{name}_{language}", "").strip()
        }


class SurveyForm(MultilingualMixin, forms.ModelForm):  # type: ignore[type-arg]
    multilingual = {
        "title": (_("Title"), True, forms.TextInput),
        "intro": (
            _("Introduction: why we ask and what happens with the answers"),
            False,
            forms.Textarea,
        ),
        "thanks": (_("Message after answering"), False, forms.Textarea),
    }
    survey_languages = forms.MultipleChoiceField(
        label=_("Languages of the survey"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Write the survey in each language residents read. The first one is required."),
    )

    class Meta:
        model = Survey
        fields = ["project", "mode", "opens_at", "closes_at", "max_responses"]
        widgets = {
            "opens_at": DateTimeInput(),
            "closes_at": DateTimeInput(),
            "mode": forms.RadioSelect,
        }

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.filter(community=community)  # type: ignore[attr-defined]
        instance: Survey = self.instance
        languages = instance.languages or ["zh-hans", "en"]
        data = args[0] if args else kwargs.get("data")
        if data is not None and data.getlist("survey_languages"):
            languages = [c for c, _n in settings.LANGUAGES if c in data.getlist("survey_languages")]
        self.initial.setdefault("survey_languages", languages)
        self.languages = languages
        self.add_language_fields(
            languages, {"title": instance.title, "intro": instance.intro, "thanks": instance.thanks}
        )
        if instance.pk and instance.status != Survey.Status.DRAFT:
            self.fields["mode"].disabled = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        # A mistyped year (0001, 20255) would be stored on PostgreSQL and break the date maths of
        # every page that shows the survey; SQLite cannot even store it.
        for name, when in (("opens_at", opens), ("closes_at", closes)):
            if when and not 2000 <= when.year <= 2100:
                self.add_error(name, _("Enter a date between the years 2000 and 2100."))
                cleaned.pop(name, None)
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The survey must close after it opens."))
        return cleaned

    def save(self, commit: bool = True) -> Survey:
        survey: Survey = super().save(commit=False)
        survey.languages = self.languages
        survey.title = self.texts_of("title", self.languages)
        survey.intro = self.texts_of("intro", self.languages)
        survey.thanks = self.texts_of("thanks", self.languages)
        if commit:
            survey.save()
        return survey


def condition_choices(survey: Survey, before: Question | Section | None) -> list[tuple[str, str]]:
    """Every option of every earlier choice question, as "q3:o2" with a readable label."""
    choices: list[tuple[str, str]] = []
    for number, question in enumerate(
        survey.questions.prefetch_related("options").select_related("section"), start=1
    ):
        if isinstance(before, Section) and question.section_id == before.pk:
            break
        if isinstance(before, Question) and question.pk == before.pk:
            break
        if question.kind not in {"single", "multiple"}:
            continue
        for option in question.options.all():
            label = f"Q{number} {texts.pick(question.text).text} — {texts.pick(option.text).text}"
            choices.append((f"{question.key}:{option.key}", label))
    return choices


class ConditionMixin:
    fields: dict[str, forms.Field]
    initial: Any

    def add_condition_field(
        self, survey: Survey, before: Question | Section | None, current: dict[str, Any] | None
    ) -> None:
        self.fields["show_if"] = forms.MultipleChoiceField(
            label=_("Ask only when an earlier answer is one of"),
            choices=condition_choices(survey, before),
            required=False,
            widget=forms.SelectMultiple(attrs={"size": 6}),
            help_text=_("Leave empty to ask everyone. Choose options of one question only."),
        )
        if current:
            self.initial["show_if"] = [
                f"{current['question']}:{o}" for o in current.get("any_of", [])
            ]  # type: ignore[attr-defined]

    def clean_show_if(self) -> dict[str, Any] | None:
        picked: list[str] = self.cleaned_data.get("show_if") or []  # type: ignore[attr-defined]
        if not picked:
            return None
        questions = {p.split(":")[0] for p in picked}
        if len(questions) != 1:
            raise forms.ValidationError(_("Choose options of one question only."))
        return {"question": questions.pop(), "any_of": [p.split(":")[1] for p in picked]}


class SectionForm(MultilingualMixin, ConditionMixin, forms.Form):
    multilingual = {
        "title": (_("Section title"), False, forms.TextInput),
        "intro": (_("Section introduction"), False, forms.Textarea),
    }

    def __init__(
        self, *args: Any, survey: Survey, section: Section | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        current = {"title": section.title, "intro": section.intro} if section else {}
        self.add_language_fields(survey.languages, current)
        self.add_condition_field(survey, section, section.show_if if section else None)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r", "").split("\n") if line.strip()]


# What each kind of question needs beyond its text, help, section and "required": the builder
# shows only these (the others are hidden, and ignored when saving).
KIND_NEEDS: dict[str, set[str]] = {
    "single": {"options"},
    "multiple": {"options", "min_value", "max_value"},
    "scale": {"min_value", "max_value", "low_label", "high_label"},
    "ranking": {"options"},
    "short_text": {"min_length", "max_length"},
    "long_text": {"min_length", "max_length"},
    "number": {"min_value", "max_value"},
    "date": set(),
    "matrix": {"options", "rows"},
    "place": {"place_kind"},
}
KIND_FIELDS = {name for needs in KIND_NEEDS.values() for name in needs}


class QuestionForm(MultilingualMixin, ConditionMixin, forms.Form):
    multilingual = {
        "text": (_("Question"), True, forms.TextInput),
        "help": (_("Help text"), False, forms.TextInput),
        "options": (_("Options, one per line"), False, lambda: forms.Textarea(attrs={"rows": 5})),
        "rows": (_("Table rows, one per line"), False, lambda: forms.Textarea(attrs={"rows": 4})),
        "low_label": (_("Label of the lowest rating"), False, forms.TextInput),
        "high_label": (_("Label of the highest rating"), False, forms.TextInput),
    }
    kind = forms.ChoiceField(label=_("Kind of question"), choices=Question.Kind.choices)
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=Section.objects.none(), empty_label=None
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    min_value = forms.FloatField(
        label=_("Lowest (number, rating) or fewest options to tick"), required=False
    )
    max_value = forms.FloatField(
        label=_("Highest (number, rating) or most options to tick"), required=False
    )
    min_length = forms.IntegerField(
        label=_("Shortest answer (characters)"), required=False, min_value=0
    )
    max_length = forms.IntegerField(
        label=_("Longest answer (characters)"), required=False, min_value=1, max_value=4000
    )
    place_kind = forms.ChoiceField(
        label=_("Choose among"),
        choices=[("area", _("courtyards and estates")), ("building", _("buildings"))],
        required=False,
    )

    def __init__(
        self, *args: Any, survey: Survey, question: Question | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.survey = survey
        section_field: forms.ModelChoiceField = self.fields["section"]  # type: ignore[assignment]
        section_field.queryset = survey.sections.all()
        section_field.label_from_instance = lambda s: (  # type: ignore[method-assign,assignment]
            str(s) if s.title else _("Part %(n)s") % {"n": s.position}
        )
        current: dict[str, Any] = {}
        if question is not None:
            options = list(question.options.all())
            current = {
                "text": question.text,
                "help": question.help,
                "low_label": question.low_label,
                "high_label": question.high_label,
                "options": {
                    lang: "\n".join(o.text.get(lang, "") for o in options)
                    for lang in survey.languages
                },
                "rows": {
                    lang: "\n".join(r["text"].get(lang, "") for r in question.rows)
                    for lang in survey.languages
                },
            }
            for name in [
                "kind",
                "required",
                "min_value",
                "max_value",
                "min_length",
                "max_length",
                "place_kind",
            ]:
                self.initial.setdefault(name, getattr(question, name))
            self.initial.setdefault("section", question.section_id)
        self.add_language_fields(survey.languages, current)
        self.add_condition_field(survey, question, question.show_if if question else None)
        self.chosen_kind = self._chosen_kind()
        self._mark_kind_fields()

    def _chosen_kind(self) -> str:
        """The kind the form is for: as posted, else as saved or asked for ("" when not chosen)."""
        raw = self.data.get("kind") if self.is_bound else self.initial.get("kind")
        return str(raw) if raw in KIND_NEEDS else ""

    def base_of(self, name: str) -> str:
        for base in KIND_FIELDS:
            if name == base or name.startswith(f"{base}_"):
                return base
        return ""

    def _mark_kind_fields(self) -> None:
        """Each field only some kinds need says which (``data-kinds``, read by question-kind.js);
        fields the chosen kind does not need are hidden and their input ignored."""
        self.hidden_for_kind: set[str] = set()
        for name, field in self.fields.items():
            base = self.base_of(name)
            if not base:
                continue
            kinds = [kind for kind, needs in KIND_NEEDS.items() if base in needs]
            field.widget.attrs["data-kinds"] = " ".join(kinds)
            if self.chosen_kind and self.chosen_kind not in kinds:
                self.hidden_for_kind.add(name)
                field.required = False
        labels = {
            "multiple": (_("Fewest options to tick"), _("Most options to tick")),
            "scale": (_("Lowest rating"), _("Highest rating")),
            "number": (_("Lowest number"), _("Highest number")),
        }
        if self.chosen_kind in labels:
            self.fields["min_value"].label, self.fields["max_value"].label = labels[
                self.chosen_kind
            ]

    def kind_rows(self) -> list[tuple[Any, bool, str]]:
        """The visible fields, each with whether the chosen kind hides it and the kinds that
        need it ("" for fields every question has)."""
        return [
            (
                field,
                field.name in self.hidden_for_kind,
                str(field.field.widget.attrs.get("data-kinds", "")),
            )
            for field in self.visible_fields()
        ]

    def _aligned(self, name: str) -> list[dict[str, str]]:
        """Lines of each language side by side: line i of every language is item i."""
        per_language = {
            lang: _lines(self.cleaned_data.get(f"{name}_{lang}", ""))
            for lang in self.survey.languages
        }
        first = self.survey.languages[0]
        count = len(per_language[first])
        for lang, lines in per_language.items():
            if lines and len(lines) != count:
                self.add_error(
                    f"{name}_{lang}",
                    _("Give as many lines as in %(language)s (%(count)s), in the same order.")
                    % {"language": LANGUAGE_NAMES.get(first, first), "count": count},
                )
        return [
            {lang: lines[i] for lang, lines in per_language.items() if i < len(lines)}
            for i in range(count)
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = cleaned.get("kind")
        if kind in KIND_NEEDS:
            for name in list(cleaned):
                base = self.base_of(name)
                if base and base not in KIND_NEEDS[kind]:  # typed for another kind: dropped
                    cleaned[name] = "" if isinstance(cleaned[name], str) else None
        low, high = cleaned.get("min_value"), cleaned.get("max_value")
        if low is not None and high is not None and low > high:
            self.add_error("max_value", _("The highest must not be lower than the lowest."))
        if kind == "scale":
            if low is None or high is None:
                self.add_error(
                    "max_value",
                    _("A rating scale needs its lowest and highest value, e.g. 1 and 5."),
                )
            elif high - low > 10 or low != int(low) or high != int(high):
                self.add_error("max_value", _("A rating scale runs over at most 11 whole numbers."))
        self.option_texts = self._aligned("options")
        self.row_texts = self._aligned("rows")
        if kind in {"single", "multiple", "ranking"} and len(self.option_texts) < 2:
            self.add_error(
                f"options_{self.survey.languages[0]}", _("Give at least two options, one per line.")
            )
        if kind == "matrix":
            if len(self.option_texts) < 2:
                self.add_error(
                    f"options_{self.survey.languages[0]}",
                    _("Give the choices of each row (columns), one per line."),
                )
            if not self.row_texts:
                self.add_error(
                    f"rows_{self.survey.languages[0]}",
                    _("Give the rows of the table, one per line."),
                )
        return cleaned

    def apply(self, question: Question) -> Question:
        data = self.cleaned_data
        question.kind = data["kind"]
        question.section = data["section"]
        question.required = data["required"]
        for name in ["min_value", "max_value", "min_length", "max_length"]:
            setattr(question, name, data.get(name))
        question.place_kind = data.get("place_kind") or ""
        languages = self.survey.languages
        question.text = self.texts_of("text", languages)
        question.help = self.texts_of("help", languages)
        question.low_label = self.texts_of("low_label", languages)
        question.high_label = self.texts_of("high_label", languages)
        question.show_if = data.get("show_if")
        return question


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Survey definition (.json) exported from linli"))
    opens_at = forms.DateTimeField(label=_("opens"), widget=DateTimeInput())
    closes_at = forms.DateTimeField(label=_("closes"), widget=DateTimeInput())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("opens_at")
            and cleaned.get("closes_at")
            and cleaned["closes_at"] <= cleaned["opens_at"]
        ):
            self.add_error("closes_at", _("The survey must close after it opens."))
        upload = cleaned.get("file")
        if upload is not None:
            if upload.size > 1_000_000:
                self.add_error("file", _("The file is too large for a survey definition."))
            else:
                try:
                    cleaned["data"] = json.loads(upload.read().decode("utf-8"))
                except (UnicodeDecodeError, json.JSONDecodeError):
                    self.add_error("file", _("This file is not valid JSON."))
        return cleaned


class PaperEntryForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("How were the answers given?"),
        choices=[(c.value, c.label) for c in PAPER_CHANNELS],
        initial=Channel.PAPER,
    )
    paper_ref = forms.CharField(label=_("Number on the paper form"), required=False, max_length=30)
    area = forms.ModelChoiceField(
        label=_("Courtyard of the respondent"), queryset=Place.objects.none(), required=False
    )
    member = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area: forms.ModelChoiceField = self.fields["area"]  # type: ignore[assignment]
        area.queryset = Place.objects.filter(community=community, kind=Place.Kind.AREA)


def answers_from_post(
    definition: dict[str, Any], data: QueryDict, sections: list[str] | None = None
) -> dict[str, Any]:
    """Turn posted fields into logic's raw answers. Fields are named after question keys:
    ``q3`` (one value or several), ``q3__o2`` (a ranking place), ``q3__r1`` (a matrix row)."""
    raw: dict[str, Any] = {}
    for section in definition["sections"]:
        if sections is not None and section["key"] not in sections:
            continue
        for question in section["questions"]:
            key, kind = question["key"], question["kind"]
            if kind == "multiple":
                raw[key] = data.getlist(key)
            elif kind == "ranking":
                raw[key] = {o: data.get(f"{key}__{o}", "") for o in question["options"]}
            elif kind == "matrix":
                raw[key] = {r: data.get(f"{key}__{r}", "") for r in question["rows"]}
            else:
                raw[key] = data.get(key, "")
    # Answers to questions this survey does not have are refused, not ignored.
    known = {q["key"] for s in definition["sections"] for q in s["questions"]}
    for name in data:
        base = name.split("__")[0]
        if base.startswith("q") and base[1:].isdigit() and base not in known:
            raw[base] = data.getlist(name)
    return raw
