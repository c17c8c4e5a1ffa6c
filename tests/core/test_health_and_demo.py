from __future__ import annotations


def test_healthz(client, db):
    # The database, the cache and the queue each report (tests/site/test_health.py has the rest).
    assert client.get("/healthz").json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "queue": "ok",
    }


def test_demo_accounts_shown_on_login_only_in_demo_mode(client, db, settings):
    assert "linli-demo" not in client.get("/accounts/login/").content.decode()
    settings.DEMO_MODE = True
    assert "linli-demo" in client.get("/accounts/login/").content.decode()


def test_cli_passes_other_commands_to_django(capsys):
    from linli.cli import main

    assert main(["help"]) == 0
    main(["check"])
    assert "no issues" in capsys.readouterr().out
