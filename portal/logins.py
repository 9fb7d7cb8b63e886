"""An alert when one user's password is guessed from many addresses.

django-axes locks a user out *from one address* after AXES_FAILURE_LIMIT wrong
passwords (portal.settings). An attacker with many addresses can stay under
that limit at each of them; locking the user name itself would stop them, but
would also lock the editor out from their own machine, which is what an
attacker who only wants to keep editors out would do. So nobody is locked out
here: each time a user's failed logins, from all addresses within the cool-off
time, reach another multiple of LOGIN_ALERT_FAILURES, one warning is logged
for the people who watch the logs (who can then block addresses at the proxy,
or ask the editor to change a weak password).
"""

import logging

from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Count, Sum
from django.utils import timezone

logger = logging.getLogger(__name__)


def alert_on_many_failures(sender, credentials, request=None, **kwargs):
    """Receiver of user_login_failed, connected after django-axes' own (which counts the attempt)."""
    threshold = settings.LOGIN_ALERT_FAILURES
    username = get_client_username(request, credentials) if request is not None else None
    if not username or threshold <= 0:
        return
    recent = AccessAttempt.objects.filter(
        username=username, attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME
    ).aggregate(failures=Sum("failures_since_start"), addresses=Count("ip_address", distinct=True))
    failures = recent["failures"] or 0
    if failures and failures % threshold == 0:
        logger.warning(
            "%d failed logins for user %r from %d addresses in the last %d minutes; "
            "nobody is locked out by this (see Login lockouts in the admin)",
            failures,
            username[:150],
            recent["addresses"],
            settings.AXES_COOLOFF_TIME.total_seconds() // 60,
        )
