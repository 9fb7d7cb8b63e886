"""Files from the old site over HTTP: time and size limits, retries, a missing file reported, never fatal."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from moving.media import HTTPSource

PHOTO = b"\xff\xd8\xff" + b"x" * 1000


class OldSite(BaseHTTPRequestHandler):
    hits = {}

    def do_GET(self):
        OldSite.hits[self.path] = OldSite.hits.get(self.path, 0) + 1
        if self.path.endswith("/photo.jpg"):
            self.send_response(200)
            self.send_header("Content-Length", str(len(PHOTO)))
            self.end_headers()
            self.wfile.write(PHOTO)
        elif self.path.endswith("/flaky.jpg") and OldSite.hits[self.path] < 3:
            self.send_response(503)
            self.end_headers()
        elif self.path.endswith("/flaky.jpg"):
            self.send_response(200)
            self.end_headers()
            self.wfile.write(PHOTO)
        elif self.path.endswith("/huge.pdf"):
            self.send_response(200)  # no Content-Length: the limit is counted while reading
            self.end_headers()
            self.wfile.write(b"%PDF" + b"0" * 5000)
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def old_site():
    OldSite.hits = {}
    server = ThreadingHTTPServer(("127.0.0.1", 0), OldSite)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/wp-content/uploads/"
    server.shutdown()
    server.server_close()


def test_a_file_is_downloaded_under_the_given_address(old_site):
    source = HTTPSource(old_site, pause=0.01)
    data, problem = source.fetch("https://old.example.org/wp-content/uploads/2019/05/photo.jpg")
    assert (data, problem) == (PHOTO, "")


def test_a_server_error_is_tried_again_with_pauses(old_site):
    source = HTTPSource(old_site, pause=0.01, attempts=3)
    data, _problem = source.fetch("https://old.example.org/wp-content/uploads/flaky.jpg")
    assert data == PHOTO
    assert OldSite.hits["/wp-content/uploads/flaky.jpg"] == 3


def test_missing_too_large_and_foreign_files_are_reported(old_site):
    source = HTTPSource(old_site, pause=0.01, max_bytes=1000)
    assert source.fetch("https://old.example.org/wp-content/uploads/gone.jpg") == (None, "not found (404)")
    assert source.fetch("https://old.example.org/wp-content/uploads/huge.pdf") == (None, "too large")
    assert source.fetch("https://elsewhere.example.org/images/x.jpg") == (None, "not a file of the uploads")
    assert OldSite.hits["/wp-content/uploads/gone.jpg"] == 1  # a 404 is not tried again


def test_an_address_that_does_not_answer_fails_after_the_tries():
    source = HTTPSource("http://127.0.0.1:9/wp-content/uploads/", pause=0.01, attempts=2, timeout=(0.5, 0.5))
    assert source.fetch("https://old.example.org/wp-content/uploads/photo.jpg") == (None, "the download failed")
