"""The `qinglian` console command: Django's management commands under the product's name.

`qinglian demo`, `qinglian runchecks`, `qinglian createsuperuser` … are the same as `manage.py …`.
A few commands that need no database (e.g. `qinglian proofread`) run without setting up Django.
"""

from __future__ import annotations

import os
import sys

# Commands that are plain Python and must work without a configured site.
_PLAIN = {"proofread": "qinglian.proofread.cli"}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in _PLAIN:
        import importlib

        module = importlib.import_module(_PLAIN[args[0]])
        return int(module.main(args[1:]) or 0)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["qinglian", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
