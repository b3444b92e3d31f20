#!/usr/bin/env python3
"""How fast the dossier builds: medians of repeated runs, as a table and as ratios.

Times the check step (load and verify), the page generation (render and write the Markdown),
and the full build, for the real dossier; the check and generation again for synthetic dossiers
of 1,000 and 10,000 facts (made here, with quotes drawn from the real articles). The check and
generation are timed three ways: a first run (nothing kept in .cache/, no pages yet), a run with
nothing changed, and a run after an editor changed one fact's title; for dossiers of up to
1,000 facts (--previews-up-to), the drawing of the preview images is timed too. Then a plain
`mkdocs build` of the same pages as the floor the full build is compared with; and the live
reload of `build_site.py serve`: from saving an edited fact to the server answering with the
changed page.

    .venv/bin/python benchmarks/build_speed.py [--runs 5] [--sizes 1000 10000] [--reload-runs 5] [--previews-up-to 1000] [--work-in /dev/shm]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dossier import cache, pipeline, publish, social  # noqa: E402
from dossier.load import load  # noqa: E402
from tests.conftest import copy_of_repo, fetch, free_port  # noqa: E402  (the tests' copy of the project, and their way to read a served page)


def medians_of_alternate_runs(actions: list, runs: int) -> list[float]:
    """The median seconds of each action, run in turn (first, second, first, second…), so that the
    machine's drift over the minutes weighs on all of them alike."""
    timings: list[list[float]] = [[] for _ in actions]
    for _ in range(runs):
        for action, seconds in zip(actions, timings):
            start = time.perf_counter()
            action()
            seconds.append(time.perf_counter() - start)
    return [statistics.median(seconds) for seconds in timings]


FACTS_PER_FILE = 100


def synthetic_dossier(root: Path, count: int, seed: int = 7) -> None:
    """Replace the facts of a project copy by `count` made-up facts quoting real sentences."""
    import yaml

    random.seed(seed)
    real = load(root)
    entities = [entity.id for entity, _ in real.records["entities"]]
    topics = {topic.id: [section.id for section in topic.sections] for topic, _ in real.records["topics"]}
    sentences = []
    for article, _ in real.articles:
        for line in real.article_texts[article.id].splitlines():
            for sentence in filter(None, (part.strip() for part in line.replace("。", "。\n").splitlines())):
                if len(sentence) > 8:
                    sentences.append((article.id, sentence))
    facts = []
    for number in range(count):
        topic = random.choice(sorted(topics))
        article, quote = random.choice(sentences)
        facts.append(
            {
                "id": f"synthetic-fact-{number}",
                "title": {"zh": f"合成事实 {number}", "en": f"Synthetic fact {number}"},
                "claim": {"zh": f"第 {number} 条合成事实：{quote}", "en": f"Synthetic claim number {number}, quoting a real sentence."},
                "date": f"{random.choice([2022, 2023, 2024])}-{random.randint(1, 12):02d}",
                "topics": [topic],
                "section": random.choice(topics[topic]),
                "entities": random.sample(entities, 3),
                "asserted_by": [random.choice(["appso", "qbitai", "forbes", "bloomberg"])],
                "status": random.choice(["reported", "alleged", "prediction", "opinion"]),
                "sources": [{"article": article, "quote": quote, "translation": "A real sentence of the article."}],
            }
        )
    facts_dir = root / "facts"
    for path in facts_dir.glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "facts" in data:
            path.unlink()
    # Editors keep facts in many files (by topic, by section); an edit re-reads only its file.
    for start in range(0, count, FACTS_PER_FILE):
        chunk = facts[start : start + FACTS_PER_FILE]
        path = facts_dir / f"synthetic-{start // FACTS_PER_FILE:04d}.yml"
        path.write_text(yaml.safe_dump({"facts": chunk}, allow_unicode=True, sort_keys=False), encoding="utf-8")


def check_and_generate(root: Path, previews: bool) -> tuple[float, float, float | None, int]:
    """The steps in a process of their own, as `build_site.py` runs them (see pipeline.generate), timed
    apart: the check, the generation of the Markdown pages, and (if `previews`) the drawing of the
    preview images.

    A fresh process each time: what earlier runs left in memory must not slow or speed this one.
    The seconds are measured inside it, so Python's start-up and imports are not counted.
    """
    command = [sys.executable, __file__, "--time-once", str(root)] + (["--with-previews"] if previews else [])
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    check, generation, drawing, facts = json.loads(result.stdout)
    return check, generation, drawing, facts


def time_once(root: Path, previews: bool) -> None:
    start = time.perf_counter()
    with pipeline.without_cycle_collection():  # as in pipeline.generate
        dossier = pipeline.check(root)
        checked = time.perf_counter()
        renderer, _ = pipeline.write_markdown(root, dossier)
        generated = time.perf_counter()
    if previews:
        social.write_cards(renderer.cards(), root / social.FOLDER)
    drawing = time.perf_counter() - generated if previews else None
    print(json.dumps([checked - start, generated - checked, drawing, len(dossier.facts)]))


def forget_earlier_runs(root: Path) -> None:
    """As on a fresh clone: nothing kept in .cache/ and no generated pages."""
    shutil.rmtree(root / cache.FOLDER, ignore_errors=True)
    for folder in publish.GENERATED_DIRECTORIES:
        shutil.rmtree(root / "docs" / folder, ignore_errors=True)


def edit_one_fact(root: Path, run: int) -> None:
    """Change the Chinese title of the first fact of the middle file of facts/, as an editor would."""
    files = sorted(path for path in (root / "facts").glob("*.yml") if "\nfacts:" in "\n" + path.read_text(encoding="utf-8"))
    path = files[len(files) // 2]
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(\n\s+title:\n\s+zh: )(.+)\n", lambda match: f"{match[1]}{match[2]} (edit {run})\n", text, count=1), encoding="utf-8")


SCENARIOS = {
    "first run": lambda root, run: forget_earlier_runs(root),
    "nothing changed": lambda root, run: None,
    "one fact edited": edit_one_fact,
}


def measure_sizes(work: Path, sizes: list[int], runs: int, previews_up_to: int) -> list[tuple[str, int, str, float, float, float | None]]:
    rows = []
    for size in [0, *sizes]:
        root = copy_of_repo(work / f"dossier-{size}")
        if size:
            synthetic_dossier(root, size)
        for scenario, prepare in SCENARIOS.items():
            samples = []
            for run in range(runs):
                prepare(root, run)
                samples.append(check_and_generate(root, previews=size <= previews_up_to))
            check, generation, drawing = (statistics.median(sample[step] for sample in samples) if samples[0][step] is not None else None for step in range(3))
            rows.append(("real" if not size else "synthetic", samples[0][3], scenario, check, generation, drawing))
    return rows


def measure_full_build(work: Path, runs: int) -> tuple[float, float]:
    root = copy_of_repo(work / "full")
    pipeline.build(root, root / "site")  # draws the preview images once, as a first build does

    def full() -> None:
        pipeline.build(root, root / "site")

    def plain_mkdocs() -> None:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(work / "plain")], cwd=root, env=publish.mkdocs_environment(root), check=True, capture_output=True)

    full_seconds, plain_seconds = medians_of_alternate_runs([full, plain_mkdocs], runs)
    return full_seconds, plain_seconds


def wait_until(condition, seconds: float, step: float = 0.05) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the served page never changed")
        time.sleep(step)


def measure_live_reload(work: Path, runs: int) -> float:
    """Median seconds from saving a changed fact title to `serve` answering with the new title."""
    root = copy_of_repo(work / "serve")
    port = free_port()
    facts_file = root / "facts" / "collapse.yml"
    original = facts_file.read_text(encoding="utf-8")
    fact_id, title = re.search(r"- id: (\S+)\n    title:\n      zh: (.+)\n", original).groups()
    page = f"http://127.0.0.1:{port}/facts/{fact_id}/"
    server = subprocess.Popen(
        [sys.executable, "build_site.py", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        wait_until(lambda: "<h1" in fetch(page), 600, step=0.5)
        timings = []
        for run in range(runs):
            marker = f"（第 {run + 1} 次修改）"
            facts_file.write_text(original.replace(f"zh: {title}\n", f"zh: {title}{marker}\n", 1), encoding="utf-8")
            saved = time.perf_counter()
            wait_until(lambda: marker in fetch(page), 120)
            timings.append(time.perf_counter() - saved)
            time.sleep(2)  # let the server settle before the next edit
        return statistics.median(timings)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement; the median is reported")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000], help="synthetic dossier sizes")
    parser.add_argument("--build-runs", type=int, default=3, help="runs of the full build and of plain mkdocs")
    parser.add_argument("--reload-runs", type=int, default=5, help="edits timed while `serve` runs")
    parser.add_argument("--work-in", type=Path, help="the folder for the dossiers' copies (say /dev/shm, to keep a busy disk's writeback out of the timings)")
    parser.add_argument("--previews-up-to", type=int, default=1000, help="time the drawing of preview images for dossiers of at most this many facts")
    parser.add_argument("--time-once", type=Path, help=argparse.SUPPRESS)  # one timed run, in the process check_and_generate starts
    parser.add_argument("--with-previews", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.time_once:
        time_once(arguments.time_once, arguments.with_previews)
        return
    with tempfile.TemporaryDirectory(prefix="dossier-benchmark-", dir=arguments.work_in) as folder:
        work = Path(folder)
        rows = measure_sizes(work, arguments.sizes, arguments.runs, arguments.previews_up_to)
        full, plain = measure_full_build(work, arguments.build_runs)
        reload = measure_live_reload(work, arguments.reload_runs) if arguments.reload_runs else None
    print(f"Medians of {arguments.runs} runs (full builds: {arguments.build_runs} runs)\n")
    print("| dossier | facts | run | check (s) | generation (s) | check + generation (s) | per 1,000 facts (s) | preview images (s) |")
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for kind, facts, scenario, check, generation, drawing in rows:
        drawn = "—" if drawing is None else f"{drawing:.2f}"
        print(f"| {kind} | {facts:,} | {scenario} | {check:.2f} | {generation:.2f} | {check + generation:.2f} | {(check + generation) / facts * 1000:.2f} | {drawn} |")
    print(f"\n| build of the real dossier | seconds |\n| --- | ---: |\n| full build (`build_site.py build`) | {full:.2f} |\n| plain `mkdocs build` of the same pages | {plain:.2f} |")
    print(f"\nRatio full build / plain mkdocs build: {full / plain:.2f} (target ≤ 1.2)")
    if reload is not None:
        print(f"Live reload (save a fact's title → `serve` answers with the changed page), median of {arguments.reload_runs}: {reload:.2f} s (target < 2)")
    for scenario in SCENARIOS:
        synthetic = [row for row in rows if row[0] == "synthetic" and row[2] == scenario]
        if len(synthetic) >= 2:
            small, large = synthetic[0], synthetic[-1]
            growth = (large[3] + large[4]) / (small[3] + small[4])
            print(f"Growth of check + generation, {scenario}, from {small[1]:,} to {large[1]:,} facts: ×{growth:.1f} (linear is ×{large[1] / small[1]:.0f})")

if __name__ == "__main__":
    main()
