package io.mcbt.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReedSolomonCodeTest {
  private static final int LENGTH = 1_424;

  @Test
  void theFieldTablesAgreeWithMultiplicationModulo0x11d() {
    for (int a = 0; a < 256; a++) {
      for (int b = 0; b < 256; b++) {
        assertEquals(slowMultiply(a, b), GaloisField.multiply(a, b), a + " * " + b);
      }
      if (a != 0) {
        assertEquals(1, GaloisField.multiply(a, GaloisField.inverse(a)), "1 / " + a);
      }
    }
    assertThrows(ArithmeticException.class, () -> GaloisField.inverse(0));
  }

  @Test
  void repairBlocksAreTheCauchyCombinations() {
    Random random = new Random(1);
    int k = 5;
    byte[][] data = randomBlocks(random, k, 64);
    ReedSolomonCode code = new ReedSolomonCode(k);
    byte[] out = new byte[64];
    for (int r : new int[] {0, 1, 100, code.maxRepairBlocks() - 1}) {
      code.encode(r, data, 64, out);
      for (int i = 0; i < 64; i++) {
        int expected = 0;
        for (int j = 0; j < k; j++) {
          expected ^= slowMultiply(GaloisField.inverse((k + r) ^ j), data[j][i] & 0xff);
        }
        assertEquals(expected, out[i] & 0xff, "repair " + r + " byte " + i);
      }
    }
  }

  @Test
  void aGroupOfOneRepairsWithScaledCopies() {
    ReedSolomonCode code = new ReedSolomonCode(1);
    byte[][] data = randomBlocks(new Random(2), 1, 10);
    byte[] repair = new byte[10];
    code.encode(0, data, 10, repair);
    byte[][] lost = {new byte[10]};

    code.decode(lost, new boolean[] {false}, new int[] {0}, new byte[][] {repair}, 10);

    assertEquals(254, code.maxRepairBlocks());
    assertArrayEquals(data[0], lost[0]);
  }

  @Test
  void everyPatternOfUpToTwoLostBlocksOfFourIsRecoveredFromAnyRepairs() {
    Random random = new Random(3);
    int k = 4;
    ReedSolomonCode code = new ReedSolomonCode(k);
    byte[][] data = randomBlocks(random, k, LENGTH);
    byte[][] repairs = new byte[4][LENGTH];
    for (int r = 0; r < 4; r++) {
      code.encode(r, data, LENGTH, repairs[r]);
    }
    int cases = 0;
    for (int lostMask = 0; lostMask < 1 << k; lostMask++) {
      int lost = Integer.bitCount(lostMask);
      if (lost > 2) {
        continue;
      }
      // every ordered choice of `lost` repairs among 0..3
      for (int repairMask = 0; repairMask < 1 << 4; repairMask++) {
        if (Integer.bitCount(repairMask) != lost) {
          continue;
        }
        int[] indices = indicesOf(repairMask);
        for (int[] order :
            lost == 2 ? new int[][] {indices, {indices[1], indices[0]}} : new int[][] {indices}) {
          byte[][] named = Arrays.stream(order).mapToObj(r -> repairs[r]).toArray(byte[][]::new);
          assertRecovered(code, data, indicesOf(lostMask), order, named, LENGTH);
          cases++;
        }
      }
    }
    // 1 (none lost) + 4 * 4 (one lost) + 6 * 12 (two lost, ordered repair pairs)
    assertEquals(1 + 16 + 72, cases);
  }

  @Test
  void randomPatternsForGroupsOf32() {
    randomPatterns(32, 300, new Random(32));
  }

  @Test
  void randomPatternsForGroupsOf128() {
    randomPatterns(128, 60, new Random(128));
  }

  @Test
  void moreRepairsThanNeededUsesTheFirstOnes() {
    Random random = new Random(5);
    ReedSolomonCode code = new ReedSolomonCode(8);
    byte[][] data = randomBlocks(random, 8, 100);
    int[] indices = {7, 3, 50, 9};
    byte[][] repairs = new byte[4][100];
    for (int i = 0; i < 4; i++) {
      code.encode(indices[i], data, 100, repairs[i]);
    }
    // the last two are garbage: only the first two may be read
    random.nextBytes(repairs[2]);
    random.nextBytes(repairs[3]);

    assertRecovered(code, data, new int[] {0, 7}, indices, repairs, 100);
  }

  @Test
  void repairIndicesFarApartAndAtTheEndsWork() {
    Random random = new Random(6);
    for (int k : new int[] {2, 17, 127, 128}) {
      ReedSolomonCode code = new ReedSolomonCode(k);
      int last = code.maxRepairBlocks() - 1;
      assertEquals(ReedSolomonCode.MAX_BLOCKS - k, code.maxRepairBlocks());
      byte[][] data = randomBlocks(random, k, 200);
      int[] indices = {last, 0, last / 2};
      byte[][] repairs = new byte[3][200];
      for (int i = 0; i < 3; i++) {
        code.encode(indices[i], data, 200, repairs[i]);
      }
      int[] lost = k == 2 ? new int[] {0, 1} : new int[] {0, k / 2, k - 1};
      assertRecovered(code, data, lost, indices, repairs, 200);
    }
  }

  @Test
  void blocksShorterThanTheirBuffersUseOnlyTheFirstLengthBytes() {
    Random random = new Random(7);
    ReedSolomonCode code = new ReedSolomonCode(3);
    byte[][] data = randomBlocks(random, 3, 50);
    byte[] repair = new byte[60];
    Arrays.fill(repair, (byte) 0x5a);
    code.encode(1, data, 40, repair);
    byte[] tail = new byte[20];
    Arrays.fill(tail, (byte) 0x5a);
    assertArrayEquals(tail, Arrays.copyOfRange(repair, 40, 60));

    byte[][] received = {data[0], new byte[45], data[2]};
    code.decode(
        received, new boolean[] {true, false, true}, new int[] {1}, new byte[][] {repair}, 40);
    assertArrayEquals(Arrays.copyOf(data[1], 40), Arrays.copyOf(received[1], 40));
  }

  @Test
  void badArgumentsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ReedSolomonCode(0));
    assertThrows(IllegalArgumentException.class, () -> new ReedSolomonCode(129));
    assertThrows(IllegalArgumentException.class, () -> new ReedSolomonCode(-1));
    ReedSolomonCode code = new ReedSolomonCode(4);
    byte[][] data = randomBlocks(new Random(8), 4, 16);
    byte[] out = new byte[16];

    // encode: repair index, block count, lengths
    assertThrows(IllegalArgumentException.class, () -> code.encode(-1, data, 16, out));
    assertThrows(IllegalArgumentException.class, () -> code.encode(251, data, 16, out));
    assertThrows(IllegalArgumentException.class, () -> code.encode(0, data, 0, out));
    assertThrows(IllegalArgumentException.class, () -> code.encode(0, data, -1, out));
    assertThrows(IllegalArgumentException.class, () -> code.encode(0, data, 17, new byte[17]));
    assertThrows(IllegalArgumentException.class, () -> code.encode(0, data, 16, new byte[15]));
    assertThrows(
        IllegalArgumentException.class, () -> code.encode(0, Arrays.copyOf(data, 3), 16, out));
    assertThrows(
        IllegalArgumentException.class, () -> code.encode(0, Arrays.copyOf(data, 5), 16, out));
    assertThrows(IllegalArgumentException.class, () -> code.encode(0, new byte[0][], 16, out));
    code.encode(250, data, 16, out);

    boolean[] twoLost = {true, false, true, false};
    byte[][] one = {out};
    byte[][] two = {out, out.clone()};
    // too few repairs
    assertThrows(
        IllegalArgumentException.class,
        () -> code.decode(copy(data), twoLost, new int[] {250}, one, 16));
    assertThrows(
        IllegalArgumentException.class,
        () -> code.decode(copy(data), twoLost, new int[0], new byte[0][], 16));
    // duplicate or out-of-range indices, or indices that do not match the repairs
    assertThrows(
        IllegalArgumentException.class,
        () -> code.decode(copy(data), twoLost, new int[] {3, 3}, two, 16));
    assertThrows(
        IllegalArgumentException.class,
        () -> code.decode(copy(data), twoLost, new int[] {3, 251}, two, 16));
    assertThrows(
        IllegalArgumentException.class,
        () -> code.decode(copy(data), twoLost, new int[] {-1, 3}, two, 16));
    assertThrows(
        IllegalArgumentException.class,
        () -> code.decode(copy(data), twoLost, new int[] {1, 2, 3}, two, 16));
    // lengths: zero, a short missing buffer, a short repair, a short present block
    assertThrows(
        IllegalArgumentException.class,
        () -> code.decode(copy(data), twoLost, new int[] {1, 2}, two, 0));
    byte[][] shortMissing = copy(data);
    shortMissing[1] = new byte[15];
    assertThrows(
        IllegalArgumentException.class,
        () -> code.decode(shortMissing, twoLost, new int[] {1, 2}, two, 16));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            code.decode(
                copy(data), twoLost, new int[] {1, 2}, new byte[][] {out, new byte[15]}, 16));
    byte[][] shortPresent = copy(data);
    shortPresent[0] = new byte[3];
    assertThrows(
        IllegalArgumentException.class,
        () -> code.decode(shortPresent, twoLost, new int[] {1, 2}, two, 16));
    // flags and blocks that do not match the group
    assertThrows(
        IllegalArgumentException.class,
        () ->
            code.decode(copy(data), new boolean[] {true, false, true}, new int[] {1, 2}, two, 16));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            code.decode(
                Arrays.copyOf(data, 3),
                new boolean[3],
                new int[] {1, 2, 3},
                new byte[][] {out, out, out},
                16));
  }

  private static void randomPatterns(int k, int trials, Random random) {
    ReedSolomonCode code = new ReedSolomonCode(k);
    byte[][] data = randomBlocks(random, k, LENGTH);
    List<Integer> all = new ArrayList<>();
    for (int r = 0; r < code.maxRepairBlocks(); r++) {
      all.add(r);
    }
    for (int t = 0; t < trials; t++) {
      int lostCount = random.nextInt(21);
      boolean[] present = new boolean[k];
      Arrays.fill(present, true);
      for (int lost = 0; lost < lostCount; ) {
        int j = random.nextInt(k);
        if (present[j]) {
          present[j] = false;
          lost++;
        }
      }
      Collections.shuffle(all, random);
      int[] indices =
          all.subList(0, lostCount + random.nextInt(3)).stream().mapToInt(i -> i).toArray();
      byte[][] repairs = new byte[indices.length][LENGTH];
      for (int i = 0; i < indices.length; i++) {
        code.encode(indices[i], data, LENGTH, repairs[i]);
      }
      byte[][] received = new byte[k][];
      for (int j = 0; j < k; j++) {
        received[j] = present[j] ? data[j] : filled(LENGTH);
      }

      code.decode(received, present, indices, repairs, LENGTH);

      for (int j = 0; j < k; j++) {
        assertArrayEquals(data[j], received[j], "k " + k + " trial " + t + " block " + j);
      }
    }
  }

  private static void assertRecovered(
      ReedSolomonCode code,
      byte[][] data,
      int[] lost,
      int[] indices,
      byte[][] repairs,
      int length) {
    int k = code.dataBlocks();
    boolean[] present = new boolean[k];
    Arrays.fill(present, true);
    for (int j : lost) {
      present[j] = false;
    }
    byte[][] received = new byte[k][];
    for (int j = 0; j < k; j++) {
      received[j] = present[j] ? data[j] : filled(length);
    }
    byte[][] used = Arrays.copyOf(repairs, indices.length);

    code.decode(received, present, indices, used, length);

    for (int j = 0; j < k; j++) {
      assertArrayEquals(
          Arrays.copyOf(data[j], length),
          Arrays.copyOf(received[j], length),
          "block " + j + " lost " + Arrays.toString(lost) + " repairs " + Arrays.toString(indices));
    }
  }

  private static byte[] filled(int length) {
    byte[] garbage = new byte[length];
    Arrays.fill(garbage, (byte) 0xee);
    return garbage;
  }

  private static int[] indicesOf(int mask) {
    return java.util.stream.IntStream.range(0, 32).filter(i -> (mask & 1 << i) != 0).toArray();
  }

  private static byte[][] randomBlocks(Random random, int k, int length) {
    byte[][] blocks = new byte[k][length];
    for (byte[] block : blocks) {
      random.nextBytes(block);
    }
    return blocks;
  }

  private static byte[][] copy(byte[][] blocks) {
    byte[][] copy = new byte[blocks.length][];
    for (int i = 0; i < blocks.length; i++) {
      copy[i] = blocks[i].clone();
    }
    return copy;
  }

  /** Carry-less multiplication reduced by x^8 + x^4 + x^3 + x^2 + 1, one bit at a time. */
  private static int slowMultiply(int a, int b) {
    int product = 0;
    for (int bit = 0; bit < 8; bit++) {
      if ((b & 1 << bit) != 0) {
        product ^= a << bit;
      }
    }
    for (int bit = 14; bit >= 8; bit--) {
      if ((product & 1 << bit) != 0) {
        product ^= 0x11d << (bit - 8);
      }
    }
    return product;
  }
}
