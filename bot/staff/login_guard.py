"""Signing staff in, with a lock on failed logins that an attacker cannot turn on the staff.

The design follows OWASP's advice on brute-force attacks, with device cookies:

- A browser that signed in as a username gets a *device cookie* for that
  username (a random nonce signed with the session key). A *known browser*
  presenting it is blocked only by its own recent failures (5 in 15 minutes):
  nobody else's failures count against it, neither at its address nor
  anywhere. An attacker behind the office's shared address (NAT, Wi-Fi, the
  reverse proxy's own address) cannot lock the admin out of a browser they
  use.
- An *unknown browser* is blocked after 5 failures for the username from its
  address, after 20 failures for any usernames from its address (one client
  trying many names), or after 40 failures for the username from unknown
  browsers anywhere (guessing spread over many addresses). Then only known
  browsers can still sign in as that username, until the 15 minutes pass.
- The username is normalised once (``normalize_username``) for the account
  lookup and every lock key, so spelling variants share one lock.
- Attempts for one username, and from one address, are handled one at a time
  (checked, verified, recorded), so a burst of simultaneous guesses cannot
  all be verified before the first failures are counted. With Redis the
  locks hold across gateway processes.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, func, select

from bot.conversation.locks import KeyedLocks
from bot.staff.accounts import authenticate, normalize_username
from bot.storage.database import Database
from bot.storage.models import LoginAttempt, Staff

MAX_FAILURES = 5
MAX_ADDRESS_FAILURES = 20
MAX_USERNAME_FAILURES = 40
FAILURE_WINDOW = dt.timedelta(minutes=15)
FAILURE_MEMORY = dt.timedelta(hours=1)
DEVICE_COOKIE = "staff_device"
DEVICE_DAYS = 180
MAX_USERNAME_INPUT = 256


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _key(*parts: str) -> str:
    """A stored lock key: a digest, so addresses and usernames are not kept in clear."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


@dataclass(frozen=True)
class SignInResult:
    """The outcome of a sign-in attempt."""

    staff: Staff | None
    locked: bool = False
    device_cookie: str | None = None


@dataclass(frozen=True)
class _Attempt:
    username: str
    address: str
    device: str | None  # the nonce of a valid device cookie for this username

    def limits(self) -> list[tuple[str, int]]:
        """The lock keys this attempt is checked against, with their thresholds."""
        if self.device is not None:
            return [(_key("device", self.device), MAX_FAILURES)]
        return [
            (_key("user-address", self.username, self.address), MAX_FAILURES),
            (_key("address", self.address), MAX_ADDRESS_FAILURES),
            (_key("user", self.username), MAX_USERNAME_FAILURES),
        ]

    def failure_keys(self) -> list[str]:
        """The lock keys a failure of this attempt counts under."""
        address = _key("address", self.address)
        if self.device is not None:
            return [_key("device", self.device), address]
        return [key for key, _ in self.limits()]


class LoginGuard:
    """Checks credentials behind the lock on failed logins."""

    def __init__(self, database: Database, secret: str, locks: KeyedLocks) -> None:
        """Use ``secret`` (the session key) to sign device cookies; ``locks`` to serialise."""
        self.database = database
        self._secret = secret.encode()
        self.locks = locks

    def _signature(self, username: str, nonce: str) -> str:
        message = f"device\x1f{username}\x1f{nonce}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    def new_device_cookie(self, username: str) -> str:
        """A device cookie for a browser that just signed in as ``username``."""
        nonce = secrets.token_urlsafe(16)
        return f"{nonce}.{self._signature(normalize_username(username), nonce)}"

    def device_of(self, username: str, cookie: str | None) -> str | None:
        """The nonce of ``cookie`` when it is a valid device cookie for ``username``."""
        nonce, _, signature = (cookie or "").partition(".")
        expected = self._signature(username, nonce).encode()
        if not nonce or not hmac.compare_digest(signature.encode(), expected):
            return None
        return nonce

    def _counts(self, keys: Iterable[str]) -> dict[str, int]:
        since = _now() - FAILURE_WINDOW
        with self.database.session() as session:
            rows = session.execute(
                select(LoginAttempt.key, func.count())
                .where(LoginAttempt.key.in_(list(keys)), LoginAttempt.at >= since)
                .group_by(LoginAttempt.key)
            ).all()
        return {key: count for key, count in rows}

    def _blocked(self, attempt: _Attempt) -> bool:
        limits = attempt.limits()
        counts = self._counts(key for key, _ in limits)
        return any(counts.get(key, 0) >= limit for key, limit in limits)

    def _record_failure(self, attempt: _Attempt) -> None:
        with self.database.session() as session:
            session.add_all(LoginAttempt(key=key) for key in attempt.failure_keys())
            session.execute(delete(LoginAttempt).where(LoginAttempt.at < _now() - FAILURE_MEMORY))
            session.commit()

    async def sign_in(
        self, username: str, password: str, address: str, device_cookie: str | None
    ) -> SignInResult:
        """Check the credentials unless the lock applies; record a failure."""
        name = normalize_username(username[:MAX_USERNAME_INPUT])
        attempt = _Attempt(name, address, self.device_of(name, device_cookie))
        async with (
            self.locks.hold(f"login-user:{_key(name)}"),
            self.locks.hold(f"login-address:{_key(address)}"),
        ):
            if await asyncio.to_thread(self._blocked, attempt):
                return SignInResult(None, locked=True)
            staff = await asyncio.to_thread(authenticate, self.database, name, password)
            if staff is None:
                await asyncio.to_thread(self._record_failure, attempt)
                return SignInResult(None)
        return SignInResult(staff, device_cookie=self.new_device_cookie(name))
