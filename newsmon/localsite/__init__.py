"""Small local servers: a news site to crawl, a webhook receiver and an SMTP sink.

The demo runs on them, and so do the end-to-end tests; every one binds
127.0.0.1 on a free port.
"""
