"""The background service's parts: crawl children, health watch, metrics, structured logs."""
