"""The ``restore`` command, in process through ``main(argv)`` and as a real subprocess.

Expectations come from the library (``Restorer(model=False)``), not from
hard-coded restorations, so the tests follow the tables as they grow. Most
runs pass ``--no-model`` to keep the command's behaviour apart from the
model's.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SPUN_NEWS

import restore
import restore.batch
import restore.language_model
from restore.cli import main

DATA = Path(__file__).parent / "data" / "cli"
TABLES_ONLY = restore.Restorer(model=False)
SPUN = "The imaginative and prescient of the lab is clear."


def expected(text: str) -> str:
    return TABLES_ONLY.restore(text)


def run_main(
    argv: list[str], capsysbinary: pytest.CaptureFixture[bytes], stdin: bytes | None = None
) -> tuple[int, bytes, str]:
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
    try:
        status = main(argv)
    finally:
        sys.stdin = sys.__stdin__
    out, err = capsysbinary.readouterr()
    return status, out, err.decode()


def run_command(
    args: list[str], stdin: bytes = b"", **kwargs: object
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "restore", *args],
        input=stdin,
        capture_output=True,
        check=False,
        **kwargs,  # type: ignore[arg-type]
    )


def test_the_fixture_phrases_are_restored_by_the_tables() -> None:
    assert expected(SPUN) != SPUN
    assert expected("counterfeit news") == "fake news"


# Unix filter ---------------------------------------------------------------------


def test_filter_keeps_crlf_trailing_spaces_and_missing_final_newline(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    data = (DATA / "spun-crlf.txt").read_bytes()
    status, out, _ = run_main(["--no-model", str(DATA / "spun-crlf.txt")], capsysbinary)
    assert status == 0
    assert out == expected(data.decode()).encode()
    assert out != data
    assert out.count(b"\r\n") == data.count(b"\r\n")
    assert out.endswith(b"No final newline")
    assert b"see here.   \r\n" in out


def test_filter_keeps_a_byte_order_mark(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    status, out, _ = run_main(["--no-model", str(DATA / "bom.txt")], capsysbinary)
    assert status == 0
    assert out.startswith(b"\xef\xbb\xbf")
    assert out == expected((DATA / "bom.txt").read_bytes().decode()).encode()


def test_clean_text_comes_out_byte_identical(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    status, out, _ = run_main([str(DATA / "clean.txt")], capsysbinary)
    assert status == 0
    assert out == (DATA / "clean.txt").read_bytes()


def test_stdin_to_stdout(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    status, out, _ = run_main(["--no-model"], capsysbinary, stdin=SPUN.encode() + b"\n")
    assert (status, out) == (0, expected(SPUN).encode() + b"\n")


def test_stdin_to_stdout_through_a_real_process() -> None:
    done = run_command(["--no-model"], stdin="Counterfeit news, ça va.\r\n".encode())
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Fake news, ça va.\r\n".encode()


def test_output_file_and_refusing_to_write_over_an_input(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_bytes(SPUN.encode())
    assert main(["--no-model", str(source), "-o", str(tmp_path / "out.txt")]) == 0
    assert (tmp_path / "out.txt").read_text() == expected(SPUN)
    link = tmp_path / "link.txt"
    link.symlink_to(source)
    for target in (source, link):
        assert main(["--no-model", str(source), "-o", str(target)]) == 2
        assert source.read_bytes() == SPUN.encode()


def test_refusal_names_the_file(capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text(SPUN)
    status, _, err = run_main([str(source), "-o", str(source)], capsysbinary)
    assert status == 2
    assert err.startswith(f"restore: error: {source}: refusing to write over the input")


def test_extra_table_is_used(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    args = ["--no-model", "--table", str(DATA / "extra-table.tsv")]
    status, out, _ = run_main(args, capsysbinary, stdin=b"A wobbly gadget.")
    assert (status, out) == (0, b"A small tool.")


def test_bad_table_is_a_usage_error_naming_file_and_line(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    bad = DATA / "bad-table.tsv"
    status, out, err = run_main(["--table", str(bad)], capsysbinary, stdin=b"x")
    assert (status, out) == (2, b"")
    assert err.startswith(f"restore: error: {bad}:2: ")


def test_missing_input_is_an_error(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    status, _, err = run_main(["/no/such/file.txt"], capsysbinary)
    assert status == 2
    assert err.startswith("restore: error: /no/such/file.txt")


# Invalid UTF-8 -------------------------------------------------------------------

BAD_UTF8 = b"Counterfeit news \xff\xfe here.\nmore\n"


def test_invalid_utf8_stops_with_the_byte_offset(
    capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    source = tmp_path / "bad.txt"
    source.write_bytes(BAD_UTF8)
    status, _, err = run_main([str(source), "-o", str(tmp_path / "out.txt")], capsysbinary)
    assert status == 2
    assert f"restore: error: {source}: invalid UTF-8 at byte 17" in err
    assert not (tmp_path / "out.txt").exists()


def test_surrogateescape_round_trips_the_undecodable_bytes(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    args = ["--no-model", "--errors", "surrogateescape"]
    status, out, _ = run_main(args, capsysbinary, stdin=BAD_UTF8)
    assert status == 0
    assert out == BAD_UTF8.replace(b"Counterfeit news", b"Fake news")


def test_replace_goes_on_with_replacement_characters(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    status, out, _ = run_main(["--no-model", "--errors", "replace"], capsysbinary, stdin=BAD_UTF8)
    assert status == 0
    assert out.decode() == "Fake news \ufffd\ufffd here.\nmore\n"


# JSONL ---------------------------------------------------------------------------

RECORDS = DATA / "records.jsonl"


def test_jsonl_rewrites_only_the_field_and_passes_every_line_through(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    raw_lines = RECORDS.read_bytes().splitlines(keepends=True)
    status, out, err = run_main(["--no-model", "--jsonl", str(RECORDS)], capsysbinary)
    lines = out.splitlines(keepends=True)
    assert status == 2
    assert len(lines) == len(raw_lines)
    first = json.loads(lines[0])
    original = json.loads(raw_lines[0])
    assert first == {**original, "text": expected(original["text"])}
    assert b'"n": 1.50' in lines[0]  # the other fields are kept as written
    for number in (2, 3, 4, 5, 6, 7):  # clean, blank and bad lines: byte-identical
        assert lines[number - 1] == raw_lines[number - 1]
    assert lines[7].endswith(b"\r\n")
    assert b"Caf\\u00e9" in lines[7]  # escaped as in the input
    assert json.loads(lines[7])["text"] == expected("Café with an irregular woodland.")
    assert f"restore: warning: {RECORDS}:4: not valid JSON" in err
    assert f"restore: warning: {RECORDS}:5: not a JSON object" in err
    assert f'restore: warning: {RECORDS}:6: no "text" field' in err
    assert f'restore: warning: {RECORDS}:7: field "text" is null, not a string' in err
    assert err.rstrip().endswith("4 bad lines passed through unchanged")


def test_jsonl_strict_stops_at_the_first_bad_line(
    capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    out_path = tmp_path / "out.jsonl"
    argv = ["--no-model", "--strict", str(RECORDS), "-o", str(out_path)]
    status, _, err = run_main(argv, capsysbinary)
    assert status == 2
    assert f"restore: error: {RECORDS}:4: not valid JSON" in err
    assert not out_path.exists()


def test_jsonl_other_field(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    line = b'{"text": "counterfeit news", "body": "counterfeit news"}\n'
    status, out, _ = run_main(["--no-model", "--jsonl", "--field", "body"], capsysbinary, line)
    assert status == 0
    assert json.loads(out) == {"text": "counterfeit news", "body": "fake news"}


# --check -------------------------------------------------------------------------


def test_check_human_format_and_exit_status(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    text = "A clean line.\r\nThe lab's imaginative and prescient.\n"
    status, out, _ = run_main(["--no-model", "--check"], capsysbinary, text.encode())
    assert status == 1
    found = TABLES_ONLY.find(text, min_score=0.5)[0]
    assert out.decode() == (
        f"<stdin>:2:11: imaginative and prescient -> {found.suggestion} "
        f"({found.score:.2f}) [{found.source}]\n"
    )
    clean = b"Nothing to see.\n"
    assert run_main(["--no-model", "--check"], capsysbinary, clean)[:2] == (0, b"")


def test_check_min_score_defaults_to_a_half(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    weak = [s for s in TABLES_ONLY.find("profound learning") if 0.5 <= s.score < 0.8]
    assert weak, "needs a table row scoring in 0.5..0.8"
    assert run_main(["--no-model", "--check"], capsysbinary, b"profound learning")[0] == 1
    argv = ["--no-model", "--check", "--min-score", "0.8"]
    assert run_main(argv, capsysbinary, b"profound learning")[0] == 0


def test_check_json_has_the_languagetool_shape(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    argv = ["--no-model", "--check", "--format", "json", "--jsonl", str(RECORDS)]
    status, out, _ = run_main(argv, capsysbinary)
    assert status == 2  # bad lines outrank findings
    matches = [json.loads(line) for line in out.splitlines()]
    text = json.loads(RECORDS.read_text().splitlines()[0])["text"]
    first = matches[0]
    assert set(first) >= {
        "offset", "length", "message", "replacements", "rule", "context", "score", "file", "line"
    }  # fmt: skip
    assert (first["file"], first["line"]) == (str(RECORDS), 1)
    found = TABLES_ONLY.find(text, min_score=0.5)
    assert [m["offset"] for m in matches if m["line"] == 1] == [s.start for s in found]
    assert first["length"] == found[0].length
    assert first["replacements"][0] == {"value": found[0].suggestion}
    assert first["rule"] == {"id": found[0].source}
    context = first["context"]
    snippet = context["text"][context["offset"] : context["offset"] + context["length"]]
    assert snippet == found[0].original
    assert {m["line"] for m in matches} == {1, 8}


# Output folder, resume, summary ----------------------------------------------------


def make_tree(root: Path) -> None:
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(SPUN)
    (root / "sub" / "b.jsonl").write_text(json.dumps({"text": "counterfeit news"}) + "\n")
    (root / "sub" / "ignored.csv").write_text("counterfeit news")


def test_output_dir_mirrors_the_input_tree(
    capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    make_tree(tmp_path / "in")
    argv = ["--no-model", str(tmp_path / "in"), "--output-dir", str(tmp_path / "out")]
    status, _, err = run_main(argv, capsysbinary)
    assert status == 0
    out = tmp_path / "out"
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*")) == [
        "a.txt",
        "sub",
        "sub/b.jsonl",
    ]
    assert (out / "a.txt").read_text() == expected(SPUN)
    assert json.loads((out / "sub" / "b.jsonl").read_text()) == {"text": "fake news"}
    assert "restore: 2 files, 2 documents, 2 changed, 2 findings, mean spin score" in err


def test_output_dir_never_writes_over_inputs(
    capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    make_tree(tmp_path / "in")
    status, _, err = run_main(
        [str(tmp_path / "in"), "--output-dir", str(tmp_path / "in")], capsysbinary
    )
    assert status == 2
    assert "refusing to write over the input" in err
    assert (tmp_path / "in" / "a.txt").read_text() == SPUN


def test_resume_skips_finished_outputs(
    capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    make_tree(tmp_path / "in")
    out = tmp_path / "out"
    (out).mkdir()
    (out / "a.txt").write_text("done before")
    argv = ["--no-model", str(tmp_path / "in"), "--output-dir", str(out), "--resume"]
    status, _, err = run_main(argv, capsysbinary)
    assert status == 0
    assert (out / "a.txt").read_text() == "done before"
    assert (out / "sub" / "b.jsonl").exists()
    assert "1 skipped" in err


# --filter and attributes ---------------------------------------------------------


def test_filter_attributes_and_rejects_keep_every_record_once(
    capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    records = [
        {"id": "spun", "text": "Counterfeit news about the imaginative and prescient."},
        {"id": "clean", "text": "The committee met on Tuesday."},
        {"id": "spun2", "text": "An irregular woodland and counterfeit consciousness."},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records))
    kept, rejected, attributes = tmp_path / "kept.jsonl", tmp_path / "rej.jsonl", tmp_path / "a"
    argv = ["--no-model", "--filter", str(source), "-o", str(kept), "--reject", str(rejected)]
    argv += ["--max-spin", "0.5", "--attributes", str(attributes)]
    assert run_main(argv, capsysbinary)[0] == 0
    kept_records = [json.loads(line) for line in kept.read_text().splitlines()]
    rejected_records = [json.loads(line) for line in rejected.read_text().splitlines()]
    assert [r["id"] for r in kept_records] == ["clean"]
    assert [r["id"] for r in rejected_records] == ["spun", "spun2"]
    for record in kept_records + rejected_records:
        original = next(r for r in records if r["id"] == record["id"])
        assert record == {
            **original,
            "spin_score": pytest.approx(TABLES_ONLY.spin_score(original["text"]), abs=1e-6),
        }
    lines = [json.loads(line) for line in attributes.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["spun", "clean", "spun2"]
    text = records[0]["text"]
    spans = lines[0]["attributes"]["restore__spin"]
    assert [text[s:e] for s, e, _ in spans] == [
        f.original for f in TABLES_ONLY.find(text, min_score=0.5)
    ]
    assert lines[0]["attributes"]["restore__doc_spin"][0][:2] == [0, len(text)]
    assert lines[1]["attributes"]["restore__spin"] == []


@pytest.mark.parametrize(
    "options",
    [["--filter", "--restore"], ["--filter"], ["--check"], []],
    ids=["filter-restore", "filter", "check", "restore"],
)
def test_each_document_is_analysed_once(
    options: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsysbinary: pytest.CaptureFixture[bytes],
    tmp_path: Path,
) -> None:
    texts = ["Counterfeit news about the imaginative and prescient.", "The committee met."]
    sources = [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]  # two inputs: a summary too
    for source, text in zip(sources, texts, strict=True):
        source.write_text(json.dumps({"text": text}) + "\n")
    changed = [r for r in map(TABLES_ONLY.restore, texts) if r not in texts]
    calls: list[str] = []
    detect = restore.Restorer._detect

    def counting(self: restore.Restorer, text: str, **options: float) -> object:
        calls.append(text)
        return detect(self, text, **options)

    monkeypatch.setattr(restore.Restorer, "_detect", counting)
    argv = ["--no-model", "--jsonl", *options, "--attributes", str(tmp_path / "attributes")]
    argv += ["-o", str(tmp_path / "out"), *map(str, sources)]
    status, _, err = run_main(argv, capsysbinary)
    assert status == (1 if "--check" in options else 0)
    assert "mean spin score" in err
    # Each document is analysed once; restoring reads its own result once more
    # to check that nothing further is found (restoring is idempotent).
    assert sorted(c for c in calls if c in texts) == sorted(texts)
    rereads = [c for c in calls if c not in texts]
    assert rereads in ([], changed)


def test_filter_with_restore_also_restores(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    line = b'{"text": "counterfeit news"}\n'
    status, out, _ = run_main(["--no-model", "--filter", "--restore"], capsysbinary, line)
    assert status == 0
    assert json.loads(out)["text"] == "fake news"
    assert "spin_score" in json.loads(out)


# Parallel ------------------------------------------------------------------------


def big_jsonl(path: Path, records: int) -> list[str]:
    texts = [
        f"Record {i}: "
        + ("counterfeit news about the imaginative and prescient. " if i % 3 else "clean words. ")
        * 5
        for i in range(records)
    ]
    path.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts)))
    return texts


def test_two_jobs_give_the_same_output_in_the_same_order(tmp_path: Path) -> None:
    source = tmp_path / "big.jsonl"
    texts = big_jsonl(source, 1000)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["--no-model", "--jobs", "1", str(source), "-o", str(one)]) == 0
    assert main(["--no-model", "--jobs", "2", str(source), "-o", str(two)]) == 0
    assert one.read_bytes() == two.read_bytes()
    restored = [json.loads(line) for line in two.read_text().splitlines()]
    assert [r["id"] for r in restored] == list(range(1000))
    assert [r["text"] for r in restored[:5]] == [expected(t) for t in texts[:5]]


def test_two_jobs_restore_spun_text_as_one_job_does(tmp_path: Path) -> None:
    # The model reads every record, and the workers share the data loaded before they fork.
    source = tmp_path / "spun.jsonl"
    texts = [f"Report {i}. {SPUN_NEWS}" for i in range(120)]
    source.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts)))
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["--jobs", "1", str(source), "-o", str(one)]) == 0
    assert main(["--jobs", "2", str(source), "-o", str(two)]) == 0
    assert one.read_bytes() == two.read_bytes()
    restored = [json.loads(line)["text"] for line in two.read_text().splitlines()]
    assert restored == [restore.restore(t) for t in texts]
    assert all(r != t for r, t in zip(restored, texts, strict=True))


def test_two_jobs_on_text_blocks(tmp_path: Path) -> None:
    source = tmp_path / "big.txt"
    paragraph = "The imaginative and prescient of counterfeit news.\n\n" * 40_000
    source.write_text(paragraph)
    out = tmp_path / "out.txt"
    assert main(["--no-model", "--jobs", "2", str(source), "-o", str(out)]) == 0
    assert out.read_text() == expected(paragraph)


# Processes: pipes, signals, atomic output ------------------------------------------------


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    source = tmp_path / "big.jsonl"
    big_jsonl(source, 20_000)
    command = f"{sys.executable} -m restore --no-model --jobs 2 {source} | head -1"
    done = subprocess.run(["sh", "-c", command], capture_output=True, check=False, timeout=120)
    assert done.stdout.count(b"\n") == 1
    assert b"Traceback" not in done.stderr
    assert done.stderr == b""


def test_sigkill_mid_run_leaves_no_truncated_output(tmp_path: Path) -> None:
    source = tmp_path / "big.jsonl"
    big_jsonl(source, 60_000)
    out = tmp_path / "out.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-m", "restore", "--no-model", "--jobs", "1", str(source), "-o", str(out)],
        stderr=subprocess.PIPE,
    )
    time.sleep(2.0)
    assert process.poll() is None, "the run ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    visible = [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")]
    assert "out.jsonl" not in visible or out.read_bytes().count(b"\n") == 60_000


def interrupted(source: Path, sent: signal.Signals, *options: str) -> tuple[int, bytes]:
    """Exit status and stderr of a run sent ``sent`` after two seconds of work.

    The records of ``source`` come through a pipe that stays open, so the run
    cannot have finished before the signal, however fast the machine. SIGINT
    is given its default disposition: a shell without job control starts
    background jobs, such as a CI run, with it ignored, and Python then
    keeps ignoring it.
    """
    big_jsonl(source, 20_000)
    process = subprocess.Popen(
        [sys.executable, "-m", "restore", "--no-model", "--jobs", "2", "--jsonl", "-", *options],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stdin is not None
    process.stdin.write(source.read_bytes())
    process.stdin.flush()
    time.sleep(2.0)
    process.send_signal(sent)
    _, err = process.communicate(timeout=60)
    return process.returncode, err


def test_sigterm_cleans_up_the_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("previous good output\n")
    status, err = interrupted(tmp_path / "big.jsonl", signal.SIGTERM, "-o", str(out))
    assert status == 143
    assert b"Traceback" not in err
    assert out.read_text() == "previous good output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.jsonl", "out.jsonl"]


def test_ctrl_c_exits_130_quietly(tmp_path: Path) -> None:
    status, err = interrupted(tmp_path / "big.jsonl", signal.SIGINT)
    assert status == 130
    assert b"Traceback" not in err


def test_console_script_and_module_agree() -> None:
    script = Path(sys.executable).with_name("restore")
    if not script.exists():
        pytest.skip("console script not installed next to this Python")
    done = subprocess.run(
        [str(script), "--no-model"],
        input=b"counterfeit news",
        capture_output=True,
        check=False,
        env={**os.environ},
    )
    assert (done.returncode, done.stdout) == (0, b"fake news")


def test_progress_is_shown_when_asked_and_quiet_otherwise(
    capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"text": f"line {i}"}) + "\n" for i in range(3)))
    status, _, err = run_main(["--no-model", "-j", "1", str(source)], capsysbinary)
    assert status == 0 and err == ""
    status, out, err = run_main(["--no-model", "-j", "1", "--progress", str(source)], capsysbinary)
    assert status == 0
    assert "restore: 3 documents" in err and "findings" in err
    assert out.count(b"\n") == 3


@pytest.mark.parametrize("flag", ["--no-language-model", "--language-model"])
def test_the_language_model_flag_restores_as_the_library_does(
    flag: str, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    use = flag == "--language-model"
    if use and not restore.language_model.available():
        pytest.skip("pocketsphinx is not installed (restore[lm])")
    status, out, _ = run_main([flag], capsysbinary, stdin=SPUN_NEWS.encode())
    assert status == 0
    assert out.decode() == restore.Restorer(language_model=use).restore(SPUN_NEWS)


@pytest.mark.usefixtures("without_pocketsphinx")
def test_asking_for_the_language_model_without_it_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    # The process's engine is built anew, as in a fresh command.
    monkeypatch.setattr(restore.batch, "_restorer", None)
    status, out, err = run_main(["--language-model"], capsysbinary, stdin=b"x\n")
    assert status == 2 and out == b""
    assert "restore: error:" in err and "restore[lm]" in err


def test_asking_for_the_language_model_without_its_data_is_an_error_before_any_output(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    monkeypatch.setattr(restore.batch, "_restorer", None)
    monkeypatch.setattr(restore.engine, "lm_installed", lambda: True)
    monkeypatch.setattr(restore.engine, "lm_load", lambda: None)
    status, out, err = run_main(["--language-model"], capsysbinary, stdin=SPUN_NEWS.encode())
    assert status == 2 and out == b""
    assert "restore: error:" in err and "English model" in err and "Traceback" not in err


def version(capsysbinary: pytest.CaptureFixture[bytes]) -> str:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    return capsysbinary.readouterr().out.decode()


def test_version_says_whether_the_language_model_is_installed(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    out = version(capsysbinary)
    assert out.startswith(f"restore {restore.__version__}; language model")
    if restore.language_model.available():
        assert "language model installed" in out


@pytest.mark.usefixtures("without_pocketsphinx")
def test_version_says_what_to_install_for_the_language_model(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    assert "language model not installed (pip install 'restore[lm]')" in version(capsysbinary)
