"""``newsmon alerts``: the delivery outbox."""

from __future__ import annotations

import click

from newsmon.app import AppContext, pass_app


@click.group()
def alerts() -> None:
    """Send and inspect alert deliveries."""


@alerts.command("send")
@click.option("--now", is_flag=True, help="Also send deliveries whose next retry is not due yet.")
@click.option("--dry-run", is_flag=True, help="Render and log the alerts without sending them.")
@pass_app
def send(app: AppContext, now: bool, dry_run: bool) -> None:
    """Send pending alert deliveries."""
    send_pending(app, include_not_due=now, dry_run=dry_run)


def send_pending(app: AppContext, *, include_not_due: bool, dry_run: bool) -> None:
    """Dispatch what is pending in the outbox to the configured channels."""
    from alerts.channels import build_channels
    from alerts.dispatch import dispatch_pending

    channels = build_channels(app.settings.alerts)
    summary = dispatch_pending(
        app.sessions, channels, include_not_due=include_not_due, dry_run=dry_run
    )
    if summary.total or include_not_due:
        click.echo(
            f"alerts: {summary.sent} sent, {summary.retried} to retry later, "
            f"{summary.failed} given up" + (f", {summary.skipped} dry-run" if dry_run else "")
        )
