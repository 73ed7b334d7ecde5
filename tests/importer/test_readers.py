import io
import zipfile

import pytest

from framsteg.steering.importer.readers import DocumentReadError, read_document


def test_plain_text_utf8_with_and_without_bom_and_newlines():
    assert read_document("Mål för nämnden\r\n".encode(), "a.txt") == ("Mål för nämnden\n", "text")
    assert read_document("\ufeffMål för nämnden\n".encode(), "a.txt") == ("Mål för nämnden\n", "text")


@pytest.mark.parametrize(
    ("data", "filename", "phrase"),
    [
        (b"", "tom.txt", "Filen är tom"),
        (b"  \n\t \r\n", "tom.txt", "Filen är tom"),
        ("Mål för nämnden".encode("cp1252"), "mal.txt", "Filen är inte kodad som UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "bild.png", "bild"),
        (b"abc\x00def\x00", "data.bin", "binärfil"),
        (b"%PDF-1.7\n", "plan.pdf", "PDF"),
        (b"not a zip", "plan.docx", ".docx"),
    ],
)
def test_unreadable_files_raise_swedish_messages(data, filename, phrase):
    with pytest.raises(DocumentReadError) as error:
        read_document(data, filename)
    assert phrase in str(error.value)


def test_non_utf8_message_says_what_to_do():
    with pytest.raises(DocumentReadError, match="spara den som UTF-8"):
        read_document("Mål för nämnden".encode("cp1252"), "mal.txt")


def test_zip_that_is_not_docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hej")
    with pytest.raises(DocumentReadError, match="zip-arkiv men inget Word-dokument"):
        read_document(buffer.getvalue(), "plan.docx")
