"""Files under MEDIA_ROOT: evidence is public; a resident's photo is never served as a plain file."""

from django.core.files.base import ContentFile
from django.test import Client

from tests.dialogue import factories as dialogue_factories


def test_evidence_is_served_and_photos_are_not(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "evidence" / "2026" / "01").mkdir(parents=True)
    (tmp_path / "evidence" / "2026" / "01" / "protokoll.pdf").write_bytes(b"%PDF-1.4 evidence")
    case = dialogue_factories.make_case()
    photo = dialogue_factories.make_photo(case)
    photo.image.save("secret.jpg", ContentFile(dialogue_factories.jpeg_bytes()))

    client = Client()
    evidence = client.get("/media/evidence/2026/01/protokoll.pdf")
    assert evidence.status_code == 200
    assert evidence.headers["X-Content-Type-Options"] == "nosniff"
    assert client.get("/media/" + photo.image.name).status_code == 404
    assert client.get("/media/evidence/../" + photo.image.name).status_code in (400, 404)
