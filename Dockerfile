# The newsmon image: every command (`run`, `crawl --worker`, `serve`, `db upgrade`...).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md alembic.ini scrapy.cfg scheduler.py ./
COPY alembic ./alembic
COPY alerts ./alerts
COPY crawler ./crawler
COPY detector ./detector
COPY newsmon ./newsmon
COPY pipelines ./pipelines
COPY service ./service
COPY storage ./storage
COPY web ./web
# Editable: the store finds its migrations in /app/alembic beside the packages.
RUN pip install -e . && useradd --create-home newsmon
USER newsmon
# /healthz and /metrics of `newsmon run` (service.metrics_port), the API of `newsmon serve`.
EXPOSE 9465 8080
# `newsmon run` stops gracefully on SIGTERM (running crawls finish their items).
STOPSIGNAL SIGTERM
ENTRYPOINT ["newsmon"]
CMD ["run"]
