"""A proposal's photo: written through the form it loses what the phone hid in it; a draft's photo
is for its authors only, under a name nobody can guess; a published one is for everybody."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from linli.core.uploads import looks_random
from linli.proposals import services
from linli.proposals.models import Proposal
from tests.conftest import client_for, make_household, make_person
from tests.images import GPS_IFD, jpeg_with_gps, png_of_size


def write(client, community, photo):  # type: ignore[no-untyped-def]
    return client.post(
        f"/c/{community.slug}/proposals/new/",
        {
            "title": "院坝增设座椅",
            "body": "老人晒太阳没地方坐",
            "category": "elderly",
            "photo": photo,
        },
    )


def test_a_phone_photo_loses_its_gps_position_and_its_name(community, resident):
    response = write(
        client_for(resident), community, SimpleUploadedFile("王秀英-3-201.jpg", jpeg_with_gps())
    )
    assert response.status_code == 302
    stored = Proposal.objects.get().photo
    with Image.open(stored) as image:
        assert not image.getexif().get_ifd(GPS_IFD) and "comment" not in image.info
        assert max(image.size) <= 1600
    assert looks_random(stored.name) and "王秀英" not in stored.name
    assert stored.name.startswith("proposals/photos/")


def test_a_13000_pixel_png_gets_a_translated_error_and_keeps_the_text(community, resident):
    client = client_for(resident)
    client.cookies["linli_language"] = "en"
    response = write(client, community, SimpleUploadedFile("big.png", png_of_size(13_000, 13_000)))
    page = response.content.decode()
    assert response.status_code == 200
    assert "too many pixels" in page and "院坝增设座椅" in page
    assert not Proposal.objects.exists()


def test_a_drafts_photo_is_for_its_author_only(community, resident, organiser):
    write(client_for(resident), community, SimpleUploadedFile("a.jpg", jpeg_with_gps()))
    proposal = Proposal.objects.get()
    url = proposal.photo.url
    assert client_for(resident).get(url).status_code == 200
    other = make_person(
        community,
        "neighbour@test.org",
        household=make_household(community, ["梧桐院", "9栋", "901"]),
    )
    for stranger in (Client(), client_for(other), client_for(organiser)):
        assert stranger.get(url).status_code == 404
    response = client_for(resident).get(url)
    assert response["Cache-Control"] == "private, no-store"


def test_a_published_proposals_photo_is_for_everybody(community, resident):
    write(client_for(resident), community, SimpleUploadedFile("a.jpg", jpeg_with_gps()))
    proposal = Proposal.objects.get()
    services.publish(proposal.author.user, proposal)
    response = Client().get(proposal.photo.url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"].startswith("public")
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
