import pytest
from graph_zoo import ZOO


@pytest.fixture(params=sorted(ZOO), ids=sorted(ZOO))
def zoo_graph(request):
    """Each graph of the zoo, built fresh."""
    return ZOO[request.param]()
