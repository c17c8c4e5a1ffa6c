"""/media/ is no longer a folder anyone can read: every name must belong to a record whose rule
lets this person see it; every file field stores random names under a folder that has a rule."""

from __future__ import annotations

from datetime import date

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.test import Client, override_settings

from linli.core import media
from linli.core.uploads import RandomName, looks_random
from linli.proposals.models import Proposal
from linli.sharing.models import Item
from tests.conftest import client_for

FILE_FIELDS = [
    (model, field)
    for model in apps.get_models()
    if model.__module__.startswith("linli.")
    for field in model._meta.get_fields()
    if isinstance(field, models.FileField)
]


def test_the_file_fields_are_all_found():
    assert len(FILE_FIELDS) >= 10


@pytest.mark.parametrize(
    ("model", "field"), FILE_FIELDS, ids=[f"{m.__name__}.{f.name}" for m, f in FILE_FIELDS]
)
def test_every_file_field_has_random_names_and_a_rule(model, field):
    assert isinstance(field.upload_to, RandomName)
    name = field.upload_to(None, "王秀英的收据.JPG")
    assert looks_random(name) and name.endswith(".jpg") and "王秀英" not in name
    kind = media.kind_of(name)
    assert kind is not None, f"no rule registered for {name}"
    assert kind.model == model._meta.label and field.name in kind.fields


@pytest.mark.django_db
def test_a_file_that_no_record_holds_is_not_served():
    name = default_storage.save("proposals/photos/forgotten.jpg", ContentFile(b"\xff\xd8secret"))
    assert Client().get(f"/media/{name}").status_code == 404
    name = default_storage.save("exports/members.csv", ContentFile(b"name,phone"))
    assert Client().get(f"/media/{name}").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["../secret_key", "proposals/../../secret_key", "%2e%2e/secret_key", "/etc/passwd", "a\\b"],
)
def test_paths_that_leave_the_media_folder_are_not_found(path):
    assert Client().get(f"/media/{path}").status_code == 404


@pytest.mark.django_db
def test_the_web_server_can_send_the_file_once_django_said_yes(community, resident):
    item = Item.objects.create(
        community=community,
        household=resident.memberships.get().household,
        name="电钻",
        category="tools",
        loan_days=7,
        expires_on=date(2099, 1, 1),
    )
    item.photo.save("x.jpg", ContentFile(b"\xff\xd8\xff"))
    with override_settings(
        LINLI_MEDIA_SENDFILE="x-accel-redirect", LINLI_MEDIA_ACCEL_PREFIX="/_protected_media/"
    ):
        response = Client().get(item.photo.url)
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/_protected_media/{item.photo.name}"
    with override_settings(LINLI_MEDIA_SENDFILE="x-sendfile"):
        response = Client().get(item.photo.url)
    assert response["X-Sendfile"] == default_storage.path(item.photo.name)


@pytest.mark.django_db
def test_old_guessable_names_are_still_served_by_their_rule(community, resident):
    """Files stored before the change keep working, under the same rule."""
    name = default_storage.save("proposals/2026/05/photo_1.jpg", ContentFile(b"\xff\xd8\xff"))
    member = resident.memberships.get()
    Proposal.objects.create(community=community, author=member, title="t", body="b", photo=name)
    assert Client().get(f"/media/{name}").status_code == 404  # a draft
    assert client_for(resident).get(f"/media/{name}").status_code == 200


@pytest.mark.django_db
def test_old_names_can_be_made_random_once(community, resident):
    from django.core.management import call_command

    name = default_storage.save("proposals/2026/05/IMG_0001.jpg", ContentFile(b"\xff\xd8\xff"))
    member = resident.memberships.get()
    proposal = Proposal.objects.create(
        community=community, author=member, title="t", body="b", photo=name
    )
    call_command("randomise_media_names")
    proposal.refresh_from_db()
    assert looks_random(proposal.photo.name) and proposal.photo.read() == b"\xff\xd8\xff"
    assert not default_storage.exists(name)
    assert media.randomise_old_names() == 0
