"""restore inside corpus frameworks: datatrove pipelines and Hugging Face datasets.

Each test runs the framework for real, with several worker processes, and
skips where the framework is not installed (``pip install 'restore[datatrove]'``,
``pip install datasets``).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import SPUN_NEWS

import restore

SPUN = "The imaginative and prescient of counterfeit news is clear."
CLEAN = "The committee met on Tuesday to discuss the budget."
#: Spun documents every few ids, clean ones otherwise.
DOCUMENTS = [(f"doc-{i:03d}", SPUN if i % 4 == 0 else CLEAN) for i in range(24)]


def read_jsonl_folder(folder: Path) -> list[dict[str, Any]]:
    records = []
    for path in sorted(folder.rglob("*.jsonl*")):
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as lines:
            records += [json.loads(line) for line in lines if line.strip()]
    return records


def test_datatrove_pipeline_restores_and_filters_every_document_once(tmp_path: Path) -> None:
    pytest.importorskip("datatrove", reason="datatrove is not installed (restore[datatrove])")
    pytest.importorskip("orjson", reason="datatrove's JSONL reader and writer need orjson")
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from restore.integrations.datatrove import (
        SCORE_KEY,
        SUBSTITUTIONS_KEY,
        RestoreFormatter,
        SpinFilter,
    )

    source = tmp_path / "in"
    source.mkdir()
    for shard in range(3):  # the reader shares files among tasks: one file per task or more
        rows = DOCUMENTS[shard::3]
        lines = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in rows)
        (source / f"part-{shard}.jsonl").write_text(lines, encoding="utf-8")

    executor = LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(source)),
            RestoreFormatter(model=False),
            SpinFilter(
                max_spin=0.5,
                model=False,
                exclusion_writer=JsonlWriter(str(tmp_path / "spun"), compression=None),
            ),
            JsonlWriter(str(tmp_path / "out"), compression=None),
        ],
        tasks=3,
        workers=2,
        logging_dir=str(tmp_path / "logs"),
    )
    executor.run()

    kept = read_jsonl_folder(tmp_path / "out")
    dropped = read_jsonl_folder(tmp_path / "spun")
    ids = sorted(r["id"] for r in kept + dropped)
    assert ids == sorted(i for i, _ in DOCUMENTS)
    originals = dict(DOCUMENTS)
    for record in kept + dropped:
        metadata = record["metadata"]
        assert record["text"] == restore.Restorer(model=False).restore(originals[record["id"]])
        assert 0.0 <= metadata[SCORE_KEY] <= 1.0
        assert metadata[SUBSTITUTIONS_KEY] == (2 if originals[record["id"]] == SPUN else 0)
    assert {originals[r["id"]] for r in dropped} == {SPUN}
    assert {originals[r["id"]] for r in kept} == {CLEAN}
    assert all(r["metadata"]["filter_reason"] == "spun" for r in dropped)


def test_datatrove_filter_scores_documents_the_formatter_did_not_see() -> None:
    pytest.importorskip("datatrove", reason="datatrove is not installed (restore[datatrove])")
    from datatrove.data import Document

    from restore.integrations.datatrove import SCORE_KEY, SpinFilter

    docs = [Document(text=SPUN, id="spun"), Document(text=CLEAN, id="clean")]
    kept = list(SpinFilter(model=False).run(docs))
    assert [d.id for d in kept] == ["clean"]
    assert docs[0].metadata[SCORE_KEY] > 0.5 >= docs[1].metadata[SCORE_KEY]
    with pytest.raises(ValueError, match="max_spin"):
        SpinFilter(max_spin=2.0)


def test_a_datatrove_formatter_that_has_read_with_the_language_model_still_pickles() -> None:
    # An executor sends its steps to workers pickled, and a step may have run already.
    pytest.importorskip("datatrove", reason="datatrove is not installed (restore[datatrove])")
    pytest.importorskip("pocketsphinx", reason="pocketsphinx is not installed (restore[lm])")
    import pickle

    from datatrove.data import Document

    from restore.integrations.datatrove import RestoreFormatter

    formatter = RestoreFormatter(language_model=True)
    [first] = formatter.run([Document(text=SPUN_NEWS, id="a")])
    assert first.text != SPUN_NEWS
    copy = pickle.loads(pickle.dumps(formatter))
    [second] = copy.run([Document(text=SPUN_NEWS, id="b")])
    assert second.text == first.text


def restore_batch(batch: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """The README's ``datasets`` recipe: restored text plus a spin score per row."""
    texts = batch["text"]
    return {
        "text": [restore.restore(t) for t in texts],
        "spin_score": [restore.spin_score(t) for t in texts],
    }


def test_datasets_map_restores_in_parallel() -> None:
    datasets = pytest.importorskip("datasets", reason="Hugging Face datasets is not installed")
    ids = [i for i, _ in DOCUMENTS]
    texts = [t for _, t in DOCUMENTS]
    dataset = datasets.Dataset.from_dict({"id": ids, "text": texts})

    mapped = dataset.map(restore_batch, batched=True, batch_size=5, num_proc=2)
    kept = mapped.filter(lambda row: row["spin_score"] < 0.5)

    assert mapped["id"] == ids
    assert mapped["text"] == [restore.restore(t) for t in texts]
    assert mapped["spin_score"] == pytest.approx([restore.spin_score(t) for t in texts])
    assert kept["id"] == [i for i, t in DOCUMENTS if restore.spin_score(t) < 0.5]
