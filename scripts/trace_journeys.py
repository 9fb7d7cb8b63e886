"""Trace two journeys through the project's code: which files a request enters and how often it moves between them.

    python scripts/trace_journeys.py            # a fresh SQLite database with the demo content
    DATABASE_URL=postgres://... python scripts/trace_journeys.py --no-seed

The journeys:

1. an anonymous visitor's first GET of a news item in Łacinka (``/be-latn/news/<slug>/``),
   a page-cache miss;
2. an editor saves that news item unchanged (``POST /admin/news/newsitem/<id>/change/``).

Each runs once to warm up (imports, first queries) and is then traced with
``sys.setprofile``. Only frames whose code lives in the application packages
count. The *current file* is the file of the innermost application frame (none
when no application frame is on the stack); a *move* is a call from it into a
function of another application file (a return only brings the current file
back). A move is *upward* when the called
file is on a higher floor than the caller (core < library < editorial <
content apps < search, opendata < portal < moving, newsletter, mirror): the direction the layout rules forbid
for imports, reached here through callbacks, signals, template tags or an
admin class rewritten at run time.
"""

import argparse
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The floors of pyproject.toml's import-linter contract, lowest first.
FLOORS = {
    "core": 0,
    "library": 1,
    "editorial": 2,
    "translating": 2.5,  # between editorial and the content apps
    "news": 3,
    "events": 3,
    "projects": 3,
    "partners": 3,
    "search": 4,
    "opendata": 4,
    "portal": 5,
    # The top floor: apps that build on the whole site (pyproject.toml).
    "moving": 6,
    "newsletter": 6,
    "mirror": 6,
}


def app_file(filename):
    """The repository-relative path of an application file, or None."""
    try:
        relative = Path(filename).resolve().relative_to(ROOT)
    except ValueError:
        return None
    if relative.parts[0] not in FLOORS or "migrations" in relative.parts:
        return None
    return relative.as_posix()


class Tracer:
    def __init__(self):
        self.files = Counter()
        self.moves = 0
        self.upward = 0
        self.calls = 0
        self.current = None
        self.pairs = Counter()
        self.upward_calls = Counter()
        self.calls_by_name = Counter()
        self._known = {}

    def _file(self, code):
        filename = code.co_filename
        if filename not in self._known:
            self._known[filename] = app_file(filename)
        return self._known[filename]

    def _move_to(self, path, call, name=""):
        if path is None or path == self.current:
            return
        if call and self.current is not None:
            self.moves += 1
            self.pairs[(self.current, path)] += 1
            self.calls_by_name[(self.current, f"{path}:{name}")] += 1
            if FLOORS[path.split("/")[0]] > FLOORS[self.current.split("/")[0]]:
                self.upward += 1
                self.upward_calls[(self.current, f"{path}:{name}")] += 1
        self.current = path

    def __call__(self, frame, event, _arg):
        if event == "call":
            path = self._file(frame.f_code)
            if path is not None:
                self.calls += 1
                self.files[path] += 1
                self._move_to(path, call=True, name=frame.f_code.co_name)
        elif event == "return":
            caller = frame.f_back
            while caller is not None and self._file(caller.f_code) is None:
                caller = caller.f_back
            if caller is not None:
                self._move_to(self._file(caller.f_code), call=False)
            else:
                self.current = None  # back in Django's code alone (a signal sent by the handler, say)

    def report(self, title, pairs=False, functions=False):
        lines = [
            f"## {title}",
            f"files entered: {len(self.files)}",
            f"calls into application code: {self.calls}",
            f"moves between files: {self.moves} (upward across floors: {self.upward})",
        ]
        lines += [f"  {count:6d}  {path}" for path, count in sorted(self.files.items())]
        if pairs:
            lines.append("moves, most frequent first (from -> to):")
            lines += [f"  {count:6d}  {a} -> {b}" for (a, b), count in self.pairs.most_common()]
            lines.append("upward moves (from -> to:function):")
            lines += [f"  {count:6d}  {a} -> {b}" for (a, b), count in self.upward_calls.most_common()]
        if functions:
            lines.append("moves by the function called (from -> to:function):")
            lines += [f"  {count:6d}  {a} -> {b}" for (a, b), count in self.calls_by_name.most_common()]
        return "\n".join(lines)


def traced(function):
    tracer = Tracer()
    sys.setprofile(tracer)
    try:
        result = function()
    finally:
        sys.setprofile(None)
    return tracer, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--moves", action="store_true", help="also list the moves between each pair of files")
    parser.add_argument("--functions", action="store_true", help="also list the moves by the function called")
    parser.add_argument("--no-seed", action="store_true", help="use DATABASE_URL as it is (already seeded)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if not args.no_seed and "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='ura-trace-')}/db.sqlite3"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="ura-trace-media-"))
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from editorial.roles import EDITORS, sync_roles
    from news.models import NewsItem

    setup_test_environment()  # the client then keeps each response's template context (to read the form)
    if not args.no_seed:
        call_command("migrate", verbosity=0)
        call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))
    items = list(NewsItem.objects.published().order_by("-publish_at")[:2])
    target, warm = items[0], items[-1]

    visitor = Client(HTTP_HOST="127.0.0.1")
    cache.clear()
    visitor.get(warm.get_absolute_url_for("be").replace("/be/", "/be-latn/", 1))
    cache.clear()
    url = target.get_absolute_url_for("be").replace("/be/", "/be-latn/", 1)
    page, response = traced(lambda: visitor.get(url))
    assert response.status_code == 200, response.status_code

    sync_roles()
    user, _created = User.objects.get_or_create(username="trace-editor", defaults={"is_staff": True})
    user.groups.add(*Group.objects.filter(name=EDITORS))
    editor = Client(HTTP_HOST="127.0.0.1")
    editor.force_login(user)
    change_url = reverse("admin:news_newsitem_change", args=[target.pk])
    from tests.editorial.workflow_helpers import change_form_data

    warm_form = editor.get(reverse("admin:news_newsitem_change", args=[warm.pk]))
    editor.post(reverse("admin:news_newsitem_change", args=[warm.pk]), change_form_data(warm_form))
    data = change_form_data(editor.get(change_url))
    save, response = traced(lambda: editor.post(change_url, data))
    assert response.status_code == 302, response.status_code

    print(page.report(f"Anonymous GET {url} (page-cache miss)", args.moves, args.functions))
    print()
    print(save.report(f"Editor's save: POST {change_url}", args.moves, args.functions))


if __name__ == "__main__":
    main()
