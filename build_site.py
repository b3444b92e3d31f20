#!/usr/bin/env python3
"""The Stability dossier's command line: check the facts, build the site, or serve it while editing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dossier import editing, pipeline, schema, serving
from dossier.problems import DossierError
from dossier.publish import BuildError, UnsafeSetting

ROOT = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate the YAML facts against the articles")
    build = commands.add_parser("build", help="check, write the pages and build the site into site/")
    build.add_argument("--site-dir", type=Path, default=ROOT / "site", help="where the finished site goes")
    serve = commands.add_parser("serve", help="build and serve with live reload while you edit")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
    find = commands.add_parser("find-quote", help="show where a passage occurs in the articles")
    find.add_argument("text")
    new = commands.add_parser("new-fact", help="add a fact with every field to a facts file, ready to fill in")
    new.add_argument("id", help="the new fact's id, like bloomberg-october-2023-costs")
    new.add_argument("--topic", default="collapse", help="its home topic (default: collapse)")
    new.add_argument("--section", default="money", help="its section in that topic (default: money)")
    new.add_argument("--file", type=Path, help="the facts file to add it to (default: facts/<topic>.yml)")
    commands.add_parser("schema", help="regenerate the JSON Schemas of the YAML files from the model")
    arguments = parser.parse_args(argv)
    try:
        if arguments.command == "check":
            dossier = pipeline.check(ROOT)
            print(f"OK: {len(dossier.facts)} facts, {len(dossier.entities)} people and organisations, {len(dossier.articles)} articles")
        elif arguments.command == "build":
            if not pipeline.site_url():
                print("Note: SITE_URL is not set, so previews, the sitemap and robots.txt use relative addresses. "
                      "Set SITE_URL=https://your.host/path/ when building the site you publish.")
            pipeline.build(ROOT, arguments.site_dir)
            print(f"Built the site into {arguments.site_dir}")
        elif arguments.command == "serve":
            return serving.serve(ROOT, arguments.dev_addr)
        elif arguments.command == "find-quote":
            found, closest = editing.find_passages(ROOT, arguments.text)
            print("\n".join(found) if found else "Not found in any article:\n" + "\n".join(closest))
            return 0 if found else 1
        elif arguments.command == "new-fact":
            path = arguments.file or ROOT / "facts" / f"{arguments.topic}.yml"
            line = editing.scaffold_fact(path, arguments.id, arguments.topic, arguments.section, ROOT)
            print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:{line}: new fact '{arguments.id}': fill it in, then run `make check`")
        else:
            print("\n".join(f"wrote {path}" for path in schema.write_schemas(ROOT)) or "The schemas are up to date.")
    except DossierError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found; nothing was published.", file=sys.stderr)
        return 1
    except UnsafeSetting as error:
        print(f"{error}; nothing was built.", file=sys.stderr)
        return 2
    except BuildError as error:
        print(f"MkDocs could not build the site; the previous site was left as it was:\n{error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
