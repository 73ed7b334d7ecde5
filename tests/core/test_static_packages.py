"""The npm packages the site serves are fetched by a locked tarball and hash, without Node and without tests
touching the network: downloads here are stand-ins that return tarballs made in the test."""

import base64
import hashlib
import io
import json
import tarfile
import urllib.error

import pytest

from framsteg.core import static_packages
from framsteg.core.static_packages import FetchError, Package

FILES = {
    "package/dist/lib.js": b"window.lib = 1;\n",
    "package/dist/lib.css": b".lib { background: url(images/a.png); }\n",
    "package/dist/images/a.png": b"\x89PNG fake",
    "package/src/unused.js": b"not wanted\n",
    "package/LICENSE": b"BSD\n",
}


def tarball(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


@pytest.fixture
def vendor(tmp_path, monkeypatch):
    directory = tmp_path / "vendor"
    monkeypatch.setattr(static_packages, "VENDOR_DIR", directory)
    return directory


def package(data: bytes, files=("dist/lib.js", "dist/lib.css", "dist/images/*", "LICENSE")) -> Package:
    return Package("lib", "1.0.0", "https://registry.npmjs.org/lib/-/lib-1.0.0.tgz", integrity(data), files)


class Downloads:
    def __init__(self, data: bytes | None = None, error: Exception | None = None):
        self.data, self.error, self.urls = data, error, []

    def __call__(self, url: str) -> bytes:
        self.urls.append(url)
        if self.error:
            raise self.error
        return self.data


def test_the_named_files_are_unpacked_with_their_paths_and_nothing_else(vendor):
    data = tarball(FILES)
    download = Downloads(data)
    assert static_packages.fetch(package(data), download) is True
    assert download.urls == ["https://registry.npmjs.org/lib/-/lib-1.0.0.tgz"]
    unpacked = sorted(
        str(path.relative_to(vendor / "lib")) for path in (vendor / "lib").rglob("*") if path.is_file()
    )
    assert unpacked == [".framsteg-integrity", "LICENSE", "dist/images/a.png", "dist/lib.css", "dist/lib.js"]
    assert (vendor / "lib" / "dist" / "lib.js").read_bytes() == FILES["package/dist/lib.js"]


def test_nothing_is_downloaded_when_the_files_are_there_at_the_locked_version(vendor):
    data = tarball(FILES)
    static_packages.fetch(package(data), Downloads(data))
    offline = Downloads(error=urllib.error.URLError("no network"))
    assert static_packages.fetch(package(data), offline) is False
    assert offline.urls == []


def test_a_new_locked_version_is_fetched_again(vendor):
    old = tarball(FILES)
    static_packages.fetch(package(old), Downloads(old))
    new = tarball({**FILES, "package/dist/lib.js": b"window.lib = 2;\n"})
    assert static_packages.fetch(package(new), Downloads(new)) is True
    assert (vendor / "lib" / "dist" / "lib.js").read_bytes() == b"window.lib = 2;\n"


def test_a_tarball_whose_hash_differs_is_refused_and_nothing_is_unpacked(vendor):
    data = tarball(FILES)
    tampered = tarball({**FILES, "package/dist/lib.js": b"window.evil = 1;\n"})
    with pytest.raises(FetchError, match="SHA-512"):
        static_packages.fetch(package(data), Downloads(tampered))
    assert not (vendor / "lib").exists()


def test_offline_and_absent_the_error_says_so_and_what_to_do(vendor):
    data = tarball(FILES)
    with pytest.raises(FetchError) as raised:
        static_packages.fetch(
            package(data), Downloads(error=urllib.error.URLError("Name or service not known"))
        )
    message = str(raised.value)
    assert "could not be downloaded" in message and "make install" in message
    assert not (vendor / "lib").exists()


def test_a_file_the_package_lacks_is_an_error(vendor):
    data = tarball(FILES)
    with pytest.raises(FetchError, match=r"no file 'dist/missing\.js'"):
        static_packages.fetch(package(data, files=("dist/missing.js",)), Downloads(data))


def test_paths_outside_the_package_are_never_written(vendor, tmp_path):
    data = tarball({**FILES, "package/../../escaped.js": b"x"})
    static_packages.fetch(package(data, files=("*",)), Downloads(data))
    assert not (tmp_path / "escaped.js").exists()
    assert not list(tmp_path.rglob("escaped.js"))


def test_the_manifest_and_lock_are_read_as_npm_writes_them(tmp_path):
    (tmp_path / "package.json").write_text(
        json.dumps({"dependencies": {"@scope/lib": "1.0.0"}, "staticFiles": {"@scope/lib": ["dist/lib.js"]}})
    )
    lock = {"packages": {"node_modules/@scope/lib": {"version": "1.0.0", "integrity": "sha512-AAAA"}}}
    (tmp_path / "package-lock.json").write_text(json.dumps(lock))
    (found,) = static_packages.packages(tmp_path)
    assert found.tarball == "https://registry.npmjs.org/@scope/lib/-/lib-1.0.0.tgz"  # derived when unrecorded
    assert found.files == ("dist/lib.js",)


def test_a_package_without_an_integrity_in_the_lock_is_refused(tmp_path):
    (tmp_path / "package.json").write_text(
        json.dumps({"dependencies": {"lib": "1"}, "staticFiles": {"lib": ["a"]}})
    )
    (tmp_path / "package-lock.json").write_text(
        json.dumps({"packages": {"node_modules/lib": {"version": "1"}}})
    )
    with pytest.raises(FetchError, match="sha512"):
        static_packages.packages(tmp_path)


def test_the_project_pins_leaflet_from_the_npm_registry_by_sha512():
    (leaflet,) = [found for found in static_packages.packages() if found.name == "leaflet"]
    assert leaflet.tarball == f"https://registry.npmjs.org/leaflet/-/leaflet-{leaflet.version}.tgz"
    assert leaflet.integrity.startswith("sha512-")
    assert {"dist/leaflet.js", "dist/leaflet.css"} <= set(leaflet.files)


def test_the_command_reports_an_error_and_fails(vendor, monkeypatch, capsys):
    def offline(_url):
        raise urllib.error.URLError("offline")

    monkeypatch.setattr(static_packages, "_download", offline)
    monkeypatch.setattr(static_packages.fetch, "__defaults__", (offline,))
    assert static_packages.main([]) == 1
    assert "could not be downloaded" in capsys.readouterr().err
