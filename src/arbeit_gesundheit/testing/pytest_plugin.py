"""pytest plugin for plugin authors (registered through the ``pytest11`` entry point)."""
