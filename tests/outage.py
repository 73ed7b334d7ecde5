"""Making the database unreachable inside a test, without touching the server.

`database_down()` makes every new use of the default connection fail the way an unreachable server does
(OperationalError on connecting). `database_fails_on(sql)` lets the request run until its first statement
containing `sql` and fails that one and every later one (InterfaceError: the connection went away in the
middle of a request); transaction control statements pass, so the test's own transaction stays intact.
"""

from __future__ import annotations

from contextlib import contextmanager
from unittest import mock

from django.db import InterfaceError, OperationalError, connections

TRANSACTION_CONTROL = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK", "COMMIT", "BEGIN")


@contextmanager
def database_down():
    connection = connections["default"]
    error = OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')
    with mock.patch.object(connection, "ensure_connection", side_effect=error):
        yield


@contextmanager
def database_fails_on(sql: str):
    failing = {"on": False}

    def fail(execute, statement, params, many, context):
        control = statement.lstrip().upper().startswith(TRANSACTION_CONTROL)
        if (failing["on"] or sql.lower() in statement.lower()) and not control:
            failing["on"] = True
            raise InterfaceError("connection already closed")
        return execute(statement, params, many, context)

    with connections["default"].execute_wrapper(fail):
        yield
