from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .auth import normalise_phone
from .email_case import normalise_email
from .models import (
    Community,
    Demographics,
    Household,
    Member,
    Notice,
    Partner,
    Place,
    Role,
    User,
)
from .permissions import grantable_roles


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Email or mobile number"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _("The email or mobile number and password do not match an account."),
        "inactive": _("This account is switched off. Contact the community office."),
    }


class RegisterForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=80)
    email = forms.EmailField(label=_("Email"), required=False, max_length=254)
    phone = forms.CharField(
        label=_("Mobile number"),
        required=False,
        max_length=20,
        help_text=_("Give an email address, a mobile number, or both. You sign in with either."),
    )
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    code = forms.CharField(
        label=_("Household invitation code"),
        required=False,
        max_length=12,
        help_text=_(
            "On the letter from the community office. Without a code, an organiser approves you."
        ),
    )
    community = forms.ModelChoiceField(
        label=_("Community (if you have no code)"),
        queryset=Community.objects.all(),
        required=False,
    )
    address = forms.CharField(
        label=_("Your address (if you have no code)"),
        max_length=200,
        required=False,
        help_text=_("So the organiser can confirm you live here, e.g. 梧桐院 3栋 2单元 101."),
    )

    def clean_phone(self) -> str:
        phone = normalise_phone(self.cleaned_data.get("phone", ""))
        if phone and not 6 <= len(phone.lstrip("+")) <= 15:
            raise forms.ValidationError(_("Enter a mobile number of 6 to 15 digits."))
        if phone and User.objects.filter(phone=phone).exists():
            raise forms.ValidationError(_("An account with this mobile number already exists."))
        return phone

    def clean_email(self) -> str:
        email = normalise_email(self.cleaned_data.get("email")) or ""
        if email and User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("An account with this email already exists. Sign in instead.")
            )
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            not data.get("email")
            and not data.get("phone")
            and not self.has_error("email")
            and not self.has_error("phone")
        ):
            self.add_error("email", _("Give an email address or a mobile number."))
        if not data.get("code") and not data.get("community"):
            self.add_error("community", _("Enter your invitation code, or choose your community."))
        password = data.get("password")
        if password:
            candidate = User(name=data.get("name", ""), email=data.get("email") or None)
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=12)


class JoinForm(forms.Form):
    address = forms.CharField(label=_("Your address"), max_length=200)
    note = forms.CharField(
        label=_("Anything the organiser should know"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ("name", "email", "phone", "language", "large_text")

    def clean_phone(self) -> str | None:
        phone = normalise_phone(self.cleaned_data.get("phone") or "")
        return phone or None

    def clean_email(self) -> str | None:
        email = normalise_email(self.cleaned_data.get("email"))
        if email and User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("An account with this email already exists."))
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("email") and not data.get("phone"):
            self.add_error("email", _("Keep an email address or a mobile number to sign in with."))
        return data


class DemographicsForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_("I agree that linli keeps these answers to check that everyone is heard."),
        help_text=_(
            "Only totals of five or more people are ever shown. You can change or delete "
            "these answers at any time."
        ),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=Demographics.SPOKEN_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    disabilities = forms.MultipleChoiceField(
        label=_("Do you live with a disability? (choose any)"),
        choices=Demographics.DISABILITIES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Demographics
        fields = ("age_band", "gender", "languages", "disabilities", "housing_type", "tenure")
        help_texts = {
            "age_band": _("Helps us see whether older and younger neighbours both take part."),
            "gender": _("Helps us see whether women and men are heard equally."),
            "housing_type": _(
                "Old courtyards, new estates and resettlement estates have different needs."
            ),
            "tenure": _("Tenants are often left out of decisions; this helps us notice."),
        }


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_(
            "Columns: estate or courtyard, building, unit, flat, size, contact, phone, email. "
            "Headings may be in Chinese or English."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Choose a .csv or .xlsx file."))
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class RecordResidentForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = ("name", "household", "phone", "email", "language", "role")

    def __init__(self, *args: Any, community: Community, actor: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        grantable = set(grantable_roles(actor, community))
        self.fields["role"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in Role.choices if value in grantable
        ]
        households = Household.objects.filter(community=community).select_related(
            "flat__parent__parent__parent"
        )
        self.fields["household"].queryset = households  # type: ignore[attr-defined]
        self.fields["household"].label_from_instance = lambda h: h.flat.label  # type: ignore[attr-defined]


class NoticeForm(forms.ModelForm):
    class Meta:
        model = Notice
        fields = ("title", "body", "pinned")


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = ("name", "kind", "contact_name", "contact_phone", "contribution")


class PlaceForm(forms.Form):
    area = forms.CharField(label=_("Estate or courtyard"), max_length=60)
    area_type = forms.ChoiceField(label=_("Type of estate"), choices=Place.AreaType.choices)
    building = forms.CharField(label=_("Building"), max_length=60, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=60, required=False)


class TokenForm(forms.Form):
    name = forms.CharField(label=_("What the token is for"), max_length=60)
    scopes = forms.MultipleChoiceField(
        label=_("What the token may do"),
        choices=[
            ("read", _("Read: see what you can see")),
            ("write", _("Write: change things you may change (not voting)")),
            ("vote", _("Vote: cast ballots in your name")),
        ],
        widget=forms.CheckboxSelectMultiple,
        initial=["read"],
        help_text=_("Give a script only what it needs."),
        error_messages={"required": _("Choose at least one thing the token may do.")},
    )
    expires_in = forms.TypedChoiceField(
        label=_("Valid for"),
        coerce=int,
        choices=[
            (7, _("7 days")),
            (30, _("30 days")),
            (90, _("90 days")),
            (365, _("1 year")),
        ],
        initial=90,
    )
