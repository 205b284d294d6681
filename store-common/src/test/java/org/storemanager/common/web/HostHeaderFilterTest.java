package org.storemanager.common.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostHeaderFilterTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.0.0.1:5000",
        "localhost",
        "store-manager:5000",
        "[::1]:5000",
        "a.example.org"
      })
  void validHosts(String host) {
    assertTrue(HostHeaderFilter.isValidHost(host));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "bad host!!",
        "a b",
        "user@host",
        "host:port",
        "[::1",
        "h\tx",
        "é.example",
        "a/b",
        "a?b",
        "a#b",
        "a\\\\b"
      })
  void malformedHosts(String host) {
    assertFalse(HostHeaderFilter.isValidHost(host));
  }
}
