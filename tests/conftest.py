import numba
import pytest
from graph_zoo import ZOO


@pytest.fixture(params=sorted(ZOO), ids=sorted(ZOO))
def zoo_graph(request):
    """Each graph of the zoo, built fresh."""
    return ZOO[request.param]()


@pytest.fixture(scope="session")
def sized():
    """``sized(n, plain)``: ``n`` with compiled kernels, ``plain`` under ``NUMBA_DISABLE_JIT=1``.

    The no-JIT run (the coverage run) executes the kernels as plain Python, 100 to
    1000 times slower. A test whose cost is its number of runs, tasks or nodes
    asks for its size through this fixture and names a smaller one for that run,
    still large enough for its check to mean something. Compiled runs keep ``n``.
    """

    def size(n, plain):
        return plain if numba.config.DISABLE_JIT else n

    return size
