"""Collection settings for doctests in the package and README.

Integration modules import their optional framework at the top, so their
doctests are collected only where that framework is installed
(``pip install 'restore[datatrove]'``).
"""

from __future__ import annotations

import importlib.util

collect_ignore = []
if importlib.util.find_spec("datatrove") is None:
    collect_ignore.append("src/restore/integrations/datatrove.py")
