"""A full build by two rendering processes makes the same copy as a build by one; the command
refuses wrong options with a readable message."""

import pytest

from mirror.builder import Snapshot, build_snapshot
from mirror.manifest import Manifest
from tests.news.factories import NewsItemFactory
from tests.projects.factories import ProjectFactory


def tree(dest):
    return {
        path.relative_to(dest).as_posix(): path.read_bytes()
        for path in dest.rglob("*")
        if path.is_file() and not path.name.startswith(".")
    }


@pytest.mark.django_db(transaction=True)  # the rendering processes read the database through their own connections
def test_two_rendering_processes_make_the_same_copy_as_one(tmp_path, monkeypatch):
    project = ProjectFactory(title_en="Water for Gjakova")
    for number in range(3):
        NewsItemFactory(title_en=f"Report {number}").projects.add(project)
    monkeypatch.setattr(Snapshot, "shared_from", 10)  # the rewriting shared out too, on a small site
    _one, alone = build_snapshot(tmp_path / "one", ["en", "sq"])
    _two, shared = build_snapshot(tmp_path / "two", ["en", "sq"], processes=2)
    assert not alone.failed and not shared.failed
    assert shared.rendered == alone.rendered and shared.files == alone.files
    one, two = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert len(one) > 50 and one.keys() == two.keys()
    differing = [name for name in one if one[name] != two[name]]
    assert not differing, differing[:5]
    # The links each page makes reached the manifest either way (what an update re-renders).
    for dest in (tmp_path / "one", tmp_path / "two"):
        manifest = Manifest(dest)
        try:
            assert ("/en/news/", "") in manifest.linking_to([("/en/news/report-0/", "")])
        finally:
            manifest.close()
    assert not (tmp_path / "two" / ".snapshot-staging").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("options", "message"),
    [({"processes": 0}, "--processes is at least 1"), ({"languages": "en,xx"}, "Unknown languages: xx")],
)
def test_the_command_refuses_wrong_options_with_a_readable_message(tmp_path, options, message):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match=message):
        call_command("build_snapshot", str(tmp_path / "copy"), **options)
    assert not (tmp_path / "copy").exists()
