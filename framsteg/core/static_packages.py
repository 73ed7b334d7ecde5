"""JavaScript libraries the site serves as its own static files, fetched from the npm registry without Node.

`package.json` at the project root names the packages (`dependencies`) and, under `staticFiles`, the files of
each package that the site serves (paths inside the package, `*` patterns allowed). `package-lock.json` pins
each package as npm records it: `version`, `resolved` (the tarball's address) and `integrity` (the tarball's
SHA-512, base64). `make install` runs this module (`python -m framsteg.core.static_packages`), which for
each package whose files are not yet in `VENDOR_DIR/<package>/` at the locked version downloads the tarball,
refuses it unless its hash matches `integrity`, and unpacks the named files there, keeping their paths.
`settings.py` adds `VENDOR_DIR` to `STATICFILES_DIRS` under the prefix `vendor/`, so leaflet's
`dist/leaflet.js` is the static file `vendor/leaflet/dist/leaflet.js`. Nothing is fetched when the files are
there; offline and without them, the command stops with a message saying so. Pages ask `available(name)`
before they use a package, so the site works (with less) when the files are missing.

To add a package: add it to `dependencies` and `staticFiles` in package.json, run
`npm install --package-lock-only --ignore-scripts` where npm is at hand (or write the lock entry by hand from
the registry's metadata: `dist.tarball` and `dist.integrity`), and run `make install`.

This module uses only the standard library: it runs before Django is set up, and must not import it.
"""

from __future__ import annotations

import base64
import fnmatch
import hashlib
import io
import json
import posixpath
import shutil
import sys
import tarfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
VENDOR_DIR = ROOT / "vendor"
STATIC_PREFIX = "vendor"
STAMP = (
    ".framsteg-integrity"  # in each package's directory: the integrity of the tarball it was unpacked from
)
TIMEOUT = 30  # seconds for each download


class FetchError(Exception):
    """A package could not be fetched or verified; the message says what to do."""


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    tarball: str
    integrity: str
    files: tuple[str, ...]  # paths or patterns inside the package

    @property
    def directory(self) -> Path:
        return VENDOR_DIR / self.name


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FetchError(f"{path} is missing.") from None
    except json.JSONDecodeError as error:
        raise FetchError(f"{path} is not valid JSON: {error}.") from None


def _registry_tarball(name: str, version: str) -> str:
    basename = name.rsplit("/", 1)[-1]
    return f"https://registry.npmjs.org/{name}/-/{basename}-{version}.tgz"


def packages(root: Path = ROOT) -> list[Package]:
    """The packages package.json asks for, as package-lock.json pins them."""
    manifest = _read_json(root / "package.json")
    lock = _read_json(root / "package-lock.json")
    wanted = manifest.get("staticFiles", {})
    found = []
    for name in manifest.get("dependencies", {}):
        entry = lock.get("packages", {}).get(f"node_modules/{name}")
        if entry is None:
            raise FetchError(f"{name} is in package.json but not in package-lock.json.")
        if not entry.get("integrity", "").startswith("sha512-"):
            raise FetchError(f"package-lock.json has no sha512 integrity for {name}.")
        if not wanted.get(name):
            raise FetchError(f"package.json names no files of {name} under staticFiles.")
        found.append(
            Package(
                name=name,
                version=entry["version"],
                tarball=entry.get("resolved") or _registry_tarball(name, entry["version"]),
                integrity=entry["integrity"],
                files=tuple(wanted[name]),
            )
        )
    return found


@cache
def _locked() -> tuple[Package, ...]:
    try:
        return tuple(packages())
    except FetchError:
        return ()


def _package(name: str) -> Package | None:
    return next((package for package in _locked() if package.name == name), None)


def _present(package: Package) -> bool:
    stamp = package.directory / STAMP
    if not stamp.is_file() or stamp.read_text(encoding="utf-8").strip() != package.integrity:
        return False
    return all(
        any(package.directory.glob(pattern)) if "*" in pattern else (package.directory / pattern).is_file()
        for pattern in package.files
    )


def available(name: str) -> bool:
    """Whether the files of the package are unpacked at the locked version (the site can serve them)."""
    package = _package(name)
    return package is not None and _present(package)


def static_path(name: str, path: str) -> str:
    """The static path of a file of a package, e.g. vendor/leaflet/dist/leaflet.js."""
    return f"{STATIC_PREFIX}/{name}/{path}"


def verify(data: bytes, integrity: str) -> None:
    """Raise FetchError unless the data's SHA-512 is the one in the integrity string."""
    algorithm, _dash, expected = integrity.partition("-")
    if algorithm != "sha512":
        raise FetchError(f"Only sha512 integrity is supported, not {algorithm!r}.")
    actual = base64.b64encode(hashlib.sha512(data).digest()).decode()
    if actual != expected:
        raise FetchError(f"The tarball's SHA-512 is {actual}, but package-lock.json expects {expected}.")


def _download(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "framsteg-static-packages"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # the address in the lock
        return response.read()


def unpack(package: Package, data: bytes) -> list[str]:
    """Unpack the package's named files from its tarball into its directory; return their paths."""
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        members = {}
        for member in archive.getmembers():
            # npm tarballs hold everything under one top directory, usually "package/".
            _top, _slash, inner = member.name.partition("/")
            inner = posixpath.normpath(inner)
            if member.isfile() and inner and not inner.startswith("../") and not posixpath.isabs(inner):
                members[inner] = member
        chosen: dict[str, tarfile.TarInfo] = {}
        for pattern in package.files:
            matched = [path for path in members if fnmatch.fnmatchcase(path, pattern)]
            if not matched:
                raise FetchError(f"{package.name} {package.version} has no file {pattern!r}.")
            chosen.update((path, members[path]) for path in matched)
        staging = package.directory.with_name(f".{package.name.replace('/', '_')}.partial")
        shutil.rmtree(staging, ignore_errors=True)
        for path, member in sorted(chosen.items()):
            target = staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            source = archive.extractfile(member)
            if source is None:
                raise FetchError(f"{package.name}: {path} cannot be read from the tarball.")
            target.write_bytes(source.read())
    (staging / STAMP).write_text(package.integrity + "\n", encoding="utf-8")
    shutil.rmtree(package.directory, ignore_errors=True)
    package.directory.parent.mkdir(parents=True, exist_ok=True)
    staging.rename(package.directory)
    return sorted(chosen)


def fetch(package: Package, download=_download) -> bool:
    """Make sure the package's files are unpacked; return True if they had to be fetched."""
    if _present(package):
        return False
    try:
        data = download(package.tarball)
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise FetchError(
            f"{package.name} {package.version} could not be downloaded from {package.tarball} ({reason}). "
            f"Its files are not in {package.directory}, so pages that need it fall back to what works "
            "without it (the outline map instead of the street map). Run `make install` again when the npm "
            "registry can be reached."
        ) from None
    verify(data, package.integrity)
    unpack(package, data)
    return True


def main(argv: list[str] | None = None) -> int:
    try:
        for package in packages():
            if fetch(package):
                print(f"{package.name} {package.version}: unpacked into {package.directory}")
    except FetchError as error:
        print(f"Static packages: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
