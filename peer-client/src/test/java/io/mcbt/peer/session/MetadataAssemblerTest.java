package io.mcbt.peer.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.peer.session.MetadataAssembler.Outcome;
import io.mcbt.wire.MetadataMessage;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetadataAssemblerTest {
  private static final int PIECE = MetadataMessage.PIECE_BYTES;

  private final byte[] info = random(2 * PIECE + 500);
  private final MetadataAssembler assembler =
      new MetadataAssembler(InfoHash.of(info, 0, info.length));

  @Test
  void assemblesPiecesInAnyOrderAndChecksTheHash() {
    assertTrue(assembler.offerSize(info.length));
    assertEquals(3, assembler.pieceCount());
    assertEquals(Outcome.STORED, assembler.receive("a", piece(2)));
    assertEquals(0, assembler.nextMissing(0));
    assertEquals(Outcome.STORED, assembler.receive("b", piece(0)));
    assertEquals(1, assembler.nextMissing(0));
    assertEquals(Outcome.COMPLETE, assembler.receive("a", piece(1)));
    assertArrayEquals(info, assembler.infoBytes());
  }

  @Test
  void boundsTheSize() {
    assertFalse(assembler.offerSize(MetadataAssembler.MAX_METADATA_BYTES + 1));
    assertFalse(assembler.offerSize(0));
    assertFalse(assembler.offerSize(-1));
    assertFalse(assembler.hasSize());
    assertTrue(new MetadataAssembler(hash()).offerSize(MetadataAssembler.MAX_METADATA_BYTES));
  }

  @Test
  void keepsTheFirstSizeAndRefusesPiecesOfAnother() {
    assertTrue(assembler.offerSize(info.length));
    assertFalse(assembler.offerSize(info.length + 1));
    assertTrue(assembler.offerSize(info.length));
    assertEquals(
        Outcome.REFUSED,
        assembler.receive("x", MetadataMessage.data(0, info.length + 1, slice(0))));
  }

  @Test
  void refusesPiecesThatDoNotFit() {
    assertEquals(Outcome.REFUSED, assembler.receive("x", piece(0)), "no size yet");
    assembler.offerSize(info.length);
    assertEquals(
        Outcome.REFUSED, assembler.receive("x", MetadataMessage.data(3, info.length, new byte[1])));
    assertEquals(
        Outcome.REFUSED,
        assembler.receive("x", MetadataMessage.data(2, info.length, new byte[499])),
        "short last piece");
    assertEquals(
        Outcome.REFUSED,
        assembler.receive("x", MetadataMessage.data(0, info.length, new byte[PIECE - 1])));
    assertEquals(Outcome.STORED, assembler.receive("x", piece(0)));
    assertEquals(Outcome.REFUSED, assembler.receive("x", piece(0)), "duplicate");
  }

  @Test
  void aDictionaryThatDoesNotHashRightIsDroppedWithItsSenders() {
    assembler.offerSize(info.length);
    assembler.receive("honest", piece(0));
    byte[] forged = slice(1);
    forged[7] ^= 1;
    assembler.receive("liar", MetadataMessage.data(1, info.length, forged));
    assertEquals(Outcome.CORRUPT, assembler.receive("honest", piece(2)));
    assertFalse(assembler.hasSize(), "start again, from the next size offered");
    assertEquals(Set.of("honest", "liar"), assembler.takeContributors());
    assertTrue(assembler.offerSize(info.length));
    for (int i = 0; i < 2; i++) {
      assertEquals(Outcome.STORED, assembler.receive("honest", piece(i)));
    }
    assertEquals(Outcome.COMPLETE, assembler.receive("honest", piece(2)));
  }

  private MetadataMessage piece(int index) {
    return MetadataMessage.data(index, info.length, slice(index));
  }

  private byte[] slice(int index) {
    return Arrays.copyOfRange(info, index * PIECE, Math.min(info.length, (index + 1) * PIECE));
  }

  private InfoHash hash() {
    return InfoHash.of(info, 0, info.length);
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(11).nextBytes(bytes);
    return bytes;
  }
}
