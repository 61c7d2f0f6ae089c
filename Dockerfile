FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md alembic.ini scrapy.cfg ./
COPY alembic ./alembic
COPY alerts ./alerts
COPY crawler ./crawler
COPY detector ./detector
COPY newsmon ./newsmon
COPY pipelines ./pipelines
COPY storage ./storage
COPY scheduler.py ./
RUN pip install -e . && useradd --create-home newsmon
USER newsmon
ENTRYPOINT ["newsmon"]
CMD ["run"]
