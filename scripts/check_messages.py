#!/usr/bin/env python
"""Fail when the committed catalogues are out of date or incomplete.

1. Runs makemessages (same options as the translators' workflow, see
   docs/translators.md) in a temporary copy of the project and compares the
   msgids (with context and plural) with the committed locale/*/django.po:
   a string added to or removed from the code or templates without updating
   the catalogues fails the check.
2. Every entry of be, sq and en must be translated and not fuzzy, with the
   right number of plural forms, and each text must keep the rules the
   catalogue editor enforces (editorial/catalogue_checks.py: the msgid's
   markup, placeholders as msgfmt --check-format checks them, a length limit).
3. The override catalogues (locale/overrides/<lang>/LC_MESSAGES/*.po, which
   replace strings of Django's and other packages' catalogues) pass the same
   checks, and each of their msgids still exists in an installed package's
   catalogue of that language (an upgrade that drops a string shows here).
   A package that ships no catalogue of that language (django-reversion has
   no be or sq one) counts with the msgids of its catalogues in the other
   languages, or, when it ships none at all, with the strings quoted in its
   source files.

Usage: python scripts/check_messages.py   (needs GNU gettext's xgettext)
"""

import importlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def project_languages():
    """The codes of settings.LANGUAGES (the project's one list of languages)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    if not os.environ.get("SECRET_KEY"):
        os.environ.setdefault("DEBUG", "1")  # as manage.py on a developer's machine
    # Imported here: this script also runs on its own, before anything configured Django.
    from django.conf import settings

    return tuple(code for code, _name in settings.LANGUAGES)


LANGUAGES = project_languages()
# The rules of the catalogue editor; the module needs no configured Django.
rules = importlib.import_module("editorial.catalogue_checks")
PLURALS = {"be": 4, "sq": 2, "en": 2}
MAKEMESSAGES_OPTIONS = [
    "--ignore=.venv/*",
    "--ignore=tests/*",
    "--ignore=staticfiles/*",
    "--ignore=media/*",
    "--ignore=bench/*",
    "--add-location=file",
    "--no-obsolete",
    "-e",
    "html,txt,py,opml",
]
COPY_IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "venv",
    "node_modules",
    "media",
    "staticfiles",
    "__pycache__",
    "*.pyc",
    "*.mo",
    "*.sqlite3",
    ".pytest_cache",
    "screenshots",
    "bench",
)


def keys(po):
    return {(entry.msgctxt, entry.msgid, entry.msgid_plural or None) for entry in po if not entry.obsolete}


def fresh_catalogues(workdir):
    project = Path(workdir) / "project"
    shutil.copytree(ROOT, project, ignore=COPY_IGNORE)
    env = {**os.environ, "DEBUG": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    args = [sys.executable, "manage.py", "makemessages", *(f"-l{code}" for code in LANGUAGES), *MAKEMESSAGES_OPTIONS]
    subprocess.run(args, cwd=project, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603 - our own interpreter and manage.py
    return {code: polib.pofile(str(project / "locale" / code / "LC_MESSAGES" / "django.po")) for code in LANGUAGES}


def check_complete(code, po):
    problems = []
    strict = rules.strict_forms(po.metadata.get("Plural-Forms", ""))
    for entry in po:
        if entry.obsolete:
            continue
        label = f"{code}: {entry.msgctxt + ' | ' if entry.msgctxt else ''}{entry.msgid!r}"
        if "fuzzy" in entry.flags:
            problems.append(f"{label} is fuzzy")
            continue
        if entry.msgid_plural:
            forms = entry.msgstr_plural
            if len(forms) != PLURALS[code] or not all(forms.values()):
                problems.append(f"{label} needs {PLURALS[code]} plural forms")
                continue
            for index, form in sorted(forms.items()):
                many = strict[index] if index < len(strict) else True
                for problem in rules.problems(form, entry.msgid, entry.msgid_plural, many):
                    problems.append(f"{label} plural form {index}: {problem.english()}")
        elif not entry.msgstr:
            problems.append(f"{label} is untranslated")
        else:
            problems.extend(f"{label}: {problem.english()}" for problem in rules.problems(entry.msgstr, entry.msgid))
    return problems


# A named %-placeholder or a {field}: what makes a translator ask what fills it.
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|\{(\w*)\}")


def placeholders(text):
    """The placeholders `text` uses; a translation may use one the source repeats only once ("You may add another {name}")."""
    return sorted({match.group(0) for match in PLACEHOLDER.finditer(text or "")})


def check_context(code, po):
    """Entries with a placeholder need a translator comment or a context: the msgid alone does not say
    what fills it (a name, a date, a number), nor in which case or gender it has to stand."""
    return [
        f"{code}: {entry.msgid!r} has a placeholder but no translator comment or context"
        for entry in po
        if not entry.obsolete
        and placeholders(entry.msgid)
        and not entry.msgctxt
        and "Translators" not in (entry.comment or "")
    ]


def site_packages():
    import django

    return Path(django.__file__).resolve().parent.parent


def installed_msgids(code, domain):
    """(msgctxt, msgid) of every catalogue of `code` and `domain` in the installed packages."""
    found = set()
    for path in site_packages().glob(f"**/locale/{code}/LC_MESSAGES/{domain}.po"):
        found.update((entry.msgctxt, entry.msgid) for entry in polib.pofile(str(path)))
    return found


SOURCE_SUFFIXES = {"django": (".py", ".html", ".txt"), "djangojs": (".js",)}


def untranslated_package_msgids(code, domain):
    """(msgctxt, msgid) of the packages that ship no `code` catalogue: from their catalogues in
    other languages; for a package with no catalogue at all, the quoted strings of its source."""
    found = set()
    for name in ADMIN_PACKAGES:
        package = site_packages() / name
        if not package.is_dir() or (package / "locale" / code).exists():
            continue
        catalogues = sorted(package.glob(f"locale/*/LC_MESSAGES/{domain}.po"))
        for path in catalogues:
            found.update((entry.msgctxt, entry.msgid) for entry in polib.pofile(str(path)))
        if not catalogues and not (package / "locale").exists():
            for path in package.rglob("*"):
                if path.suffix in SOURCE_SUFFIXES[domain] and path.is_file():
                    text = path.read_text(encoding="utf-8", errors="replace")
                    found.update((None, match.group(2)) for match in MARKED.finditer(text))
    return found


# The third-party packages whose strings editors and translators see in the admin; an override
# must name a string one of them (or Django) really marks for translation.
ADMIN_PACKAGES = ("reversion", "axes", "modeltranslation", "django_prose_editor")
# A string marked for translation in source: gettext(...), _(...), pgettext("ctx", ...) aside.
MARKED = re.compile(r"""(?:\b_|gettext(?:_lazy|_noop)?|translate|trans)\s*\(?\s*(['"])((?:(?!\1).){2,}?)\1""")


def check_overrides():
    problems = []
    for path in sorted((ROOT / "locale" / "overrides").glob("*/LC_MESSAGES/*.po")):
        code, domain = path.parent.parent.name, path.stem
        po = polib.pofile(str(path))
        problems.extend(check_complete(code, po))
        known = installed_msgids(code, domain)
        elsewhere = None
        for entry in po:
            if (entry.msgctxt, entry.msgid) in known:
                continue
            if elsewhere is None:
                elsewhere = untranslated_package_msgids(code, domain)
            if (entry.msgctxt, entry.msgid) not in elsewhere:
                problems.append(
                    f"{path.relative_to(ROOT)}: {entry.msgid!r} is in no installed {code} catalogue "
                    f"and in no installed package without one"
                )
    return problems


def main():
    problems = check_overrides()
    committed = {}
    for code in LANGUAGES:
        path = ROOT / "locale" / code / "LC_MESSAGES" / "django.po"
        if not path.exists():
            problems.append(f"{code}: {path.relative_to(ROOT)} is missing")
            continue
        committed[code] = polib.pofile(str(path))
        problems.extend(check_complete(code, committed[code]))
    with tempfile.TemporaryDirectory(prefix="ura-messages-") as workdir:
        fresh = fresh_catalogues(workdir)
    for code, po in committed.items():
        # Read from the catalogue made from the code: a comment added to the .po by hand is lost at the next run.
        problems.extend(check_context(code, fresh[code]))
        expected, present = keys(fresh[code]), keys(po)
        for ctxt, msgid, _plural in sorted(expected - present, key=str):
            problems.append(f"{code}: not in the catalogue: {(ctxt + ' | ') if ctxt else ''}{msgid!r}")
        for ctxt, msgid, _plural in sorted(present - expected, key=str):
            problems.append(f"{code}: no longer used in the code: {(ctxt + ' | ') if ctxt else ''}{msgid!r}")
    for line in problems:
        print(line)
    total = sum(len(po) for po in committed.values())
    print(f"check_messages: {len(committed)} catalogues, {total} entries, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
