"""Open311 GeoReport v2 endpoints. Every answer, errors included, is in the format the URL asks for.

Error descriptions are in the request's language (Accept-Language; Swedish by default), because the spec
means them to be shown to the person using the client.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, TooManyFieldsSent
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from framsteg.dialogue import ratelimit
from framsteg.dialogue.models import Case, CaseEvent, CaseKind, Category, CategoryQuestion
from framsteg.dialogue.open311 import extensions, params, resources
from framsteg.dialogue.open311.render import FORMATS, JSON, XML, Open311Error, document
from framsteg.dialogue.services import idempotency as idempotency_keys
from framsteg.dialogue.services.apikeys import verify_key
from framsteg.dialogue.services.intake import IntakeError, Submission, submit_case

# Names of our fields in IntakeError, as the Open311 parameters a client sent.
PARAMETER_NAMES = {
    "description": "description",
    "category": "service_code",
    "feedback_type": f"attribute[{resources.FEEDBACK_TYPE}]",
    "place": "address_string",
    "latitude": "lat",
    "longitude": "long",
    "contact_name": "first_name, last_name",
    "contact_email": "email",
    "contact_phone": "phone",
}

View = Callable[..., HttpResponse]


def invalid_characters(request: HttpRequest, fmt: str = XML, **kwargs) -> HttpResponse:
    """The 400 for control characters in the address or the form (framsteg.core.middleware), in the format
    the address asks for."""
    return Open311Error(400, _("The request contains characters that are not allowed.")).response(fmt)


def endpoint(*methods: str) -> Callable[[View], View]:
    """Wrap an Open311 view: check the format, the method and jurisdiction_id, and answer errors as documents.

    The view is called as ``view(request, fmt, data, **kwargs)``, where `data` holds the parameters: the query
    string for GET, the query string and the body for POST (clients put api_key in either).
    """
    allowed = {*methods, "HEAD"} if "GET" in methods else set(methods)

    def decorate(view: View) -> View:
        @csrf_exempt
        @wraps(view)
        def wrapper(request: HttpRequest, fmt: str, **kwargs) -> HttpResponse:
            response = answer(request, fmt, view, kwargs)
            if request.method in ("GET", "HEAD"):
                # The data is public; let web apps on other sites read it, errors included.
                response["Access-Control-Allow-Origin"] = "*"
            return response

        wrapper.invalid_characters = invalid_characters
        return wrapper

    def answer(request: HttpRequest, fmt: str, view: View, kwargs: dict) -> HttpResponse:
        if fmt not in FORMATS:
            return Open311Error(404, _("Unknown format: use .xml or .json.")).response(XML)
        if request.method not in allowed:
            response = Open311Error(
                405, _("Method %(method)s is not allowed here.") % {"method": request.method}
            ).response(fmt)
            response["Allow"] = ", ".join(sorted(allowed))
            return response
        try:
            if request.method == "POST":
                data = params.post_parameters(request.GET, request.POST)
            else:
                data = request.GET
            check_jurisdiction(data)
            return view(request, fmt, data, **kwargs)
        except Open311Error as error:
            return error.response(fmt)
        except RequestDataTooBig:
            return Open311Error(413, _("The request is too large.")).response(fmt)
        except TooManyFieldsSent:
            return Open311Error(400, _("The request has too many parameters.")).response(fmt)
        except (BadRequest, MultiPartParserError):
            return Open311Error(
                400, _("The request's body cannot be read: send it form-encoded in UTF-8 or as multipart.")
            ).response(fmt)

    return decorate


def check_jurisdiction(data: QueryDict) -> None:
    jurisdiction = params.value(data, "jurisdiction_id")
    if jurisdiction and jurisdiction != settings.MUNICIPALITY_CODE:
        raise Open311Error(
            404,
            _("jurisdiction_id %(given)s is not served here; leave it out or use %(ours)s.")
            % {"given": jurisdiction, "ours": settings.MUNICIPALITY_CODE},
        )


@endpoint("GET")
def discovery(request: HttpRequest, fmt: str, data: QueryDict) -> HttpResponse:
    url = request.build_absolute_uri(reverse("open311:discovery", kwargs={"fmt": fmt})).rsplit("/", 1)[0]
    return document(fmt, "discovery", resources.discovery(url))


@endpoint("GET")
def service_list(request: HttpRequest, fmt: str, data: QueryDict) -> HttpResponse:
    return document(
        fmt, "services", [resources.service(category) for category in resources.active_services()]
    )


def _active_service(code: str) -> Category:
    category = resources.active_services().filter(code=code).first()
    if category is None:
        raise Open311Error(404, _("There is no service with service_code %(code)s.") % {"code": code})
    return category


@endpoint("GET")
def service_definition(request: HttpRequest, fmt: str, data: QueryDict, code: str) -> HttpResponse:
    return document(fmt, "service_definition", resources.service_definition(_active_service(code)))


@endpoint("GET", "POST")
def service_requests(request: HttpRequest, fmt: str, data: QueryDict) -> HttpResponse:
    if request.method == "POST":
        return create_service_request(request, fmt, data)
    with_extensions = extensions.wanted(data)
    cases = resources.find_requests(params.request_query(data))
    return _requests_document(fmt, cases, request, with_extensions)


@endpoint("GET")
def service_request(request: HttpRequest, fmt: str, data: QueryDict, request_id: str) -> HttpResponse:
    with_extensions = extensions.wanted(data)
    case = resources.public_requests().filter(resources.reference_filter([request_id])).first()
    if case is None:
        raise Open311Error(404, _("There is no public service request %(id)s.") % {"id": request_id})
    return _requests_document(fmt, [case], request, with_extensions)


def _requests_document(
    fmt: str, cases: list[Case], request: HttpRequest, with_extensions: bool
) -> HttpResponse:
    """Service requests, each with `extended_attributes` when the client asked with extensions=true."""
    body = resources.service_requests(cases, request)
    if with_extensions:
        extensions.extend(body, cases)
    return document(fmt, "service_requests", body)


@endpoint("GET")
def token(request: HttpRequest, fmt: str, data: QueryDict, token: str) -> HttpResponse:
    """Requests get their service_request_id at once (type realtime), so no token is ever handed out."""
    raise Open311Error(
        404,
        _("Token %(token)s not found: this server answers with a service_request_id at once.")
        % {"token": token},
    )


@csrf_exempt
def not_found(request: HttpRequest, path: str) -> HttpResponse:
    return Open311Error(404, _("There is no such Open311 resource.")).response(_format_of(path))


def _format_of(path: str) -> str:
    return JSON if path.endswith(".json") else XML


not_found.invalid_characters = lambda request, path: invalid_characters(request, _format_of(path))


def _answers(category: Category, attributes: dict[str, list[str]]) -> tuple[dict, str]:
    """The answers to the category's questions and the feedback type; a 400 names each missing one."""
    feedback_type = ""
    if category.kind == CaseKind.FEEDBACK:
        feedback_type = (attributes.get(resources.FEEDBACK_TYPE) or [""])[0]
    missing = [
        attribute["code"]
        for attribute in resources.service_attributes(category)
        if attribute["required"] and not attributes.get(attribute["code"])
    ]
    if missing:
        raise Open311Error(
            400,
            *[_("attribute[%(code)s] is required for this service.") % {"code": code} for code in missing],
        )
    questions = {question.code: question for question in category.questions.all()}
    answers = {
        code: values if questions[code].datatype == CategoryQuestion.Datatype.MULTI else values[0]
        for code, values in attributes.items()
        if code in questions
    }
    return answers, feedback_type


def _intake_error(error: IntakeError) -> Open311Error:
    if error.field.startswith("answer_"):
        name = f"attribute[{error.field.removeprefix('answer_')}]"
    else:
        name = PARAMETER_NAMES.get(error.field, error.field)
    return Open311Error(400, f"{name}: {error.message}" if name else error.message)


def _client_note(key, media_url: str) -> str:
    """An internal note for staff: which client sent the report, and a media link that was not fetched."""
    with translation.override(settings.LANGUAGE_CODE):
        note = _("Received through the Open311 client %(client)s (API key %(prefix)s).") % {
            "client": key.name,
            "prefix": key.prefix,
        }
        if media_url:
            note += " " + _("The client linked to a picture or other media, not fetched: %(url)s") % {
                "url": media_url
            }
    return note


def _idempotency(request: HttpRequest, key, data: QueryDict) -> idempotency_keys.Idempotency | None:
    """The request's Idempotency-Key (an extension, see README.md), scoped to the client's API key."""
    value = request.headers.get("Idempotency-Key")
    if value is None:
        return None
    # The draft's Structured Field string form is accepted with or without its quotes.
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    if not idempotency_keys.valid_key(value):
        raise Open311Error(
            400,
            _("Idempotency-Key must be 1 to %(max)d visible ASCII characters without spaces.")
            % {"max": idempotency_keys.KEY_MAX_LENGTH},
        )
    sent = {name: values for name, values in data.lists() if name != "api_key"}
    return idempotency_keys.Idempotency(f"open311:{key.prefix}", value, idempotency_keys.fingerprint(sent))


def create_service_request(request: HttpRequest, fmt: str, data: QueryDict) -> HttpResponse:
    """Register a report from a client with an API key, at once, and answer with its reference.

    With an Idempotency-Key header, a retry returns the first answer instead of registering a second case.
    """
    plaintext = params.value(data, "api_key")
    if not plaintext:
        raise Open311Error(403, _("api_key is missing: posting a service request needs an API key."))
    key = verify_key(plaintext)
    if key is None:
        raise Open311Error(403, _("api_key is not valid or has been revoked."))
    decision = ratelimit.check("open311", key.prefix, settings.DIALOGUE_API_RATE_LIMIT)
    if not decision.allowed:
        raise Open311Error(
            429,
            _("Too many service requests with this API key. Try again later."),
            headers={"Retry-After": str(decision.retry_after)},
        )
    idempotency = _idempotency(request, key, data)
    new = params.new_request(data)
    category = _active_service(new.service_code)
    answers, feedback_type = _answers(category, new.attributes)
    submission = Submission(
        kind=category.kind,
        description=new.description,
        category=category,
        feedback_type=feedback_type,
        answers=answers,
        place=new.address,
        latitude=new.latitude,
        longitude=new.longitude,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        contact_name=new.name,
        contact_email=new.email,
        contact_phone=new.phone,
        source=Case.Source.OPEN311,
    )
    try:
        with transaction.atomic():
            case = submit_case(submission, idempotency=idempotency)
            if not getattr(case, "replayed", False):
                CaseEvent.objects.create(
                    case=case,
                    kind=CaseEvent.Kind.NOTE,
                    text=_client_note(key, new.media_url),
                    data={"api_key": key.prefix, "media_url": new.media_url},
                )
    except IntakeError as error:
        raise _intake_error(error) from None
    except idempotency_keys.IdempotencyError as error:
        headers = {"Retry-After": "1"} if error.status == 409 else None
        raise Open311Error(error.status, error.message, headers=headers) from None
    created = {
        "service_request_id": case.reference,
        "service_notice": resources.answer_notice(case.kind, category),
        "account_id": None,
    }
    response = document(fmt, "service_requests", [created], status=201)
    if idempotency is not None and getattr(case, "replayed", False):
        response["Idempotent-Replayed"] = "true"
    return response
