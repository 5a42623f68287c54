"""The Dash dashboard: reads the library's results through ``dashboard.data_access``."""
