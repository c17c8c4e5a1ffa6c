"""The code half of a check-in page, the same for a meeting and a volunteer shift: the form
(filled in when a scanned QR opened the page), the POST that checks the person in through the
app's command, and ``core/includes/checkin_code.html`` that shows it (with the camera scanner,
``core/checkin.js``, where the page asks for it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .kit import Refused


class CheckInCodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Check-in code"),
        max_length=300,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args: Any, help_text: str | Promise = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = help_text  # type: ignore[assignment]


def by_code(
    request: HttpRequest, help_text: str | Promise, check_in: Callable[[str], Any], back: str
) -> tuple[CheckInCodeForm, HttpResponse | None]:
    """The code form (filled in from a scanned QR's address), and when this POST is a code
    (``action=code``): the way ``back`` with a welcome after ``check_in(code)``, or None with the
    refusal on the form (the page is then shown with 400)."""
    form = CheckInCodeForm(
        request.POST if request.POST.get("action") == "code" else None,
        initial={"code": request.GET.get("code", "")},
        help_text=help_text,
    )
    if not form.is_bound or not form.is_valid():
        return form, None
    try:
        done = check_in(form.cleaned_data["code"])
    except Refused as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return form, None
    messages.success(request, _("Welcome, %(name)s!") % {"name": done.member.name})
    return form, redirect(back)
