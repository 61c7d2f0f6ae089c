"""The HTTP side of newsmon: a JSON API, Atom feeds and server-rendered pages.

``newsmon serve`` runs :func:`web.app.create_app` on uvicorn. Everything here
only reads the store; crawling and alerting happen in other processes.
"""
