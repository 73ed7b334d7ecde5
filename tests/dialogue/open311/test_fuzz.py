"""Random parameters against every Open311 endpoint: nothing answers 5xx, every answer is in the format the
address asks for (XML for an unknown format, as documented), every error is the spec's error document with
its HTTP status as its code, and every status is one the README documents for that endpoint.

Bounded and deterministic for CI: a fixed number of examples per endpoint, derandomized. The strategies mix
what clients really send with what they should not: unicode and control characters, huge values, repeated
parameters, numbers where text is expected and the reverse, impossible dates, coordinates outside the world,
`attribute[...]` parameters of every shape, and broken form and multipart bodies.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from urllib.parse import quote, unquote, urlencode

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framsteg.dialogue.models import Case
from tests.dialogue import factories
from tests.dialogue.open311.conftest import API

pytestmark = pytest.mark.django_db

EXAMPLES = 50
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# The statuses the README documents, per resource and method.
READ = {200, 400, 404}
DOCUMENTED = {
    ("discovery", "GET"): READ,
    ("services", "GET"): READ,
    ("service", "GET"): READ,
    ("requests", "GET"): READ,
    ("request", "GET"): READ,
    ("tokens", "GET"): {400, 404},
    # 409 and 422 answer an Idempotency-Key in use or reused with other parameters (an extension).
    ("requests", "POST"): {201, 400, 403, 404, 409, 413, 422, 429},
}
ROOTS = {
    "discovery": "discovery",
    "services": "services",
    "service": "service_definition",
    "requests": "service_requests",
    "request": "service_requests",
}
SPEC_PARAMETERS = [
    "jurisdiction_id",
    "service_request_id",
    "service_code",
    "status",
    "start_date",
    "end_date",
    "updated_after",
    "updated_before",
    "page",
    "page_size",
    "extensions",
    "api_key",
    "lat",
    "long",
    "address_string",
    "address_id",
    "description",
    "email",
    "first_name",
    "last_name",
    "phone",
    "device_id",
    "account_id",
    "media_url",
]
answered = Counter()

# Text as clients send it, and as they should not: any code point but the lone surrogates UTF-8 cannot carry.
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
huge = st.builds(
    lambda char, n: char * n,
    st.sampled_from(["9", "a", "å", "€", "𝄞", ",", " ", "-"]),
    st.integers(3000, 20000),
)
numbers = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["nan", "inf", "-inf", "1e309", "-0", "0x1A", "1_000", "٣", "１２", "1,5", "  7  "]),
)
dates = st.one_of(
    st.datetimes().map(lambda moment: moment.isoformat()),
    st.datetimes(timezones=st.timezones()).map(lambda moment: moment.isoformat()),
    st.dates().map(str),
    st.sampled_from(
        [
            "2026-02-30",
            "2026-13-01T00:00:00Z",
            "0001-01-01T00:00:00+00:00",
            "9999-12-31T23:59:59-23:59",
            "9999-12-31T23:59:59+14:00",
            "2026-05-01T10:00:00 02:00",
            "2026-05-01T10:00:00+24:00",
            "2026-05-01T25:61:61Z",
            "-2026-01-01",
            "20260501",
            "yesterday",
        ]
    ),
)
coordinates = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.floats(-1000, 1000).map(lambda degrees: f"{degrees:.7f}"),
    st.sampled_from(["59.2", "17.83", "-90", "90.0000001", "181", "1e400", "59,2", "NaN", "∞"]),
)
junk = st.one_of(
    any_text, huge, numbers, dates, coordinates, st.sampled_from(["", " ", "true", "false", "null"])
)
attribute_names = st.one_of(
    st.sampled_from(["antal", "lampa", "skador", "feedback_type"]),
    any_text,
).flatmap(lambda code: st.sampled_from([f"attribute[{code}]", f"attribute[{code}][]", f"attribute[{code}"]))
names = st.one_of(st.sampled_from(SPEC_PARAMETERS), attribute_names, any_text)
parameters = st.one_of(st.just([]), st.lists(st.tuples(names, junk), max_size=12))
formats = st.one_of(
    st.sampled_from(["json", "xml"]), st.sampled_from(["JSON", "html", "", "xml.json"]), any_text
)
languages = st.sampled_from(["sv", "en", "fi", "ar", "so", "xx", "*", "", "sv;q=abc", "ar-SA,ar;q=0.9"])


def address(resource: str, fmt: str, identifier: str = "") -> str:
    """The address of a resource; the format and any identifier are percent-encoded as a client would."""
    middle = {"service": "services/", "request": "requests/", "tokens": "tokens/"}.get(resource, resource)
    name = f"{middle}{quote(identifier, safe='')}" if middle.endswith("/") else middle
    return f"{API}/{name}.{quote(fmt, safe='')}"


def expected_format(path: str) -> str:
    """JSON for an address ending in .json, else XML: an unknown format, or an address that names no
    resource, is answered in XML unless it ends in .json (the README)."""
    return "json" if unquote(path).endswith(".json") else "xml"


def parse(response, fmt: str):
    """The body as Python data, after checking it is in `fmt` (json, or XML with its declaration)."""
    content_type = response["Content-Type"]
    if fmt == "json":
        assert content_type == "application/json; charset=utf-8", content_type
        return json.loads(response.content.decode("utf-8"))
    assert content_type == "text/xml; charset=utf-8", content_type
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(response.content)


def check(response, resource: str, method: str) -> None:
    """The answer is one the README documents, in the format asked for, and an error is the spec's."""
    status = response.status_code
    answered[(resource, method, status)] += 1
    assert status < 500, response.content[:500]
    assert status in DOCUMENTED[(resource, method)], (status, response.content[:500])
    fmt = expected_format(response.request["PATH_INFO"])
    body = parse(response, fmt)
    if status >= 400:
        if fmt == "json":
            assert isinstance(body, list) and body
            assert all(set(error) == {"code", "description"} for error in body)
            assert all(error["code"] == status and error["description"] for error in body)
        else:
            assert body.tag == "errors" and len(body)
            assert all(error.tag == "error" for error in body)
            assert all(
                error.findtext("code") == str(status) and error.findtext("description") for error in body
            )
        if status == 429:
            assert int(response["Retry-After"]) >= 0
    elif fmt == "xml":
        assert body.tag == ROOTS[resource]
    elif resource in ("services", "requests", "request"):
        assert isinstance(body, list)
    else:
        assert isinstance(body, dict)


@pytest.fixture
def world(services, feedback_service, api_key, settings):
    """Services with questions, public and private requests, and a client's key with room for every post."""
    settings.DIALOGUE_API_RATE_LIMIT = "100000/h"
    cache.clear()
    lights = services["lights"]
    public = factories.make_case(category=lights, latitude=59.2, longitude=17.83)
    factories.make_case(category=lights, status=Case.Status.CLOSED)
    factories.make_case(category=feedback_service, kind="feedback")
    factories.make_case(kind="safety")
    return {"key": api_key, "reference": public.reference, "codes": [lights.code, feedback_service.code]}


@given(resource=st.sampled_from(["discovery", "services"]), fmt=formats, query=parameters, language=languages)
@FUZZ
def test_discovery_and_services(client, world, resource, fmt, query, language):
    response = client.get(address(resource, fmt), query, HTTP_ACCEPT_LANGUAGE=language)
    check(response, resource, "GET")


@given(
    code=st.one_of(st.sampled_from(["gatubelysning", "skola", "snoskottning"]), any_text, huge),
    fmt=formats,
    query=parameters,
    language=languages,
)
@FUZZ
def test_service_definitions(client, world, code, fmt, query, language):
    response = client.get(address("service", fmt, code), query, HTTP_ACCEPT_LANGUAGE=language)
    if code:
        check(response, "service", "GET")


@given(fmt=formats, query=parameters, language=languages, head=st.booleans())
@FUZZ
def test_requests_list(client, world, fmt, query, language, head):
    if head:
        response = client.head(address("requests", fmt), query, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code < 500
        return
    response = client.get(address("requests", fmt), query, HTTP_ACCEPT_LANGUAGE=language)
    check(response, "requests", "GET")


@given(
    identifier=st.one_of(
        st.sampled_from(["{reference}", "2026-00001", "0-0", "2026-99999999999999999999"]), any_text, huge
    ),
    fmt=formats,
    query=parameters,
)
@FUZZ
def test_request_by_id(client, world, identifier, fmt, query):
    identifier = identifier.replace("{reference}", world["reference"])
    if not identifier:
        return
    response = client.get(address("request", fmt, identifier), query)
    check(response, "request", "GET")


@given(token=st.one_of(any_text, huge), fmt=formats, query=parameters)
@FUZZ
def test_tokens(client, world, token, fmt, query):
    if not token:
        return
    response = client.get(address("tokens", fmt, token), query)
    check(response, "tokens", "GET")


# A complete report that a fuzzed parameter may change, join or spoil.
def complete() -> list[tuple[str, str]]:
    return [
        ("service_code", "gatubelysning"),
        ("lat", "59.2"),
        ("long", "17.83"),
        ("description", "Lampan vid busshållplatsen är släckt."),
        ("attribute[antal]", "2"),
    ]


keys = st.sampled_from(["valid", "none", "empty", "wrong", "repeated"])
# Idempotency-Key headers: none, a few reused ones (so that retries and reuse with other parameters happen),
# and anything a header can carry.
idempotency_keys = st.one_of(
    st.none(),
    st.sampled_from(["retry-1", "retry-2", '"retry-1"', "", " ", "a b", "x" * 256]),
    st.text(st.characters(min_codepoint=32, max_codepoint=0x2FF), max_size=300),
)


def with_key(world, fields: list[tuple[str, str]], key: str) -> list[tuple[str, str]]:
    return {
        "valid": [("api_key", world["key"]), *fields],
        "none": fields,
        "empty": [("api_key", ""), *fields],
        "wrong": [("api_key", "fel" + world["key"][3:]), *fields],
        "repeated": [("api_key", "fel"), ("api_key", world["key"]), *fields],
    }[key]


@given(
    fmt=formats,
    key=keys,
    base=st.booleans(),
    body=parameters,
    query=parameters,
    language=languages,
    idempotency=idempotency_keys,
)
@FUZZ
def test_posting_form_encoded(client, world, fmt, key, base, body, query, language, idempotency):
    fields = with_key(world, (complete() if base else []) + body, key)
    headers = {} if idempotency is None else {"HTTP_IDEMPOTENCY_KEY": idempotency}
    response = client.post(
        address("requests", fmt) + ("?" + urlencode(query) if query else ""),
        urlencode(fields),
        content_type="application/x-www-form-urlencoded",
        HTTP_ACCEPT_LANGUAGE=language,
        **headers,
    )
    check(response, "requests", "POST")


@given(
    fmt=st.sampled_from(["json", "xml"]),
    key=keys,
    body=parameters,
    files=st.lists(st.tuples(names, st.binary(max_size=2000)), max_size=3),
)
@FUZZ
def test_posting_multipart(client, world, fmt, key, body, files):
    fields = with_key(world, complete() + body, key)
    data: dict[str, list] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    for name, content in files:
        # The form field is the fuzzed name; the file's own name is one a client would send.
        upload = SimpleUploadedFile("bild.jpg", content, content_type="application/octet-stream")
        data.setdefault(name, []).append(upload)
    response = client.post(address("requests", fmt), data)
    check(response, "requests", "POST")


broken_bodies = st.one_of(
    st.binary(max_size=3000),
    st.sampled_from(
        [
            b'--x\r\nContent-Disposition: form-data; name="service_code"\r\n\r\ngatubelysning',
            b"--x--",
            b"--x\r\nContent-Disposition: form-data\r\n\r\n\r\n--x--\r\n",
            b'--x\r\nContent-Disposition: form-data; name="a"; filename="\x00.jpg"\r\n\r\n'
            b"\xff\xd8\r\n--x--\r\n",
            b"%ZZ=%C3%28&service_code=%00",
            b"\xff\xfe\x00a\x00=\x00b",
            b'{"service_code": "gatubelysning"}',
            b"&&&===&&&",
        ]
    ),
)
content_types = st.sampled_from(
    [
        "multipart/form-data; boundary=x",
        "multipart/form-data",
        "multipart/form-data; boundary=",
        "multipart/form-data; boundary=" + "b" * 200,
        "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded; charset=latin-1",
        "application/x-www-form-urlencoded; charset=no-such-charset",
        "application/json",
        "text/plain",
        "",
    ]
)


@given(
    fmt=st.sampled_from(["json", "xml"]), body=broken_bodies, content_type=content_types, key=st.booleans()
)
@FUZZ
def test_posting_broken_bodies(client, world, fmt, body, content_type, key):
    query = "?" + urlencode({"api_key": world["key"]}) if key else ""
    response = client.generic("POST", address("requests", fmt) + query, body, content_type=content_type)
    check(response, "requests", "POST")


@given(
    resource=st.sampled_from(["discovery", "services", "service", "request", "tokens", "requests"]),
    method=st.sampled_from(["PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "POST"]),
    fmt=st.sampled_from(["json", "xml"]),
)
@FUZZ
def test_other_methods(client, world, resource, method, fmt):
    if resource == "requests" and method == "POST":
        return
    response = client.generic(method, address(resource, fmt, "x"))
    assert response.status_code == 405
    assert "GET" in response["Allow"]
    answered[(resource, method, 405)] += 1
    errors = parse(response, fmt)
    codes = [error["code"] for error in errors] if fmt == "json" else [e.findtext("code") for e in errors]
    assert codes and all(str(code) == "405" for code in codes)


def test_the_fuzz_reached_every_endpoint_and_its_answers():
    """Runs after the fuzz above (same module, collected later): each endpoint answered, with variety."""
    if not answered:
        pytest.skip("The fuzz tests were not selected in this run.")
    reached = {(resource, method) for resource, method, _status in answered}
    assert set(DOCUMENTED) <= reached
    statuses = {status for _resource, _method, status in answered}
    assert {200, 201, 400, 403, 404, 405} <= statuses, answered
    by_status = Counter()
    for (_resource, _method, status), count in answered.items():
        by_status[status] += count
    print(f"Open311 fuzz: {sum(answered.values())} requests; by status: {sorted(by_status.items())}")
