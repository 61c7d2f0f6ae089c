"""``newsmon demo``: a local news site, crawled twice, with alerts arriving live."""
