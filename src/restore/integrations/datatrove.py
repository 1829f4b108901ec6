"""datatrove pipeline steps: restore spun text, drop spun documents.

A corpus pipeline that already fixes mojibake and filters by language can
un-spin in the same pass. :class:`RestoreFormatter` rewrites each document
with :func:`restore.restore` and records what it did in the document's
metadata; :class:`SpinFilter` drops documents judged spun, optionally
writing them to an exclusion writer for review. Both build their
:class:`~restore.Restorer` lazily, inside the worker that runs them, so the
same pipeline runs unchanged on datatrove's local, Slurm and Ray executors.

Metadata written on each document (JSON-serialisable, so any writer keeps it):

* ``restore_spin_score``: :meth:`restore.Restorer.spin_score` of the text as
  read, before any restoration (float in [0, 1]);
* ``restore_substitutions``: number of substitutions applied (formatter only).

>>> from datatrove.data import Document
>>> doc = Document(text="The imaginative and prescient of counterfeit news.", id="1")
>>> [out] = RestoreFormatter(model=False).run([doc])
>>> out.text, out.metadata["restore_substitutions"]
('The vision of fake news.', 2)
>>> list(SpinFilter(max_spin=0.5, model=False).run([out]))
[]
>>> out.metadata["restore_spin_score"] > 0.5
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from restore.engine import DEFAULT_MIN_SCORE, SPUN_THRESHOLD, Restorer
from restore.tables import Table

# datatrove ships no type information; where it is absent the except clause explains.
try:
    from datatrove.data import Document  # type: ignore[import-untyped, import-not-found, unused-ignore]
    from datatrove.pipeline.filters.base_filter import (  # type: ignore[import-untyped, import-not-found, unused-ignore]
        BaseFilter,
    )
    from datatrove.pipeline.formatters.base import (  # type: ignore[import-untyped, import-not-found, unused-ignore]
        BaseFormatter,
    )
    from datatrove.utils.typeshelper import StatHints  # type: ignore[import-untyped, import-not-found, unused-ignore]
except ImportError as error:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "restore.integrations.datatrove needs datatrove: pip install 'restore[datatrove]'"
    ) from error

__all__ = ["SCORE_KEY", "SUBSTITUTIONS_KEY", "RestoreFormatter", "SpinFilter"]

#: Metadata key of the spin score of the text as read.
SCORE_KEY = "restore_spin_score"
#: Metadata key of the number of substitutions the formatter applied.
SUBSTITUTIONS_KEY = "restore_substitutions"


class RestoreFormatter(BaseFormatter):  # type: ignore[misc]
    """Restore each document's text and record its spin score and restorations.

    Options are those of :class:`restore.Restorer`; ``min_score`` is the
    threshold a substitution needs to be applied.
    """

    name = "🔁 restore"

    def __init__(
        self,
        *,
        tables: Sequence[str | Path | Table] = (),
        default_tables: bool = True,
        min_score: float = DEFAULT_MIN_SCORE,
        model: bool = True,
        language_model: bool | None = None,
    ) -> None:
        super().__init__()
        self.restorer = Restorer(
            tables=tables,
            default_tables=default_tables,
            min_score=min_score,
            model=model,
            language_model=language_model,
        )

    def format(self, text: str) -> str:
        """``text`` restored: what datatrove calls for a bare formatter."""
        return self.restorer.restore(text)

    def run(
        self, data: Iterable[Document], rank: int = 0, world_size: int = 1
    ) -> Iterator[Document]:
        # BaseFormatter.run only hands format() the text; the metadata needs the document.
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                restored = self.restorer.explain(doc.text)
                doc.metadata.setdefault(SCORE_KEY, restored.spin_score)
                doc.metadata[SUBSTITUTIONS_KEY] = len(restored.substitutions)
                if restored.substitutions:
                    doc.text = restored.text
                    self.stat_update("restored")
                    self.stat_update("substitutions", value=len(restored.substitutions))
            yield doc


class SpinFilter(BaseFilter):  # type: ignore[misc]
    """Keep documents whose spin score is at most ``max_spin``; drop the rest.

    The score is read from ``restore_spin_score`` when an earlier
    :class:`RestoreFormatter` recorded it, so a document is judged on the
    text as it was read, not as restored; otherwise it is computed here and
    recorded. Dropped documents go to ``exclusion_writer`` when one is
    given, with ``filter_reason`` set to ``"spun"``.
    """

    name = "🔁 spin filter"

    def __init__(
        self,
        *,
        max_spin: float = SPUN_THRESHOLD,
        exclusion_writer: Any = None,
        tables: Sequence[str | Path | Table] = (),
        default_tables: bool = True,
        model: bool = True,
    ) -> None:
        if not 0.0 <= max_spin <= 1.0:
            raise ValueError(f"max_spin must be within 0..1, got {max_spin}")
        super().__init__(exclusion_writer=exclusion_writer)
        self.max_spin = max_spin
        self.restorer = Restorer(tables=tables, default_tables=default_tables, model=model)

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        """True to keep ``doc``; ``(False, "spun")`` to drop it."""
        score = doc.metadata.get(SCORE_KEY)
        if score is None:
            score = doc.metadata[SCORE_KEY] = self.restorer.spin_score(doc.text)
        if float(score) > self.max_spin:
            return False, "spun"
        return True
