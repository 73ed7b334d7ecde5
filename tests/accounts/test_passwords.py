import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from framsteg.accounts.passwords import CommonSwedishPasswordValidator, common_passwords, is_common, normalise


@pytest.mark.parametrize(
    "password",
    [
        "botkyrka",
        "Botkyrka",
        "BOTKYRKA2024",
        "botkyrka2024!",
        "sommar2024",
        "Sommar2024!!",
        "lösenord123",
        "Losenord123",
        "hejhej",
        "hejhejhejhej",
        "Stockholm1",
        "Södertälje2026",
        "Johanna1985",
        "qwerty123",
        "123456789",
    ],
)
def test_common_swedish_passwords_are_refused(password):
    with pytest.raises(ValidationError) as error:
        CommonSwedishPasswordValidator().validate(password)
    assert error.value.error_list[0].code == "password_too_common"


@pytest.mark.parametrize("password", ["correct horse battery", "Tumba-gurka-regnet-7", "Klf2026-vår-rapport"])
def test_own_phrases_pass(password):
    CommonSwedishPasswordValidator().validate(password)


def test_the_list_holds_a_few_hundred_entries_read_without_case_or_accents():
    words = common_passwords()
    assert len(words) > 300
    assert "losenord" in words and "botkyrka" in words
    assert normalise("  Lösen Ord 2024!! ") == "losenord"


def test_botkyrka_is_refused_by_the_configured_validators(db):
    with pytest.raises(ValidationError) as error:
        validate_password("botkyrka")
    codes = {item.code for item in error.value.error_list}
    assert {"password_too_short", "password_too_common"} <= codes


def test_a_long_common_password_is_still_refused_and_short_ones_are_refused_for_length(db):
    with pytest.raises(ValidationError) as error:
        validate_password("Botkyrka20242024!")
    assert "password_too_common" in {item.code for item in error.value.error_list}
    with pytest.raises(ValidationError) as error:
        validate_password("x7#Kq9!zP2")
    assert {item.code for item in error.value.error_list} == {"password_too_short"}
    validate_password("ett eget långt lösenord")


def test_is_common_does_not_refuse_a_word_inside_a_phrase():
    assert not is_common("anna spelar fotboll i tumba")
