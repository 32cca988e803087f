"""The site's content and how it is shown: content/*.yaml, read and checked, as a typed model rendered into
HTML fragments for the pages' macro calls.

Nothing here knows MkDocs: hooks/adapter.py drives the package in a build, and `python -m macros check`
validates the content from a shell. ARCHITECTURE.md says which module does what."""
