"""`make audit`: Lighthouse scores and transfer sizes of every page (see __main__.py)."""
