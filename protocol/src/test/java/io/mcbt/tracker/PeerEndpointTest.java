package io.mcbt.tracker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeerEndpointTest {
  private static final byte[] V6 = HexFormat.of().parseHex("20010db8000000000000000000000001");

  @Test
  void writesIpv4CompactFormWithThePortInNetworkOrder() {
    PeerEndpoint endpoint = new PeerEndpoint(new byte[] {(byte) 203, 0, 113, 9}, 6881);
    byte[] out = new byte[8];

    endpoint.writeCompact(out, 1);

    assertTrue(endpoint.isIpv4());
    assertEquals(6, endpoint.compactLength());
    assertArrayEquals(new byte[] {0, (byte) 203, 0, 113, 9, 0x1A, (byte) 0xE1, 0}, out);
    assertEquals("203.0.113.9", endpoint.host());
    assertEquals("203.0.113.9:6881", endpoint.toString());
  }

  @Test
  void writesIpv6CompactForm() {
    PeerEndpoint endpoint = new PeerEndpoint(V6, 65535);
    byte[] out = new byte[18];

    endpoint.writeCompact(out, 0);

    assertFalse(endpoint.isIpv4());
    assertEquals(18, endpoint.compactLength());
    byte[] expected = new byte[18];
    System.arraycopy(V6, 0, expected, 0, 16);
    expected[16] = expected[17] = (byte) 0xFF;
    assertArrayEquals(expected, out);
    assertEquals("2001:db8:0:0:0:0:0:1", endpoint.host());
    assertEquals("[2001:db8:0:0:0:0:0:1]:65535", endpoint.toString());
    assertTrue(endpoint.inetAddress() instanceof Inet6Address);
  }

  @Test
  void foldsIpv4MappedIpv6ToIpv4() throws Exception {
    byte[] mapped = HexFormat.of().parseHex("00000000000000000000ffffc0000207");
    InetAddress v6 = Inet6Address.getByAddress(null, mapped, -1);

    PeerEndpoint endpoint = PeerEndpoint.of(v6, 80);

    assertEquals(new PeerEndpoint(new byte[] {(byte) 192, 0, 2, 7}, 80), endpoint);
    assertTrue(endpoint.inetAddress() instanceof Inet4Address);
    assertEquals(endpoint, PeerEndpoint.of(InetAddress.getByName("::ffff:192.0.2.7"), 80));
  }

  @Test
  void keepsIpv6AddressesThatOnlyLookMapped() throws Exception {
    byte[] compatible = HexFormat.of().parseHex("000000000000000000000000c0000207");
    byte[] almost = HexFormat.of().parseHex("00000000000000000001ffffc0000207");

    assertFalse(PeerEndpoint.of(Inet6Address.getByAddress(null, compatible, -1), 80).isIpv4());
    assertFalse(PeerEndpoint.of(Inet6Address.getByAddress(null, almost, -1), 80).isIpv4());
  }

  @Test
  void isAValueThatCopiesItsAddress() {
    byte[] address = {10, 0, 0, 1};
    PeerEndpoint endpoint = new PeerEndpoint(address, 1);
    address[0] = 99;
    endpoint.address()[1] = 99;

    assertArrayEquals(new byte[] {10, 0, 0, 1}, endpoint.address());
    assertEquals(new PeerEndpoint(new byte[] {10, 0, 0, 1}, 1), endpoint);
    assertEquals(new PeerEndpoint(new byte[] {10, 0, 0, 1}, 1).hashCode(), endpoint.hashCode());
    assertNotEquals(new PeerEndpoint(new byte[] {10, 0, 0, 1}, 2), endpoint);
    assertNotEquals(new PeerEndpoint(new byte[] {10, 0, 0, 2}, 1), endpoint);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3, 5, 15, 17})
  void refusesAddressesThatAreNeither4Nor16Bytes(int length) {
    assertThrows(IllegalArgumentException.class, () -> new PeerEndpoint(new byte[length], 1));
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 0, 65536})
  void refusesPortsOutOfRange(int port) {
    assertThrows(IllegalArgumentException.class, () -> new PeerEndpoint(new byte[4], port));
  }
}
