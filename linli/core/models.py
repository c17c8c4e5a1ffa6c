"""Communities, addresses, households, people and their roles: the ground every module stands on."""

from __future__ import annotations

import secrets
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .email_case import normalise_email

# Invitation and claim codes avoid letters and digits that are easily confused on paper (0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_code(length: int = 8) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str | None, password: str | None, **extra: Any) -> User:
        email = normalise_email(email)
        user = self.model(email=email or None, **extra)
        user.set_password(password) if password else user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(
        self, email: str | None = None, password: str | None = None, **extra: Any
    ) -> User:
        extra.setdefault("is_superuser", False)
        extra.setdefault("is_staff", False)
        return self._create(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        # Sign-in, password reset and createsuperuser all see "Ann@X.org" as "ann@x.org".
        return self.get(email=normalise_email(username))

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_superuser=True, is_staff=True)
        return self._create(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """An account. People may sign in with an email address or a mobile number."""

    email = models.EmailField(_("email"), unique=True, null=True, blank=True)
    phone = models.CharField(_("mobile number"), max_length=20, unique=True, null=True, blank=True)
    name = models.CharField(pgettext_lazy("person", "name"), max_length=80)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    large_text = models.BooleanField(_("large text"), default=False)
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["name"]

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        constraints: ClassVar[list[Any]] = [
            # Stored addresses are lower case already; the index makes it a rule of the database
            # too, so a raw update or an old code path cannot make a second account.
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_ignoring_case",
                violation_error_message=_("An account with this email already exists."),
            )
        ]

    def __str__(self) -> str:
        return self.name or self.email or self.phone or f"#{self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Empty strings would collide under the unique constraints; absence is NULL.
        self.email = normalise_email(self.email)
        self.phone = self.phone or None
        # set_password() leaves the new raw password in _password until the save: a password
        # reset or change revokes every API token, so whoever held the account loses them too.
        password_changed = getattr(self, "_password", None) is not None and self.pk is not None
        super().save(*args, **kwargs)
        if password_changed:
            ApiToken.objects.filter(user=self).delete()


class Community(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("short name in addresses"), unique=True, max_length=50)
    district = models.CharField(_("district"), max_length=100, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    timezone = models.CharField(_("time zone"), max_length=50, default="Asia/Shanghai")
    languages = models.JSONField(_("languages"), default=list)
    description = models.TextField(_("about the community"), blank=True)
    office_address = models.CharField(_("office address"), max_length=200, blank=True)
    office_phone = models.CharField(_("office phone"), max_length=40, blank=True)
    office_hours = models.CharField(_("office hours"), max_length=200, blank=True)
    offline_participation = models.TextField(
        _("how to take part without the internet"),
        blank=True,
        help_text=_("Paper forms, phone, home visits, courtyard meetings: say where and when."),
    )
    # Modules are on unless switched off here (app labels such as "sharing"): a new community
    # sees everything, and turning one off hides it from the navigation and open items.
    modules_off = models.JSONField(_("modules switched off"), default=list, blank=True)
    # Defaults for new participatory budgets and micro-grant calls; empty means the module's own.
    pb_project_cap = models.PositiveBigIntegerField(
        _("participatory budget: most one project may cost (yuan)"), null=True, blank=True
    )
    grant_project_cap = models.PositiveIntegerField(
        _("micro-grants: most for one project (yuan)"), null=True, blank=True
    )
    grant_community_cap = models.PositiveIntegerField(
        _("micro-grants: most for the community in a year (yuan)"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering: ClassVar[list[str]] = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("core:community", args=[self.slug])

    def module_on(self, label: str) -> bool:
        """Whether the module with this app label (e.g. ``"sharing"``) is on here."""
        return label not in (self.modules_off or [])


class Place(models.Model):
    """A node of the address tree: estate or courtyard > building > unit > flat."""

    class Kind(models.TextChoices):
        AREA = "area", _("estate or courtyard")
        BUILDING = "building", _("building")
        UNIT = "unit", _("unit")
        FLAT = "flat", _("flat")

    class AreaType(models.TextChoices):
        OLD_COURTYARD = "old_courtyard", _("old courtyard")
        COMMERCIAL = "commercial", _("commercial estate")
        RESETTLEMENT = "resettlement", _("resettlement estate")
        VILLAGE = "village", _("urban village")
        OTHER = "other", _("other")

    CHILD_KIND: ClassVar[dict[str, str]] = {"area": "building", "building": "unit", "unit": "flat"}

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="places")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=60)
    area_type = models.CharField(
        _("type of estate"), max_length=20, choices=AreaType.choices, blank=True
    )

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        ordering: ClassVar[list[str]] = ["kind", "name"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(
                fields=["community", "parent", "name"], name="place_unique_name_under_parent"
            ),
            models.UniqueConstraint(
                fields=["community", "name"],
                condition=models.Q(parent__isnull=True),
                name="place_unique_top_level_name",
            ),
        ]
        indexes: ClassVar[list[Any]] = [models.Index(fields=["community", "kind"])]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The full address, e.g. "梧桐院 3栋 2单元 101"."""
        parts: list[str] = []
        node: Place | None = self
        while node is not None:
            parts.append(node.name)
            node = node.parent
        return " ".join(reversed(parts))

    @property
    def area(self) -> Place:
        node = self
        while node.parent is not None:
            node = node.parent
        return node


class Household(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="households")
    flat = models.OneToOneField(Place, on_delete=models.PROTECT, related_name="household")
    # The top-level estate or courtyard, kept beside the flat so evaluation can group quickly.
    area = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="area_households")
    size = models.PositiveSmallIntegerField(
        _("people in the household"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    contact_name = models.CharField(_("contact person"), max_length=80, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    invitation_code = models.CharField(
        _("invitation code"), max_length=12, unique=True, default=new_code
    )
    notes = models.TextField(_("notes for staff"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering: ClassVar[list[str]] = ["flat__id"]

    def __str__(self) -> str:
        return self.flat.label


class Role(models.TextChoices):
    RESIDENT = "resident", _("resident")
    LEADER = "leader", _("resident leader")
    BOARD_MEMBER = "board_member", _("board member")
    ORGANISER = "organiser", _("organiser")
    COMMUNITY_ADMIN = "community_admin", _("community administrator")


class Member(models.Model):
    """A person in a community with a role. A resident may have no account (recorded by staff)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for approval")
        VERIFIED = "verified", _("verified")
        DECLINED = "declined", _("declined")
        LEFT = "left", _("left the community")

    class Verification(models.TextChoices):
        INVITATION = "invitation", _("household invitation code")
        APPROVAL = "approval", _("approved by an organiser")
        STAFF = "staff", _("recorded by staff")
        APPOINTED = "appointed", _("appointed")

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
    )
    household = models.ForeignKey(
        Household, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=80)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.RESIDENT)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    verification = models.CharField(
        _("verified by"), max_length=12, choices=Verification.choices, blank=True
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("message to the organisers"), max_length=300, blank=True)
    # A resident recorded by staff can later claim the record with this code.
    claim_code = models.CharField(max_length=12, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering: ClassVar[list[str]] = ["name"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(
                fields=["community", "user"],
                condition=models.Q(user__isnull=False),
                name="member_one_per_user_and_community",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.email = normalise_email(self.email) or ""
        super().save(*args, **kwargs)

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED

    @property
    def has_account(self) -> bool:
        return self.user_id is not None


class Demographics(models.Model):
    """Optional answers about a member, kept apart from the profile and deletable at any time."""

    class AgeBand(models.TextChoices):
        UNDER_18 = "u18", _("under 18")
        A18_29 = "18-29", _("18 to 29")
        A30_44 = "30-44", _("30 to 44")
        A45_59 = "45-59", _("45 to 59")
        A60_74 = "60-74", _("60 to 74")
        A75 = "75+", _("75 or older")

    class Gender(models.TextChoices):
        WOMAN = "woman", _("woman")
        MAN = "man", _("man")
        OTHER = "other", _("another gender")

    class HousingType(models.TextChoices):
        OLD_COURTYARD = "old_courtyard", _("old courtyard")
        COMMERCIAL = "commercial", _("commercial estate")
        RESETTLEMENT = "resettlement", _("resettlement estate")
        OTHER = "other", _("other")

    class Tenure(models.TextChoices):
        OWNER = "owner", _("owner")
        TENANT = "tenant", _("tenant")
        FAMILY = "family", _("living with family")
        OTHER = "other", _("other")

    DISABILITIES: ClassVar[list[tuple[str, Any]]] = [
        ("mobility", _("mobility")),
        ("vision", _("vision")),
        ("hearing", _("hearing")),
        ("cognitive", _("learning or memory")),
        ("mental", _("mental health")),
        ("other", _("other")),
    ]
    SPOKEN_LANGUAGES: ClassVar[list[tuple[str, Any]]] = [
        ("zh", _("Mandarin Chinese")),
        ("sichuanese", _("Sichuanese")),
        ("yue", _("Cantonese")),
        ("bo", _("Tibetan")),
        ("ii", _("Yi")),
        ("en", _("English")),
        ("zgh", _("sign language")),
        ("other", _("other")),
    ]

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="demographics")
    age_band = models.CharField(_("age"), max_length=6, choices=AgeBand.choices, blank=True)
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    disabilities = models.JSONField(_("disability"), default=list, blank=True)
    housing_type = models.CharField(
        _("type of housing"), max_length=20, choices=HousingType.choices, blank=True
    )
    tenure = models.CharField(_("tenure"), max_length=10, choices=Tenure.choices, blank=True)
    consented_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("demographic answers")
        verbose_name_plural = _("demographic answers")

    def __str__(self) -> str:
        return f"demographics of member {self.member_id}"


class Partner(models.Model):
    class Kind(models.TextChoices):
        SCHOOL = "school", _("school")
        UNIVERSITY = "university", _("university or college")
        BUSINESS = "business", _("business")
        NGO = "ngo", _("social organisation (NGO)")
        GOVERNMENT = "government", _("government office")
        OTHER = "other", _("other")

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    contact_name = models.CharField(_("contact person"), max_length=80, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contribution = models.TextField(_("what they contribute"), blank=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering: ClassVar[list[str]] = ["name"]

    def __str__(self) -> str:
        return self.name


class Notice(models.Model):
    """An announcement published to a community (信息公开)."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="notices")
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("text"))
    pinned = models.BooleanField(_("pinned to the top"), default=False)
    published_at = models.DateTimeField(pgettext_lazy("time", "published"), default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering: ClassVar[list[str]] = ["-pinned", "-published_at"]

    def __str__(self) -> str:
        return self.title


class AuditEntry(models.Model):
    """One organiser or administrator action that changed data: who, what, when, before and after."""

    community = models.ForeignKey(
        Community, null=True, blank=True, on_delete=models.CASCADE, related_name="audit_entries"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=60)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering: ClassVar[list[str]] = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} {self.object_repr}"


class Notification(models.Model):
    """An in-app notification. Email copies go through the outbox in ``linli.core.notify``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    community = models.ForeignKey(Community, null=True, blank=True, on_delete=models.CASCADE)
    kind = models.CharField(max_length=40)
    # The words in the recipient's language on the day it was sent (the email's, and a fallback).
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    # The same as msgids and parameters, said in the reader's language and script when read
    # (``linli.core.stored_text``): {"title": spec, "body": spec}.
    message = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]
        indexes: ClassVar[list[Any]] = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.title

    def _words(self, part: str) -> str:
        from .script import to_script
        from .stored_text import thaw

        spec = (self.message or {}).get(part)
        return thaw(spec) if spec else to_script(getattr(self, part))

    @property
    def title_words(self) -> str:
        """The title in the reader's language and script."""
        return self._words("title")

    @property
    def body_words(self) -> str:
        return self._words("body")


class NotificationPreference(models.Model):
    """A resident's choice to turn one kind of notification off, by channel."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=40)
    email = models.BooleanField(default=True)
    in_app = models.BooleanField(default=True)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.kind}"


class OutboundEmail(models.Model):
    """The outbox: a mail is stored before it is sent, so a failed send is retried, never lost."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to be sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed after all retries")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to = models.EmailField()
    kind = models.CharField(max_length=40)
    language = models.CharField(max_length=10)
    subject = models.CharField(max_length=250)
    text = models.TextField()
    html = models.TextField(blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


class ApiToken(models.Model):
    """A token for the JSON API. Only a hash is stored; the token is shown once when created."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=60)
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    # Any of "read", "write", "vote" (see linli.core.api_tokens).
    scopes = models.JSONField(_("what the token may do"), default=list)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
