"""Browser tests (a package, so their module names never clash with tests of the same name
elsewhere: tests/browser/test_plotly_bundle.py beside tests/dashboard/test_plotly_bundle.py)."""
