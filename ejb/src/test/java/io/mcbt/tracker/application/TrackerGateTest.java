package io.mcbt.tracker.application;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.tracker.TrackerFailure;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrackerGateTest {

  private static TrackerGate gate(boolean privateMode, String passkeys, double rate, int burst) {
    TrackerSettings settings = new TrackerSettings();
    settings.privateMode = privateMode;
    settings.passkeys = Optional.ofNullable(passkeys);
    settings.announceRatePerIp = rate;
    settings.announceBurstPerIp = burst;
    TrackerGate gate = new TrackerGate();
    gate.settings = settings;
    gate.start();
    return gate;
  }

  @Test
  void passkeysAreReadAsUserColonKeyPairs() {
    TrackerSettings settings = new TrackerSettings();
    settings.passkeys = Optional.of(" alice:k1 , bob: k2,broken, :nouser, nokey: ,carol:k:3");
    assertEquals(Map.of("alice", "k1", "bob", "k2", "carol", "k:3"), settings.passkeysByUser());
  }

  @Test
  void privateModeTakesOnlyConfiguredPasskeys() {
    TrackerGate gate = gate(true, "alice:k1,bob:k2", 0, 1);
    assertDoesNotThrow(() -> gate.checkPasskey("k1"));
    assertDoesNotThrow(() -> gate.checkPasskey("k2"));
    assertEquals(
        "unknown passkey",
        assertThrows(TrackerFailure.class, () -> gate.checkPasskey("k3")).getMessage());
    assertTrue(
        assertThrows(TrackerFailure.class, () -> gate.checkPasskey(null))
            .getMessage()
            .startsWith("this tracker is private"));
    assertThrows(TrackerFailure.class, () -> gate.admitUdp(InetAddress.getLoopbackAddress()));
  }

  @Test
  void withoutPrivateModeAnyPasskeyOrNoneIsFine() {
    TrackerGate gate = gate(false, null, 0, 1);
    assertDoesNotThrow(() -> gate.checkPasskey(null));
    assertDoesNotThrow(() -> gate.checkPasskey("anything"));
    assertDoesNotThrow(() -> gate.admitUdp(InetAddress.getLoopbackAddress()));
  }

  @Test
  void anAddressOverItsRateIsToldWhenToComeBack() throws Exception {
    TrackerGate gate = gate(false, null, 0.5, 2);
    InetAddress client = InetAddress.getByName("192.0.2.9");
    gate.admit(client);
    gate.admit(client);
    TrackerFailure refused = assertThrows(TrackerFailure.class, () -> gate.admit(client));
    assertTrue(
        refused.getMessage().matches("too many requests from your address: try again in [12] s"),
        refused.getMessage());
    assertDoesNotThrow(() -> gate.admit(InetAddress.getByName("192.0.2.10")));
    assertEquals(1, gate.throttled());
  }
}
