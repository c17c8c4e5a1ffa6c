"""The demo community: realistic, with the documented accounts, and loaded only once."""

from __future__ import annotations

from django.core.management import call_command

from linli.core.models import Community, Household, Member, User


def test_demo_loads_a_realistic_community_and_the_documented_accounts_work(demo, client, db):
    main = Community.objects.get(slug="yinxing")
    assert main.places.filter(parent=None, area_type="old_courtyard").count() == 5
    assert main.places.filter(parent=None, area_type="resettlement").exists()
    assert Household.objects.filter(community=main).count() >= 300
    assert Household.objects.filter(community__slug="jingui").count() == 148
    assert Member.objects.filter(community=main, user=None).count() > 50  # people without accounts
    for email in [
        "organiser@example.org",
        "leader@example.org",
        "resident@example.org",
        "neighbour@example.org",
        "borrower@example.org",
        "admin@example.org",
    ]:
        assert client.login(username=email, password="linli-demo"), email
    assert User.objects.get(email="admin@example.org").is_superuser
    call_command("load_demo")  # a second run refuses to load twice
    assert Community.objects.count() == 2
