"""The floors of the code base (README, "Where things live").

The floors themselves are an import-linter `layers` contract in pyproject.toml:
core < library < editorial < the content apps (news, projects, partners) <
search, opendata < portal, each importing only the floors below it. Here:

- the contract is kept (and refuses what it should);
- no module imports a module that imports it back (directly or around a
  longer circle), and no import hides inside a function to dodge one.
"""

import ast
import re
import tomllib
from pathlib import Path

import grimp
import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {"core", "library", "editorial", "news", "projects", "partners", "search", "opendata", "portal", "moving"}


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


def test_the_scan_sees_the_project():
    assert {"core.models", "news.models", "editorial.workflow", "search.indexing", "portal.urls"} <= set(EDGES)
    assert any(target == "core.models" for target, _line, _nested in EDGES["portal.models"])
    assert any(nested for target, _line, nested in EDGES["search.apps"])  # ready() imports are seen


def test_the_floors_contract_is_kept(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True) == 0, (
        capsys.readouterr().out
    )


def floors():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    layers = []
    for layer in contract["layers"]:
        independent = "|" in layer
        names = [name.strip() for name in layer.replace("|", ":").split(":")]
        layers.append(grimp.Layer(*names, independent=independent))
    return layers


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("core.views", "news.models", False),
        ("core.images", "library.models", False),
        ("library.models", "core.images", True),
        ("library.models", "editorial.workflow", False),
        ("editorial.workflow", "news.models", False),
        ("news.admin", "editorial.options", True),
        ("news.views", "core.views", True),
        ("news.views", "partners.models", True),
        ("partners.views", "portal.models", False),
        ("search.indexing", "opendata.iati", False),
        ("opendata.iati", "portal.views", False),
        ("portal.urls", "search.views", True),
    ],
)
def test_the_floors_refuse_upward_imports(source, target, expected):
    graph = grimp.ImportGraph()
    for module in PACKAGES:
        graph.add_module(module)
    for module in (source, target):
        graph.add_module(module)
    graph.add_import(importer=source, imported=target)
    assert (not graph.find_illegal_dependencies_for_layers(layers=floors())) is expected


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


# Documented parts of Django's model API and of namedtuple, despite the underscore.
PUBLIC_UNDERSCORE_NAMES = {"_meta", "_base_manager", "_default_manager", "_state", "_replace", "_asdict", "_fields"}
COMPAT_MODULES = {"core.compat", "editorial.compat"}


def private_names_used(tree):
    """(name, line) of each `something._name` read and each `from package import _name` in a module."""
    used = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            owner = node.value.id if isinstance(node.value, ast.Name) else None
            if owner not in ("self", "cls"):
                used.append((node.attr, node.lineno))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in ("django", "reversion"):
            used += [(alias.name, node.lineno) for alias in node.names if alias.name.startswith("_")]
    return used


def names_the_project_defines():
    defined = set()
    for path in source_files():
        if module_name(path) in COMPAT_MODULES:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                defined.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                defined.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                defined.add(node.id)
    return defined


def test_only_the_compat_modules_use_private_names_of_django_and_reversion():
    ours = names_the_project_defines() | PUBLIC_UNDERSCORE_NAMES
    found = [
        f"{module_name(path)}:{line} uses {name}"
        for path in source_files()
        if module_name(path) not in COMPAT_MODULES
        for name, line in private_names_used(ast.parse(path.read_text(encoding="utf-8")))
        if name not in ours
    ]
    assert found == []


def test_the_private_name_scan_sees_a_private_use():
    tree = ast.parse("from reversion.revisions import _get_options\nresponse._has_been_logged\nself._cache\n")
    assert private_names_used(tree) == [("_get_options", 1), ("_has_been_logged", 2)]


# A private attribute set on a request: data passed around Django's hooks on the side (issue #23).
REQUEST_ATTRIBUTE = re.compile(r"""\brequest\._\w+\s*=(?!=)|setattr\(\s*request\s*,\s*["']_""")


def project_python_files():
    """Every Python file of the project (not the tests, not a virtualenv)."""
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if not ({"tests", "node_modules", "staticfiles"} & set(parts)) and not parts[0].startswith("."):
            yield path


def test_the_request_attribute_scan_sees_what_it_looks_for():
    assert REQUEST_ATTRIBUTE.search("        request._workflow_restore = version")
    assert REQUEST_ATTRIBUTE.search('setattr(request, "_menu", entries)')
    assert not REQUEST_ATTRIBUTE.search("if request._messages == other:")
    assert not REQUEST_ATTRIBUTE.search("request.POST = request.POST.copy()")
    assert ROOT / "editorial" / "workflow.py" in set(project_python_files())


def test_no_project_code_sets_a_private_attribute_on_the_request():
    """What one step of a request finds travels as an argument, a return value or a render's context."""
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in project_python_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if REQUEST_ATTRIBUTE.search(line)
    ]
    assert found == []
