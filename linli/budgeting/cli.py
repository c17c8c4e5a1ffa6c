"""``linli pb import FILE.pb --community SLUG`` and ``linli pb export PROCESS_ID [-o FILE]``.

Import makes a closed process from a pabulib file (see interop) and computes its outcome with the
chosen rule; export writes a process's projects, ballots and outcome as a .pb file.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linli.settings")
    import django

    django.setup()
    from linli.core.models import Community

    from . import interop, pabulib, services
    from .counting import RULES_FOR_BALLOT
    from .models import Process

    parser = argparse.ArgumentParser(prog="linli pb")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("import", help="create a closed process from a .pb file")
    add.add_argument("file", type=Path)
    add.add_argument("--community", required=True, help="the community's slug")
    rules = sorted({r for rs in RULES_FOR_BALLOT.values() for r in rs})
    add.add_argument("--rule", choices=rules, default="mes_cost")
    out = commands.add_parser("export", help="write a process as a .pb file")
    out.add_argument("process", type=int)
    out.add_argument("-o", "--output", type=Path, help="file to write (default: print)")
    args = parser.parse_args(argv)
    if args.command == "import":
        community = Community.objects.filter(slug=args.community).first()
        if community is None:
            print(f"linli pb import: no community {args.community!r}", file=sys.stderr)
            return 2
        try:
            process = interop.import_file(args.file, community, rule=args.rule)
        except (OSError, pabulib.PabulibError) as exc:
            print(f"linli pb import: {exc}", file=sys.stderr)
            return 2
        outcome = services.compute_outcome(None, process)
        print(f"process {process.pk}: {process.ideas.count()} projects, {outcome.ballots} ballots,")
        print(f"funded by {process.rule}: {', '.join(outcome.selected)}")
        return 0
    found = Process.objects.filter(pk=args.process).first()
    if found is None:
        print(f"linli pb export: no process {args.process}", file=sys.stderr)
        return 2
    text = interop.export_text(found)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
