from __future__ import annotations

from django.core.management import call_command

from linli.core.models import Community, Household, Member, User


def test_healthz(client, db):
    # The database, the cache and the queue each report (tests/site/test_health.py has the rest).
    assert client.get("/healthz").json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "queue": "ok",
    }


def test_demo_loads_a_realistic_community_and_the_documented_accounts_work(client, db):
    call_command("load_demo")
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
        "admin@example.org",
    ]:
        assert client.login(username=email, password="linli-demo"), email
    assert User.objects.get(email="admin@example.org").is_superuser
    call_command("load_demo")  # a second run refuses to load twice
    assert Community.objects.count() == 2


def test_demo_accounts_shown_on_login_only_in_demo_mode(client, db, settings):
    assert "linli-demo" not in client.get("/accounts/login/").content.decode()
    settings.DEMO_MODE = True
    assert "linli-demo" in client.get("/accounts/login/").content.decode()


def test_cli_passes_other_commands_to_django(capsys):
    from linli.cli import main

    assert main(["help"]) == 0
    main(["check"])
    assert "no issues" in capsys.readouterr().out
