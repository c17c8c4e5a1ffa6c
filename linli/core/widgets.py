"""Form widgets every module uses: dates and times as the browser's own pickers (with the formats
those inputs read and write), and the member picker's two faces (see ``linli.core.fields``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%H:%M")


# What the picker's script reads: it adds a labelled search box that narrows the list. Without
# the script the list works as it is, grouped by courtyard.
PICKER_ATTRS = {"data-member-picker": "", "data-search-label": _("Find by name or address")}


def _picker_attrs(attrs: dict[str, Any] | None) -> dict[str, Any]:
    return {**{key: str(value) for key, value in PICKER_ATTRS.items()}, **(attrs or {})}


class MemberSelect(forms.Select):
    """One member: a <select> with an option group per courtyard."""

    template_name = "core/widgets/member_select.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        return super().get_context(name, value, _picker_attrs(attrs))


class MemberCheckboxes(forms.CheckboxSelectMultiple):
    """Several members: checkboxes, a group per courtyard."""

    template_name = "core/widgets/member_checkboxes.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        return super().get_context(name, value, _picker_attrs(attrs))
