"""Grants's uploaded files and who may open them (served only by linli.core.media). A grant's
photos and receipts are tracking's (linli.tracking); the folders named here are where they were
stored before tracking was shared."""

from linli.tracking.files import legacy

FILE_KINDS = legacy("grants", receipts=("grants/receipts",), photos=("grants/photos", "grants"))
