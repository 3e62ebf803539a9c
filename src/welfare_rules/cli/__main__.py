"""``python -m welfare_rules.cli``."""

import sys

from . import main

sys.exit(main())
