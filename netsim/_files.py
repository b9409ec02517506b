"""Writing files so that nothing is lost: a file is either complete or as it was.

The one atomic writer of netsim: results folders, task files and the
networks ``netsim generate`` writes all go through :func:`atomic_write`.
"""

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = ["atomic_path", "atomic_write"]


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; replace ``path`` with it when the block succeeds.

    A reader never sees a half-written file, and a failed write (an
    exception, Ctrl-C) leaves ``path`` as it was and removes the temporary
    file. The new file gets the permissions any new file would get. Missing
    parent folders are created.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out" / "a.txt"
    >>> with atomic_path(target) as temporary:
    ...     _ = temporary.write_text("done")
    >>> target.read_text(), sorted(p.name for p in target.parent.iterdir())
    ('done', ['a.txt'])
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def atomic_write(path: str | os.PathLike[str], write: Callable[[Path], None]) -> None:
    """Call ``write(temporary)`` on a file beside ``path``, then rename it to ``path``.

    See :func:`atomic_path`.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "b.txt"
    >>> atomic_write(target, lambda p: p.write_text("hello"))
    >>> target.read_text()
    'hello'
    """
    with atomic_path(path) as temporary:
        write(temporary)
