"""What a snapshot folder holds, beside it in one SQLite file: each address's file, the redirects,
which page links to which item page, and what each destination last received.

An update reads only the rows it needs, so a copy of 100,000 items is updated without loading
its whole list of files. The file's name starts with a dot: the copy's web servers do not serve
it, and uploads leave it out.
"""

import sqlite3
from pathlib import Path

NAME = ".snapshot.sqlite3"
SCHEMA = """
CREATE TABLE IF NOT EXISTS files (address TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS aliases (address TEXT PRIMARY KEY, target TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS links (target TEXT NOT NULL, source TEXT NOT NULL, PRIMARY KEY (target, source));
CREATE INDEX IF NOT EXISTS links_source ON links (source);
CREATE TABLE IF NOT EXISTS sent (destination TEXT NOT NULL, name TEXT NOT NULL, hash TEXT NOT NULL,
                                 PRIMARY KEY (destination, name));
"""


def key(address):
    path, query = address
    return path + (f"?{query}" if query else "")


def address(text):
    path, _mark, query = text.partition("?")
    return path, query


class Manifest:
    def __init__(self, dest):
        Path(dest).mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(Path(dest) / NAME)
        self.db.executescript(SCHEMA)

    def close(self):
        self.db.commit()
        self.db.close()

    # files and aliases
    def file(self, found):
        row = self.db.execute("SELECT name FROM files WHERE address = ?", (key(found),)).fetchone()
        return row[0] if row else None

    def has_name(self, name):
        return self.db.execute("SELECT 1 FROM files WHERE name = ?", (name,)).fetchone() is not None

    def alias(self, found):
        row = self.db.execute("SELECT target FROM aliases WHERE address = ?", (key(found),)).fetchone()
        return address(row[0]) if row else None

    def set_file(self, found, name):
        self.db.execute("INSERT OR REPLACE INTO files VALUES (?, ?)", (key(found), name))
        self.db.execute("DELETE FROM aliases WHERE address = ?", (key(found),))

    def set_alias(self, found, target):
        self.db.execute("INSERT OR REPLACE INTO aliases VALUES (?, ?)", (key(found), key(target)))
        self.db.execute("DELETE FROM files WHERE address = ?", (key(found),))

    def forget(self, found):
        """Take an address out (its page is no longer public); the name of its file, if it had one."""
        name = self.file(found)
        for table, column in (("files", "address"), ("aliases", "address"), ("links", "source")):
            self.db.execute(f"DELETE FROM {table} WHERE {column} = ?", (key(found),))  # noqa: S608 - fixed names
        return name

    def set_links(self, source, targets):
        self.db.execute("DELETE FROM links WHERE source = ?", (key(source),))
        self.db.executemany("INSERT OR IGNORE INTO links VALUES (?, ?)", [(key(t), key(source)) for t in targets])

    # A full build's links, kept on disk as the pages are rendered (a build of 100,000 items finds
    # millions), in a table of their own until the build is done.
    def start_links(self):
        self.db.execute("DROP TABLE IF EXISTS links_building")
        self.db.execute("CREATE TABLE links_building (target TEXT NOT NULL, source TEXT NOT NULL)")
        self.added = 0

    def add_links(self, source, targets):
        self.db.executemany("INSERT INTO links_building VALUES (?, ?)", [(key(t), key(source)) for t in targets])
        self.added += 1
        if self.added % 1000 == 0:
            self.db.commit()

    def replace_all(self, files, aliases):
        """After a full build: the manifest is what the build found."""
        self.db.execute("DELETE FROM files")
        self.db.execute("DELETE FROM aliases")
        self.db.execute("DELETE FROM links")
        self.db.executemany("INSERT INTO files VALUES (?, ?)", ((key(a), n) for a, n in files.items()))
        self.db.executemany("INSERT INTO aliases VALUES (?, ?)", ((key(a), key(t)) for a, t in aliases.items()))
        self.db.execute("INSERT OR IGNORE INTO links SELECT target, source FROM links_building")
        self.db.execute("DROP TABLE links_building")
        self.db.commit()

    # questions an update asks
    def linking_to(self, targets):
        """The addresses of the pages that link to any of `targets`."""
        found = set()
        for target in targets:
            rows = self.db.execute("SELECT source FROM links WHERE target = ?", (key(target),))
            found.update(address(row[0]) for row in rows)
        return found

    def lists(self, paths):
        """Every address of the list pages at `paths` but their older parts (the filtered first pages)."""
        found = set()
        for path in paths:
            rows = self.db.execute("SELECT address FROM files WHERE address = ? OR address LIKE ?", (path, f"{path}?%"))
            for (text,) in rows:
                query = address(text)[1]
                if "part=" not in query and "page=" not in query:
                    found.add(address(text))
        return found

    def documents(self):
        """Every feed, sitemap, export and calendar: what is not a page, a style sheet or a picture."""
        rows = self.db.execute(
            "SELECT address FROM files WHERE name NOT LIKE '%.html' AND name NOT LIKE 'static/%' "
            "AND name NOT LIKE 'media/%' AND name NOT LIKE 'snapshot-%'"
        )
        return {address(row[0]) for row in rows}

    def names(self):
        return [row[0] for row in self.db.execute("SELECT name FROM files")]

    # what a destination holds
    def sent_hash(self, destination, name):
        row = self.db.execute(
            "SELECT hash FROM sent WHERE destination = ? AND name = ?", (destination, name)
        ).fetchone()
        return row[0] if row else None

    def set_sent(self, destination, name, digest):
        if digest is None:
            self.db.execute("DELETE FROM sent WHERE destination = ? AND name = ?", (destination, name))
        else:
            self.db.execute("INSERT OR REPLACE INTO sent VALUES (?, ?, ?)", (destination, name, digest))

    def sent_names(self, destination):
        return {row[0] for row in self.db.execute("SELECT name FROM sent WHERE destination = ?", (destination,))}
