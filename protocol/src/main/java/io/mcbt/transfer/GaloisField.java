package io.mcbt.transfer;

/**
 * Arithmetic in GF(2^8) with the polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11d) and generator 2, the
 * field of the Reed-Solomon codes in RFC 5510. Addition is XOR; products come from tables built
 * once.
 */
final class GaloisField {
  static final int ORDER = 256;
  private static final int POLYNOMIAL = 0x11d;

  /** {@code EXP[i]} is 2^i, twice over so that {@code EXP[LOG[a] + LOG[b]]} needs no reduction. */
  private static final int[] EXP = new int[2 * (ORDER - 1)];

  private static final int[] LOG = new int[ORDER];

  /** {@code MUL[a][b]} is a * b: row {@code a} multiplies a whole block by {@code a}. */
  static final byte[][] MUL = new byte[ORDER][ORDER];

  static {
    int x = 1;
    for (int i = 0; i < ORDER - 1; i++) {
      EXP[i] = x;
      EXP[i + ORDER - 1] = x;
      LOG[x] = i;
      x <<= 1;
      if (x >= ORDER) {
        x ^= POLYNOMIAL;
      }
    }
    for (int a = 1; a < ORDER; a++) {
      for (int b = 1; b < ORDER; b++) {
        MUL[a][b] = (byte) EXP[LOG[a] + LOG[b]];
      }
    }
  }

  private GaloisField() {}

  static int multiply(int a, int b) {
    return MUL[a][b] & 0xff;
  }

  static int inverse(int a) {
    if (a == 0) {
      throw new ArithmeticException("0 has no inverse");
    }
    return EXP[ORDER - 1 - LOG[a]];
  }
}
