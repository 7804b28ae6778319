"""Encryption at rest (core/crypto.py): SM4-GCM values and files, the keyed digest, keys and the start-up check."""

from __future__ import annotations

import io

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.core.exceptions import ImproperlyConfigured

from qinglian.core import crypto

KEY = "k" * 40
OTHER = "o" * 40


def test_sm4_is_the_national_standard_cipher():
    # GB/T 32907-2016, appendix A, example 1: the library's SM4 is the standard's.
    key = bytes.fromhex("0123456789abcdeffedcba9876543210")
    encryptor = Cipher(algorithms.SM4(key), modes.ECB()).encryptor()
    assert (encryptor.update(key) + encryptor.finalize()).hex() == "681edf34d206965e86b3e94f536e4246"


def test_a_value_round_trips_and_is_never_the_same_ciphertext_twice():
    first = crypto.encrypt_value("11010519491231002X", context="org.person.id_number")
    second = crypto.encrypt_value("11010519491231002X", context="org.person.id_number")
    assert first != second and "11010519491231002X" not in first
    assert first.startswith(f"sm4g1${crypto.current_key().key_id}$")
    assert crypto.decrypt_value(first, context="org.person.id_number") == "11010519491231002X"
    assert crypto.encrypt_value("", context="x") == "" and crypto.decrypt_value("", context="x") == ""


def test_a_tampered_value_is_refused_not_decrypted():
    stored = crypto.encrypt_value("11010519491231002X", context="org.person.id_number")
    prefix, key_id, body = stored.split("$")
    flipped = body[:20] + ("A" if body[20] != "A" else "B") + body[21:]
    for bad in (f"{prefix}${key_id}${flipped}", "11010519491231002X", f"{prefix}${key_id}$@@", stored[:-4]):
        with pytest.raises(crypto.TamperedData, match="篡改"):
            crypto.decrypt_value(bad, context="org.person.id_number")


def test_a_value_moved_to_another_column_does_not_decrypt():
    stored = crypto.encrypt_value("13800000000", context="org.person.id_number")
    with pytest.raises(crypto.TamperedData):
        crypto.decrypt_value(stored, context="org.person.phone")


def test_an_old_key_still_decrypts_after_rotation_and_an_unknown_one_is_refused(settings):
    settings.QINGLIAN_DATA_KEY = OTHER
    stored = crypto.encrypt_value("11010519491231002X", context="c")
    settings.QINGLIAN_DATA_KEY, settings.QINGLIAN_DATA_KEY_OLD = KEY, ""
    with pytest.raises(crypto.TamperedData):
        crypto.decrypt_value(stored, context="c")
    settings.QINGLIAN_DATA_KEY_OLD = f"{'z' * 40},{OTHER}"
    assert crypto.decrypt_value(stored, context="c") == "11010519491231002X"
    assert not crypto.encrypt_value("x", context="c").startswith(f"sm4g1${crypto._derive(OTHER.encode()).key_id}")


def test_the_digest_is_keyed_stable_and_not_a_plain_hash(settings):
    settings.QINGLIAN_DATA_KEY = KEY
    first = crypto.digest("11010519491231002X")
    assert first == crypto.digest("11010519491231002X") and len(first) == 64
    assert crypto.digest("") == ""
    settings.QINGLIAN_DATA_KEY = OTHER
    assert crypto.digest("11010519491231002X") != first  # without the key nobody can test a guess


def test_production_without_the_key_neither_encrypts_nor_falls_back(settings, monkeypatch):
    settings.DEBUG, settings.QINGLIAN_DATA_KEY = False, ""
    monkeypatch.delenv("PYTEST_CURRENT_TEST", raising=False)
    with pytest.raises(ImproperlyConfigured, match="QINGLIAN_DATA_KEY"):
        crypto.encrypt_value("11010519491231002X", context="c")


def test_the_deploy_check_refuses_production_without_the_key(settings, monkeypatch):
    settings.DEBUG, settings.QINGLIAN_DATA_KEY = False, ""
    monkeypatch.delenv("PYTEST_CURRENT_TEST", raising=False)
    [error] = crypto.data_key_check()
    assert error.id == "qinglian.core.E010" and "QINGLIAN_DATA_KEY" in error.msg and "生产环境" in error.msg
    settings.QINGLIAN_DATA_KEY = "short"
    [error] = crypto.data_key_check()
    assert error.id == "qinglian.core.E011" and "过短" in error.msg
    settings.QINGLIAN_DATA_KEY = KEY
    assert crypto.data_key_check() == []


def test_the_deploy_check_is_run_by_check_deploy(settings, monkeypatch):
    from django.core import checks

    settings.DEBUG, settings.QINGLIAN_DATA_KEY = False, ""
    monkeypatch.delenv("PYTEST_CURRENT_TEST", raising=False)
    ids = {e.id for e in checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])}
    assert "qinglian.core.E010" in ids
    assert "qinglian.core.E010" not in {e.id for e in checks.run_checks(tags=[checks.Tags.security])}


def test_debug_uses_a_development_key_and_the_check_is_quiet(settings, monkeypatch):
    settings.DEBUG, settings.QINGLIAN_DATA_KEY = True, ""
    monkeypatch.delenv("PYTEST_CURRENT_TEST", raising=False)
    assert crypto.data_key_check() == []
    assert crypto.decrypt_value(crypto.encrypt_value("x", context="c"), context="c") == "x"


def _encrypt(data: bytes) -> bytes:
    out = io.BytesIO()
    crypto.encrypt_stream(io.BytesIO(data), out)
    return out.getvalue()


def _decrypt(data: bytes) -> bytes:
    return b"".join(crypto.decrypt_segments(io.BytesIO(data)))


@pytest.mark.parametrize("size", [0, 1, crypto.SEGMENT - 1, crypto.SEGMENT, 2 * crypto.SEGMENT + 5])
def test_a_file_round_trips_segment_by_segment(size):
    data = bytes(i % 251 for i in range(size))
    sealed = _encrypt(data)
    assert len(sealed) == crypto.encrypted_size(size)
    assert sealed.startswith(crypto.FILE_MAGIC)
    assert _decrypt(sealed) == data
    assert crypto.DecryptingReader(io.BytesIO(sealed)).read() == data


def test_a_changed_cut_or_reordered_file_is_refused():
    data = b"%PDF-1.4 " + bytes(range(256)) * 600  # three segments
    sealed = _encrypt(data)
    block = crypto.SEGMENT + crypto.TAG
    head, first, second = crypto.FILE_HEADER, crypto.FILE_HEADER + block, crypto.FILE_HEADER + 2 * block
    changed = bytearray(sealed)
    changed[head + 5] ^= 1
    bad = {
        "a changed byte": bytes(changed),
        "the tail cut at a segment": sealed[:second],
        "two segments swapped": sealed[:head] + sealed[first:second] + sealed[head:first] + sealed[second:],
        "not ours": data,
    }
    for what, content in bad.items():
        with pytest.raises(crypto.TamperedData):
            _decrypt(content)
            pytest.fail(what)
