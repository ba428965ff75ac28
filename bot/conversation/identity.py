"""Who is writing, without keeping who they are.

A sender's address (phone number, Telegram chat id) is turned into a
pseudonymous id with a keyed hash (HMAC-SHA256): the same sender always gets
the same id, and the id cannot be turned back into the number without the key.
The clear address, needed only to send replies, is encrypted (Fernet) and
decrypted only by the code that sends.
"""

from __future__ import annotations

import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken


def pseudonym(key: str, channel: str, address: str) -> str:
    """The pseudonymous id of ``address`` on ``channel`` (32 hex characters)."""
    message = f"{channel}:{address}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()[:32]


class AddressBox:
    """Encrypts reply addresses at rest."""

    def __init__(self, key: str) -> None:
        """Use a Fernet key (44 url-safe base64 characters)."""
        self._fernet = Fernet(key.encode())

    def seal(self, address: str) -> str:
        """Encrypt an address for storage."""
        return self._fernet.encrypt(address.encode()).decode()

    def open(self, sealed: str) -> str:
        """Decrypt a stored address.

        Raises:
            ValueError: the value was not sealed with this key.
        """
        try:
            return self._fernet.decrypt(sealed.encode()).decode()
        except InvalidToken as error:
            raise ValueError("address cannot be decrypted with this key") from error
