"""Survey results page and XLSX export for 30 questions x 20,000 responses on PostgreSQL.

Prints the time and the number of SQL queries of computing the results (what the results page
shows), of rendering the results page, and of the XLSX export, against a baseline in the same
run (counting the responses: one query), and the same numbers for a tenth of the responses, so
it shows that the query count is constant - not one per response.

    PYTHONPATH=. .venv/bin/python bench/bench_survey_results.py [--responses 20000]

Needs PostgreSQL on 127.0.0.1:5432 (trust auth); uses a scratch database ``linli_bench_surveys``.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from datetime import timedelta

PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_BENCH = "postgres://postgres@127.0.0.1:5432/linli_bench_surveys"


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS linli_bench_surveys WITH (FORCE)")
        conn.execute("CREATE DATABASE linli_bench_surveys")


KINDS = [
    "single",
    "multiple",
    "scale",
    "ranking",
    "number",
    "short_text",
    "matrix",
    "single",
    "multiple",
    "scale",
]


def build(responses: int):  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from linli.core.models import Community, Member, Role, User
    from linli.core.services import place_path
    from linli.surveys import services
    from linli.surveys.models import Answer, Question, Response, Survey

    community = Community.objects.create(name="基准社区", slug="bench", languages=["zh-hans", "en"])
    areas = [place_path(community, [f"{n}院"]) for n in "甲乙丙丁戊"]
    user = User.objects.create_user(email="org@bench.org", password="x", name="org")
    Member.objects.create(
        community=community, user=user, name="org", role=Role.ORGANISER, status="verified"
    )
    now = timezone.now()
    survey = services.create_survey(
        user,
        community,
        Survey(
            title={"zh-hans": "基准问卷", "en": "Bench"},
            languages=["zh-hans", "en"],
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=9),
        ),
    )
    section = survey.sections.get()
    five = [{"zh-hans": f"选项{i}", "en": f"Option {i}"} for i in range(1, 6)]
    for i in range(30):
        kind = KINDS[i % len(KINDS)]
        fields = {"min_value": 1, "max_value": 5} if kind == "scale" else {}
        services.save_question(
            user,
            survey,
            Question(
                survey=survey,
                section=section,
                kind=kind,
                text={"zh-hans": f"第{i + 1}题", "en": f"Question {i + 1}"},
                **fields,
            ),
            five if kind in {"single", "multiple", "ranking", "matrix"} else [],
            [{"zh-hans": f"行{r}"} for r in range(1, 4)] if kind == "matrix" else None,
        )
    services.publish(user, survey)
    questions = list(survey.questions.prefetch_related("options"))
    rng = random.Random(7)
    batch_r, batch_a = [], []
    for n in range(responses):
        response = Response(
            survey=survey,
            channel=rng.choice(["online", "online", "paper", "door_to_door"]),
            area=rng.choice(areas),
            age_band=rng.choice(["18-34", "35-59", "60-74", "75+"]),
        )
        batch_r.append(response)
        for q in questions:
            options = list(q.options.all())
            if q.kind == "single":
                batch_a.append(Answer(response=response, question=q, option=rng.choice(options)))
            elif q.kind == "multiple":
                batch_a += [
                    Answer(response=response, question=q, option=o) for o in rng.sample(options, 2)
                ]
            elif q.kind == "ranking":
                batch_a += [
                    Answer(response=response, question=q, option=o, number=p)
                    for p, o in enumerate(rng.sample(options, 3), start=1)
                ]
            elif q.kind == "matrix":
                batch_a += [
                    Answer(
                        response=response, question=q, option=rng.choice(options), row_key=f"r{r}"
                    )
                    for r in range(1, 4)
                ]
            elif q.kind == "scale":
                batch_a.append(Answer(response=response, question=q, number=rng.randint(1, 5)))
            elif q.kind == "number":
                batch_a.append(Answer(response=response, question=q, number=rng.randint(0, 90)))
            elif rng.random() < 0.3:
                batch_a.append(
                    Answer(
                        response=response,
                        question=q,
                        text=rng.choice(["多装灯", "座椅要有靠背", "排水沟要清理"]),
                    )
                )
        if len(batch_r) == 2000 or n == responses - 1:
            Response.objects.bulk_create(batch_r)
            Answer.objects.bulk_create(batch_a, batch_size=5000)
            batch_r, batch_a = [], []
    return survey, user


def measure(label: str, action, repeat: int = 3):  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    best = float("inf")
    queries = 0
    for _i in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            action()
            best = min(best, time.perf_counter() - start)
        queries = len(captured)
    return label, best, queries


def report(count: int) -> None:
    from django.test import Client

    from linli.surveys import exports, results
    from linli.surveys.models import Answer, Response

    start = time.perf_counter()
    survey, user = build(count)
    answers = Answer.objects.filter(response__survey=survey).count()
    print(
        f"\nresponses: {count}, questions: 30, answer rows: {answers} (built in {time.perf_counter() - start:.0f} s)"
    )
    client = Client()
    client.force_login(user)
    url = f"/c/bench/surveys/{survey.pk}/results/"
    rows = [
        measure(
            "baseline: count the responses",
            lambda: Response.objects.filter(survey=survey).count(),
        ),
        measure("results computed", lambda: results.compute(survey)),
        measure("results page (HTTP)", lambda: client.get(url)),
        measure(
            "results page, one courtyard",
            lambda: client.get(
                url + f"?area={Response.objects.filter(survey=survey).first().area_id}"
            ),
        ),
        measure("XLSX export", lambda: exports.as_xlsx(survey, "en"), repeat=1),
    ]
    base = rows[0][1]
    for label, seconds, queries in rows:
        print(
            f"{label:32s} {seconds:8.3f} s  {seconds / base:8.0f}x baseline  {queries:3d} queries"
        )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE surveys_answer, surveys_response, surveys_participation CASCADE")
    from linli.core.models import Community, User

    Community.objects.filter(slug="bench").delete()
    User.objects.filter(email="org@bench.org").delete()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=20000)
    args = parser.parse_args()
    recreate_database()
    os.environ.update(
        DATABASE_URL=PG_BENCH,
        LINLI_DATA_DIR=tempfile.mkdtemp(),
        DJANGO_SETTINGS_MODULE="linli.settings",
        DEBUG="1",  # static files from the finders: no collectstatic for a benchmark
        ALLOWED_HOSTS="testserver,127.0.0.1",
        LINLI_TASKS="immediate",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    for count in [args.responses // 10, args.responses]:
        report(count)


if __name__ == "__main__":
    main()
