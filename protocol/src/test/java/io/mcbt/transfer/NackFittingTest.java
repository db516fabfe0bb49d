package io.mcbt.transfer;

import static io.mcbt.transfer.FrameTestData.PARAMETERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Nack#fitting}: as many ranges as fit {@link Nack#MAX_BODY_LENGTH}, at limit and + 1. */
class NackFittingTest {
  private static final int CONSIDERED = 1 << 20;

  /**
   * 595 ranges of a one-byte gap and length (2 bytes each), then one whose length takes {@code
   * lastLengthBytes}: a body of 7 + 1,190 + 1 + lastLengthBytes bytes.
   */
  private static List<BlockRange> ranges(int lastLengthBytes) {
    List<BlockRange> ranges = new ArrayList<>();
    for (int i = 0; i < 595; i++) {
      ranges.add(new BlockRange(2 * i + 1, 1));
    }
    int lastLength = lastLengthBytes == 2 ? 128 : 16_384;
    ranges.add(new BlockRange(2 * 595 + 1, lastLength));
    return ranges;
  }

  private static int missing(List<BlockRange> ranges) {
    return ranges.stream().mapToInt(BlockRange::count).sum();
  }

  @Test
  void rangesFillingTheLimitAllFit() throws MalformedFrameException {
    List<BlockRange> ranges = ranges(2);
    Nack nack = Nack.fitting(PARAMETERS, 0, CONSIDERED, missing(ranges), false, ranges);

    assertFalse(nack.truncated());
    assertEquals(ranges, nack.ranges());
    ByteBuffer sealed = FrameTestData.sealed(nack);
    assertEquals(Nack.MAX_BODY_LENGTH, FrameHeader.bodyLength(sealed));
    assertEquals(nack, Nack.decode(sealed));
  }

  @Test
  void oneByteOverTheLimitLeavesTheLastRangeOut() throws MalformedFrameException {
    List<BlockRange> ranges = ranges(3);
    Nack nack = Nack.fitting(PARAMETERS, 0, CONSIDERED, missing(ranges), false, ranges);

    assertTrue(nack.truncated());
    assertEquals(ranges.subList(0, 595), nack.ranges());
    assertEquals(missing(ranges), nack.missingBlocks(), "the count still covers every block");
    ByteBuffer sealed = FrameTestData.sealed(nack);
    assertEquals(Nack.MAX_BODY_LENGTH - 3, FrameHeader.bodyLength(sealed));
    assertEquals(nack, Nack.decode(sealed));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Nack(PARAMETERS, 0, CONSIDERED, missing(ranges), false, false, ranges));
  }

  @Test
  void aLongListIsCutToTheLimit() {
    List<BlockRange> ranges = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      ranges.add(new BlockRange(1_000 * i, 1 + i % 300));
    }
    Nack nack = Nack.fitting(PARAMETERS, 3, 10_000_000, missing(ranges), false, ranges);

    assertTrue(nack.truncated());
    assertEquals(ranges.subList(0, nack.ranges().size()), nack.ranges());
    int bodyLength = FrameHeader.bodyLength(FrameTestData.sealed(nack));
    assertTrue(bodyLength <= Nack.MAX_BODY_LENGTH && bodyLength > Nack.MAX_BODY_LENGTH - 4);
  }

  @Test
  void fewRangesAreNotTruncated() {
    List<BlockRange> ranges = List.of(new BlockRange(0, 4), new BlockRange(10, 1));
    Nack nack = Nack.fitting(PARAMETERS, 0, 11, 5, false, ranges);

    assertFalse(nack.truncated());
    assertEquals(ranges, nack.ranges());
    assertFalse(Nack.fitting(PARAMETERS, 0, 11, 0, true, List.of()).truncated());
  }
}
