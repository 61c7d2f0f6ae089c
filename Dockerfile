# The newsmon image: every command (`run`, `crawl --worker`, `serve`, `db upgrade`...).
# The wheel is built from the source tree, then installed alone: the image runs what
# `pip install newsmon` would, migrations and templates included.
FROM python:3.11-slim AS build
WORKDIR /src
COPY . .
RUN pip wheel --no-cache-dir --no-deps -w /wheels .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
COPY --from=build /wheels /wheels
RUN pip install /wheels/*.whl && rm -rf /wheels && useradd --create-home newsmon
WORKDIR /home/newsmon
USER newsmon
# /healthz and /metrics of `newsmon run` (service.metrics_port), the API of `newsmon serve`.
EXPOSE 9465 8080
# `newsmon run` stops gracefully on SIGTERM (running crawls finish their items).
STOPSIGNAL SIGTERM
ENTRYPOINT ["newsmon"]
CMD ["run"]
