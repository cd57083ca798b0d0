"""Build-time code for the guide site: MkDocs hooks and Markdown fences.

Runs only under CPython when the site is built; nothing here ships to the browser.
"""
