"""The swap model: scores ordinary-word swaps that no table lists."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from restore.findings import Substitution
from restore.tables import Table

__all__ = ["SwapModel"]


class SwapModel:
    """Document gate and word-level scoring."""

    def __init__(self, tables: Sequence[Table]) -> None:
        self._tables = tuple(tables)

    def spin_score(self, counts: Counter[str], findings: Sequence[Substitution]) -> float:
        from restore.engine import density_score

        return density_score(len(findings), sum(counts.values()))

    def findings(
        self,
        text: str,
        counts: Counter[str],
        covered: Sequence[tuple[int, int]],
        gate: float,
    ) -> list[Substitution]:
        return []
