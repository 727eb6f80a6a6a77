"""Page generators: one module per page family, each returning Markdown for one audience."""
