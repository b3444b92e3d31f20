"""The Stability dossier: load YAML facts, validate them against the articles, render pages, publish the site."""
