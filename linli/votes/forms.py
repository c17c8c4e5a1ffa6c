"""Forms for organisers and officers, and reading a ballot from a submitted form."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core.models import Community, Member, Place, Role, User
from linli.core.services import ServiceError
from linli.engagement.models import Project
from linli.proposals.models import Proposal

from .counting import QuestionSpec
from .models import Question, Vote


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


class VoteForm(forms.ModelForm):
    class Meta:
        model = Vote
        fields = [
            "title",
            "description",
            "project",
            "areas",
            "unit",
            "opens_at",
            "closes_at",
            "results_shown",
            "officers",
        ]
        widgets = {
            "areas": forms.CheckboxSelectMultiple,
            "officers": forms.CheckboxSelectMultiple,
            "opens_at": DateTimeInput(),
            "closes_at": DateTimeInput(),
            "unit": forms.RadioSelect,
            "results_shown": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = Place.objects.filter(  # type: ignore[attr-defined]
            Q(kind=Place.Kind.AREA) | Q(kind=Place.Kind.BUILDING, parent__parent__isnull=True),
            community=community,
        ).order_by("name")
        self.fields["project"].queryset = Project.objects.filter(  # type: ignore[attr-defined]
            community=community
        )
        self.fields["officers"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(
                memberships__community=community,
                memberships__status=Member.Status.VERIFIED,
                memberships__role__in=[Role.LEADER, Role.BOARD_MEMBER],
            )
            .distinct()
            .order_by("name")
        )
        for name in ("opens_at", "closes_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M"]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The vote must close after it opens."))
        return data


class QuestionForm(forms.ModelForm):
    options = forms.CharField(
        label=gettext_lazy("Options, one per line"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "Each line becomes one option, numbered in this order on paper. For a knapsack "
            "question add each project's cost in yuan after a bar: “New benches | 12000”."
        ),
    )

    proposals = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Residents' proposals to put on the ballot"),
        queryset=Proposal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Each becomes an option with the proposal's title; when the vote is published the "
            "proposal shows “going to a vote” and its supporters are told."
        ),
    )

    class Meta:
        model = Question
        fields = [
            "text",
            "ballot_type",
            "max_choices",
            "max_score",
            "ranked_method",
            "budget_limit",
            "points_total",
            "max_points_per_option",
        ]
        widgets = {"ballot_type": forms.RadioSelect, "ranked_method": forms.RadioSelect}
        labels = {
            "max_choices": gettext_lazy("approval or knapsack: most options a voter may choose")
        }

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposals"].queryset = Proposal.objects.filter(  # type: ignore[attr-defined]
            community=community,
            status__in=[
                Proposal.Status.RECEIVED,
                Proposal.Status.UNDER_REVIEW,
                Proposal.Status.ACCEPTED,
                Proposal.Status.TO_VOTE,
            ],
        )
        self.fields["options"].required = False
        if self.instance.pk:
            self.fields["options"].initial = "\n".join(
                option_line(o.label, o.cost) for o in self.instance.options.all()
            )
        self.fields["max_score"].widget.attrs.update({"min": 1, "max": 10})
        self.fields["max_choices"].widget.attrs.update({"min": 1})
        for name in ("budget_limit", "points_total", "max_points_per_option"):
            self.fields[name].widget.attrs.update({"min": 1})
        self._parsed: list[tuple[str, int | None]] = []

    def clean_options(self) -> str:
        text = str(self.cleaned_data.get("options") or "")
        parsed, problems = parse_option_lines(text)
        if problems:
            raise forms.ValidationError(problems)
        self._parsed = parsed
        return text

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("ballot_type")
        if kind == Question.BallotType.KNAPSACK:
            if not data.get("budget_limit"):
                self.add_error("budget_limit", _("Give the budget the chosen projects must fit."))
            missing = [label for label, cost in self._parsed if cost is None]
            if missing and "options" not in self.errors:
                self.add_error(
                    "options",
                    _("Give a cost for: %(options)s (write “option | cost in yuan”).")
                    % {"options": "、".join(missing)},
                )
        if kind == Question.BallotType.CUMULATIVE:
            total, most = data.get("points_total"), data.get("max_points_per_option")
            if not total:
                self.add_error(
                    "points_total", _("Give the number of points each voter shares out.")
                )
            elif most is not None and most > total:
                self.add_error(
                    "max_points_per_option",
                    _("The most points on one option must be between 1 and the points to share."),
                )
        return data

    def clean_max_score(self) -> int:
        value = self.cleaned_data["max_score"]
        if not 1 <= value <= 10:
            raise forms.ValidationError(_("The highest score must be between 1 and 10."))
        return int(value)

    def option_labels(self) -> list[str]:
        return [label for label, _cost in self._parsed]

    def option_costs(self) -> list[int | None]:
        return [cost for _label, cost in self._parsed]

    def chosen_proposals(self) -> list[Proposal]:
        return list(self.cleaned_data.get("proposals") or [])


_COST_SEPARATOR = re.compile(r"\s*[|｜]\s*")


def option_line(label: str, cost: int | None) -> str:
    return label if cost is None else f"{label} | {cost}"


def parse_option_lines(text: str) -> tuple[list[tuple[str, int | None]], list[str]]:
    """Option lines as ``(label, cost)``: ``label`` alone, or ``label | cost`` with the cost in
    whole yuan (``¥12,000``, ``12000元`` and ``12 000`` are read too). Problems name the line."""
    parsed: list[tuple[str, int | None]] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        label, separator, raw = (part.strip() for part in _split_cost(line))
        if not separator:
            parsed.append((label, None))
            continue
        digits = re.sub(r"[\s,，¥￥元]", "", raw)
        if not label or not digits.isdigit():
            problems.append(
                _("Line %(line)d (“%(text)s”): write the option, a bar and its cost in whole yuan.")
                % {"line": number, "text": line.strip()}
            )
            continue
        parsed.append((label, int(digits)))
    return parsed, problems


def _split_cost(line: str) -> tuple[str, str, str]:
    parts = _COST_SEPARATOR.split(line)
    if len(parts) == 1:
        return line, "", ""
    return "|".join(parts[:-1]), "|", parts[-1]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class BatchForm(forms.Form):
    label = forms.CharField(
        label=gettext_lazy("Name of the bundle"),
        max_length=80,
        help_text=gettext_lazy("e.g. 梧桐院 ballot box, bundle 1"),
    )
    size = forms.IntegerField(
        label=gettext_lazy("Number of ballots in the bundle"), min_value=1, max_value=2000
    )


class BatchEntryForm(forms.Form):
    ballots = forms.CharField(
        label=gettext_lazy("Ballots, one line per paper ballot, in the order of the bundle"),
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false", "autocomplete": "off"}),
    )


class BoothSearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Name, phone, flat number or building"), max_length=80, required=False
    )


def answers_from_post(specs: list[QuestionSpec], data: QueryDict) -> dict[str, Any]:
    """Turn the ballot form into stored answers. Field names: ``q<question>`` for single,
    approval and knapsack questions, ``q<question>_o<option>`` for a rank, a score or points
    given to one option."""
    answers: dict[str, Any] = {}
    for spec in specs:
        key = str(spec.id)
        if spec.method in ("plurality", "approval", "knapsack"):
            answers[key] = [_as_int(v) for v in data.getlist(f"q{key}") if v]
        elif spec.method == "cumulative":
            points: dict[str, Any] = {}
            for option in spec.options:
                raw = data.get(f"q{key}_o{option}", "").strip()
                if raw != "":
                    # left as text: check_answer refuses fractions and words with a clear message
                    points[str(option)] = raw
            answers[key] = points
        elif spec.method == "score":
            scores: dict[str, int] = {}
            for option in spec.options:
                raw = data.get(f"q{key}_o{option}", "")
                if raw != "":
                    scores[str(option)] = _as_int(raw)
            answers[key] = scores
        else:
            answers[key] = _ranking(spec, data)
    known = {str(spec.id): {str(o) for o in spec.options} for spec in specs}
    for name in data:
        match = _FIELD.fullmatch(name)
        if match is None:
            continue
        question_key, option_key = match.group(1), match.group(2)
        if question_key not in known or (
            option_key is not None and option_key not in known[question_key]
        ):
            # a field the ballot never showed: an option or question of another vote
            raise ServiceError(_("One of the options chosen is not part of this vote."))
    return answers


_FIELD = re.compile(r"q(\d+)(?:_o(\d+))?")


def _as_int(raw: str) -> int:
    try:
        return int(raw)
    except ValueError as error:
        raise ServiceError(_("This ballot could not be read.")) from error


def _ranking(spec: QuestionSpec, data: QueryDict) -> list[int]:
    ranks: dict[int, int] = {}
    for option in spec.options:
        raw = data.get(f"q{spec.id}_o{option}", "")
        if raw:
            ranks[option] = _as_int(raw)
    given = sorted(ranks.values())
    if len(set(given)) != len(given):
        raise ServiceError(
            _("Two options share the same place in your ranking; give each place once."),
            field=f"q{spec.id}",
        )
    if given and given != list(range(1, len(given) + 1)):
        raise ServiceError(
            _("Number your choices 1, 2, 3 … without gaps."),
            field=f"q{spec.id}",
        )
    return [option for option, _rank in sorted(ranks.items(), key=lambda kv: kv[1])]
