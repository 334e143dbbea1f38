"""``python -m govreport``: the command line."""

from govreport._entry import main

raise SystemExit(main())
