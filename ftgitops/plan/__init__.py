"""Planning: the work the platform's rules make regular, computed instead of typed by hand."""
