"""The Qt layer: adapters from the pure core to widgets. Only this package imports PySide6."""

import threading

# Start importing the record parser (PyYAML) at once, beside the main thread's Qt imports:
# the first record needs it as soon as the window exists.
threading.Thread(target=__import__, args=("viewer.record.parse",), daemon=True).start()
