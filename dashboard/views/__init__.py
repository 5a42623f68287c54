"""Plain functions behind the pages: figures, tables, text summaries and downloads."""
