"""``linli opinions analyse DIR``: map the opinion groups of a Pol.is open-data export folder.

Prints JSON: ``groups`` ({participant id: group}, for participants with enough votes),
``representative`` ({group: statements that set it apart}), ``consensus`` (statements every group
agrees or disagrees with), plus the number of groups and the silhouettes that chose it. Pure (no
Django), so it runs without a database.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from . import clustering, polis_export


def analyse_folder(folder: Path, **options: Any) -> dict[str, Any]:
    conversation = polis_export.read_folder(folder)
    active = [s.moderated >= 0 for s in conversation.statements]
    result = clustering.analyse(
        conversation.votes, conversation.participants, active=active, **options
    )
    return as_json(result, conversation)


def as_json(result: clustering.Analysis, conversation: polis_export.Conversation) -> dict:
    statements = conversation.statements

    def statement(index: int) -> dict[str, Any]:
        return {"statement": statements[index].id, "text": statements[index].text}

    return {
        "groups": {str(pid): group for pid, group in result.groups.items()},
        "representative": {
            str(group): [
                {
                    **statement(item.statement),
                    "direction": item.direction,
                    "rate": round(item.rate, 4),
                    "rest_rate": round(item.rest_rate, 4),
                    "z": round(item.z, 3),
                    "z_rest": round(item.z_rest, 3),
                    "significant": item.significant,
                }
                for item in items
            ]
            for group, items in result.representative.items()
        },
        "consensus": [
            {
                **statement(item.statement),
                "direction": item.direction,
                "score": round(item.score, 4),
                "group_rates": [round(rate, 4) for rate in item.rates],
            }
            for item in result.consensus
        ],
        "n_groups": result.n_groups,
        "silhouettes": {str(k): round(v, 4) for k, v in result.silhouettes.items()},
        "participants": len(result.participants),
        "participants_in_groups": len(result.groups),
        "statements_analysed": len(result.statement_columns),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="linli opinions analyse",
        description="Find the opinion groups of a Pol.is export folder and print them as JSON.",
    )
    parser.add_argument("folder", type=Path, help="folder with comments.csv and the votes")
    parser.add_argument(
        "--min-votes",
        type=int,
        default=clustering.MIN_VOTES,
        help="votes a participant needs to be placed in a group (default: %(default)s)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=clustering.SEED,
        help="first k-means seed; the answer is the same for the same seed (default: %(default)s)",
    )
    parser.add_argument("--indent", type=int, default=None, help="pretty-print the JSON")
    args = parser.parse_args(argv)
    try:
        output = analyse_folder(args.folder, min_votes=args.min_votes, seed=args.seed)
    except (OSError, ValueError) as exc:  # ExportError is a ValueError
        print(f"linli opinions analyse: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(output, ensure_ascii=False, indent=args.indent))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
