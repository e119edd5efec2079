"""Exports of a record (and later its mechanism) to the formats the field uses (no Qt here)."""

from viewer.export.json_export import record_to_dict, record_to_json

__all__ = ["record_to_dict", "record_to_json"]
