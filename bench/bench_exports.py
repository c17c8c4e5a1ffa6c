"""Survey exports (XLSX, CSV) of 20,000 responses and household letters per 1,000 households.

Baselines in the same run: the previous XLSX export (openpyxl's write-only mode over the same
rows) for the exports, and the previous letters (a PNG QR code per page, searched for its best
mask) for the letters. Memory is the peak Python allocation (tracemalloc, in a separate pass so
it does not slow the timed one) at a tenth of the responses and at all of them: constant memory
means the two peaks are about equal.

    PYTHONPATH=. .venv/bin/python bench/bench_exports.py [--responses 20000] [--households 1000]

Needs PostgreSQL on 127.0.0.1:5432 (trust auth); uses the scratch database of
bench_survey_results.py (``linli_bench_surveys``), which it recreates.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_survey_results import PG_BENCH, build, recreate_database


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def peak_mib(action: Callable[[], object]) -> float:
    tracemalloc.start()
    action()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def openpyxl_export(survey, language: str) -> bytes:  # type: ignore[no-untyped-def]
    """The export as it was before issue 23, kept here as the baseline."""
    from openpyxl import Workbook

    from linli.core import spreadsheets
    from linli.surveys import exports

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="survey")
    for row in exports.table(survey, language):
        sheet.append(spreadsheets.xlsx_row(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_temp_file(survey) -> None:  # type: ignore[no-untyped-def]
    from linli.surveys import exports

    with tempfile.TemporaryFile() as spool:
        exports.write_xlsx(spool, survey, "en")


def drain_csv(survey) -> None:  # type: ignore[no-untyped-def]
    from linli.surveys import exports

    for _chunk in exports.csv_chunks(survey, "en"):
        pass


def exports_report(count: int) -> None:
    from linli.surveys import exports
    from linli.surveys.models import Response

    start = time.perf_counter()
    survey, user = build(count)
    print(f"\nresponses: {count}, questions: 30 (built in {time.perf_counter() - start:.0f} s)")
    rows = [
        ("baseline: XLSX with openpyxl (before)", timed(lambda: openpyxl_export(survey, "en"))),
        ("rows read (exports.table)", timed(lambda: sum(1 for _ in exports.table(survey, "en")))),
        ("XLSX export (streamed to a file)", timed(lambda: to_temp_file(survey))),
        ("CSV export (streamed)", timed(lambda: drain_csv(survey))),
    ]
    base = rows[0][1]
    for label, seconds in rows:
        print(f"{label:40s} {seconds:7.2f} s  {seconds / base:5.2f}x baseline")
    print(f"{'peak memory, XLSX':40s} {peak_mib(lambda: to_temp_file(survey)):7.1f} MiB")
    print(f"{'peak memory, CSV':40s} {peak_mib(lambda: drain_csv(survey)):7.1f} MiB")
    Response.objects.filter(survey=survey).delete()
    survey.community.delete()
    user.delete()


def letters_report(count: int) -> None:
    import segno
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader

    from linli.core import letters
    from linli.core.models import Community, Household, Place

    community = Community.objects.create(name="信件社区", slug="letters", office_phone="028-1")
    area = Place.objects.create(community=community, name="梧桐院", kind=Place.Kind.AREA)
    building = Place.objects.create(community=community, parent=area, name="1栋", kind="building")
    unit = Place.objects.create(community=community, parent=building, name="1单元", kind="unit")
    flats = Place.objects.bulk_create(
        Place(community=community, parent=unit, name=f"{n:04d}", kind="flat") for n in range(count)
    )
    Household.objects.bulk_create(
        Household(community=community, flat=f, area=area, invitation_code=f"BENCH{n:07d}")
        for n, f in enumerate(flats)
    )
    rows = Household.objects.filter(community=community).select_related(
        "flat__parent__parent__parent"
    )

    def before(pdf, url, x, y, size):  # type: ignore[no-untyped-def]
        buffer = io.BytesIO()
        segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
        pdf.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), x, y, size, size)

    def segno_vector(pdf, url, x, y, size):  # type: ignore[no-untyped-def]
        """The vector QR of the previous stop, with segno's encoder and a fixed mask."""
        matrix = segno.make(url, error="m", mask=0, boost_error=False).matrix
        border, count = 2, len(matrix)
        module = size / (count + 2 * border)
        runs = []
        for r, row in enumerate(matrix):
            c = 0
            while c < count:
                if row[c]:
                    start = c
                    while c < count and row[c]:
                        c += 1
                    runs.append(f"{start + border} {count + border - 1 - r} {c - start} 1 re")
                else:
                    c += 1
        pdf.addLiteral(
            f"q 0 g {module:.4f} 0 0 {module:.4f} {x:.2f} {y:.2f} cm {' '.join(runs)} f Q"
        )

    draw_qr = letters.draw_qr
    letters.draw_qr = before  # type: ignore[assignment]
    baseline = timed(lambda: letters.invitation_letters(community, list(rows), "zh-hans"))
    letters.draw_qr = segno_vector  # type: ignore[assignment]
    previous = timed(lambda: letters.invitation_letters(community, list(rows), "zh-hans"))
    letters.draw_qr = draw_qr
    cpu_start = time.process_time()
    now = timed(lambda: letters.invitation_letters(community, list(rows), "zh-hans"))
    now_cpu = time.process_time() - cpu_start
    size = len(letters.invitation_letters(community, list(rows[:1]), "zh-hans"))
    print(f"\nhousehold letters: {count} (one page each; one page's PDF: {size / 1024:.0f} KiB)")
    print(f"{'baseline: PNG QR codes (before)':40s} {baseline:7.2f} s  1.00x baseline")
    for label, took in [
        ("vector QR codes by segno (previous)", previous),
        ("vector QR codes by zxing-cpp (now)", now),
    ]:
        print(f"{label:40s} {took:7.2f} s  {took / baseline:5.2f}x baseline")
    print(f"{'per 1,000 households':40s} {now * 1000 / count:7.2f} s")
    # On a machine shared with other work the wall clock includes waiting for a core; the
    # process's CPU time is what the letters cost on a machine of their own.
    print(f"{'per 1,000 households, CPU time':40s} {now_cpu * 1000 / count:7.2f} s")
    assert mm  # the letters' unit, imported with the baseline's helpers
    Household.objects.filter(community=community).delete()
    Place.objects.filter(community=community).order_by("-pk").delete()
    community.delete()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=20000, help="0: no exports")
    parser.add_argument("--households", type=int, default=1000, help="0: no letters")
    args = parser.parse_args()
    recreate_database()
    os.environ.update(
        DATABASE_URL=PG_BENCH,
        LINLI_DATA_DIR=tempfile.mkdtemp(),
        DJANGO_SETTINGS_MODULE="linli.settings",
        LINLI_TASKS="immediate",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if args.households:
        letters_report(args.households)
    for count in [args.responses // 10, args.responses] if args.responses else []:
        exports_report(count)


if __name__ == "__main__":
    main()
