"""The JSON API at /api/v1/: the plan, its status history and vocabularies, as open data, read-only; and under
/api/v1/situation/ the situation picture's operations for partners' systems, with a partner's API key."""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from django.http import HttpRequest, JsonResponse
from ninja import NinjaAPI

from framsteg.api import schemas
from framsteg.api.indicators import router as indicators_router
from framsteg.api.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from framsteg.api.situation import RateLimited
from framsteg.api.situation import router as situation_router
from framsteg.api.views import router
from framsteg.steering.exports import ROLLUP_RULE, SOURCE_NOTE

DESCRIPTION = f"""
The municipality's plan: steering documents, their areas and commitments, and every status update,
read-only.

**Source.** {SOURCE_NOTE} Every commitment carries the exact quote and offsets of its place in the
document version it was read from.

**Roll-ups.** {ROLLUP_RULE}

**Indicators.** Key figures with their sources, targets and releases. A source may revise a whole
back-series, so measurements come in releases that are never mixed; the current release is used unless
another is asked for. Each indicator is judged against its latest target from its trend.

**Paging.** Lists take `page` (from 1) and `page_size` ({DEFAULT_PAGE_SIZE} by default, at most
{MAX_PAGE_SIZE}) and answer with `count`, `next`, `previous` and `items`.

**Language.** Codes never change; labels follow the request's `Accept-Language` (sv, en, fi).

**Errors.** A parameter the API refuses answers 422 with one entry per refused parameter; something that
does not exist answers 404 with a `detail` message, also for addresses under /api/v1/ that name no
operation; control characters anywhere in the address answer 400 in plain text; a method an operation
does not offer answers 405; while the database cannot be reached, every operation answers 503 with a `detail`
message and a `Retry-After` header.

The same shapes are available offline with `framsteg export --format json`.

**The situation picture (partners' systems).** The operations under `/api/v1/situation/` are not open data:
they need a partner's API key, created by a coordinator, sent as `Authorization: Bearer fsp_…` (no key, an
unknown or a revoked one answer 401; too many requests with one key answer 429 with `Retry-After`). A key
reports incidents in its organisation's name, a batch saved all or none with the checks of the file import
(refused reports answer 422, one entry per problem with its place in the batch and the field), and reads
back only that organisation's reports with their review status. Sending an `external_id` again updates the
report it names. These are the only operations that write.
"""

UNAVAILABLE_DETAIL = "The database cannot be reached right now. Try again after Retry-After seconds."
UNAVAILABLE = {
    "description": "The database cannot be reached for the moment; try again after `Retry-After` seconds.",
    "headers": {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}},
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Message"}}},
}
BAD_REQUEST = {
    "description": "The address holds control characters.",
    "content": {"text/plain": {"schema": {"type": "string"}}},
}


class FramstegAPI(NinjaAPI):
    """Adds to every operation the answers that come from outside its view: 400, 422 and 503."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["ValidationErrors"] = deepcopy(
            schemas.ValidationErrors.model_json_schema(ref_template="#/components/schemas/{model}")
        )
        definitions = components["ValidationErrors"].pop("$defs", {})
        components.update(definitions)
        components.setdefault(
            "Message", schemas.Message.model_json_schema(ref_template="#/components/schemas/{model}")
        )
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation["responses"]
                responses["400"] = BAD_REQUEST
                responses["422"] = {
                    "description": "A parameter was refused.",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/ValidationErrors"}}
                    },
                }
                responses["503"] = UNAVAILABLE
        return schema


api = FramstegAPI(title="framsteg", version="1", description=DESCRIPTION.strip())
api.add_router("", router)
api.add_router("", indicators_router)
api.add_router("", situation_router)


@api.exception_handler(RateLimited)
def rate_limited(request: HttpRequest, error: RateLimited):
    response = api.create_response(request, {"detail": error.message}, status=429)
    response["Retry-After"] = str(error.retry_after)
    return response


def outage_answer(request: HttpRequest) -> JsonResponse | None:
    """The API's answer while the database cannot be reached (see framsteg.core.outage): JSON, like its
    other errors, rather than the site's HTML page."""
    if not request.path_info.startswith("/api/"):
        return None
    return JsonResponse({"detail": UNAVAILABLE_DETAIL}, status=503)


def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any address under /api/v1/ that names no operation: a JSON 404, as the operations give."""
    return JsonResponse({"detail": "Not Found"}, status=404)
