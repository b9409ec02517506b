"""``python -m netsim``: the same as the ``netsim`` command."""

import sys

from .cli import main

sys.exit(main())
