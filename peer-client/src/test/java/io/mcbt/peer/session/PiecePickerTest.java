package io.mcbt.peer.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PiecePickerTest {
  private final PiecePicker picker = new PiecePicker(new Random(7));

  private static BitSet pieces(int... indexes) {
    BitSet set = new BitSet();
    for (int i : indexes) {
      set.set(i);
    }
    return set;
  }

  @Test
  void picksTheRarestCandidate() {
    int[] availability = {5, 1, 3, 1, 2};
    assertEquals(4, picker.pick(availability, pieces(0, 2, 4)));
  }

  @Test
  void ignoresRarerPiecesThatAreNotCandidates() {
    int[] availability = {0, 4, 2};
    assertEquals(2, picker.pick(availability, pieces(1, 2)));
  }

  @Test
  void choosesAtRandomAmongEquallyRarePieces() {
    int[] availability = {2, 1, 1, 1, 3};
    Set<Integer> chosen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      chosen.add(picker.pick(availability, pieces(0, 1, 2, 3, 4)));
    }
    assertEquals(Set.of(1, 2, 3), chosen);
  }

  @Test
  void noCandidateMeansNoPiece() {
    assertEquals(-1, picker.pick(new int[] {1, 2}, new BitSet()));
  }

  @Test
  void aPieceNoConnectedPeerReportsIsStillPickable() {
    assertTrue(picker.pick(new int[] {0}, pieces(0)) == 0);
  }
}
