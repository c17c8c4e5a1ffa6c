"""Forms of opinion mapping. They check what a form can; the services check the rest."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from linli.core.fields import MemberField
from linli.core.models import Community
from linli.engagement.models import Project
from linli.participation.models import Channel

from . import paper
from .models import STATEMENT_MAX, Conversation, Statement


class ConversationForm(forms.ModelForm):
    seeds = forms.CharField(
        label=_("First statements"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One statement per line, to start the conversation. Each is a short view people can "
            "agree or disagree with."
        ),
    )

    class Meta:
        model = Conversation
        fields = ("title", "question", "description", "project", "is_public", "allows_statements")
        widgets = {
            "question": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, community: Community, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.filter(community=community)  # type: ignore[attr-defined]
        if not creating:
            del self.fields["seeds"]

    def service_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def seed_lines(self) -> list[str]:
        return [
            line.strip() for line in self.cleaned_data.get("seeds", "").splitlines() if line.strip()
        ]


class StatementForm(forms.Form):
    text = forms.CharField(
        label=_("Your statement"),
        max_length=STATEMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One short view, in your own words, that others can agree or disagree with."),
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


class ModerationForm(forms.Form):
    statement = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept it")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Why not (told to the author)"), max_length=300, required=False
    )


class CloseForm(forms.Form):
    outcome = forms.CharField(
        label=_("What we will do with it"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Shown to residents on the report-back page."),
    )


class PaperForm(forms.Form):
    """A resident's sheet: who, how it came in, and one line per statement. A line that cannot be
    read is marked on that line; everything typed stays in the form."""

    member: forms.ModelChoiceField = MemberField(label=_("Whose sheet"))
    channel = forms.ChoiceField(
        label=_("How the votes reached us"),
        choices=[(c, label) for c, label in Channel.choices if c != Channel.ONLINE],
        initial=Channel.PAPER,
    )

    def __init__(
        self, *args: Any, statements: list[Statement], members: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members  # type: ignore[attr-defined]
        self.statements = statements
        for statement in statements:
            self.fields[f"s{statement.number}"] = forms.CharField(
                label=f"{statement.number}. {statement.text}",
                required=False,
                max_length=20,
            )

    def lines(self) -> list[Any]:
        return [self[f"s{statement.number}"] for statement in self.statements]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        marks: dict[int, int] = {}
        for statement in self.statements:
            name = f"s{statement.number}"
            try:
                choice = paper.read_mark(data.get(name) or "")
            except paper.BadMark:
                self.add_error(
                    name,
                    _(
                        "Type agree, disagree or pass (1, -1, 0, 同意, 不同意, 跳过), or leave blank."
                    ),
                )
                continue
            if choice is not None:
                marks[statement.number] = choice
        if not self.errors and not marks:
            raise forms.ValidationError(_("The sheet has no votes on it."))
        data["marks"] = marks
        return data
