"""The export is a Pol.is open-data folder: our own reader gets back the same vote matrix."""

from __future__ import annotations

import io
import zipfile

import numpy as np

from linli.opinions import polis_export, recompute, services
from linli.opinions.export import export_zip
from tests.conftest import client_for
from tests.opinions.conftest import two_camps


def test_the_exported_zip_reads_back_to_the_same_matrix(
    organiser, resident, conversation, tmp_path
):
    two_camps(organiser, conversation)
    waiting = services.submit_statement(resident, conversation, "电梯要定期检查。")
    services.moderate(organiser, waiting, False, "已有类似观点")
    services.vote(resident, conversation, conversation.statements.get(number=3), 0)
    recompute.store(conversation)
    archive = zipfile.ZipFile(io.BytesIO(export_zip(conversation)))
    assert sorted(archive.namelist()) == ["comments.csv", "participants-votes.csv", "votes.csv"]
    archive.extractall(tmp_path)
    ours = recompute.vote_matrix(conversation)
    read = polis_export.read_folder(tmp_path)
    numbers = dict(conversation.statements.values_list("pk", "number"))
    columns = [read.statement_ids().index(numbers[pk]) for pk in ours.statements]
    assert np.array_equal(read.votes[:, columns], ours.votes, equal_nan=True)
    moderated = {s.id: s.moderated for s in read.statements}
    assert moderated[9] == -1 and moderated[1] == 1
    (tmp_path / "participants-votes.csv").unlink()  # the raw log alone gives the same
    from_log = polis_export.read_folder(tmp_path)
    rows = [from_log.participants.index(p) for p in read.participants]
    assert np.array_equal(from_log.votes[rows], read.votes, equal_nan=True)


def test_only_organisers_download_the_export(organiser, resident, conversation):
    url = f"/c/{conversation.community.slug}/opinions/{conversation.pk}/export.zip"
    response = client_for(organiser).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert client_for(resident).get(url).status_code == 403
