"""Form widgets every module uses: dates and times as the browser's own pickers (with the formats
those inputs read and write), and the member picker's two faces (see ``linli.core.fields``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.humanize.templatetags.humanize import intcomma
from django.forms.utils import flatatt
from django.forms.widgets import ChoiceWidget
from django.templatetags.static import static
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from . import picker_search

if TYPE_CHECKING:
    from .fields import Listed


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


class SuggestingInput(forms.TextInput):
    """A text box that offers known values (the browser's own list, ``<datalist>``) and still
    takes anything typed: e.g. the names of a community's bodies when feedback goes to an agenda."""

    def __init__(self, suggestions: list[str] | None = None, attrs: dict[str, Any] | None = None):
        super().__init__(attrs=attrs)
        self.suggestions = list(suggestions or [])

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        if not self.suggestions:
            return super().render(name, value, attrs, renderer)
        list_id = f"{(attrs or {}).get('id') or 'id_' + name}-suggestions"
        box = super().render(name, value, {**(attrs or {}), "list": list_id}, renderer)
        options = format_html_join(
            "", '<option value="{}"></option>', ((v,) for v in self.suggestions)
        )
        return format_html('{}<datalist id="{}">{}</datalist>', box, list_id, options)


# What the picker's script reads: it adds a labelled search box that narrows the list (or, on a
# large list, makes the page's own search box narrow it as one types). Without the script the
# list works as it is, grouped by courtyard.
PICKER_ATTRS = {"data-member-picker": "", "data-search-label": _("Find by name or address")}


def _picker_attrs(attrs: dict[str, Any] | None) -> dict[str, Any]:
    return {**{key: str(value) for key, value in PICKER_ATTRS.items()}, **(attrs or {})}


class _MemberPicker(ChoiceWidget):
    """The picker written out in one pass in Python (a district's community lists hundreds of
    people: a template per option cost seconds), with its search box when the list is narrowed
    (``linli.core.fields.Listed``)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = [str(v) for v in self.format_value(value) if v not in (None, "")]
        listed = self.choices.listed(chosen, picker_search.searched(name))  # type: ignore[attr-defined]
        final = self.build_attrs(self.attrs, _picker_attrs(attrs))
        picker_id = str(final.get("id") or f"id_{name}")
        final["id"] = picker_id
        find = _find_box(name, picker_id, listed) if listed.narrowed else ""
        if find:
            final["data-find"] = f"{picker_id}-find"
            final["aria-describedby"] = " ".join(
                filter(None, [str(final.get("aria-describedby", "")), f"{picker_id}-listed"])
            )
        body = self.markup(name, final, listed, set(chosen))
        script = format_html('<script src="{}" defer></script>', static("linli/member-picker.js"))
        return mark_safe(find + body + script)  # every part is escaped above

    # Each face (a select, checkboxes) writes its list: (name, attrs, listed, chosen) -> HTML.
    markup: Callable[[str, dict[str, Any], Listed, set[str]], str]


def _find_box(name: str, picker_id: str, listed: Listed) -> str:
    """The search box of a narrowed list: GET to the same page, keeping what was typed."""
    if listed.words:
        shown = ngettext(
            "%(found)s person matches “%(words)s” (of %(total)s); those already chosen stay "
            "listed.",
            "%(found)s people match “%(words)s” (of %(total)s); those already chosen stay listed.",
            listed.found,
        )
        if listed.more:
            shown = gettext(
                "More than %(found)s people match “%(words)s” (of %(total)s): the first "
                "%(found)s are listed. Add to the search to find the others."
            )
    else:
        shown = gettext(
            "%(total)s people: the first %(found)s are listed. Search by name, phone or address "
            "to find the others."
        )
    text = shown % {
        "found": intcomma(listed.found),
        "total": intcomma(listed.total),
        "words": listed.words,
    }
    return format_html(
        '<p class="member-find"><label for="{id}-find">{label}</label> '
        '<input type="search" id="{id}-find" name="{param}" value="{words}" form="{form}"> '
        '<button type="submit" form="{form}">{button}</button></p>'
        '<p class="hint" id="{id}-listed">{shown}</p>{kept}',
        id=picker_id,
        label=PICKER_ATTRS["data-search-label"],
        param=picker_search.param(name),
        words=listed.words,
        form=picker_search.FORM_ID,
        button=_("Search"),
        shown=text,
        kept=picker_search.kept_inputs(),
    )


class MemberSelect(_MemberPicker, forms.Select):
    """One member: a <select> with an option group per courtyard."""

    def markup(self, name: str, attrs: dict[str, Any], listed: Listed, chosen: set[str]) -> str:
        parts: list[str] = [format_html('<select name="{}"{}>', name, flatatt(attrs))]
        empty = self.choices.field.empty_label  # type: ignore[attr-defined]
        if empty is not None:
            parts.append(
                format_html('<option value=""{}>{}</option>', _selected("", chosen), empty)
            )
        for courtyard, options in listed.groups:
            parts.append(f'<optgroup label="{escape(courtyard)}">')
            parts.extend(
                f'<option value="{escape(value)}"{_selected(value, chosen)}>{escape(label)}</option>'
                for value, label in options
            )
            parts.append("</optgroup>")
        parts.append("</select>")
        return "".join(parts)


class MemberCheckboxes(_MemberPicker, forms.CheckboxSelectMultiple):
    """Several members: checkboxes, a group per courtyard."""

    def markup(self, name: str, attrs: dict[str, Any], listed: Listed, chosen: set[str]) -> str:
        picker_id = attrs["id"]
        parts: list[str] = [format_html("<div{}>", flatatt(attrs))]
        number = 0
        for courtyard, options in listed.groups:
            parts.append(f"<div><label>{escape(courtyard)}</label>")
            for value, label in options:
                box = f"{picker_id}_{number}"
                checked = " checked" if value in chosen else ""
                parts.append(
                    f'<div><label for="{escape(box)}"><input type="checkbox" name="{escape(name)}"'
                    f' value="{escape(value)}" id="{escape(box)}"{checked}> {escape(label)}'
                    "</label></div>"
                )
                number += 1
            parts.append("</div>")
        parts.append("</div>")
        return "".join(parts)


def _selected(value: str, chosen: set[str]) -> str:
    return " selected" if value in chosen else ""
