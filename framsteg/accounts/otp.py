"""The second factor's secret as people see it: grouped base32 text and an otpauth:// QR code as inline SVG.

The codes themselves are checked by django-otp (`django_otp.oath.TOTP`, `TOTPDevice`, `StaticDevice`).
"""

from __future__ import annotations

import re
import time
from base64 import b32encode
from binascii import unhexlify

import segno
from django.conf import settings
from django.utils.html import escape
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

# TOTPDevice's defaults: 30-second steps, six digits, one step of tolerance either way.
STEP = 30
DIGITS = 6
TOLERANCE = 1


def new_secret() -> str:
    """A new random key, hex-encoded as TOTPDevice stores it."""
    return default_key()


def base32(secret_hex: str) -> str:
    return b32encode(unhexlify(secret_hex)).decode("ascii").rstrip("=")


def grouped(secret_hex: str) -> str:
    """The secret in groups of four for typing into an app: "ABCD EFGH …"."""
    text = base32(secret_hex)
    return " ".join(text[index : index + 4] for index in range(0, len(text), 4))


def config_uri(user, secret_hex: str) -> str:
    return TOTPDevice(user=user, key=secret_hex, step=STEP, digits=DIGITS).config_url


def qr_svg(uri: str, title: str) -> str:
    """The QR code as an inline SVG with a text alternative."""
    svg = segno.make(uri, error="m").svg_inline(scale=4, border=2, dark="#000", light="#fff", title=title)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(title)}" ', 1)


def clean_code(value: str) -> str:
    return re.sub(r"[\s\-]+", "", value or "").lower()


def is_totp_shape(code: str) -> bool:
    return bool(re.fullmatch(rf"\d{{{DIGITS}}}", code))


def matching_step(secret_hex: str, code: str, now: float | None = None) -> int | None:
    """The time step a code for a secret not yet saved matches, or None."""
    code = clean_code(code)
    if not is_totp_shape(code):
        return None
    totp = TOTP(unhexlify(secret_hex), step=STEP, digits=DIGITS)
    totp.time = now if now is not None else time.time()
    if totp.verify(int(code), tolerance=TOLERANCE):
        return totp.t()
    return None


def issuer() -> str:
    return getattr(settings, "OTP_TOTP_ISSUER", "framsteg")
