"""Find and undo article-spinner synonym swaps in English text.

>>> import restore
>>> restore.restore("Counterfeit consciousness and the irregular woodland.")
'Artificial intelligence and the random forest.'
"""

from restore.api import default_restorer, explain, find, is_spun, restore, spin_score
from restore.engine import DEFAULT_MIN_SCORE, Restorer, apply
from restore.findings import Alternative, Restored, Substitution
from restore.tables import Table, TableError, load_table

__all__ = [
    "DEFAULT_MIN_SCORE",
    "Alternative",
    "Restored",
    "Restorer",
    "Substitution",
    "Table",
    "TableError",
    "apply",
    "default_restorer",
    "explain",
    "find",
    "is_spun",
    "load_table",
    "restore",
    "spin_score",
]
__version__ = "0.1.0"
