"""Per-address limits count an IPv6 /64 as one address."""

from __future__ import annotations

from bot.web.client_address import client_network


def test_addresses_of_one_ipv6_64_count_as_one() -> None:
    first = client_network("2001:db8:1:2::1")
    assert first == client_network("2001:db8:1:2:ffff:abcd:1234:5678") == "2001:db8:1:2::/64"
    assert client_network("2001:db8:1:3::1") != first


def test_ipv4_addresses_stay_themselves() -> None:
    assert client_network("198.51.100.7") == "198.51.100.7"
    assert client_network("::ffff:198.51.100.7") == "198.51.100.7"
    assert client_network("198.51.100.8") != client_network("198.51.100.7")


def test_anything_else_is_unchanged() -> None:
    assert client_network("testclient") == "testclient"
    assert client_network("?") == "?"
