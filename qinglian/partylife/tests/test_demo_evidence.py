"""The party-life demo's evidence (partylife/demo/evidence.py): every meeting held carries its minutes, signed by
whoever chaired and kept the record, and the meetings people remember by a picture carry a photo of the room; each
file stored encrypted and, decrypted, the kind its row declares; the minutes say what the meeting page says. Reads
the session's shared build (test_demo.ORGAN)."""

from __future__ import annotations

import re
import zlib

import pytest

from qinglian.evidence.tests.demo_checks import (
    assert_opens_for_its_uploader,
    assert_stored_as_declared,
    files_of,
    plaintext,
)
from qinglian.partylife.demo.evidence import PHOTO_KINDS
from qinglian.partylife.models import Meeting
from qinglian.partylife.tests.test_demo import ORGAN, TODAY


@pytest.mark.demo_build(ORGAN)
class TestMeetingEvidence:
    def test_every_meeting_held_has_its_minutes_and_the_remembered_ones_a_photo(self, shared_demo):
        meetings = Meeting.objects.filter(organ=shared_demo.organ)
        assert meetings.count() > 600 and not meetings.filter(date__gt=TODAY).exists()
        files = files_of(Meeting, meetings.values_list("pk", flat=True))
        assert set(files) == set(meetings.values_list("pk", flat=True))
        for meeting in meetings:
            kinds = sorted(f.kind for f in files[meeting.pk])
            assert kinds == (["pdf", "png"] if meeting.kind in PHOTO_KINDS else ["pdf"]), meeting

    def test_every_file_is_encrypted_and_what_its_row_declares(self, shared_demo):
        meetings = Meeting.objects.filter(organ=shared_demo.organ).values_list("pk", flat=True)
        for rows in files_of(Meeting, meetings).values():
            for evidence in rows:
                assert_stored_as_declared(evidence)

    def test_the_minutes_name_the_meeting_its_chair_and_its_recorder(self, shared_demo):
        meeting = (
            Meeting.objects.filter(organ=shared_demo.organ, host__isnull=False, recorder__isnull=False)
            .select_related("host", "recorder")
            .order_by("-date", "id")
            .first()
        )
        [minutes] = [f for f in files_of(Meeting, [meeting.pk])[meeting.pk] if f.kind == "pdf"]
        text = plaintext(minutes)
        for said in (meeting.host.name, meeting.recorder.name, meeting.place):
            # The PDF's text is UCS-2 in hex (UniGB-UCS2-H), in an uncompressed string or a Flate stream.
            assert said.encode("utf-16-be").hex().upper().encode() in _inflated(text), said

    def test_files_open_through_the_service_for_whoever_uploaded_them(self, shared_demo):
        meetings = Meeting.objects.filter(organ=shared_demo.organ).order_by("id").values_list("pk", flat=True)
        rows = [rows[0] for rows in files_of(Meeting, meetings).values()]
        kinds = {}
        for evidence in rows:
            kinds.setdefault((evidence.target.kind, evidence.uploaded_by_id), evidence)
        for evidence in kinds.values():
            assert_opens_for_its_uploader(evidence)


def _inflated(pdf: bytes) -> bytes:
    streams = re.findall(rb"stream\n(.*?)\nendstream", pdf, re.S)
    return b"".join(zlib.decompress(s) for s in streams)
