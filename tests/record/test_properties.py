"""Whatever bytes arrive, reading gives a FigureRecord or a RecordError, nothing else."""

from __future__ import annotations

from corpus import corpus_records
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.record import FigureRecord, RecordError, parse_record

REAL = [p.read_bytes() for p in corpus_records()[:60:3]]
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read(data: bytes) -> FigureRecord | None:
    try:
        record = parse_record(data, "fuzz.md")
    except RecordError as exc:
        assert exc.message and exc.path == "fuzz.md"
        assert exc.line is None or exc.line >= 1
        return None
    assert isinstance(record, FigureRecord)
    return record


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes(data: bytes) -> None:
    read(data)


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes_after_an_opening_marker(data: bytes) -> None:
    read(b"---\nfigid: X\n" + data + b"\n---\n")


@FUZZ
@given(
    st.sampled_from(REAL),
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=10**6),
            st.sampled_from(["delete", "insert", "replace"]),
            st.binary(min_size=1, max_size=8)
            | st.sampled_from([b":", b"-", b"'", b"\n", b"  ", b"[", b"&a", b"*a", b"!!", b"---"]),
        ),
        min_size=1,
        max_size=6,
    ),
)
def test_mutated_real_records(original: bytes, edits) -> None:
    data = bytearray(original)
    for position, kind, chunk in edits:
        at = position % (len(data) + 1)
        if kind == "delete":
            del data[at : at + len(chunk)]
        elif kind == "insert":
            data[at:at] = chunk
        else:
            data[at : at + len(chunk)] = chunk
    read(bytes(data))


@FUZZ
@given(st.text(max_size=400))
def test_random_text(text: str) -> None:
    read(text.encode("utf-8", "surrogatepass"))
