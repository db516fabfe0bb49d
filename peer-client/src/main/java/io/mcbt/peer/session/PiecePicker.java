package io.mcbt.peer.session;

import java.util.BitSet;
import java.util.Random;

/**
 * Rarest first: of the pieces a peer can give us, the one fewest connected peers have, so that rare
 * pieces spread before their holders leave. Ties are broken at random so that peers downloading
 * together fetch different pieces.
 */
final class PiecePicker {
  private final Random random;

  PiecePicker(Random random) {
    this.random = random;
  }

  /**
   * @param availability for each piece, how many connected peers have it
   * @param candidates pieces that the peer has and we neither have nor are fetching
   * @return the piece to start, or -1 when there is none
   */
  int pick(int[] availability, BitSet candidates) {
    int best = -1;
    int bestCount = Integer.MAX_VALUE;
    int ties = 0;
    for (int piece = candidates.nextSetBit(0);
        piece >= 0;
        piece = candidates.nextSetBit(piece + 1)) {
      int count = availability[piece];
      if (count < bestCount) {
        best = piece;
        bestCount = count;
        ties = 1;
      } else if (count == bestCount && random.nextInt(++ties) == 0) {
        best = piece; // reservoir sampling: each tied piece is chosen with equal chance
      }
    }
    return best;
  }
}
