"""Residents' photos are kept as pixels only: no position, no camera data, upright, of a sensible size."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import ExifTags, Image, PngImagePlugin, features

from framsteg.dialogue.photos import PhotoError, process_photo


def encode(image: Image.Image, format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format, **options)
    return buffer.getvalue()


def upload(data: bytes, name: str = "bild.jpg", content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def gps_exif(orientation: int | None = None) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Telefonfabriken"
    exif[ExifTags.Base.Artist] = "Anna Svensson"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (59.0, 14.0, 21.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (17.0, 50.0, 42.0)
    return exif


def photo_with_metadata(size=(64, 48), orientation: int | None = None) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((30, 30, 200), (0, 0, size[0] // 2, size[1] // 2))
    return encode(
        image,
        "JPEG",
        exif=gps_exif(orientation).tobytes(),
        comment=b"Annas hus",
        xmp=b"<x:xmpmeta><rdf:Description photoshop:City='Tumba'/></x:xmpmeta>",
        icc_profile=b"fake-icc-profile-Anna",
    )


def png_declaring(width: int, height: int) -> bytes:
    """A real 1x1 PNG whose header claims another size, with a correct CRC: a decompression bomb's shape."""
    data = bytearray(encode(Image.new("RGB", (1, 1)), "PNG"))
    ihdr = data.index(b"IHDR")
    data[ihdr + 4 : ihdr + 12] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[ihdr : ihdr + 17]))
    data[ihdr + 17 : ihdr + 21] = struct.pack(">I", crc)
    return bytes(data)


def test_gps_camera_and_other_metadata_are_removed():
    original = photo_with_metadata()
    with Image.open(io.BytesIO(original)) as before:
        assert before.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert "icc_profile" in before.info

    processed = process_photo(upload(original))

    with Image.open(io.BytesIO(processed.content)) as after:
        assert after.format == "JPEG"
        assert not after.getexif()
        assert not {"exif", "icc_profile", "xmp", "comment"} & set(after.info)
    for leftover in (b"Exif", b"Anna", b"Telefonfabriken", b"Tumba", b"xmpmeta", b"fake-icc"):
        assert leftover not in processed.content
    assert (processed.width, processed.height) == (64, 48)
    assert (processed.content_type, processed.extension) == ("image/jpeg", "jpg")


def test_the_exif_orientation_is_applied_before_it_is_removed():
    # Orientation 6: the camera was turned, the picture must be rotated 90 degrees to be upright.
    processed = process_photo(upload(photo_with_metadata((64, 48), orientation=6)))
    assert (processed.width, processed.height) == (48, 64)
    with Image.open(io.BytesIO(processed.content)) as after:
        assert after.size == (48, 64)
        # The blue top-left quarter is now in the top-right corner.
        red, _green, blue = after.getpixel((40, 5))
        assert blue > 150 and red < 100


def test_large_pictures_are_scaled_down_to_2560_pixels_on_the_long_side():
    processed = process_photo(upload(encode(Image.new("RGB", (4000, 1000), "white"), "JPEG")))
    assert (processed.width, processed.height) == (2560, 640)


def test_a_transparent_png_stays_png_without_its_text_chunks():
    image = Image.new("RGBA", (20, 20), (255, 0, 0, 0))
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Anna Svensson")
    processed = process_photo(upload(encode(image, "PNG", pnginfo=text), "bild.png", "image/png"))
    assert (processed.content_type, processed.extension) == ("image/png", "png")
    assert b"Anna" not in processed.content
    with Image.open(io.BytesIO(processed.content)) as after:
        assert after.mode == "RGBA"
        assert after.getpixel((0, 0))[3] == 0


def test_an_opaque_png_becomes_jpeg():
    processed = process_photo(upload(encode(Image.new("RGB", (20, 20), "green"), "PNG"), "bild.png"))
    assert processed.content_type == "image/jpeg"


@pytest.mark.skipif(not features.check("webp"), reason="Pillow is built without WebP")
def test_webp_is_accepted():
    processed = process_photo(upload(encode(Image.new("RGB", (30, 20), "blue"), "WEBP"), "bild.webp"))
    assert (processed.width, processed.height, processed.content_type) == (30, 20, "image/jpeg")


def test_the_first_frame_of_a_gif_is_accepted():
    frames = [Image.new("RGB", (16, 16), color) for color in ("red", "blue")]
    data = encode(frames[0], "GIF", save_all=True, append_images=frames[1:])
    processed = process_photo(upload(data, "bild.gif"))
    assert (processed.width, processed.height) == (16, 16)


@pytest.mark.parametrize(
    "data",
    [
        b"Hej! Det har ar ingen bild.",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF",
        b"<!doctype html><html><body><script>alert(1)</script></body></html>",
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10"/></svg>',
        b"",
    ],
    ids=["text", "pdf", "html", "svg", "empty"],
)
def test_files_that_are_not_pictures_are_refused(data):
    with translation.override("en"), pytest.raises(PhotoError) as error:
        process_photo(upload(data, "bild.jpg"))
    assert error.value.message == "The file is not a picture we can read. Use JPEG, PNG or WebP."


def test_other_picture_formats_are_refused():
    with pytest.raises(PhotoError):
        process_photo(upload(encode(Image.new("RGB", (10, 10)), "BMP"), "bild.bmp"))
    with pytest.raises(PhotoError):
        process_photo(upload(encode(Image.new("RGB", (10, 10)), "TIFF"), "bild.tif"))


def test_a_truncated_picture_is_refused():
    noisy = Image.effect_noise((200, 200), 80).convert("RGB")
    data = encode(noisy, "JPEG")
    with pytest.raises(PhotoError):
        process_photo(upload(data[: len(data) // 2]))


def test_a_file_over_the_size_limit_is_refused_without_being_read(settings):
    settings.DIALOGUE_PHOTO_MAX_BYTES = 8 * 1024 * 1024

    class Huge:
        size = 9 * 1024 * 1024

        def read(self, *args):
            raise AssertionError("the file must not be read")

    with translation.override("en"), pytest.raises(PhotoError) as error:
        process_photo(Huge())
    assert error.value.message == "The file is larger than 8 MB. Choose a smaller picture."


def test_a_stream_over_the_size_limit_is_refused_while_reading(settings):
    settings.DIALOGUE_PHOTO_MAX_BYTES = 1000
    stream = io.BytesIO(photo_with_metadata((300, 300)) + b"\0" * 5000)
    with pytest.raises(PhotoError):
        process_photo(stream)
    assert stream.tell() <= 1001


def test_a_picture_declaring_huge_dimensions_is_refused_before_decoding():
    with translation.override("en"), pytest.raises(PhotoError) as error:
        process_photo(upload(png_declaring(100_000, 100_000), "bomb.png"))
    assert error.value.message == "The picture is too large in pixels. Choose a smaller picture."


def test_the_pixel_limit_comes_from_the_settings(settings):
    settings.DIALOGUE_PHOTO_MAX_PIXELS = 100 * 100
    with pytest.raises(PhotoError):
        process_photo(upload(encode(Image.new("RGB", (101, 100)), "PNG"), "bild.png"))
    assert process_photo(upload(encode(Image.new("RGB", (100, 100)), "PNG"), "bild.png")).width == 100


def test_pillows_own_bomb_warning_is_an_error_too(settings):
    # Above Pillow's limit (about 89 million pixels) Pillow only warns; our own limit is set out of the way.
    settings.DIALOGUE_PHOTO_MAX_PIXELS = 10**12
    with translation.override("en"), pytest.raises(PhotoError) as error:
        process_photo(upload(png_declaring(10_000, 10_000), "bomb.png"))
    assert error.value.message == "The picture is too large in pixels. Choose a smaller picture."


def test_a_compressed_bomb_is_refused():
    # 10 000 x 10 000 white pixels compress to a few hundred kilobytes.
    data = encode(Image.new("1", (10_000, 10_000), 1), "PNG", optimize=True)
    assert len(data) < 8 * 1024 * 1024
    with pytest.raises(PhotoError):
        process_photo(upload(data, "bomb.png"))


def test_phone_pictures_with_several_frames_and_cmyk_pictures_are_accepted():
    frames = [Image.new("RGB", (50, 40), color) for color in ("red", "blue")]
    mpo = encode(frames[0], "MPO", save_all=True, append_images=frames[1:])
    cmyk = encode(Image.new("CMYK", (30, 30)), "JPEG")
    assert process_photo(upload(mpo)).width == 50
    assert process_photo(upload(cmyk)).content_type == "image/jpeg"
