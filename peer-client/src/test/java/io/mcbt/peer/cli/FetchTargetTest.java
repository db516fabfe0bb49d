package io.mcbt.peer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mcbt.metainfo.InfoHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FetchTargetTest {
  private static final String HEX = "0123456789abcdef0123456789abcdef01234567";

  @Test
  void fortyHexDigitsAreAnInfoHash() {
    assertEquals(new FetchTarget.ByHash(InfoHash.fromHex(HEX)), FetchTarget.parse(HEX));
  }

  @Test
  void upperCaseHexIsTheSameInfoHash() {
    assertEquals(
        new FetchTarget.ByHash(InfoHash.fromHex(HEX)), FetchTarget.parse(HEX.toUpperCase()));
  }

  @Test
  void aMagnetLinkGivesItsInfoHash() {
    String magnet = "magnet:?xt=urn:btih:" + HEX + "&dn=ubuntu.iso&tr=http%3A%2F%2Ft%2Fannounce";
    assertEquals(new FetchTarget.ByHash(InfoHash.fromHex(HEX)), FetchTarget.parse(magnet));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ubuntu",
        "ubuntu 24.04",
        "0123456789abcdef0123456789abcdef0123456", // 39 digits
        "0123456789abcdef0123456789abcdef012345678", // 41 digits
        "0123456789abcdef0123456789abcdef0123456g"
      })
  void anythingElseIsAName(String text) {
    assertEquals(new FetchTarget.ByName(text), FetchTarget.parse(text));
  }

  @Test
  void surroundingSpaceIsIgnored() {
    assertEquals(
        new FetchTarget.ByHash(InfoHash.fromHex(HEX)), FetchTarget.parse(" " + HEX + "\n"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "magnet:?dn=no-hash", "magnet:?xt=urn:btih:nothex"})
  void refusesEmptyArgumentsAndBrokenMagnetLinks(String text) {
    assertThrows(IllegalArgumentException.class, () -> FetchTarget.parse(text));
  }
}
