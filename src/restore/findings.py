"""Findings as values: what was found, where, what to put back, and how sure.

A :class:`Substitution` is immutable and points into the caller's exact
string, so a list of them is an executable record: :func:`restore.apply`
replays it.

>>> s = Substitution(4, 13, "profound", "deep", 0.9, "tortured-phrases:12")
>>> s.length
9
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Alternative", "Restored", "Substitution"]


@dataclass(frozen=True, slots=True)
class Alternative:
    """Another restoration the engine considered, with its score (0-1)."""

    text: str
    score: float


@dataclass(frozen=True, slots=True)
class Substitution:
    """One suspected swap.

    ``original`` is the text as found, so ``text[start:end] == original``
    always holds; ``suggestion`` is the best restoration with the found
    text's case carried over. ``score`` is a confidence in [0, 1];
    ``source`` names the table row (``table-name:line``) or, for the model,
    the original's relation to the text found and the evidence that spoke
    most for it (``model:curated:collocation+curated_absent``; ``fixed_swaps``
    first where the document's spinner keeps to fixed swaps).
    ``alternatives`` are further restorations, best first.
    """

    start: int
    end: int
    original: str
    suggestion: str
    score: float
    source: str
    alternatives: tuple[Alternative, ...] = ()

    @property
    def length(self) -> int:
        """Length of the found span in code points (LanguageTool's ``length``)."""
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Restored:
    """The restored text, the substitutions that produced it, and the document's spin score.

    ``spin_score`` is what :func:`restore.spin_score` returns for the input,
    computed in the same pass.
    """

    text: str
    substitutions: tuple[Substitution, ...]
    spin_score: float = 0.0
