"""Going through the second factor in the browser as a person would: read the key the page shows, compute
the code an authenticator app would show, type it."""

from __future__ import annotations

from base64 import b32decode

from django_otp.oath import TOTP

ENROL_PATH = "/personal/logga-in/tvastegsverifiering/"
CODE_PATH = "/personal/logga-in/kod/"


def key_on(page) -> bytes:
    text = page.locator("#totp-secret").inner_text().replace(" ", "")
    return b32decode(text + "=" * (-len(text) % 8))


def code_for(key: bytes, offset_steps: int = 0) -> str:
    totp = TOTP(key)
    totp.time = totp.time + 30 * offset_steps
    return f"{totp.token():06d}"


def enrol_if_asked(page) -> tuple[bytes | None, list[str]]:
    """On the enrolment page (after the password): set up the second factor, read the recovery codes and
    continue. Elsewhere: nothing. Returns the key and the codes."""
    if ENROL_PATH not in page.url:
        return None, []
    key = key_on(page)
    page.fill("input[name=code]", code_for(key))
    with page.expect_navigation():
        page.click("main form.card button[type=submit]")
    codes = [code.strip() for code in page.locator(".recovery-codes code").all_inner_texts()]
    with page.expect_navigation():
        page.click("main a.button")
    return key, codes
