"""The checks of `make cluster-test`, run by deploy/cluster.py against a cluster it has brought up.

Each check prints one line (PASS or FAIL with what it saw); `run` prints a summary and
returns the number of failures. Requests go through nginx, or straight to server A or B with the
headers nginx would add, so that a check can say which server did what.
"""

import io
import json
import os
import re
import secrets
import select
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urljoin

import requests
from lxml import html

# Set by run() from the cluster control (deploy/cluster.py), which owns the ports.
NGINX_HOST = ""
PASSWORD = secrets.token_urlsafe(16)
TIMEOUT = 10
ROOT_DEPLOY = Path(__file__).resolve().parent


class Client:
    """A browser of one server (or of nginx): cookies kept, the proxy's headers added."""

    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.session = requests.Session()
        self.session.headers.update(
            {
                "Host": NGINX_HOST,
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": "127.0.0.1",
                "Origin": f"https://{NGINX_HOST}",
                "Accept-Language": "en",
            }
        )

    def request(self, method, path, **kwargs):
        kwargs.setdefault("timeout", TIMEOUT)
        kwargs.setdefault("allow_redirects", False)
        headers = kwargs.pop("headers", {})
        headers.setdefault("Referer", f"https://{NGINX_HOST}{path}")
        response = self.session.request(method, urljoin(self.base, path), headers=headers, **kwargs)
        # The site's cookies are Secure (behind TLS in production); this cluster speaks plain HTTP.
        for cookie in self.session.cookies:
            cookie.secure = False
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data, **kwargs):
        return self.request("POST", path, data=data, **kwargs)

    def login(self, username):
        page = self.get("/admin/login/")
        response = self.post(
            "/admin/login/?next=/admin/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": csrf_token(page), "next": "/admin/"},
        )
        if response.status_code != 302:
            raise AssertionError(f"login as {username} answered {response.status_code}")

    def admin_action(self, changelist, action, pk):
        page = self.get(changelist)
        response = self.post(
            changelist,
            {"action": action, "_selected_action": str(pk), "index": "0", "csrfmiddlewaretoken": csrf_token(page)},
        )
        if response.status_code != 302:
            raise AssertionError(f"{action} on {changelist} answered {response.status_code}")


def csrf_token(response):
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', response.content)
    if not match:
        raise AssertionError(f"no CSRF token in {response.url} ({response.status_code})")
    return match.group(1).decode()


def form_fields(response, form_id):
    """What a browser would send for the form `form_id` as it stands (no files)."""
    tree = html.fromstring(response.content)
    form = tree.get_element_by_id(form_id)
    data = []
    for element in form.iter("input", "select", "textarea"):
        name = element.get("name")
        if not name:
            continue
        if element.tag == "input":
            kind = (element.get("type") or "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                continue
            if kind in ("checkbox", "radio") and element.get("checked") is None:
                continue
            data.append((name, element.get("value", "on" if kind == "checkbox" else "")))
        elif element.tag == "textarea":
            data.append((name, element.text or ""))
        else:
            options = element.findall(".//option")
            chosen = [option for option in options if option.get("selected") is not None]
            if not chosen and options and element.get("multiple") is None:
                chosen = options[:1]
            data += [(name, option.get("value", option.text or "")) for option in chosen]
    return data


class Cluster:
    def __init__(self, control):
        self.control = control
        self.a = control.SERVERS["a"]
        self.b = control.SERVERS["b"]
        self.nginx = control.NGINX_PORT
        self.facts = {}

    def shell(self, code):
        """Run `code` in `manage.py shell` with the app servers' settings; returns what it printed as JSON."""
        result = subprocess.run(  # noqa: S603 - fixed program
            [str(self.control.PYTHON), "manage.py", "shell", "-c", code],
            cwd=self.control.ROOT,
            env=self.control.environment(),
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(result.stdout.strip().splitlines()[-1])


SEED = """
import json, datetime
from django.contrib.auth.models import Group, User
from core.models import Status
from tests.news.factories import NewsItemFactory
from tests.partners.factories import OrganisationFactory
from tests.projects.factories import DocumentFactory, ProjectFactory
editor = User.objects.create_user("cluster-editor", password=%(password)r, is_staff=True)
editor.groups.add(Group.objects.get(name="Editors"))
news = NewsItemFactory(
    title_en="Kosovar Centre for Security Studies meets the delegation",
    slug_en="kcss-meets-the-delegation",
    status=Status.DRAFT,
    publish_at=None,
)
organisation = OrganisationFactory(name_en="Kosovar Civil Society Foundation", slug_en="kcsf")
snapshot_news = NewsItemFactory(
    title_en="Prizren hosts the regional media forum",
    slug_en="prizren-media-forum",
    status=Status.DRAFT,
    publish_at=None,
)
project = ProjectFactory(title_en="Civil society monitoring", slug_en="civil-society-monitoring", status=Status.DRAFT)
document = DocumentFactory(project=project, title_en="Monitoring report")
print(json.dumps({"news": news.pk, "snapshot_news": snapshot_news.pk, "organisation": organisation.pk, "project": project.pk, "document": document.pk,
                  "document_url": document.get_absolute_url()}))
"""


def check_publish_on_a_seen_on_b(cluster):
    visitor_b = Client(cluster.b)
    detail = "/en/news/kcss-meets-the-delegation/"
    visitor_b.get("/en/news/")
    cached = visitor_b.get("/en/news/")
    if cached.headers.get("X-Cache") != "hit":
        raise AssertionError(f"the news list on B was not cached (X-Cache {cached.headers.get('X-Cache')})")
    if visitor_b.get(detail).status_code != 404:
        raise AssertionError("the draft is visible on B before it is published")
    editor = Client(cluster.a)
    editor.login("cluster-editor")
    editor.admin_action("/admin/news/newsitem/", "publish_now", cluster.facts["news"])
    page = visitor_b.get(detail)
    listing = visitor_b.get("/en/news/")
    through_nginx = Client(cluster.nginx).get(detail)
    if page.status_code != 200 or b"Kosovar Centre for Security Studies" not in listing.content:
        raise AssertionError(
            f"B answers {page.status_code} for the item, list X-Cache {listing.headers.get('X-Cache')}"
        )
    if through_nginx.status_code != 200:
        raise AssertionError(f"nginx answers {through_nginx.status_code}")
    return "published on A, B shows the item and the list at once (list was a cache hit before)"


def check_publish_on_a_in_both_servers_snapshots(cluster, timeout=60):
    """nginx on A and on B serve anonymous readers from their copy of the snapshot; a publish on A
    reaches both copies through the job queue; a reader with a session goes to Django."""
    detail = "/en/news/prizren-media-forum/"
    nginx = {name: Client(port) for name, port in cluster.control.SNAPSHOT_NGINX.items()}
    for name, client in nginx.items():
        home = client.get("/en/")
        if home.status_code != 200 or home.headers.get("X-Snapshot") != "hit":
            raise AssertionError(f"nginx on {name.upper()}: /en/ answers {home.status_code} not from the snapshot")
        if client.get(detail).status_code != 404:
            raise AssertionError(f"nginx on {name.upper()}: the draft answers before it is published")
    editor = Client(cluster.a)
    editor.login("cluster-editor")
    published = time.monotonic()
    editor.admin_action("/admin/news/newsitem/", "publish_now", cluster.facts["snapshot_news"])
    seen = {}

    def in_snapshot(client):
        # The item's page and the news list, both from the copy (an update in progress may have
        # brought the page a moment before the list: the next one brings the list).
        page, listing = client.get(detail), client.get("/en/news/")
        return (
            page.status_code == 200
            and page.headers.get("X-Snapshot") == "hit"
            and listing.headers.get("X-Snapshot") == "hit"
            and b"Prizren hosts the regional media forum" in listing.content
        )

    while len(seen) < len(nginx) and time.monotonic() - published < timeout:
        for name, client in nginx.items():
            if name not in seen and in_snapshot(client):
                seen[name] = time.monotonic() - published
        time.sleep(0.2)
    if len(seen) < len(nginx):
        raise AssertionError(f"after {timeout} s the item is in the snapshot on {sorted(seen) or 'no server'} only")
    signed_in = Client(cluster.control.SNAPSHOT_NGINX["a"])
    signed_in.login("cluster-editor")
    dynamic = signed_in.get(detail)
    if dynamic.status_code != 200 or dynamic.headers.get("X-Snapshot"):
        raise AssertionError(
            f"a signed-in editor got {dynamic.status_code}, X-Snapshot {dynamic.headers.get('X-Snapshot')}"
        )
    hidden = nginx["a"].get("/.snapshot.sqlite3")
    if hidden.status_code != 404:
        raise AssertionError(f"the snapshot's manifest answers {hidden.status_code}")
    return (
        f"published on A, page and list served from the snapshot by nginx on A after {seen['a']:.1f} s and on B after "
        f"{seen['b']:.1f} s; a signed-in editor's request went to Django"
    )


def check_image_uploaded_on_a_served_from_b(cluster):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (640, 320), (18, 58, 94)).save(buffer, "PNG")
    editor = Client(cluster.a)
    editor.login("cluster-editor")
    change = f"/admin/partners/organisation/{cluster.facts['organisation']}/change/"
    form = editor.get(change)
    alt_text = {"be": "Лагатып KCSF", "sq": "Logoja e KCSF", "en": "KCSF logo"}
    data = [
        *[(name, value) for name, value in form_fields(form, "organisation_form") if not name.startswith("logo_alt_")],
        *[(f"logo_alt_{code}", text) for code, text in alt_text.items()],
        ("_save", "Save"),
    ]
    response = editor.post(change, data, files={"logo_upload": ("kcsf-logo.png", buffer.getvalue(), "image/png")})
    if response.status_code != 302:
        errors = re.findall(rb'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content, re.S)
        raise AssertionError(f"the upload on A answered {response.status_code}: {errors[:3]}")
    page = Client(cluster.b).get("/en/partners/kcsf/")
    tree = html.fromstring(page.content)
    images = tree.xpath('//div[@class="organisation-logo"]//img')
    if page.status_code != 200 or not images:
        raise AssertionError(f"B answers {page.status_code}, logo images: {len(images)}")
    urls = {images[0].get("src")} | {part.split()[0] for part in (images[0].get("srcset") or "").split(",") if part}
    # The original is not linked from the page; the library records where it is.
    urls.add(
        cluster.shell(
            "import json\nfrom partners.models import Organisation\n"
            f"print(json.dumps(Organisation.objects.get(pk={cluster.facts['organisation']}).logo.file.url))"
        )
    )
    served = []
    for url in sorted(urls):
        answer = requests.get(url, timeout=TIMEOUT)
        if answer.status_code != 200 or not answer.content:
            raise AssertionError(f"{url} answered {answer.status_code}")
        if "max-age=31536000" not in answer.headers.get("Cache-Control", ""):
            raise AssertionError(f"{url} has Cache-Control {answer.headers.get('Cache-Control')!r}")
        served.append(url.rsplit("/", 1)[-1])
    return f"uploaded on A; B's page links {len(served)} files from the store, all served: {', '.join(served)}"


def check_draft_document_hidden_then_published(cluster):
    url = cluster.facts["document_url"]
    for name, port in (("A", cluster.a), ("B", cluster.b), ("nginx", cluster.nginx)):
        status = Client(port).get(url).status_code
        if status != 404:
            raise AssertionError(f"the draft project's document answers {status} on {name}")
    editor = Client(cluster.a)
    editor.login("cluster-editor")
    editor.admin_action("/admin/projects/project/", "publish_now", cluster.facts["project"])
    answer = Client(cluster.b).get(url)
    if answer.status_code != 302:
        raise AssertionError(f"the published document answers {answer.status_code} on B")
    signed = answer.headers["Location"]
    download = requests.get(signed, timeout=TIMEOUT)
    if download.status_code != 200 or not download.content.startswith(b"%PDF"):
        raise AssertionError(f"the signed URL answered {download.status_code}")
    if "X-Amz-Signature=" not in signed or "X-Amz-Expires=" not in signed:
        raise AssertionError("the document URL is not signed")
    unsigned = requests.get(signed.split("?", 1)[0], timeout=TIMEOUT).status_code
    if unsigned != 403:
        raise AssertionError(f"the document's object answers {unsigned} without a signature")
    return (
        "404 on A, B and nginx while a draft; once published, B redirects to a signed URL that serves the PDF "
        "(the object itself, unsigned: 403)"
    )


def check_catalogue_edit_on_a_seen_on_b(cluster, wait_seconds=10):
    source = "Texts may be quoted with a link to the source."
    marker = f"Tekstet mund të citohen me një lidhje te burimi ({secrets.token_hex(3)})."
    visitor_b = Client(cluster.b)
    visitor_b.get("/sq/")
    before = visitor_b.get("/sq/")
    if marker.encode() in before.content or before.headers.get("X-Cache") != "hit":
        raise AssertionError(
            f"B's Albanian home page was not a cache hit before (X-Cache {before.headers.get('X-Cache')})"
        )
    editor = Client(cluster.a)
    editor.login("cluster-editor")
    listing = editor.get("/admin/catalogue/sq/", params={"q": source})
    links = html.fromstring(listing.content).xpath(f'//a[normalize-space(.)="{source}"]/@href')
    if listing.status_code != 200 or not links:
        raise AssertionError(f"the catalogue editor on A answers {listing.status_code}, entry links: {len(links)}")
    form = editor.get(links[0])
    data = [(name, value) for name, value in form_fields(form, "catalogue-entry-form") if name != "restore"]
    data = [(name, marker if name == "msgstr" else value) for name, value in data]
    saved = editor.post(links[0], data)
    if saved.status_code != 302:
        raise AssertionError(f"saving the translation on A answered {saved.status_code}")
    started = time.monotonic()
    while time.monotonic() - started < wait_seconds:
        page = visitor_b.get("/sq/")
        if marker.encode() in page.content:
            return f"saved on A; B's Albanian home page shows the new text {time.monotonic() - started:.1f} s later"
        time.sleep(0.25)
    raise AssertionError(f"B did not show the edited text within {wait_seconds} s")


def check_stopping_a_during_load_loses_nothing(cluster, seconds=20, threads=6):
    paths = ["/en/", "/be/news/", "/sq/projects/", "/en/partners/", "/en/news/kcss-meets-the-delegation/", "/healthz"]
    counts = {"total": 0, "failed": 0}
    upstreams = {}
    failures = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def load(offset):
        session = requests.Session()
        index = offset
        while time.monotonic() < stop_at:
            path = paths[index % len(paths)]
            index += 1
            try:
                response = session.get(f"http://{NGINX_HOST}{path}", timeout=TIMEOUT, allow_redirects=False)
                ok, upstream = response.status_code < 500, response.headers.get("X-Upstream", "?")
                reason = f"{path} {response.status_code}"
            except requests.RequestException as error:
                ok, upstream, reason = False, "?", f"{path} {error.__class__.__name__}"
            with lock:
                counts["total"] += 1
                upstreams[upstream] = upstreams.get(upstream, 0) + 1
                if not ok:
                    counts["failed"] += 1
                    failures.append(reason)

    workers = [threading.Thread(target=load, args=(number,)) for number in range(threads)]
    for worker in workers:
        worker.start()
    time.sleep(seconds / 3)
    cluster.control.stop("gunicorn-a")
    stopped_at = counts["total"]
    for worker in workers:
        worker.join()
    cluster.control.start_server("a")
    cluster.facts["load"] = dict(counts)
    retried = sum(number for name, number in upstreams.items() if "," in name)
    summary = (
        f"{counts['total']} requests in {seconds} s, {counts['failed']} failed, {retried} retried by nginx on the "
        f"other server; A stopped after {stopped_at}; "
        f"by upstream: {', '.join(f'{name} {number}' for name, number in sorted(upstreams.items()))}"
    )
    if counts["failed"]:
        raise AssertionError(summary + f"; first failures: {failures[:3]}")
    return summary


def check_restarting_both_loses_nothing(cluster):
    for name in ("a", "b"):
        cluster.control.stop(f"gunicorn-{name}")
    for name in ("a", "b"):
        cluster.control.start_server(name)
    seen = []
    for name, port in (("A", cluster.a), ("B", cluster.b)):
        client = Client(port)
        news = client.get("/en/news/kcss-meets-the-delegation/")
        partner = client.get("/en/partners/kcsf/")
        document = client.get(cluster.facts["document_url"])
        logo = html.fromstring(partner.content).xpath('//div[@class="organisation-logo"]//img/@src')
        logo_status = requests.get(logo[0], timeout=TIMEOUT).status_code if logo else None
        statuses = (news.status_code, partner.status_code, document.status_code, logo_status)
        if statuses != (200, 200, 302, 200):
            raise AssertionError(f"after the restart {name} answers news, partner, document, logo: {statuses}")
        seen.append(name)
    return "after restarting both: the news item, the partner page, its logo and the document on A and B"


IMPORT_SITE = "https://cluster-import.example.org"
IMPORT_GROUPS = 300
DEFER_IMPORT = """
import io, json
from django.core.files.base import ContentFile
from moving import synthetic, tasks
from moving.models import ImportRun
export = io.StringIO()
synthetic.write(export, %(groups)d, site=%(site)r)
run = ImportRun(state=ImportRun.State.CHECKED)
run.export_file.save("cluster.xml", ContentFile(export.getvalue().encode()), save=False)
run.save()
tasks.import_run.defer(run_id=run.pk, dry_run=False)
print(json.dumps({"run": run.pk}))
"""
IMPORT_STATE = """
import json
from moving.models import ImportedItem, ImportRun
run = ImportRun.objects.get(pk=%(run)d)
records = ImportedItem.objects.filter(site=%(site)r, wp_type="post")
print(json.dumps({"state": run.state, "posts": records.count(), "items": records.values("object_id").distinct().count(),
                  "created": run.report.get("counts", {}).get("created", 0)}))
"""


def check_worker_killed_mid_import_loses_nothing(cluster, timeout=240):
    """Only A's worker runs; it is killed (SIGKILL) in the middle of an import; both workers start again."""
    control = cluster.control
    control.stop("worker-b")
    facts = {"groups": IMPORT_GROUPS, "site": IMPORT_SITE}
    run = cluster.shell(DEFER_IMPORT % facts)["run"]
    state = {"posts": 0}
    deadline = time.monotonic() + timeout
    while state["posts"] < 100:
        if time.monotonic() > deadline:
            raise AssertionError(f"the import did not start: {state}")
        time.sleep(1)
        state = cluster.shell(IMPORT_STATE % {"run": run, **facts})
    if state["state"] == "done":
        raise AssertionError("the import ended before the worker could be killed")
    pid_file = control.RUN / "worker-a.pid"
    os.kill(int(pid_file.read_text()), signal.SIGKILL)
    pid_file.unlink()
    killed_at = state["posts"]
    control.start_worker("a")
    control.start_worker("b")
    while state["state"] != "done":
        if time.monotonic() > deadline:
            raise AssertionError(f"the import was not finished after the kill: {state}")
        time.sleep(2)
        state = cluster.shell(IMPORT_STATE % {"run": run, **facts})
    wanted = {"state": "done", "posts": 3 * IMPORT_GROUPS, "items": IMPORT_GROUPS, "created": 3 * IMPORT_GROUPS}
    if state != wanted:
        raise AssertionError(f"after the kill: {state}, wanted {wanted}")
    return f"killed at {killed_at} of {3 * IMPORT_GROUPS} posts; finished by the workers with each post once"


def raw_request(port, host, path="/en/", timeout=TIMEOUT):
    """What the server sends back for a plain GET with this Host header (b"" when it closes or resets unanswered)."""
    answer = b""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        try:
            while chunk := connection.recv(65536):
                answer += chunk
        except ConnectionResetError:
            pass
    return answer


def log_lines(cluster, name):
    return (cluster.control.RUN / f"{name}.log").read_text(errors="replace").splitlines()


def check_unknown_hosts_are_refused(cluster):
    # Through nginx: the default server closes the connection without a word (444).
    through_nginx = raw_request(cluster.nginx, "evil.example.com")
    if through_nginx:
        raise AssertionError(f"nginx answered a foreign Host: {through_nginx[:80]!r}")
    # An app server reached directly (it should not be): a small 400 page and one log line.
    before = log_lines(cluster, "gunicorn-a")
    direct = raw_request(cluster.a, "127.0.0.1:80@evil.com")
    added = log_lines(cluster, "gunicorn-a")[len(before) :]
    status = direct.split(b"\r\n", 1)[0]
    mentions = [line for line in added if "Invalid HTTP_HOST" in line]
    if b" 400 " not in status or len(mentions) != 1 or any("Traceback" in line for line in added):
        raise AssertionError(f"server A answered {status!r}; log lines: {added[:6]}")
    # No answer through nginx names gunicorn (nginx replaces its Server header) or nginx's version.
    server = Client(cluster.nginx).get("/en/").headers.get("Server")
    if server != "nginx":
        raise AssertionError(f"the answer through nginx says Server: {server!r}")
    return (
        "a foreign Host: nginx closes the connection unanswered; server A directly: 400 and one log line, "
        f"no traceback; Server through nginx: {server!r}"
    )


def check_sign_in_attempts_are_limited_by_nginx(cluster, attempts=12):
    visitor = Client(cluster.nginx)
    if visitor.get("/admin/login/").status_code != 200:
        raise AssertionError("the sign-in form is not served through nginx")
    statuses = [
        visitor.post("/admin/login/", {"username": "cluster-editor", "password": "wrong"}).status_code
        for _ in range(attempts)
    ]
    form = visitor.get("/admin/login/").status_code
    # A burst of 5 beyond the rate passes (to Django, which refuses them: no CSRF token); then nginx says 429.
    if 429 in statuses[:6] or statuses[6:].count(429) < attempts - 7 or form != 200:
        raise AssertionError(f"POST statuses {statuses}, the form afterwards {form}")
    return f"{attempts} quick sign-in POSTs through nginx: {statuses}; the form itself still 200"


def nginx_setting(name):
    match = re.search(rf"^\s*{name}\s+(\d+)s;", (ROOT_DEPLOY / "nginx-cluster.conf").read_text(), re.M)
    return int(match.group(1))


class SlowClients:
    """Connections that send a request's headers one line every few seconds and never finish (slowloris)."""

    def __init__(self, port, count, every=3.0):
        self.port = port
        self.sockets = []
        for number in range(count):
            connection = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
            connection.sendall(f"GET /en/?slow={number} HTTP/1.1\r\nHost: {NGINX_HOST}\r\n".encode())
            self.sockets.append(connection)
        self.stop = threading.Event()
        self.feeder = threading.Thread(target=self.feed, args=(every,), daemon=True)
        self.feeder.start()

    def feed(self, every):
        line = 0
        while not self.stop.wait(every):
            line += 1
            for connection in self.sockets:
                try:
                    connection.sendall(f"X-Slow-{line}: {line}\r\n".encode())
                except OSError:
                    pass  # closed by the server: counted by open_count()

    def open_count(self):
        """How many are still waiting: neither closed by the server nor answered."""
        poller = select.poll()
        for connection in self.sockets:
            poller.register(connection, select.POLLIN | select.POLLERR | select.POLLHUP)
        ready = {descriptor for descriptor, _events in poller.poll(0)}
        return sum(1 for connection in self.sockets if connection.fileno() not in ready)

    def close(self):
        self.stop.set()
        self.feeder.join()
        for connection in self.sockets:
            connection.close()


def probe(port, paths, timeout):
    """Normal visitors, one after the other: the status of each, or the error that stopped it."""
    visitor = Client(port)
    results = []
    for path in paths:
        try:
            results.append(visitor.get(path, timeout=timeout).status_code)
        except requests.RequestException as error:
            results.append(error.__class__.__name__)
    return results


def check_slow_clients_do_not_starve_the_servers(cluster, count=300):
    header_timeout = nginx_setting("client_header_timeout")
    # A visitor's request must be answered well within nginx's own timeouts, while every slow
    # client is still held: then it was not waiting for nginx to drop them.
    probe_timeout = header_timeout / 2
    paths = ["/en/news/", "/en/", "/be/projects/", "/sq/partners/", "/en/news/kcss-meets-the-delegation/"] * 2
    slow = SlowClients(cluster.nginx, count)
    try:
        held_before = slow.open_count()
        answers = probe(cluster.nginx, paths, probe_timeout)
        held_after = slow.open_count()
        # Then nginx drops them itself once their headers are overdue.
        deadline = time.monotonic() + header_timeout * 2 + 5
        while slow.open_count() and time.monotonic() < deadline:
            time.sleep(0.5)
        left = slow.open_count()
    finally:
        slow.close()
    if held_before != count or held_after != count or answers != [200] * len(paths):
        raise AssertionError(
            f"slow clients held {held_before}/{count} before and {held_after} after the visitors; "
            f"visitors through nginx got {answers}"
        )
    if left:
        raise AssertionError(f"nginx still holds {left} of {count} slow clients past client_header_timeout")
    # For comparison, what nginx spares the app servers (not a check: they must not be reachable).
    direct = SlowClients(cluster.b, count)
    try:
        starved = probe(cluster.b, paths[:3], probe_timeout)
    finally:
        direct.close()
    recovered = probe(cluster.b, paths[:1], TIMEOUT)
    if recovered != [200]:
        raise AssertionError(f"server B did not recover after its slow clients left: {recovered}")
    return (
        f"{count} slow clients held open through nginx: {len(paths)} visitors all got 200 within {probe_timeout:g} s "
        f"while every slow client was still open; nginx then dropped all {count} itself "
        f"(client_header_timeout {header_timeout} s). The same {count} straight at server B: visitors got "
        f"{starved} (why gunicorn must only be reachable from nginx); B answered again once they left"
    )


CHECKS = [
    ("publish on A, visible on B at once", check_publish_on_a_seen_on_b),
    ("publish on A, in the snapshot nginx serves on A and B", check_publish_on_a_in_both_servers_snapshots),
    ("image uploaded on A, served to B", check_image_uploaded_on_a_served_from_b),
    ("draft document hidden, then published", check_draft_document_hidden_then_published),
    ("catalogue edit on A, shown on B", check_catalogue_edit_on_a_seen_on_b),
    ("stop A during a 20 s load run", check_stopping_a_during_load_loses_nothing),
    ("unknown hosts refused", check_unknown_hosts_are_refused),
    ("sign-in attempts limited by nginx", check_sign_in_attempts_are_limited_by_nginx),
    ("300 slow clients through nginx", check_slow_clients_do_not_starve_the_servers),
    ("restart both servers", check_restarting_both_loses_nothing),
    ("a worker killed in the middle of an import", check_worker_killed_mid_import_loses_nothing),
]


def run(control):
    global NGINX_HOST  # the checks' clients all speak to this one address
    NGINX_HOST = f"127.0.0.1:{control.NGINX_PORT}"
    cluster = Cluster(control)
    cluster.facts = cluster.shell(SEED % {"password": PASSWORD})
    results = {"PASS": 0, "FAIL": 0}
    started = time.monotonic()
    for title, check in CHECKS:
        began = time.monotonic()
        try:
            outcome, detail = "PASS", check(cluster)
        except Exception as error:  # one check's failure must not hide the others
            outcome, detail = "FAIL", f"{error.__class__.__name__}: {error}"
        results[outcome] += 1
        print(f"{outcome} {title} ({time.monotonic() - began:.1f} s): {detail}", flush=True)
    print(f"checks took {time.monotonic() - started:.0f} s", flush=True)
    print(f"cluster-test: {results['PASS']} passed, {results['FAIL']} failed", flush=True)
    return results["FAIL"]
