"""The one validated settings object, read from YAML and NEWSMON_* variables.

The file is found via ``--config PATH``, then ``NEWSMON_CONFIG``, then
``./newsmon.yaml``; a missing default file just means "all defaults". Every
key can be overridden by an environment variable: ``NEWSMON_DATABASE_URL``,
``NEWSMON_ALERTS__EMAIL__HOST`` (``__`` separates nested keys; lists and
mappings are given as JSON). One module per part of the file: ``sources``,
``alerts``, ``sections`` (crawl, service, dedupe, api), and ``settings``,
which ties them together and reads the file.
"""

from newsmon.config.alerts import (
    AlertsConfig,
    AppriseConfig,
    ChannelSettings,
    DigestMode,
    EmailConfig,
    StageName,
    SubscriptionConfig,
    WebhookConfig,
    channel_ref_matches,
)
from newsmon.config.base import (
    DEFAULT_CONFIG_NAME,
    ConfigError,
    Duration,
    StrictModel,
    parse_duration,
)
from newsmon.config.sections import (
    API_TOKEN_ENV,
    ApiConfig,
    CrawlConfig,
    DedupeConfig,
    ServiceConfig,
)
from newsmon.config.settings import Settings, default_data_dir, find_config_file, load_settings
from newsmon.config.sources import ExtractConfig, LinkRules, SourceConfig

__all__ = [
    "API_TOKEN_ENV",
    "DEFAULT_CONFIG_NAME",
    "AlertsConfig",
    "ApiConfig",
    "AppriseConfig",
    "ChannelSettings",
    "ConfigError",
    "CrawlConfig",
    "DedupeConfig",
    "DigestMode",
    "Duration",
    "EmailConfig",
    "ExtractConfig",
    "LinkRules",
    "ServiceConfig",
    "Settings",
    "SourceConfig",
    "StageName",
    "StrictModel",
    "SubscriptionConfig",
    "WebhookConfig",
    "channel_ref_matches",
    "default_data_dir",
    "find_config_file",
    "load_settings",
    "parse_duration",
]
