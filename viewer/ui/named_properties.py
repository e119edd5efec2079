"""Set Qt properties by name, so that the widgets of the first paint leave ``Qt`` unloaded.

The first use of the ``PySide6.QtCore.Qt`` namespace builds its ~94 enums through Python's
enum machinery, 45-50 ms. The widgets that show in the window's first paint therefore set
their Qt-typed properties by the enum value's name (``textFormat="PlainText"`` for
``Qt.TextFormat.PlainText``), and ``Qt`` loads after the window shows.
"""

from __future__ import annotations

from PySide6.QtCore import QObject


def set_properties(obj: QObject, **values: object) -> None:
    """Set each Qt property ``name=value`` on ``obj``; enum values go by their name.

    ``QObject.setProperty`` reports a misspelt name or value only by returning ``False`` (it
    then keeps the value as a dynamic property): raise ``ValueError`` instead.
    """
    for name, value in values.items():
        if not obj.setProperty(name, value):
            raise ValueError(f"{type(obj).__name__}: cannot set property {name!r} to {value!r}")
