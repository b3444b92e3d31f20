"""A bilingual evidence dossier's engine: load YAML facts, validate them against the articles, render pages, publish the site."""
