"""Forms of the supervision committee. They only clean what was typed; the commands decide."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.widgets import DateInput

from .services import DAYS_TO_ANSWER


class QueryForm(forms.Form):
    subject = forms.ChoiceField(label=_("about"), required=False)
    question = forms.CharField(
        label=_("question"), max_length=3000, widget=forms.Textarea(attrs={"rows": 5})
    )
    due_on = forms.DateField(label=_("answer due by"), widget=DateInput())

    def __init__(self, *args: Any, lines: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = [("", _("the committee's own question"))] + [  # type: ignore[attr-defined]
            (line.key, f"{line.source} · {line.title}") for line in lines
        ]
        self.fields["due_on"].initial = timezone.localdate() + timedelta(days=DAYS_TO_ANSWER)


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("public answer"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000
    )
