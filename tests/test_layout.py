"""The floors of the code base, checked on the source (README, "Where things live").

- core/ imports no app of the project;
- library/ (the image library) imports core only;
- the content apps (news, projects, partners) import core, the library,
  their own modules and each other's models only;
- the feature apps (editorial, search, opendata) import core, the content
  apps and portal's own content (its models and search text), never portal's
  views, URLs or other assembly;
- no module imports a module that imports it back (directly or around a
  longer circle), and no import hides inside a function to dodge one.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = "core"
LIBRARY = "library"
CONTENT = {"news", "projects", "partners"}
FEATURES = {"editorial", "search", "opendata"}
PACKAGES = {CORE, LIBRARY, "portal", *CONTENT, *FEATURES}
# What a feature app may read of portal: the shell's own content, like a content app's.
PORTAL_CONTENT = {"portal.models", "portal.search_text"}


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_files():
    for package in sorted(PACKAGES):
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def imports(tree):
    """(imported module, line, inside a function) for every import of a project package."""
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, ast.Import):
                found.extend((alias.name, child.lineno, in_function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and not child.level:
                for alias in child.names:
                    # "from news import search_text" imports the module news.search_text.
                    found.append((f"{child.module}.{alias.name}", child.lineno, in_function))
            visit(child, nested)

    visit(tree, False)
    return [(name, line, nested) for name, line, nested in found if name.split(".")[0] in PACKAGES]


def known_module(name, modules):
    """The project module `name` refers to (an imported name resolves to its module)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name


def graph():
    files = {module_name(path): path for path in source_files()}
    edges = {}
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        edges[name] = [(known_module(target, files), line, nested) for target, line, nested in imports(tree)]
    return edges


EDGES = graph()


def allowed(source, target):
    source_package, target_package = source.split(".")[0], target.split(".")[0]
    if source_package == target_package:
        return True
    if source_package == CORE:
        return False
    if source_package == LIBRARY:
        return target_package == CORE
    if source_package in CONTENT:
        return target_package in {CORE, LIBRARY} or (target_package in CONTENT and target == f"{target_package}.models")
    if source_package in FEATURES:
        return target_package in {CORE, LIBRARY, *CONTENT} or target in PORTAL_CONTENT
    return True  # portal assembles everything


def test_the_scan_sees_the_project():
    assert {"core.models", "news.models", "editorial.workflow", "search.indexing", "portal.urls"} <= set(EDGES)
    assert any(target == "core.models" for target, _line, _nested in EDGES["portal.models"])
    assert any(nested for target, _line, nested in EDGES["search.apps"])  # ready() imports are seen


@pytest.mark.parametrize("module", sorted(EDGES))
def test_imports_run_down_the_floors(module):
    wrong = [
        f"{module}:{line} imports {target}" for target, line, _nested in EDGES[module] if not allowed(module, target)
    ]
    assert wrong == []


def test_no_import_hides_in_a_function():
    # AppConfig.ready() imports models (they need the app registry); everything else imports at the top.
    hidden = [
        f"{module}:{line} imports {target}"
        for module, targets in EDGES.items()
        for target, line, nested in targets
        if nested and not module.endswith(".apps")
    ]
    assert hidden == []


def test_no_module_imports_a_module_that_imports_it_back():
    # Tarjan's strongly connected components: every circle of imports is one component.
    index, low, stack, on_stack, circles = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target, _line, nested in EDGES.get(module, []):
            if nested or target == module or target not in EDGES:
                continue
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for module in sorted(EDGES):
        if module not in index:
            visit(module)
    assert circles == []


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("core.views", "news.models", False),
        ("core.images", "library.models", False),
        ("library.models", "core.images", True),
        ("library.admin", "news.models", False),
        ("news.admin", "library.admin", True),
        ("news.views", "core.views", True),
        ("news.views", "partners.models", True),
        ("news.views", "projects.views", False),
        ("news.admin", "editorial.admin", False),
        ("partners.views", "portal.models", False),
        ("search.indexing", "portal.search_text", True),
        ("opendata.iati", "portal.views", False),
        ("portal.urls", "search.views", True),
    ],
)
def test_the_rules_themselves(source, target, expected):
    assert allowed(source, target) is expected
