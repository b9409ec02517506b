"""The notebooks: stored without outputs, public API only, and run top to bottom.

Each notebook is executed in a fresh Jupyter kernel with ``NETSIM_QUICK=1``, the
small parameters its first cell reads, exactly as a reader would run it with
``QUICK = True``. The kernel is this interpreter (a kernelspec written for the
test), so the notebooks run against the netsim under test.
"""

import ast
import re
from pathlib import Path

import nbformat
import pytest
from ipykernel.kernelspec import write_kernel_spec
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
EXPECTED = (
    "01_quickstart.ipynb",
    "02_who_spreads.ipynb",
    "03_lion_vs_organic.ipynb",
    "04_performance.ipynb",
)
QUICK_LINE = 'QUICK = os.environ.get("NETSIM_QUICK", "0") == "1"'
# numpy.random names that keep no global state: a notebook seeds through these only.
SEEDED_NUMPY_RANDOM = {"SeedSequence", "default_rng", "Generator"}


def _read(name):
    return nbformat.read(NOTEBOOKS / name, as_version=4)


def _code_cells(notebook):
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def _python_source(cell):
    """The cell's source with IPython magics and shell escapes commented out."""
    lines = cell.source.splitlines()
    magic = re.compile(r"^(\s*)([%!]|\w+\s*=\s*%)")
    return "\n".join(f"# {line}" if magic.match(line) else line for line in lines)


def _dotted(node):
    """'a.b.c' for an attribute chain on a name, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return ".".join([node.id, *reversed(parts)])
    return None


def test_the_four_notebooks_are_there():
    assert sorted(path.name for path in NOTEBOOKS.glob("*.ipynb")) == list(EXPECTED)


@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_is_stored_without_outputs(name):
    notebook = _read(name)
    nbformat.validate(notebook)
    for index, cell in enumerate(notebook.cells):
        where = f"{name}, cell {index}"
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{where} has outputs: strip them (nbstripout)"
            assert cell.execution_count is None, f"{where} has an execution count"
        assert "execution" not in cell.metadata, f"{where} has execution timings"
    assert "widgets" not in notebook.metadata, f"{name} stores widget state"
    assert notebook.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_starts_with_text_then_quick_flag_and_one_seed(name):
    notebook = _read(name)
    assert notebook.cells[0].cell_type == "markdown"
    assert notebook.cells[0].source.startswith("# "), "the first cell is the title"
    first, *rest = _code_cells(notebook)
    assert QUICK_LINE in first.source.splitlines()
    assert re.search(r"^SEED = \d+\b", first.source, flags=re.MULTILINE)
    for cell in rest:
        assert not re.search(r"^\s*(SEED|QUICK)\s*=", cell.source, flags=re.MULTILINE), (
            f"{name} sets SEED or QUICK again after its first cell:\n{cell.source}"
        )


@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_explains_every_step(name):
    """No two code cells in a row: text comes between them, except right after a result."""
    kinds = [cell.cell_type for cell in _read(name).cells]
    runs = "".join("c" if kind == "code" else "m" for kind in kinds)
    assert "ccc" not in runs, f"{name} has three code cells in a row without text"
    assert runs.count("m") >= runs.count("c") / 2


@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_uses_public_api_and_no_helpers(name):
    tree = ast.parse("\n\n".join(_python_source(cell) for cell in _code_cells(_read(name))))
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            problems.append(f"defines a helper (line {node.lineno}): it belongs in netsim")
        elif isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
            problems += [f"imports {m}" for m in modules if m == "random" or _private(m)]
        elif isinstance(node, ast.ImportFrom):
            if node.module == "random" or _private(node.module or ""):
                problems.append(f"imports from {node.module}")
            if (node.module or "").startswith("netsim"):
                problems += [
                    f"imports {alias.name} from {node.module}"
                    for alias in node.names
                    if alias.name.startswith("_")
                ]
        elif isinstance(node, ast.Attribute):
            dotted = _dotted(node)
            if dotted and _private(dotted):
                problems.append(f"uses {dotted}")
            numpy_random = dotted and re.fullmatch(r"(np|numpy)\.random\.(\w+)", dotted)
            if numpy_random and numpy_random[2] not in SEEDED_NUMPY_RANDOM:
                problems.append(f"uses global random state: {dotted}")
    assert problems == [], f"{name}: " + "; ".join(sorted(set(problems)))


def _private(dotted):
    """Whether a dotted netsim name reaches a private module or name (dunders are public)."""
    parts = dotted.split(".")
    hidden = [part for part in parts[1:] if part.startswith("_") and not part.endswith("__")]
    return parts[0] == "netsim" and bool(hidden)


@pytest.fixture(scope="module")
def this_python_kernel(tmp_path_factory):
    """A JUPYTER_PATH whose python3 kernel is this interpreter."""
    root = tmp_path_factory.mktemp("jupyter")
    write_kernel_spec(root / "kernels" / "python3")
    return root


@pytest.mark.slow
@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_runs_top_to_bottom_in_quick_mode(name, this_python_kernel, tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_PATH", str(this_python_kernel))
    monkeypatch.setenv("NETSIM_QUICK", "1")
    notebook = _read(name)
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()  # raises CellExecutionError, naming the cell, if any cell fails
    for index, cell in enumerate(_code_cells(notebook)):
        for output in cell.outputs:
            assert output.output_type != "error", f"{name}, code cell {index}: {output}"
            if output.output_type == "stream" and output.name == "stderr":
                assert "Warning" not in output.text, f"{name}, code cell {index}: {output.text}"
    figures = sum(
        "image/png" in output.get("data", {})
        for cell in _code_cells(notebook)
        for output in cell.outputs
    )
    assert figures >= 1, f"{name} drew no figure"
