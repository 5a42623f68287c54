"""Importers that turn raw sources in ../shared/sources into contract rows (new layout)."""
