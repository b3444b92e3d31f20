#!/usr/bin/env python3
"""A dossier's command line: check the facts, build the site, serve it while editing, or start a new dossier."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dossier import editing, pipeline, schema, serving, skeleton
from dossier.load import load_settings
from dossier.problems import DossierError
from dossier.publish import BuildError, UnsafeSetting
from dossier.search import SearchIndexError

ENGINE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dossier", type=Path, default=ENGINE, help="the dossier's folder, which holds its dossier.yml (default: this one's)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate the YAML facts against the articles")
    build = commands.add_parser("build", help="check, write the pages and build the site into site/")
    build.add_argument("--site-dir", type=Path, help="where the finished site goes (default: site/ in the dossier's folder)")
    build.add_argument("--local", action="store_true", help="a preview for this machine: without SITE_URL, with relative addresses")
    serve = commands.add_parser("serve", help="build and serve with live reload while you edit")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
    find = commands.add_parser("find-quote", help="show where a passage occurs in the articles")
    find.add_argument("text")
    new = commands.add_parser("new-fact", help="add a fact with every field to a facts file, ready to fill in")
    new.add_argument("id", help="the new fact's id, like bloomberg-october-2023-costs")
    new.add_argument("--topic", help="its home topic (default: dossier.yml's new_fact)")
    new.add_argument("--section", help="its section in that topic (default: dossier.yml's new_fact)")
    new.add_argument("--file", type=Path, help="the facts file to add it to (default: facts/<topic>.yml)")
    commands.add_parser("schema", help="regenerate the JSON Schemas of the YAML files from the model")
    init = commands.add_parser("init", help="start a new dossier in an empty folder: settings, a sample article, topics and facts")
    init.add_argument("folder", type=Path)
    init.add_argument("--languages", nargs=2, default=["en:en_GB:English", "fr:fr_FR:Français"], metavar="CODE:LOCALE:NAME",
                      help="its two languages, the first at the site's root (default: en:en_GB:English fr:fr_FR:Français)")
    arguments = parser.parse_args(argv)
    root = arguments.dossier.resolve()
    try:
        if arguments.command == "check":
            dossier = pipeline.check(root)
            print(f"OK: {len(dossier.facts)} facts, {len(dossier.entities)} people and organisations, {len(dossier.articles)} articles")
        elif arguments.command == "build":
            site_dir = arguments.site_dir or root / "site"
            pipeline.build(root, site_dir, local=arguments.local)
            print(f"Built a preview into {site_dir}, with relative addresses: to publish, build with SITE_URL" if arguments.local else f"Built the site into {site_dir}")
        elif arguments.command == "serve":
            return serving.serve(root, arguments.dev_addr)
        elif arguments.command == "find-quote":
            found, closest = editing.find_passages(root, arguments.text)
            print("\n".join(found) if found else "Not found in any article:\n" + "\n".join(closest))
            return 0 if found else 1
        elif arguments.command == "new-fact":
            where = load_settings(root)[0].new_fact
            topic, section = arguments.topic or where.topic, arguments.section or where.section
            path = arguments.file or root / "facts" / f"{topic}.yml"
            line = editing.scaffold_fact(path, arguments.id, topic, section, root)
            print(f"{path.relative_to(root) if path.is_relative_to(root) else path}:{line}: new fact '{arguments.id}': fill it in, then run `make check`")
        elif arguments.command == "init":
            written = skeleton.init(arguments.folder.resolve(), [skeleton.parse_language(text) for text in arguments.languages], ENGINE)
            print(f"Started a dossier in {arguments.folder}: {len(written)} files. Next: cd {arguments.folder} && make preview")
        else:
            print("\n".join(f"wrote {path}" for path in schema.write_schemas(root)) or "The schemas are up to date.")
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
    except SearchIndexError as error:
        print(f"Pagefind could not index the site for search; the previous site was left as it was:\n{error}", file=sys.stderr)
        return 1
    except OSError as error:  # the machine's, not the editor's: a folder that is a file, a full disk, no permission
        where = f" {error.filename}" if error.filename else ""
        print(f"Cannot write or read{where}: {error.strerror or error}. Check that it is a folder (or file) this user can write; "
              "nothing was published, and the previous site was left as it was.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
