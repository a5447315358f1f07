"""The damaged-UTF-8 check (app.importing.text._damaged_utf8) counts in C what it once counted character by
character (issue 26: 83% of a year-long GBK import): the same decision and message as the character loop, written
here straight from its definition, on the GBK sample, damaged UTF-8 and random mixtures."""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import app.importing.text as text_module
from app.errors import InputError
from app.importing.text import _damaged_utf8, decode
from app.paths import SAMPLES_DIR


def _naive(data: bytes) -> str | None:
    """The message the check gives (None: it lets the text go on to GBK), by the character loop."""
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        broken = sum(1 for ch in text if ch == "\ufffd")
        fine = sum(1 for ch in text if ord(ch) > 127) - broken
        if fine >= 10 * broken:
            return f"the file is UTF-8 but {broken} byte sequence(s) are not valid UTF-8 (first at byte {exc.start})"
        return None


def _check(data: bytes) -> str | None:
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError as exc:
        try:
            _damaged_utf8(data, exc.start, "f.csv")
        except InputError as error:
            return error.problem.message
        return None


def test_the_gbk_sample_goes_on_to_gbk():
    data = (SAMPLES_DIR / "sample-clean-week-gbk.csv").read_bytes()
    assert _check(data) is None and _naive(data) is None
    assert decode(data, "f.csv")[1] == "gbk"


@pytest.mark.parametrize("broken_bytes", [1, 3, 20, 200])
def test_utf8_with_broken_bytes_is_reported_as_the_loop_did(broken_bytes):
    good = "2026-01-10 00:00,成都市,50\n".encode() * 60  # 180 characters above U+007F
    data = good[:100] + b"\xff" * broken_bytes + good[100:]
    assert _check(data) == _naive(data)
    assert (_check(data) is not None) == (broken_bytes <= 18)  # 180 - n fine characters ≥ 10 × n broken


def test_a_replacement_character_written_in_the_file_counts_as_the_loop_counted_it():
    data = ("成都\ufffd" * 30 + "\n").encode() + b"\xfe"
    assert _check(data) == _naive(data)


_chunk = st.one_of(st.text(alphabet="0123456789,:- \nabc", max_size=30).map(str.encode),
                   st.text(alphabet="成都重庆德阳绵阳市时间", max_size=10).map(str.encode),
                   st.text(alphabet="成都重庆德阳绵阳市时间", max_size=10).map(lambda t: t.encode("gbk")),
                   st.binary(max_size=6), st.just("\ufffd".encode()))


@settings(max_examples=300, deadline=None)
@given(st.lists(_chunk, max_size=40), st.sampled_from([1, 2, 3, 7, 64, 1 << 20]))
def test_random_mixtures_decide_as_the_loop(chunks, chunk_size):
    """Read a few bytes at a time too, so that stopping early (the rest cannot change the answer) and
    characters cut between reads are exercised."""
    data = b"".join(chunks)
    with mock.patch.object(text_module, "_CHUNK", chunk_size):
        assert _check(data) == _naive(data)


@pytest.mark.parametrize("chunk_size", [3, 100, 1 << 20])
def test_damage_late_in_a_long_utf8_file_is_still_found(chunk_size):
    good = "2026-01-10 00:00,成都市,50\n".encode() * 2000
    data = b"\xff" * 3 + good + b"\xfe"  # broken at the start, enough good text after it to outweigh it
    with mock.patch.object(text_module, "_CHUNK", chunk_size):
        assert _check(data) == _naive(data) == ("the file is UTF-8 but 4 byte sequence(s) are not valid UTF-8 "
                                                "(first at byte 0)")


@settings(max_examples=300, deadline=None)
@given(st.lists(_chunk, max_size=40), st.sampled_from([1, 2, 3, 7, 64, 1 << 20]))
def test_the_first_byte_not_utf8_is_found_a_chunk_at_a_time(chunks, chunk_size):
    """Where decoding the whole fails (None: it does not), with characters cut between the pieces read."""
    data = b"".join(chunks)
    try:
        data.decode("utf-8")
        expected = None
    except UnicodeDecodeError as exc:
        expected = exc.start
    with mock.patch.object(text_module, "_CHUNK", chunk_size):
        assert text_module._first_not_utf8(data) == expected


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=40), st.sampled_from([1, 3, 16, 1 << 18]))
def test_lead_bytes_are_counted_as_bytes_are(data, count_chunk):
    """Counted by numpy a few bytes at a time: every byte 0xC2–0xF4, across the pieces, none else."""
    with mock.patch.object(text_module, "_COUNT_CHUNK", count_chunk):
        assert text_module._count_leads(data) == sum(0xC2 <= b <= 0xF4 for b in data)
        assert text_module._count_leads(bytes(range(256)) * 3) == 3 * (0xF4 - 0xC2 + 1)
