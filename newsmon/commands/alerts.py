"""``newsmon alerts``: the delivery outbox, its channels, and trying them out."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from newsmon.cli_context import AppContext, UsageProblem, pass_app
from newsmon.config import ConfigError
from newsmon.output import JsonFormat, json_options, print_rows

if TYPE_CHECKING:
    from newsmon.alerts.channels import Channel, Message


class SendFailed(UsageProblem):
    """A test message the channel did not deliver: one line, exit code 1."""

    exit_code = 1


@click.group()
def alerts() -> None:
    """Send and inspect alert deliveries and channels."""


@alerts.command("send")
@click.option(
    "--now",
    is_flag=True,
    help="Also send deliveries whose next retry is not due yet, and digests before their "
    "period ends.",
)
@click.option("--dry-run", is_flag=True, help="Print the rendered alerts instead of sending them.")
@pass_app
def send(app: AppContext, now: bool, dry_run: bool) -> None:
    """Send pending alert deliveries."""
    send_pending(app, include_not_due=now, dry_run=dry_run)


def send_pending(app: AppContext, *, include_not_due: bool, dry_run: bool) -> None:
    """Dispatch what is pending in the outbox to the configured channels."""
    from newsmon.alerts.channels import build_channels
    from newsmon.alerts.dispatch import dispatch_pending

    channels = build_channels(app.settings.alerts)
    summary = dispatch_pending(
        app.sessions,
        channels,
        include_not_due=include_not_due,
        dry_run=dry_run,
        preview=_print_preview if dry_run else None,
    )
    if summary.total or include_not_due:
        digests = f" ({summary.digests} digests)" if summary.digests else ""
        click.echo(
            f"alerts: {summary.sent} sent{digests}, {summary.retried} to retry later, "
            f"{summary.failed} given up" + (f", {summary.skipped} dry-run" if dry_run else "")
        )


def _print_preview(channel: Channel, message: Message, delivery_ids: Sequence[int]) -> None:
    ids = ", ".join(str(i) for i in delivery_ids)
    if not delivery_ids:
        what = "a test alert"
    else:
        what = f"delivery {ids}" if len(delivery_ids) == 1 else f"digest of deliveries {ids}"
    click.echo(f"would send {what} via {channel.name or channel.kind} ({channel.label}):")
    click.echo(f"  {message.summary}")
    body = message.body.decode("utf-8", errors="replace")
    with contextlib.suppress(ValueError):  # not JSON: shown as it is
        body = json.dumps(json.loads(body), indent=2, ensure_ascii=False)
    for line in body.splitlines():
        click.echo(f"    {line}".rstrip())


@alerts.command("list")
@click.option("--failed", is_flag=True, help="Only deliveries that were given up.")
@click.option("--pending", is_flag=True, help="Only deliveries still to be sent.")
@click.option(
    "--limit",
    default=100,
    show_default=True,
    type=click.IntRange(1, 100_000),
    help="At most this many, newest first.",
)
@json_options
@pass_app
def list_command(
    app: AppContext, failed: bool, pending: bool, limit: int, as_json: JsonFormat
) -> None:
    """List deliveries, newest first: status, attempts, last status code and error, next attempt.

    The last status is the receiver's answer to the last attempt (HTTP status, SMTP reply).
    """
    from newsmon.alerts.outbox import delivery_row, listing_query

    if failed and pending:
        raise UsageProblem("--failed and --pending exclude each other; give one")
    configured = _configured(app)
    with app.sessions() as session:
        query = listing_query(failed_only=failed, pending_only=pending, limit=limit)
        rows = [delivery_row(d, configured) for d in session.scalars(query).unique()]
    if not rows and not as_json:
        which = "failed " if failed else "pending " if pending else ""
        click.echo(f"(no {which}deliveries)")
        return
    columns = [
        "id",
        "status",
        "channel",
        "attempts",
        "last_status",
        "last_error",
        "next_attempt",
        "event",
    ]
    print_rows(rows, columns, as_json=as_json, widths={"last_error": 60, "event": 60})


@alerts.command("retry")
@click.argument("ids", metavar="[ID]...", nargs=-1, type=int)
@click.option("--all-failed", is_flag=True, help="Every delivery that was given up.")
@click.option("--send", "send_now", is_flag=True, help="Send them right away.")
@pass_app
def retry(app: AppContext, ids: tuple[int, ...], all_failed: bool, send_now: bool) -> None:
    """Put failed deliveries back in the queue, due now, with a fresh retry schedule.

    A channel disabled after answering 410 Gone is enabled again for them.
    """
    from newsmon.alerts.outbox import enable_channel, requeue

    if not ids and not all_failed:
        raise UsageProblem("name the deliveries to retry (IDs from `alerts list`) or --all-failed")
    with app.sessions() as session, session.begin():
        try:
            rows = requeue(session, ids=ids, all_failed=all_failed)
        except (LookupError, ValueError) as exc:
            raise UsageProblem(str(exc.args[0])) from None
        keys = {(row.channel, row.target) for row in rows}
        enabled = [key for key in keys if enable_channel(session, *key)]
    click.echo(f"requeued {len(rows)} deliver{'y' if len(rows) == 1 else 'ies'}, due now")
    for kind, target in sorted(enabled):
        click.echo(f"enabled {_describe(kind, target)} again")
    if send_now and rows:
        send_pending(app, include_not_due=False, dry_run=False)
    elif rows:
        click.echo("they go out with the next `newsmon alerts send` (or within `newsmon run`)")


@alerts.command("channels")
@json_options
@pass_app
def channels_command(app: AppContext, as_json: JsonFormat) -> None:
    """List the configured channels: name, digest mode, subscribed, enabled or disabled."""
    from newsmon.alerts.outbox import find_channel
    from newsmon.alerts.routing import Router

    configured = _configured(app)
    router = Router(configured, app.settings.alerts.subscriptions)
    rows = []
    with app.sessions() as session:
        for channel in configured:
            state = find_channel(session, channel.kind, channel.target)
            disabled = state is not None and state.disabled_at is not None
            rows.append(
                {
                    "name": channel.name,
                    "kind": channel.kind,
                    "target": channel.describe_address(channel.address),
                    "digest": channel.digest,
                    "subscribed": router.subscribed((channel.kind, channel.target)),
                    "state": "disabled" if disabled else "enabled",
                    "disabled_reason": state.disabled_reason if state and disabled else None,
                }
            )
    if not rows and not as_json:
        click.echo("(no alert channels are configured: see alerts in the configuration)")
        return
    columns = ["name", "target", "digest", "subscribed", "state", "disabled_reason"]
    print_rows(rows, columns, as_json=as_json, widths={"disabled_reason": 60})


@alerts.command("enable")
@click.argument("channel")
@click.option("--retry", "requeue_failed", is_flag=True, help="Also requeue its failed deliveries.")
@pass_app
def enable(app: AppContext, channel: str, requeue_failed: bool) -> None:
    """Send to CHANNEL again (after a 410 Gone or `alerts disable`).

    CHANNEL is a kind (every channel of it), kind:N as `alerts channels` lists, or a URL.
    """
    from newsmon.alerts.outbox import enable_channel, requeue

    for picked in _select(app, channel):
        with app.sessions() as session, session.begin():
            was_disabled = enable_channel(session, picked.kind, picked.target)
            requeued = (
                requeue(session, all_failed=True, channel=(picked.kind, picked.target))
                if requeue_failed
                else []
            )
        state = "enabled" if was_disabled else "was not disabled"
        more = f"; requeued {len(requeued)} failed deliveries" if requeue_failed else ""
        click.echo(f"{picked.name} ({picked.label}): {state}{more}")


@alerts.command("disable")
@click.argument("channel")
@pass_app
def disable(app: AppContext, channel: str) -> None:
    """Stop sending to CHANNEL; its pending deliveries are marked failed until re-enabled."""
    from newsmon.alerts.outbox import disable_channel

    for picked in _select(app, channel):
        with app.sessions() as session, session.begin():
            failed = disable_channel(
                session,
                picked.kind,
                picked.target,
                reason="disabled by `newsmon alerts disable`",
                name=picked.name,
            )
        click.echo(f"{picked.name} ({picked.label}): disabled; {failed} pending deliveries failed")


@alerts.command("test")
@click.argument("channel")
@click.option("--dry-run", is_flag=True, help="Print the sample alert instead of sending it.")
@pass_app
def test(app: AppContext, channel: str, dry_run: bool) -> None:
    """Send a sample alert through CHANNEL (a kind, kind:N, or its URL); nothing is stored.

    A digest channel gets a sample digest. The sample says plainly that it is a test.
    """
    import time
    import uuid

    from newsmon.alerts.channels import DeliveryError
    from newsmon.alerts.event import Digest, sample_events
    from newsmon.alerts.sending import deliver
    from newsmon.storage.models import utcnow

    now = utcnow()
    events = sample_events(now)
    for picked in _select(app, channel):
        message_id = f"test_{uuid.uuid4().hex}"
        if picked.digest == "immediate":
            message = picked.render(events[0], message_id=message_id)
        else:
            digest = Digest(start=now, end=now, events=events)
            message = picked.render_digest(digest, message_id=message_id)
        if dry_run:
            _print_preview(picked, message, [])
            continue
        started = time.monotonic()
        try:
            status = deliver(picked, message)
        except DeliveryError as exc:
            raise SendFailed(f"test alert via {picked.name} failed: {exc.reason}") from None
        took = round((time.monotonic() - started) * 1000)
        answer = f", answered {status}" if status is not None else ""
        click.echo(f"sent a test alert via {picked.name} ({picked.label}) in {took} ms{answer}")


def _configured(app: AppContext) -> list[Channel]:
    from newsmon.alerts.channels import build_channels

    return build_channels(app.settings.alerts)


def _select(app: AppContext, name: str) -> list[Channel]:
    from newsmon.alerts.channels import select_channels

    try:
        return select_channels(_configured(app), name)
    except ConfigError as exc:
        raise UsageProblem(str(exc)) from None


def _describe(kind: str, target: str) -> str:
    from newsmon.alerts.channels import describe_target

    return f"{kind} {describe_target(kind, target)}"
