"""The example notebook runs from top to bottom (examples/python-tour.ipynb)."""

import nbformat
from nbclient import NotebookClient


def test_the_tour_notebook_runs(root):
    nb = nbformat.read(root / "examples" / "python-tour.ipynb", as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(root)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    images = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(images) >= 3, "the fan chart, the paired difference and the Sobol indices"
