"""Pathway Figure Viewer: read PFOCR pathway figure records and the mechanisms they propose."""

__version__ = "0.1.0"
APP_NAME = "Pathway Figure Viewer"
