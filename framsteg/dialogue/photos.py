"""Checking residents' photos and storing them without metadata.

A photo from a phone carries the GPS position of the place it was taken (often the resident's home), the
camera and sometimes the owner's name. We never keep the uploaded file: it is decoded, turned upright from
its EXIF orientation, scaled down, and encoded afresh, so nothing but the pixels survives. Only JPEG, PNG,
WebP and GIF (first frame) are accepted, and the size in bytes and in pixels is checked before decoding so
that a "decompression bomb" cannot exhaust memory.
"""

from __future__ import annotations

import contextlib
import io
import logging
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, ImageOps

logger = logging.getLogger(__name__)

# The formats Pillow may open; anything else (SVG, PDF, HTML with a .jpg name, ...) is refused.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
MAX_SIDE = 2560
JPEG_QUALITY = 85
_CHUNK = 64 * 1024


class PhotoError(ValueError):
    """A photo that cannot be accepted; the message is translated and says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class ProcessedPhoto:
    """A re-encoded photo, ready to store."""

    content: bytes
    width: int
    height: int
    content_type: str
    extension: str


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def _too_large() -> PhotoError:
    return PhotoError(
        _("The file is larger than %(size)s MB. Choose a smaller picture.")
        % {"size": _megabytes(settings.DIALOGUE_PHOTO_MAX_BYTES)}
    )


def _not_a_picture() -> PhotoError:
    return PhotoError(_("The file is not a picture we can read. Use JPEG, PNG or WebP."))


def _too_many_pixels() -> PhotoError:
    return PhotoError(_("The picture is too large in pixels. Choose a smaller picture."))


def _read_limited(uploaded, limit: int) -> bytes:
    """Read at most `limit` bytes; refuse the file as soon as it turns out to be larger."""
    size = getattr(uploaded, "size", None)
    if isinstance(size, int) and size > limit:
        raise _too_large()
    if hasattr(uploaded, "seek"):
        with contextlib.suppress(OSError, ValueError):
            uploaded.seek(0)
    chunks, total = [], 0
    while True:
        chunk = uploaded.read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise _too_large()
    return b"".join(chunks)


def _has_alpha(image: Image.Image) -> bool:
    if image.mode in ("RGBA", "LA", "PA"):
        return image.getextrema()[-1][0] < 255
    return image.mode == "P" and "transparency" in image.info


def process_photo(uploaded) -> ProcessedPhoto:
    """Check an uploaded photo and return it re-encoded without metadata, or raise PhotoError.

    `uploaded` is a Django UploadedFile or any binary file-like object. Limits come from
    DIALOGUE_PHOTO_MAX_BYTES and DIALOGUE_PHOTO_MAX_PIXELS. Pictures with transparency stay PNG;
    all others become JPEG. The long side is scaled down to at most 2560 pixels.
    """
    data = _read_limited(uploaded, settings.DIALOGUE_PHOTO_MAX_BYTES)
    if not data:
        raise _not_a_picture()
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its own limit and twice that: make the warning an error too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = _decode(data, settings.DIALOGUE_PHOTO_MAX_PIXELS)
        return _encode(image)
    except PhotoError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except Exception as error:
        # Unreadable, truncated or corrupt files; a malformed file can make a decoder raise almost anything.
        raise _not_a_picture() from error


def _decode(data: bytes, max_pixels: int) -> Image.Image:
    """Open the picture, check its size in pixels before decoding, and turn it upright."""
    with Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS) as source:
        width, height = source.size
        if width <= 0 or height <= 0:
            raise _not_a_picture()
        if width * height > max_pixels:
            raise _too_many_pixels()
        source.seek(0)
        if ImageFile.LOAD_TRUNCATED_IMAGES:  # another library switched it on for the whole process
            ImageFile.LOAD_TRUNCATED_IMAGES = False
        source.load()
        return ImageOps.exif_transpose(source)


def _encode(image: Image.Image) -> ProcessedPhoto:
    """Scale the picture down and encode its pixels, and nothing else, as PNG (if transparent) or JPEG."""
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    keep_png = _has_alpha(image)
    # A new image holds only pixels: no EXIF, GPS, XMP, ICC profile, comments or text chunks.
    pixels = image.convert("RGBA" if keep_png else "RGB")
    clean = Image.frombytes(pixels.mode, pixels.size, pixels.tobytes())
    output = io.BytesIO()
    if keep_png:
        clean.save(output, "PNG", optimize=True)
        content_type, extension = "image/png", "png"
    else:
        clean.save(output, "JPEG", quality=JPEG_QUALITY, optimize=True)
        content_type, extension = "image/jpeg", "jpg"
    return ProcessedPhoto(
        content=output.getvalue(),
        width=clean.width,
        height=clean.height,
        content_type=content_type,
        extension=extension,
    )


def remove_written(written: list[tuple[object, str]], what: str) -> None:
    """Delete photo files written for a save that failed; a file that cannot be deleted is logged."""
    for storage, name in written:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("Could not delete the photo file %s of %s", name, what)
