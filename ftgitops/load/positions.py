"""Where a JSON path stands in a YAML file: line and column, from libyaml's node marks.

Only files with findings are composed a second time, so the fast path never pays for it.
"""

from __future__ import annotations

import yaml

from ftgitops.findings import JsonPath
from ftgitops.load.yamlload import StrictLoader


class SourceMap:
    """A composed file that answers `locate(path)`; a file that fails to compose answers 1:1."""

    def __init__(self, text: str) -> None:
        try:
            self._root: yaml.Node | None = yaml.compose(text, Loader=StrictLoader)
        except yaml.YAMLError:
            self._root = None

    def node(self, path: JsonPath) -> tuple[yaml.Node | None, yaml.Node | None]:
        """The deepest node on the path that exists, and the key node that named it."""
        node, key_node = self._root, None
        for part in path:
            child = _child(node, part)
            if child is None:
                break
            key_node, node = child
        return node, key_node

    def locate(self, path: JsonPath, *, key: bool = False) -> tuple[int, int]:
        """1-based line and column of the value at `path` (of its key, with `key=True`)."""
        node, key_node = self.node(path)
        target = key_node if key and key_node is not None else node
        if target is None:
            return 1, 1
        return target.start_mark.line + 1, target.start_mark.column + 1

    def source_text(self, path: JsonPath) -> str | None:
        """The scalar as written in the file, for messages about how YAML read it."""
        node, _ = self.node(path)
        if isinstance(node, yaml.ScalarNode) and len(path) > 0:
            return str(node.value)
        return None


def _child(node: yaml.Node | None, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        for key_node, value_node in node.value:
            if key_node.value == part:
                return key_node, value_node
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return None, node.value[part]
    return None
