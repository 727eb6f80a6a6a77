"""The status site: an MkDocs plugin that turns the loaded model into pages, feeds and APIs."""
