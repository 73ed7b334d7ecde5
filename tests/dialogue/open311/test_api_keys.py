"""API keys: shown once, stored as a hash, found by prefix, revoked at once; and the two commands."""

import hashlib
import re

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from framsteg.dialogue.models import ApiKey
from framsteg.dialogue.services.apikeys import create_key, find_key, revoke_key, verify_key

pytestmark = pytest.mark.django_db

KEY_FORM = re.compile(r"^fs_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$")


def test_a_new_key_is_random_and_only_its_hash_is_stored():
    key, plaintext = create_key("Felanmälningsappen")
    _second, other = create_key("Felanmälningsappen")
    assert KEY_FORM.match(plaintext)
    assert plaintext != other
    assert plaintext.startswith(f"fs_{key.prefix}_")
    assert key.key_hash == hashlib.sha256(plaintext.encode()).hexdigest()
    stored = ApiKey.objects.filter(pk=key.pk).values().get()
    assert all(plaintext not in str(value) for value in stored.values())


def test_a_key_is_verified_by_its_whole_text():
    key, plaintext = create_key("Felanmälningsappen")
    assert verify_key(plaintext) == key
    for wrong in ("", "fs_", plaintext[:-1], plaintext + "x", plaintext.upper(), f"fs_{key.prefix}_"):
        assert verify_key(wrong) is None


def test_a_revoked_key_no_longer_works():
    key, plaintext = create_key("Felanmälningsappen")
    revoke_key(key)
    assert verify_key(plaintext) is None
    assert ApiKey.objects.get(pk=key.pk).revoked_at is not None


def test_a_key_is_found_by_its_prefix_written_in_any_of_the_usual_ways():
    key, plaintext = create_key("Felanmälningsappen")
    assert find_key(key.prefix) == key
    assert find_key(f"fs_{key.prefix}") == key
    assert find_key(plaintext) == key
    assert find_key("00000000") is None


def test_the_create_command_prints_the_key_once_with_a_warning(capsys):
    with translation.override("en"):
        call_command("create_api_key", "Felanmälningsappen")
    output = capsys.readouterr().out
    (plaintext,) = [line for line in output.splitlines() if KEY_FORM.match(line)]
    key = verify_key(plaintext)
    assert key is not None and key.name == "Felanmälningsappen"
    assert key.prefix in output


def test_the_create_command_wants_a_name():
    with pytest.raises(CommandError):
        call_command("create_api_key", "  ")


def test_the_revoke_command_revokes_by_prefix(capsys):
    key, plaintext = create_key("Felanmälningsappen")
    call_command("revoke_api_key", f"fs_{key.prefix}")
    assert verify_key(plaintext) is None
    call_command("revoke_api_key", key.prefix)  # a second time only says so
    assert capsys.readouterr().out.count(key.prefix) == 2


def test_the_revoke_command_refuses_an_unknown_prefix():
    with pytest.raises(CommandError):
        call_command("revoke_api_key", "00000000")


def test_the_command_line_spelling_with_hyphens_reaches_the_command(monkeypatch):
    from framsteg import cli

    received = []
    monkeypatch.setattr("django.core.management.execute_from_command_line", received.append)
    monkeypatch.setattr("sys.argv", ["framsteg", "create-api-key", "Kartappen"])
    cli.main()
    assert received == [["framsteg", "create_api_key", "Kartappen"]]
