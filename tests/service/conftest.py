"""Redis for the distributed tests: skipped where there is none, but never in CI."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

REDIS_URL = os.environ.get("NEWSMON_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@dataclass(frozen=True)
class RedisSpace:
    """A Redis server and a key prefix no other test uses."""

    url: str
    prefix: str


@pytest.fixture
def redis_space() -> Iterator[RedisSpace]:
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.RedisError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but Redis is not reachable at {REDIS_URL}: {exc}")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    space = RedisSpace(REDIS_URL, f"newsmon-test-{uuid.uuid4().hex[:12]}")
    try:
        yield space
    finally:
        for key in client.scan_iter(match=f"{space.prefix}:*", count=1000):
            client.delete(key)
        client.close()
