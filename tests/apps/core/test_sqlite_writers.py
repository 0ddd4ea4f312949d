"""Two transactions that read then write at the same moment on the embedded SQLite database: with the platform's
options the second waits for the first, where SQLite's default (deferred) transactions fail at once with
« database is locked » (an error 500 in a view)."""

import threading

from django.conf import settings
from django.db.backends.sqlite3.base import DatabaseWrapper


def _connection(path):
    return DatabaseWrapper(
        {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(path),
            "OPTIONS": dict(settings.SQLITE_OPTIONS),
            "TIME_ZONE": None,
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "AUTOCOMMIT": True,
            "ATOMIC_REQUESTS": False,
            "TEST": {},
            "USER": "",
            "PASSWORD": "",
            "HOST": "",
            "PORT": "",
        }
    )


def _read_then_write(path, value, started, errors, first_has_read=None):
    connection = _connection(path)
    try:
        # What `transaction.atomic` does on SQLite: BEGIN, in the configured transaction mode.
        connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
        cursor = connection.cursor()
        cursor.execute("SELECT COUNT(*) FROM plan")
        started.set()
        if first_has_read is not None:
            first_has_read.wait(timeout=0.5)  # the other one writes while this one holds its read
        cursor.execute("INSERT INTO plan (value) VALUES (%s)", [value])
        connection.commit()
    except Exception as error:  # whatever the database raised is reported by the test
        errors.append(error)
    finally:
        connection.close()


def test_two_transactions_reading_then_writing_at_once_both_succeed(tmp_path, django_db_blocker):
    with django_db_blocker.unblock():  # connections of its own, to a file of its own
        path = tmp_path / "embedded.sqlite3"
        setup = _connection(path)
        setup.cursor().execute("CREATE TABLE plan (value TEXT)")
        setup.close()
        errors = []
        first_started, second_started = threading.Event(), threading.Event()
        first = threading.Thread(target=_read_then_write, args=(path, "a", first_started, errors, second_started))
        second = threading.Thread(target=_read_then_write, args=(path, "b", second_started, errors))
        first.start()
        first_started.wait(timeout=5)
        second.start()
        first.join(timeout=30)
        second.join(timeout=30)
        assert errors == []
        check = _connection(path)
        assert sorted(row[0] for row in check.cursor().execute("SELECT value FROM plan").fetchall()) == ["a", "b"]
        check.close()
