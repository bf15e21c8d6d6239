"""Dyad pipeline: news articles in, country-pair interaction records out."""
from pipeline.schema import EXTRACTOR_VERSION as __version__  # noqa: F401
