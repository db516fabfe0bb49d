package io.mcbt.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExtensionHandshakeTest {
  @Test
  void encodesCanonicallyAndRoundTrips() throws Exception {
    ExtensionHandshake ours =
        new ExtensionHandshake(
            Map.of("ut_metadata", 1),
            OptionalLong.of(31235),
            OptionalInt.of(6881),
            Optional.of("mcbt 0.1.0"),
            OptionalInt.of(250));
    byte[] bytes = ours.encode();
    assertEquals(
        "d1:md11:ut_metadatai1ee13:metadata_sizei31235e1:pi6881e4:reqqi250e1:v10:mcbt 0.1.0e",
        new String(bytes, StandardCharsets.US_ASCII));
    assertEquals(ours, ExtensionHandshake.decode(bytes));
  }

  /** What aria2 sends, with keys we do not know and an extension switched off. */
  @Test
  void readsAnotherClientsHandshake() throws Exception {
    String aria2 =
        "d12:complete_agoi-1e1:md11:ut_metadatai2e6:ut_pexi0ee13:metadata_sizei1234e"
            + "1:v12:aria2/1.37.0e";
    ExtensionHandshake theirs =
        ExtensionHandshake.decode(aria2.getBytes(StandardCharsets.US_ASCII));
    assertEquals(OptionalInt.of(2), theirs.idOf(ExtensionHandshake.UT_METADATA));
    assertTrue(theirs.idOf("ut_pex").isEmpty(), "id 0 means disabled");
    assertEquals(OptionalLong.of(1234), theirs.metadataSize());
    assertEquals(Optional.of("aria2/1.37.0"), theirs.client());
    assertTrue(theirs.requestQueue().isEmpty());
  }

  @Test
  void ignoresWronglyTypedOptionalKeys() throws Exception {
    ExtensionHandshake theirs =
        ExtensionHandshake.decode(
            "d1:md1:xi300ee13:metadata_size3:abc1:pi70000e4:reqqi-1e1:vi5ee"
                .getBytes(StandardCharsets.US_ASCII));
    assertEquals(Map.of(), theirs.extensions());
    assertTrue(theirs.metadataSize().isEmpty());
    assertTrue(theirs.listenPort().isEmpty());
    assertTrue(theirs.client().isEmpty());
    assertTrue(theirs.requestQueue().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "le",
        "d1:mi1ee",
        "d1:md11:ut_metadatai1eeee",
        "d1:md11:ut_metadatai1e",
        "d9999:ut_metadata",
        "d1:mdi1ei1eee",
        "d1:md1:xi99999999999999999999eee"
      })
  void refusesMalformedPayloads(String payload) {
    assertThrows(
        MalformedMessageException.class,
        () -> ExtensionHandshake.decode(payload.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void refusesDeepNesting() {
    String deep = "d1:x" + "l".repeat(100) + "e".repeat(100) + "e";
    assertThrows(
        MalformedMessageException.class,
        () -> ExtensionHandshake.decode(deep.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void encodesWhatItReads() throws Exception {
    byte[] minimal = "d1:mdee".getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(minimal, ExtensionHandshake.decode(minimal).encode());
  }
}
