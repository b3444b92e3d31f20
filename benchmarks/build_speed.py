#!/usr/bin/env python3
"""How fast the dossier builds, in this checkout and (with --against) in another, side by side.

Each tree is a black box: it is copied (without its environment and outputs) and run in
subprocesses whose working directory is the copy; nothing of the project is imported here.
Runs alternate between the trees (and their order flips every run), so that the machine's drift
weighs on both alike; the tables give medians and the ratio this tree / against.

Measured, for the real dossier and for synthetic dossiers (--sizes, default 2000 facts):
check and generation (`pipeline.write_markdown(root, pipeline.check(root))`, timed inside a fresh
process) on a first run, with nothing changed, and after one fact's title was edited. For the real
dossier only (or the --full-build-sizes too): `build_site.py build` warm (.cache/ kept) and cold
(.cache/ deleted, previews drawn again) against a plain `mkdocs build` of the same pages; and the
time from saving a changed fact title to `build_site.py serve` answering with it.

    .venv/bin/python benchmarks/build_speed.py --against /work/baseline [--runs 5] [--build-runs 3]
        [--reload-runs 5] [--sizes 2000 10000] [--full-build-sizes 2000] [--work-in /dev/shm]
        [--skip build reload sizes]
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
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))
from tests.local_server import fetch, free_port  # noqa: E402 - standard library only, nothing of the project

IGNORED = shutil.ignore_patterns(
    ".venv", ".git", "site", "site.*", ".site-building-*", "__pycache__", ".pytest_cache", "test-screenshots", ".cache", ".hypothesis", ".ruff_cache"
)
GENERATED = ("facts", "topics", "entities", "data")
# The same dates, address and no MkDocs 2 banner for both trees, whatever their git history; a
# build for publishing refuses to finish without the address it will be served from.
ENVIRONMENT = os.environ | {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "0", "SITE_URL": "https://dossier.example/"}
# Run in the copy; the imports happen before the clock starts.
TIME_ONCE = """
import json, time
from pathlib import Path
from dossier import pipeline
root = Path.cwd()
start = time.perf_counter()
dossier = pipeline.check(root)
checked = time.perf_counter()
pipeline.write_markdown(root, dossier)
print(json.dumps([checked - start, time.perf_counter() - checked]))
"""


@dataclass
class Copy:
    root: Path
    python: str  # the tree's own environment, if it has one


def copy_of(tree: Path, destination: Path) -> Copy:
    shutil.copytree(tree, destination, ignore=IGNORED)
    python = tree / ".venv" / "bin" / "python"
    return Copy(destination, str(python) if python.exists() else sys.executable)


def run(copy: Copy, *arguments: str) -> str:
    result = subprocess.run([copy.python, *arguments], cwd=copy.root, env=ENVIRONMENT, capture_output=True, text=True, check=False)
    if result.returncode:
        sys.exit(f"failed in {copy.root}: {' '.join(arguments[:3])}\n{result.stdout}\n{result.stderr}")
    return result.stdout


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def alternating(runs: int, copies: dict[str, Copy], steps: list) -> dict[str, list[list]]:
    """samples[label][i]: what step i returned on that tree, once per run. Each step runs on every
    tree before the next step, in the opposite order every other run (A B, B A…)."""
    samples = {label: [[] for _ in steps] for label in copies}
    for number in range(runs):
        order = list(copies) if number % 2 == 0 else list(copies)[::-1]
        for index, step in enumerate(steps):
            for label in order:
                samples[label][index].append(step(copies[label], number))
    return samples


FACTS_PER_FILE = 100


def facts_files(root: Path) -> list[Path]:
    return sorted(path for path in (root / "facts").glob("*.yml") if "\nfacts:" in "\n" + path.read_text(encoding="utf-8"))


def count_facts(root: Path) -> int:
    return sum(len(yaml.safe_load(path.read_text(encoding="utf-8"))["facts"] or []) for path in facts_files(root))


def synthetic_dossier(root: Path, count: int, seed: int = 7) -> None:
    """Replace the facts of a copy by `count` made-up facts quoting real sentences (the same ones,
    for the same seed and data, as the benchmark before made through the project's loader)."""
    chance = random.Random(seed)
    entities, topics, sentences = [], {}, []
    for path in sorted((root / "facts").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        entities += [entity["id"] for entity in data.get("entities") or []]
        topics |= {topic["id"]: [section["id"] for section in topic["sections"]] for topic in data.get("topics") or []}
    for path in sorted((root / "source_articles").glob("*.yml")):
        article = yaml.safe_load(path.read_text(encoding="utf-8"))
        for line in (path.parent / article["text"]).read_bytes().decode("utf-8").splitlines():
            for sentence in filter(None, (part.strip() for part in line.replace("。", "。\n").splitlines())):
                if len(sentence) > 8:
                    sentences.append((article["id"], sentence))
    facts = []
    no_reply = {"kind": "no-reply", "text": {"zh": "文章未报道任何回应。", "en": "The articles report no reply."}}
    for number in range(count):
        topic = chance.choice(sorted(topics))
        article, quote = chance.choice(sentences)
        status = chance.choice(["reported", "alleged", "prediction", "opinion"])
        facts.append(
            {
                "id": f"synthetic-fact-{number}",
                "title": {"zh": f"合成事实 {number}", "en": f"Synthetic fact {number}"},
                "claim": {"zh": f"第 {number} 条合成事实：{quote}", "en": f"Synthetic claim number {number}, quoting a real sentence."},
                "date": f"{chance.choice([2022, 2023, 2024])}-{chance.randint(1, 12):02d}",
                "topics": [topic],
                "section": chance.choice(topics[topic]),
                "entities": chance.sample(entities, 3),
                "asserted_by": [chance.choice(["appso", "qbitai", "forbes", "bloomberg"])],
                "status": status,
                "sources": [{"article": article, "quote": quote, "translation": "A real sentence of the article."}],
                **({"notes": [no_reply]} if status == "alleged" else {}),
            }
        )
    for path in facts_files(root):
        path.unlink()
    # dossier.yml names real facts (the timeline's key events, the events of a topic's chart): it
    # names as many made-up ones in their place.
    settings_file = root / "dossier.yml"
    settings = yaml.safe_load(settings_file.read_text(encoding="utf-8"))
    if "labelled" in settings.get("timeline", {}):
        settings["timeline"]["labelled"] = [fact["id"] for fact in facts[: len(settings["timeline"]["labelled"])]]
    for chart in settings.get("event_charts", []):
        chart["facts"] = [fact["id"] for fact in facts if fact["topics"] == [chart["topic"]]][: len(chart["facts"])]
        chart.pop("count", None)
    settings_file.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # Editors keep facts in many files; an edit re-reads only its file.
    for start in range(0, count, FACTS_PER_FILE):
        path = root / "facts" / f"synthetic-{start // FACTS_PER_FILE:04d}.yml"
        path.write_text(yaml.safe_dump({"facts": facts[start : start + FACTS_PER_FILE]}, allow_unicode=True, sort_keys=False), encoding="utf-8")


def forget_earlier_runs(root: Path, number: int = 0) -> None:
    """As on a fresh clone: nothing kept in .cache/ and no generated pages."""
    shutil.rmtree(root / ".cache", ignore_errors=True)
    for folder in GENERATED:
        shutil.rmtree(root / "docs" / folder, ignore_errors=True)


def edit_one_fact(root: Path, number: int) -> None:
    """Change the Chinese title of the first fact of the middle file of facts/, as an editor would."""
    files = facts_files(root)
    path = files[len(files) // 2]
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(\n\s+title:\n\s+zh: )(.+)\n", lambda match: f"{match[1]}{match[2]} (edit {number})\n", text, count=1), encoding="utf-8")


SCENARIOS = {"first run": forget_earlier_runs, "nothing changed": lambda root, number: None, "one fact edited": edit_one_fact}


def measure_generation(copies: dict[str, Copy], name: str, runs: int, rows: list) -> None:
    def step(prepare, copy: Copy, number: int) -> list[float]:
        prepare(copy.root, number)
        return json.loads(run(copy, "-c", TIME_ONCE).strip().splitlines()[-1])

    for scenario, prepare in SCENARIOS.items():
        samples = alternating(runs, copies, [partial(step, prepare)])
        for part, pick in (("check", lambda s: s[0]), ("generation", lambda s: s[1]), ("check + generation", sum)):
            rows.append((f"{name}, {scenario}: {part}", {label: statistics.median(map(pick, samples[label][0])) for label in copies}))


def measure_full_build(copies: dict[str, Copy], name: str, runs: int, rows: list, to_plain: list) -> None:
    def full(copy: Copy, number: int) -> float:
        return timed(lambda: run(copy, "build_site.py", "build", "--site-dir", str(copy.root.parent / f"{copy.root.name}-site")))

    def cold(copy: Copy, number: int) -> float:
        shutil.rmtree(copy.root / ".cache", ignore_errors=True)
        return full(copy, number)

    def plain(copy: Copy, number: int) -> float:
        return timed(lambda: run(copy, "-m", "mkdocs", "build", "--strict", "--site-dir", str(copy.root.parent / f"{copy.root.name}-plain")))

    for copy in copies.values():
        full(copy, 0)  # a first build, so that the warm runs find the pages and the previews made
    samples = alternating(runs, copies, [full, cold, plain])
    medians = {label: [statistics.median(values) for values in samples[label]] for label in copies}
    for index, kind in enumerate(("full build, warm", "full build, cold", "plain mkdocs build")):
        rows.append((f"{name}: {kind}", {label: medians[label][index] for label in copies}))
    for index, kind in ((0, "full-warm / plain"), (1, "full-cold / plain")):
        to_plain.append((f"{name}: {kind}", {label: medians[label][index] / medians[label][2] for label in copies}))


def wait_for(text: str, url: str, seconds: float, step: float = 0.05) -> None:
    deadline = time.monotonic() + seconds
    while text not in fetch(url):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url} never showed {text!r}")
        time.sleep(step)


def measure_live_reload(copies: dict[str, Copy], runs: int, rows: list) -> None:
    """Median seconds from saving a changed fact title to `serve` answering with the new title.
    Both servers run at once (idle but for the edit), so that the saves can alternate."""
    servers, pages = [], {}
    try:
        for copy in copies.values():
            port = free_port()
            facts_file = copy.root / "facts" / "collapse.yml"
            original = facts_file.read_text(encoding="utf-8")
            fact_id, title = re.search(r"- id: (\S+)\n    title:\n      zh: (.+)\n", original).groups()
            pages[copy.root] = (f"http://127.0.0.1:{port}/facts/{fact_id}/", facts_file, original, title)
            command = [copy.python, "build_site.py", "serve", "--dev-addr", f"127.0.0.1:{port}"]
            servers.append(subprocess.Popen(command, cwd=copy.root, env=ENVIRONMENT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
        for page, *_ in pages.values():
            wait_for("<h1", page, 600, step=0.5)

        def save(copy: Copy, number: int) -> float:
            page, facts_file, original, title = pages[copy.root]
            marker = f"（第 {number + 1} 次修改）"
            facts_file.write_text(original.replace(f"zh: {title}\n", f"zh: {title}{marker}\n", 1), encoding="utf-8")
            saved = time.perf_counter()
            wait_for(marker, page, 120)
            seconds = time.perf_counter() - saved
            time.sleep(2)  # let the server settle before the next edit
            return seconds

        samples = alternating(runs, copies, [save])
        rows.append(("real: save → served page changed", {label: statistics.median(samples[label][0]) for label in copies}))
    finally:
        for server in servers:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


def table(title: str, header: str, rows: list, labels: list[str], ratio: bool) -> None:
    print(f"\n| {title} | {' | '.join(header.split(',')[: len(labels)])} |" + (" ratio |" if ratio else ""))
    print("| --- |" + " ---: |" * (len(labels) + ratio))
    for measure, values in rows:
        cells = [f"{values[label]:.3f}" for label in labels]
        if ratio:
            cells.append(f"{values['this'] / values['against']:.2f}")
        print(f"| {measure} | {' | '.join(cells)} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--against", type=Path, help="another checkout to measure side by side (say /work/baseline)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each check + generation measure; the median is reported")
    parser.add_argument("--build-runs", type=int, default=3, help="runs of the full builds and of plain mkdocs")
    parser.add_argument("--reload-runs", type=int, default=5, help="edits timed while `serve` runs")
    parser.add_argument("--sizes", type=int, nargs="*", default=[2000], help="synthetic dossier sizes (10000: a stress size, no target)")
    parser.add_argument("--full-build-sizes", type=int, nargs="*", default=[], help="synthetic sizes whose full build is timed too")
    parser.add_argument("--work-in", type=Path, help="the folder for the copies (say /dev/shm, to keep a busy disk out of the timings)")
    parser.add_argument("--skip", nargs="*", default=[], choices=["build", "reload", "sizes"], help="parts not to measure")
    arguments = parser.parse_args()
    trees = {"this": HERE} | ({"against": arguments.against.resolve()} if arguments.against else {})
    labels = list(trees)
    rows, to_plain = [], []
    with tempfile.TemporaryDirectory(prefix="dossier-benchmark-", dir=arguments.work_in) as folder:
        work = Path(folder)
        sizes = [0] + ([] if "sizes" in arguments.skip else arguments.sizes)
        for size in sizes:
            copies = {label: copy_of(tree, work / f"{label}-{size}") for label, tree in trees.items()}
            for copy in copies.values() if size else []:
                synthetic_dossier(copy.root, size)
            name = f"{'synthetic' if size else 'real'} ({count_facts(copies['this'].root):,} facts)"
            print(f"{name}: check + generation…", file=sys.stderr)
            measure_generation(copies, name, arguments.runs, rows)
            if "build" not in arguments.skip and (not size or size in arguments.full_build_sizes):
                print(f"{name}: full builds…", file=sys.stderr)
                measure_full_build(copies, name, arguments.build_runs, rows, to_plain)
            if not size and "reload" not in arguments.skip and arguments.reload_runs:
                print(f"{name}: live reload…", file=sys.stderr)
                measure_live_reload(copies, arguments.reload_runs, rows)
    print(f"Trees: this = {HERE}" + (f", against = {trees['against']}" if arguments.against else ""))
    print(f"Medians of {arguments.runs} runs (full builds: {arguments.build_runs}, reloads: {arguments.reload_runs}); ratio = this / against")
    table("measure", "this tree (s),against (s)", rows, labels, ratio=arguments.against is not None)
    if to_plain:
        table("ratio to plain mkdocs (target ≤ 1.2)", "this tree,against", to_plain, labels, ratio=False)


if __name__ == "__main__":
    main()
