"""Forms of the site administration and community settings pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Community, Role
from .open_now import switchable_modules


class NewCommunityForm(forms.Form):
    name = forms.CharField(label=_("Community name"), max_length=100)
    slug = forms.SlugField(
        label=_("Short name in addresses"),
        max_length=50,
        help_text=_(
            "Latin letters, digits and hyphens, e.g. wutong: the address becomes /c/wutong/."
        ),
    )
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    district = forms.CharField(label=_("District"), max_length=100, required=False)


class CommunitySettingsForm(forms.ModelForm):
    """Everything about a community its administrators may change, with no shell."""

    languages = forms.MultipleChoiceField(
        label=_("Languages offered"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )
    modules_on = forms.MultipleChoiceField(
        label=_("Modules switched on"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A module switched off disappears from the community's pages."),
    )

    class Meta:
        model = Community
        fields = [
            "name",
            "district",
            "city",
            "description",
            "office_address",
            "office_phone",
            "office_hours",
            "offline_participation",
            "pb_project_cap",
            "grant_project_cap",
            "grant_community_cap",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "offline_participation": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        modules = switchable_modules()
        self.fields["modules_on"].choices = modules  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial["languages"] = self.instance.languages
            self.initial["modules_on"] = [
                label for label, _name in modules if self.instance.module_on(label)
            ]
        for name in ("pb_project_cap", "grant_project_cap", "grant_community_cap"):
            self.fields[name].help_text = _("Used for new processes and calls; empty: no default.")

    def changes(self) -> dict[str, Any]:
        """The cleaned values as community fields, for ``site_admin.update_community``."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["languages"] = list(self.cleaned_data["languages"])
        on = set(self.cleaned_data["modules_on"])
        data["modules_off"] = [label for label, _name in switchable_modules() if label not in on]
        return data


class AppointForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"),
        help_text=_(
            "Without an account, one is made and an invitation to choose a password mailed."
        ),
    )
    name = forms.CharField(label=_("Full name"), max_length=80, required=False)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (Role.COMMUNITY_ADMIN, Role.COMMUNITY_ADMIN.label),
            (Role.ORGANISER, Role.ORGANISER.label),
        ],
    )
