"""The Qt layer: adapters from the pure core to widgets. Only this package imports PySide6."""
