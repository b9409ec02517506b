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
