"""Load untrusted YAML safely: LibYAML's safe loader, guarded against bombs and deep nesting.

The safe loader already refuses tags that construct Python objects. Two dangers remain:
aliases that expand exponentially ("billion laughs") and nesting deep enough to exhaust the
stack (LibYAML's composer crashes the process near ten thousand levels). A cheap look at the
text decides whether a second, event-level pass is needed to measure both before loading.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from viewer.record.errors import RecordError

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # SafeLoader without LibYAML


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """The safe loader, keeping an impossible date (``2001-13-45``) as the text it is."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> object:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)

MAX_DEPTH = 32
MAX_EXPANDED_VALUES = 200_000
_SUSPICIOUS_INDENT = re.compile(r"^[ \t?:\-]{48,}", re.MULTILINE)
_COLLECTION_STARTS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_COLLECTION_ENDS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def uses_libyaml() -> bool:
    """Tell whether the fast LibYAML loader is in use."""
    return _Base is not yaml.SafeLoader


def _needs_guard(text: str) -> bool:
    return (
        "&" in text
        or text.count("[") + text.count("{") > MAX_DEPTH
        or _SUSPICIOUS_INDENT.search(text) is not None
    )


def _check_structure(text: str, path: str, first_line: int) -> None:
    """Walk the YAML events once, measuring nesting depth and the size aliases expand to."""
    anchor_sizes: dict[str, int] = {}
    stack: list[list[Any]] = [[None, 0]]  # [anchor, values counted so far]
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, _COLLECTION_STARTS):
            stack.append([event.anchor, 0])
            if len(stack) - 1 > MAX_DEPTH:
                raise RecordError(
                    f"the data is nested more than {MAX_DEPTH} levels deep",
                    path,
                    event.start_mark.line + first_line,
                )
        elif isinstance(event, _COLLECTION_ENDS):
            anchor, size = stack.pop()
            size += 1
            if anchor:
                anchor_sizes[anchor] = size
            stack[-1][1] += size
        elif isinstance(event, yaml.ScalarEvent):
            if event.anchor:
                anchor_sizes[event.anchor] = 1
            stack[-1][1] += 1
        elif isinstance(event, yaml.AliasEvent):
            stack[-1][1] += anchor_sizes.get(event.anchor, 1)
        else:
            continue
        if stack[-1][1] > MAX_EXPANDED_VALUES:
            raise RecordError(
                f"the YAML repeats aliases (*name) that would expand to more than "
                f"{MAX_EXPANDED_VALUES:,} values; a record never needs that, so it is refused",
                path,
                event.start_mark.line + first_line,
            )


def _mark_position(exc: yaml.MarkedYAMLError, first_line: int) -> tuple[int | None, int | None]:
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return None, None
    return mark.line + first_line, mark.column + 1


def load_yaml(text: str, path: str, first_line: int = 1) -> Any:
    """Parse YAML text that starts on file line ``first_line``; raise ``RecordError`` if bad."""
    try:
        if _needs_guard(text):
            _check_structure(text, path, first_line)
        return yaml.load(text, Loader=_Loader)
    except yaml.constructor.ConstructorError as exc:
        line, column = _mark_position(exc, first_line)
        problem = exc.problem or "a value of an unsupported kind"
        if "tag" in problem:
            problem = (
                f"{problem}; records may hold only text, numbers, lists and 'field: value' pairs"
            )
        raise RecordError(problem, path, line, column) from None
    except yaml.MarkedYAMLError as exc:
        line, column = _mark_position(exc, first_line)
        what = exc.problem or "the YAML cannot be read"
        if "nesting depth" in what:  # LibYAML's own limit
            raise RecordError(
                f"the data is nested more than {MAX_DEPTH} levels deep", path, line, column
            ) from None
        if exc.context:
            what = f"{what} ({exc.context})"
        raise RecordError(f"YAML syntax error: {what}", path, line, column) from None
    except yaml.YAMLError as exc:
        raise RecordError(f"YAML error: {exc}", path) from None
    except RecursionError:
        raise RecordError(f"the data is nested more than {MAX_DEPTH} levels deep", path) from None
