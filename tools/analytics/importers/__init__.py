"""Importers for seller exports (Shopify, Amazon, Google/Meta/TikTok/Amazon ads) into the tenant store."""

from tools.analytics.importers.models import ImportDefaults, ImportResult, ProgressCallback, Rejected
from tools.analytics.importers.pipeline import SOURCES, detect_source, import_file

__all__ = [
    "SOURCES",
    "ImportDefaults",
    "ImportResult",
    "ProgressCallback",
    "Rejected",
    "detect_source",
    "import_file",
]
