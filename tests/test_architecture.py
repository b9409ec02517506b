"""The code's structural rules: the kernel border, no global randomness, one options module."""

import ast
import pathlib

import pytest

PACKAGE = pathlib.Path(__file__).resolve().parent.parent / "netsim"
KERNELS = PACKAGE / "_kernels"
ALLOWED_KERNEL_IMPORTS = {"numpy", "numba", "math"}


def python_files(root):
    return sorted(root.rglob("*.py"))


def imported_modules(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, 0
        elif isinstance(node, ast.ImportFrom):
            yield node.module or "", node.level


def test_the_package_has_kernels_to_check():
    assert python_files(KERNELS)


@pytest.mark.parametrize("path", python_files(KERNELS), ids=lambda p: p.name)
def test_kernels_import_only_numpy_numba_math_and_each_other(path):
    allowed = ALLOWED_KERNEL_IMPORTS | ({"os"} if path.name == "_options.py" else set())
    for module, level in imported_modules(path):
        if level == 1:
            continue  # a sibling kernel module
        assert level == 0, f"{path.name} reaches outside _kernels with a relative import"
        assert module.split(".")[0] in allowed, f"{path.name} imports {module}"


@pytest.mark.parametrize("path", python_files(PACKAGE), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_kernels_import_numba(path):
    if KERNELS in path.parents:
        return
    modules = {module.split(".")[0] for module, level in imported_modules(path) if level == 0}
    assert "numba" not in modules, f"{path} imports numba outside netsim/_kernels"


@pytest.mark.parametrize("path", python_files(PACKAGE), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_global_random_state(path):
    text = path.read_text()
    modules = {module for module, level in imported_modules(path) if level == 0}
    assert "random" not in modules
    for banned in ("np.random.seed", "RandomState", "np.random.rand(", "np.random.randint("):
        assert banned not in text, f"{path} uses {banned}"


@pytest.mark.parametrize("path", python_files(PACKAGE), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_numba_flags_live_in_the_options_module(path):
    if path.name == "_options.py":
        return
    text = path.read_text()
    for flag in ("fastmath=", "parallel=", "cache="):
        assert flag not in text, f"{path} sets {flag} outside _kernels/_options.py"


# --- layers and import cycles ------------------------------------------------------------------

#: The layers of netsim, lowest first (README, "Development"): a module imports only from
#: its own layer and those below it. Within a layer, packages may import each other only
#: where no cycle results (see test_no_import_cycles).
LAYERS = (
    ("netsim._kernels",),
    ("netsim.exceptions", "netsim._typing", "netsim._validation"),
    ("netsim._seeding", "netsim._files"),
    ("netsim.graphs",),
    ("netsim.datasets",),
    ("netsim.spread",),
    ("netsim.measures",),
    ("netsim.plot",),
    ("netsim.experiments",),
    ("netsim.report",),
    ("netsim.cli", "netsim.__main__", "netsim"),
)


def module_name(path):
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for path in python_files(PACKAGE)}


def package_of(name):
    """Return the package a module's relative imports start from."""
    return name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]


def netsim_imports(name):
    """Return the netsim modules ``name`` imports, at any depth of its code (functions too)."""
    tree = ast.parse(MODULES[name].read_text(), filename=str(MODULES[name]))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_of(name).split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            targets = [
                f"{module}.{alias.name}" if f"{module}.{alias.name}" in MODULES else module
                for alias in node.names
            ]
        else:
            continue
        found.update(t for t in targets if t in MODULES and t != name)
    return found


def dependencies(name):
    """Return what importing ``name`` runs: its imports and their packages' ``__init__``.

    Importing ``netsim.spread._models`` from outside ``netsim.spread`` first runs
    ``netsim/spread/__init__.py``, so a cycle through a package's ``__init__`` is a cycle.
    """
    out = set()
    for target in netsim_imports(name):
        out.add(target)
        parts = target.split(".")
        for depth in range(2, len(parts)):
            package = ".".join(parts[:depth])
            if not (name == package or name.startswith(package + ".")):
                out.add(package)
    return out - {name}


def layer_of(name):
    best, layer = "", None
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            inside = name == prefix or (prefix != "netsim" and name.startswith(prefix + "."))
            if inside and len(prefix) > len(best):
                best, layer = prefix, index
    return layer


def test_every_module_has_a_layer():
    assert [name for name in MODULES if layer_of(name) is None] == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_follow_the_layers(name):
    upward = sorted(t for t in netsim_imports(name) if layer_of(t) > layer_of(name))
    assert upward == [], f"{name} (layer {layer_of(name)}) imports a higher layer: {upward}"


def strongly_connected(graph):
    """Return the strongly connected components of ``graph`` with more than one node (Tarjan)."""
    index, low, stack, on_stack, components = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def test_no_import_cycles():
    graph = {name: dependencies(name) for name in MODULES}
    assert strongly_connected(graph) == []


def test_the_cycle_check_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert strongly_connected(graph) == [["a", "b", "c"]]


def test_a_cycle_through_a_package_init_counts():
    # netsim.measures._rank imports netsim.spread; were netsim.spread._sources to import
    # netsim.measures._local, importing it would run netsim/measures/__init__.py first.
    assert "netsim.spread" in dependencies("netsim.measures._rank")
    assert "netsim.measures" not in set().union(
        *(dependencies(name) for name in MODULES if name.startswith("netsim.spread"))
    )


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n.startswith("netsim.experiments")))
def test_experiments_import_no_matplotlib(name):
    tree = ast.parse(MODULES[name].read_text())
    modules = {
        module.split(".")[0] for module, level in imported_modules(MODULES[name]) if not level
    }
    assert "matplotlib" not in modules, f"{name} imports matplotlib"
    assert tree is not None
