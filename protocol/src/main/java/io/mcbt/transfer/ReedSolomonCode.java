package io.mcbt.transfer;

import static io.mcbt.transfer.GaloisField.MUL;

/**
 * A systematic MDS erasure code over GF(2^8) for a coding group's repair blocks: the k data blocks
 * go out as they are, and repair block {@code r} is a linear combination of them with the
 * coefficients of row {@code r} of a Cauchy matrix, {@code 1 / (x_r + y_j)} with {@code x_r = k +
 * r} and {@code y_j = j} (RFC 5510 builds its Reed-Solomon codes over the same field, with a
 * Vandermonde matrix instead). Every square submatrix of a Cauchy matrix is invertible, so any k of
 * a group's data and repair blocks give back its data blocks.
 *
 * <p>All blocks of a group have the same length; the sender pads a short last block with zeros.
 * Encoding allocates nothing; decoding allocates only its small matrices. An instance holds no
 * mutable state and may be shared between threads.
 */
public final class ReedSolomonCode {
  /** Data plus repair blocks of one group: the field has 255 points besides 0. */
  public static final int MAX_BLOCKS = 255;

  /** Data blocks per group at most, as {@link SessionParameters#MAX_CODING_BLOCKS}. */
  private static final int MAX_DATA_BLOCKS = SessionParameters.MAX_CODING_BLOCKS;

  private final int dataBlocks;

  /** {@code cauchy[r][j]}: the coefficient of data block j in repair block r. */
  private final byte[][] cauchy;

  public ReedSolomonCode(int dataBlocks) {
    if (dataBlocks < 1 || dataBlocks > MAX_DATA_BLOCKS) {
      throw new IllegalArgumentException("a coding group has 1 to 128 data blocks: " + dataBlocks);
    }
    this.dataBlocks = dataBlocks;
    this.cauchy = new byte[MAX_BLOCKS - dataBlocks][dataBlocks];
    for (int r = 0; r < cauchy.length; r++) {
      for (int j = 0; j < dataBlocks; j++) {
        cauchy[r][j] = (byte) GaloisField.inverse((dataBlocks + r) ^ j);
      }
    }
  }

  public int dataBlocks() {
    return dataBlocks;
  }

  public int maxRepairBlocks() {
    return cauchy.length;
  }

  /**
   * Repair block {@code repairIndex} of {@code data} (k arrays, each at least length bytes):
   * out[0..length). {@code out} must not be one of the data arrays.
   */
  public void encode(int repairIndex, byte[][] data, int length, byte[] out) {
    if (repairIndex < 0 || repairIndex >= cauchy.length) {
      throw new IllegalArgumentException("repair index " + repairIndex);
    }
    checkBlocks(data, length);
    checkBuffer(out, length, "repair buffer");
    combine(cauchy[repairIndex], data, length, out);
  }

  /**
   * Recovers the missing data blocks in place: present[j] says whether data[j] holds block j; for
   * the missing ones data[j] is a buffer of at least length bytes that receives the block.
   * repairIndices[i] names repairs[i]. Needs at least as many repairs as missing data blocks (uses
   * the first ones it needs); throws IllegalArgumentException otherwise or for
   * duplicate/out-of-range indices.
   */
  public void decode(
      byte[][] data, boolean[] present, int[] repairIndices, byte[][] repairs, int length) {
    checkBlocks(data, length);
    if (present.length != dataBlocks || repairIndices.length != repairs.length) {
      throw new IllegalArgumentException("one flag per data block, one index per repair block");
    }
    boolean[] seen = new boolean[cauchy.length];
    for (int index : repairIndices) {
      if (index < 0 || index >= cauchy.length || seen[index]) {
        throw new IllegalArgumentException("repair index out of range or repeated: " + index);
      }
      seen[index] = true;
    }
    int[] missing = missing(present);
    int m = missing.length;
    if (repairIndices.length < m) {
      throw new IllegalArgumentException(m + " blocks missing, " + repairs.length + " repairs");
    }
    if (m == 0) {
      return;
    }
    byte[][] sources = new byte[dataBlocks][];
    int[] presentIndices = new int[dataBlocks - m];
    for (int j = 0, p = 0; j < dataBlocks; j++) {
      if (present[j]) {
        presentIndices[p] = j;
        sources[p++] = data[j];
      }
    }
    for (int i = 0; i < m; i++) {
      checkBuffer(repairs[i], length, "repair block");
      sources[dataBlocks - m + i] = repairs[i];
    }
    int[][] inverse = invert(lostColumns(repairIndices, missing));
    byte[] coefficients = new byte[dataBlocks];
    for (int t = 0; t < m; t++) {
      // Block missing[t] = sum over repairs i of inverse[t][i] * (repair i minus what the present
      // blocks put into it), regrouped per source block.
      for (int p = 0; p < presentIndices.length; p++) {
        int sum = 0;
        for (int i = 0; i < m; i++) {
          sum ^=
              GaloisField.multiply(
                  inverse[t][i], cauchy[repairIndices[i]][presentIndices[p]] & 0xff);
        }
        coefficients[p] = (byte) sum;
      }
      for (int i = 0; i < m; i++) {
        coefficients[dataBlocks - m + i] = (byte) inverse[t][i];
      }
      combine(coefficients, sources, length, data[missing[t]]);
    }
  }

  private void checkBlocks(byte[][] data, int length) {
    if (length < 1) {
      throw new IllegalArgumentException("blocks of " + length + " bytes");
    }
    if (data.length != dataBlocks) {
      throw new IllegalArgumentException(data.length + " data blocks, not " + dataBlocks);
    }
    for (byte[] block : data) {
      checkBuffer(block, length, "data block");
    }
  }

  private static void checkBuffer(byte[] buffer, int length, String what) {
    if (buffer == null || buffer.length < length) {
      throw new IllegalArgumentException(what + " shorter than " + length + " bytes");
    }
  }

  private static int[] missing(boolean[] present) {
    int count = 0;
    for (boolean p : present) {
      count += p ? 0 : 1;
    }
    int[] missing = new int[count];
    for (int j = 0, t = 0; j < present.length; j++) {
      if (!present[j]) {
        missing[t++] = j;
      }
    }
    return missing;
  }

  /** The square Cauchy submatrix: rows the first m repairs, columns the missing blocks. */
  private int[][] lostColumns(int[] repairIndices, int[] missing) {
    int m = missing.length;
    int[][] matrix = new int[m][m];
    for (int i = 0; i < m; i++) {
      for (int t = 0; t < m; t++) {
        matrix[i][t] = cauchy[repairIndices[i]][missing[t]] & 0xff;
      }
    }
    return matrix;
  }

  /** Gauss-Jordan elimination; a Cauchy submatrix always has an inverse. */
  static int[][] invert(int[][] matrix) {
    int n = matrix.length;
    int[][] a = new int[n][];
    int[][] inverse = new int[n][n];
    for (int i = 0; i < n; i++) {
      a[i] = matrix[i].clone();
      inverse[i][i] = 1;
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      while (pivot < n && a[pivot][col] == 0) {
        pivot++;
      }
      if (pivot == n) {
        throw new ArithmeticException("singular matrix");
      }
      swap(a, col, pivot);
      swap(inverse, col, pivot);
      int scale = GaloisField.inverse(a[col][col]);
      for (int c = 0; c < n; c++) {
        a[col][c] = GaloisField.multiply(a[col][c], scale);
        inverse[col][c] = GaloisField.multiply(inverse[col][c], scale);
      }
      for (int row = 0; row < n; row++) {
        int factor = a[row][col];
        if (row != col && factor != 0) {
          for (int c = 0; c < n; c++) {
            a[row][c] ^= GaloisField.multiply(factor, a[col][c]);
            inverse[row][c] ^= GaloisField.multiply(factor, inverse[col][c]);
          }
        }
      }
    }
    return inverse;
  }

  private static void swap(int[][] rows, int i, int j) {
    int[] row = rows[i];
    rows[i] = rows[j];
    rows[j] = row;
  }

  /**
   * out[0..length) = sum of coefficients[j] * sources[j]. Four sources per pass over {@code out},
   * each through its row of the multiplication table, then the rest one at a time.
   */
  private static void combine(byte[] coefficients, byte[][] sources, int length, byte[] out) {
    int n = coefficients.length;
    int j = 0;
    if (n >= 4) {
      set4(coefficients, sources, 0, length, out);
      for (j = 4; j + 4 <= n; j += 4) {
        add4(coefficients, sources, j, length, out);
      }
    } else {
      set1(coefficients[0] & 0xff, sources[0], length, out);
      j = 1;
    }
    for (; j < n; j++) {
      add1(coefficients[j] & 0xff, sources[j], length, out);
    }
  }

  private static void set4(byte[] coefficients, byte[][] sources, int j, int length, byte[] out) {
    byte[] r0 = MUL[coefficients[j] & 0xff];
    byte[] r1 = MUL[coefficients[j + 1] & 0xff];
    byte[] r2 = MUL[coefficients[j + 2] & 0xff];
    byte[] r3 = MUL[coefficients[j + 3] & 0xff];
    byte[] s0 = sources[j];
    byte[] s1 = sources[j + 1];
    byte[] s2 = sources[j + 2];
    byte[] s3 = sources[j + 3];
    for (int i = 0; i < length; i++) {
      out[i] = (byte) (r0[s0[i] & 0xff] ^ r1[s1[i] & 0xff] ^ r2[s2[i] & 0xff] ^ r3[s3[i] & 0xff]);
    }
  }

  private static void add4(byte[] coefficients, byte[][] sources, int j, int length, byte[] out) {
    byte[] r0 = MUL[coefficients[j] & 0xff];
    byte[] r1 = MUL[coefficients[j + 1] & 0xff];
    byte[] r2 = MUL[coefficients[j + 2] & 0xff];
    byte[] r3 = MUL[coefficients[j + 3] & 0xff];
    byte[] s0 = sources[j];
    byte[] s1 = sources[j + 1];
    byte[] s2 = sources[j + 2];
    byte[] s3 = sources[j + 3];
    for (int i = 0; i < length; i++) {
      out[i] ^= (byte) (r0[s0[i] & 0xff] ^ r1[s1[i] & 0xff] ^ r2[s2[i] & 0xff] ^ r3[s3[i] & 0xff]);
    }
  }

  private static void set1(int coefficient, byte[] source, int length, byte[] out) {
    if (coefficient == 1) {
      System.arraycopy(source, 0, out, 0, length);
      return;
    }
    byte[] row = MUL[coefficient];
    for (int i = 0; i < length; i++) {
      out[i] = row[source[i] & 0xff];
    }
  }

  private static void add1(int coefficient, byte[] source, int length, byte[] out) {
    if (coefficient == 0) {
      return;
    }
    if (coefficient == 1) {
      for (int i = 0; i < length; i++) {
        out[i] ^= source[i];
      }
      return;
    }
    byte[] row = MUL[coefficient];
    for (int i = 0; i < length; i++) {
      out[i] ^= row[source[i] & 0xff];
    }
  }
}
