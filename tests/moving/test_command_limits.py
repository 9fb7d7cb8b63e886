"""Long commands keep their own database limits: the web's 60 s idle-in-transaction limit does not kill them."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db import connection

SHOW = (
    "from django.db import connection\n"
    "with connection.cursor() as cursor:\n"
    "    shown = []\n"
    "    for name in ('statement_timeout', 'idle_in_transaction_session_timeout', 'lock_timeout'):\n"
    "        cursor.execute('SHOW ' + name)\n"
    "        shown.append(cursor.fetchone()[0])\n"
    "print(shown)\n"
)


def test_a_management_command_gets_long_limits_and_the_web_keeps_short_ones(db):
    db_settings = connection.settings_dict
    url = f"postgres://{db_settings['USER']}@{db_settings['HOST'] or '127.0.0.1'}:{db_settings['PORT'] or 5432}/{db_settings['NAME']}"
    # Not the test run's environment: it may name limits of its own.
    env = {key: value for key, value in os.environ.items() if not key.startswith("DB_")}
    env.update(DATABASE_URL=url, DEBUG="1", DJANGO_SETTINGS_MODULE="portal.settings")
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SHOW],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip().splitlines()[-1] == "['10min', '10min', '1min']"
    # The web's: the settings the app servers start with.
    options = settings.DATABASES["default"]["OPTIONS"]["options"]
    assert "-c idle_in_transaction_session_timeout=60000" in options
