package io.mcbt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAddressTest {

  @ParameterizedTest
  @ValueSource(strings = {"192.0.2.7", "10.0.0.1", "::1", "2001:db8::17", "::ffff:192.0.2.7"})
  void addressLiteralsAreTaken(String literal) throws Exception {
    assertEquals(InetAddress.getByName(literal), ClientAddress.parse(literal).orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "localhost",
        "example.org",
        "1.2.3",
        "1.2.3.4.5",
        "300.1.1.1",
        "1.2.3.4 ",
        "::g",
        "x:y",
        "1.2.3.4, 5.6.7.8"
      })
  void anythingElseIsRefusedWithoutALookup(String text) {
    assertTrue(ClientAddress.parse(text).isEmpty(), text);
  }
}
