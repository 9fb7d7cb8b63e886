"""The feeds in a real calendar application: Debian's khal imports them (.ci/run installs it).

Each language's feed is imported into a calendar of its own; khal then lists the events with
the dates, times (in the site's time zone), titles and status it read. A changed event,
imported again, replaces the old one (its SEQUENCE is higher); a cancelled one is listed as
cancelled.
"""

import shutil
import subprocess

import pytest

from events.models import Event
from tests.conftest import LANGUAGES
from tests.events.factories import EventFactory, local

KHAL = shutil.which("khal")

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(KHAL is None, reason="khal is not installed (apt-get install khal; .ci/run does)"),
]

FORMAT = "{start}|{end}|{title}|{status}"
CONFIG = """[calendars]
[[ura]]
path = {path}
type = calendar

[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = Europe/Belgrade
default_timezone = Europe/Belgrade

[default]
default_calendar = ura
"""


class Khal:
    def __init__(self, directory):
        self.calendar = directory / "calendar"
        self.calendar.mkdir()
        self.config = directory / "config"
        self.config.write_text(CONFIG.format(path=self.calendar), encoding="utf-8")
        self.directory = directory

    def run(self, *args):
        env = {"HOME": str(self.directory), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"}
        result = subprocess.run(
            [KHAL, "-c", str(self.config), *args], capture_output=True, text=True, env=env, timeout=60, check=False
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def import_feed(self, content, name="feed.ics"):
        path = self.directory / name
        path.write_bytes(content)
        self.run("import", "--batch", "-a", "ura", str(path))

    def listed(self, start="2031-03-01", days="90d"):
        output = self.run("list", "--once", "--day-format", "", "--format", FORMAT, start, days)
        return [line.strip() for line in output.splitlines() if line.strip()]


@pytest.fixture
def khal(tmp_path):
    return Khal(tmp_path)


def make_events():
    timed = EventFactory(
        title_be="Фокус-група ў Грачаніцы",
        title_sq="Fokus grup në Graçanicë",
        title_en="Focus group in Gračanica",
        starts_at=local(2031, 3, 10, 10, 0),
        ends_at=local(2031, 3, 10, 12, 30),
    )
    forum = EventFactory(
        title_be="Форум у Тыране",
        title_sq="Forumi në Tiranë",
        title_en="Forum in Tirana",
        starts_at=local(2031, 4, 14),
        ends_at=local(2031, 4, 15),
        all_day=True,
    )
    cancelled = EventFactory(
        title_be="Канферэнцыя ў Ліп’яне",
        title_sq="Konferenca në Lipjan",
        title_en="Conference in Lipjan",
        starts_at=local(2031, 5, 20, 9, 0),
        ends_at=local(2031, 5, 20, 17, 0),
        event_status=Event.Status.CANCELLED,
    )
    return timed, forum, cancelled


@pytest.mark.parametrize("language", LANGUAGES)
def test_khal_imports_the_feed_with_dates_times_titles_and_status(client, tmp_path, language):
    timed, forum, cancelled = make_events()
    khal = Khal(tmp_path)
    khal.import_feed(client.get(f"/{language}/events/feed.ics").content)
    title = f"title_{language}"
    assert khal.listed() == [
        f"2031-03-10 10:00|2031-03-10 12:30|{getattr(timed, title)}|CONFIRMED",
        f"2031-04-14|2031-04-15|{getattr(forum, title)}|CONFIRMED",
        f"2031-05-20 09:00|2031-05-20 17:00|{getattr(cancelled, title)}|CANCELLED",
    ]


def test_khal_reads_the_lacinka_feed(client, khal):
    make_events()
    khal.import_feed(client.get("/be-latn/events/feed.ics").content)
    assert "2031-04-14|2031-04-15|Forum u Tyranie|CONFIRMED" in khal.listed()


def test_a_changed_event_replaces_the_old_one_and_a_cancelled_one_shows_as_cancelled(client, khal):
    timed, forum, _cancelled = make_events()
    khal.import_feed(client.get("/en/events/feed.ics").content, "first.ics")
    timed.title_en = "Focus group in Gračanica (moved)"
    timed.starts_at, timed.ends_at = local(2031, 3, 11, 14, 0), local(2031, 3, 11, 16, 0)
    timed.save()
    forum.event_status = Event.Status.CANCELLED
    forum.save()
    khal.import_feed(client.get("/en/events/feed.ics").content, "second.ics")
    listed = khal.listed()
    assert "2031-03-11 14:00|2031-03-11 16:00|Focus group in Gračanica (moved)|CONFIRMED" in listed
    assert not any("2031-03-10" in line for line in listed)
    assert "2031-04-14|2031-04-15|Forum in Tirana|CANCELLED" in listed
    stored = (khal.calendar / f"{timed.uid}.ics").read_text(encoding="utf-8")
    assert "SEQUENCE:1" in stored
