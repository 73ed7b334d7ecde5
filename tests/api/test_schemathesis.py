"""The OpenAPI document and the API agree: schemathesis generates requests for every operation from the
document, valid ones and invalid ones, sends them to the Django application in-process, and checks every
answer against the document (no 5xx, documented status codes, content types and shapes, invalid data
refused, valid data accepted, 405 for other methods).

Bounded and deterministic for CI: a fixed number of examples per operation, derandomized. The Botkyrka
sample is loaded once for the module; the open API is read-only, and a database write during a request fails
the test. The situation picture's operations need a partner's API key: sent without one here, they must
answer 401 as documented, before anything is read or written (tests/api/test_situation_api.py uses keys).
"""

from collections import Counter

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection, transaction
from hypothesis import HealthCheck, settings

from framsteg.indicators.models import Indicator
from framsteg.steering.models import Area, Commitment, SteeringDocument

pytestmark = pytest.mark.django_db

# Per operation, on top of the boundary and coverage cases schemathesis derives from the document.
EXAMPLES = 25
WRITES = ("insert", "update", "delete", "create", "alter", "drop", "truncate")

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
sent = Counter()


@pytest.fixture(scope="module")
def botkyrka(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_botkyrka", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def connection_kept():
    """As Django's test client does: the end of a request must not close the test's database connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def refuse_writes(execute, sql, params, many, context):
    assert not sql.lstrip().lower().startswith(WRITES), f"The read-only API wrote to the database: {sql}"
    return execute(sql, params, many, context)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_answer_agrees_with_the_openapi_document(case, botkyrka, connection_kept):
    with connection.execute_wrapper(refuse_writes):
        case.call_and_validate()
    sent[case.operation.label] += 1


def existing(path: str) -> list[dict]:
    """Path parameters that name every object of the sample (generated ones almost never do)."""
    if path == "/api/v1/documents/{slug}":
        return [{"slug": slug} for slug in SteeringDocument.objects.values_list("slug", flat=True)]
    if path == "/api/v1/areas/{area_id}":
        return [{"area_id": pk} for pk in Area.objects.values_list("pk", flat=True)]
    if path == "/api/v1/commitments/{commitment_id}":
        # A proposal's points are not commitments: the API answers 404 for them (tests/api/test_proposals.py).
        return [{"commitment_id": pk} for pk in Commitment.objects.adopted().values_list("pk", flat=True)]
    if path.startswith("/api/v1/indicators/{slug}"):
        return [{"slug": slug} for slug in Indicator.objects.values_list("slug", flat=True)]
    return [{}]


@pytest.mark.parametrize(
    "path", [result.ok().path for result in schema.get_all_operations() if "{" in result.ok().path]
)
def test_every_existing_object_agrees_with_the_openapi_document(path, botkyrka, connection_kept):
    operation = schema[path]["GET"]
    parameters = existing(path)
    assert parameters, "The sample has nothing to ask for."
    for path_parameters in parameters:
        case = operation.Case(path_parameters=path_parameters, query={"page_size": 500})
        if "page_size" not in str(operation.definition.raw):
            case = operation.Case(path_parameters=path_parameters)
        with connection.execute_wrapper(refuse_writes):
            response = case.call_and_validate()
        assert response.status_code == 200


def test_every_operation_was_exercised():
    """Runs after the cases above (same module, collected later): every operation got requests."""
    if not sent:
        pytest.skip("The schemathesis cases were not selected in this run.")
    operations = {result.ok().label for result in schema.get_all_operations()}
    assert len(operations) == 17
    assert set(sent) == operations
    print(f"schemathesis: {sum(sent.values())} requests over {len(operations)} operations")
