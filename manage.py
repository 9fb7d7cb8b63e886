#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    # A machine with neither DEBUG nor SECRET_KEY set is a developer's: run
    # management commands in development mode there. Production sets
    # SECRET_KEY (and DEBUG=0), and the WSGI entry point never does this.
    if "DEBUG" not in os.environ and "SECRET_KEY" not in os.environ:
        os.environ["DEBUG"] = "1"
    # Management commands (migrations, seeding, index rebuilds, imports, backups, the job
    # queue's workers) may run longer than a web request, and may hold a transaction open
    # while they read their input; the development server keeps the web limits.
    if "runserver" not in sys.argv:
        os.environ.setdefault("DB_STATEMENT_TIMEOUT", "600000")
        os.environ.setdefault("DB_LOCK_TIMEOUT", "60000")
        os.environ.setdefault("DB_IDLE_IN_TRANSACTION_TIMEOUT", "600000")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
