"""Reading a Pol.is open-data export folder."""

import numpy as np
import pytest

from linli.opinions import polis_export
from tests.shared_data import shared_data

COMMENTS = (
    "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
    '1,x,0,5,2,1,1,"Plant more trees, please"\n'
    "2,x,1,6,1,1,-1,Moderated out\n"
    "3,x,2,7,0,0,0,Not yet moderated\n"
)


def write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")


def test_it_reads_the_matrix_and_never_the_group_column(tmp_path):
    write(tmp_path, "comments.csv", COMMENTS)
    write(
        tmp_path,
        "participants-votes.csv",
        "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,2\n"
        "10,not-a-number,1,3,1,1,1,-1,0\n"
        "11,,0,1,0,1,,,-1\n",
    )
    conversation = polis_export.read_folder(tmp_path)
    assert conversation.participants == [10, 11]
    assert conversation.statement_ids() == [0, 1, 2]
    assert [s.moderated for s in conversation.statements] == [1, -1, 0]
    assert conversation.statements[0].text == "Plant more trees, please"
    assert np.array_equal(conversation.votes, [[1, -1, 0], [np.nan, np.nan, -1]], equal_nan=True)
    assert conversation.source == "participants-votes.csv"


def test_quoted_or_crlf_matrices_read_the_same(tmp_path):
    write(tmp_path, "comments.csv", COMMENTS)
    plain = "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,2\n10,0,0,2,1,1,1,,-1\n"
    write(tmp_path, "participants-votes.csv", plain)
    expected = polis_export.read_folder(tmp_path).votes
    (tmp_path / "participants-votes.csv").write_bytes(plain.replace("\n", "\r\n").encode())
    assert np.array_equal(polis_export.read_folder(tmp_path).votes, expected, equal_nan=True)
    write(tmp_path, "participants-votes.csv", plain.replace("10,0,", '"10","0",'))
    assert np.array_equal(polis_export.read_folder(tmp_path).votes, expected, equal_nan=True)


def test_a_bad_vote_is_refused(tmp_path):
    write(tmp_path, "comments.csv", COMMENTS)
    write(
        tmp_path,
        "participants-votes.csv",
        "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,2\n10,0,0,1,1,0,5,,\n",
    )
    with pytest.raises(
        polis_export.ExportError,
        match=r"^participants\-votes\.csv: a vote must be 1, 0, \-1 or empty, not '5'$",
    ):
        polis_export.read_folder(tmp_path)


def test_from_the_vote_log_the_last_vote_counts(tmp_path):
    write(tmp_path, "comments.csv", COMMENTS)
    write(
        tmp_path,
        "votes.csv",
        "timestamp,datetime,comment-id,voter-id,vote\n"
        "100,x,0,7,1\n"
        "300,x,0,7,-1\n"  # changed her mind
        "200,x,2,7,0\n"
        "150,x,1,8,1\n",
    )
    conversation = polis_export.read_folder(tmp_path)
    assert conversation.participants == [7, 8]
    assert np.array_equal(
        conversation.votes, [[-1, np.nan, 0], [np.nan, 1, np.nan]], equal_nan=True
    )


def test_a_folder_without_votes_is_refused(tmp_path):
    write(tmp_path, "comments.csv", COMMENTS)
    with pytest.raises(
        polis_export.ExportError, match=r": neither participants\-votes\.csv nor votes\.csv$"
    ):
        polis_export.read_folder(tmp_path)
    with pytest.raises(polis_export.ExportError, match=r": no comments\.csv$"):
        polis_export.read_folder(tmp_path / "missing")


def test_the_real_vote_log_reproduces_the_real_matrix():
    folder = shared_data("polis") / "15-per-hour-seattle"
    from_matrix = polis_export.read_folder(folder)
    comments = polis_export.read_comments(folder / "comments.csv")
    ids = [s.id for s in comments]
    participants, votes = polis_export.read_vote_log(folder / "votes.csv", ids)
    row = {pid: i for i, pid in enumerate(from_matrix.participants)}
    assert set(participants) <= set(row)
    reordered = from_matrix.votes[[row[p] for p in participants]]
    assert np.array_equal(reordered, votes, equal_nan=True)


def test_files_saved_by_a_spreadsheet_with_a_byte_order_mark_read_the_same(tmp_path):
    write(tmp_path, "comments.csv", COMMENTS)
    plain = "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,2\n10,0,0,2,1,1,1,,-1\n"
    write(tmp_path, "participants-votes.csv", plain)
    expected = polis_export.read_folder(tmp_path)
    (tmp_path / "comments.csv").write_bytes(b"\xef\xbb\xbf" + COMMENTS.encode())
    (tmp_path / "participants-votes.csv").write_bytes(b"\xef\xbb\xbf" + plain.encode())
    again = polis_export.read_folder(tmp_path)
    assert again.statements == expected.statements
    assert np.array_equal(again.votes, expected.votes, equal_nan=True)
