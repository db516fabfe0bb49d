package io.mcbt.peer.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mcbt.metainfo.FileEntry;
import io.mcbt.metainfo.Info;
import io.mcbt.peer.storage.PieceStore;
import io.mcbt.transfer.BlockLayout;
import io.mcbt.transfer.BlockRange;
import io.mcbt.transfer.Nack;
import io.mcbt.transfer.SessionParameters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Forty blocks of 100 bytes in coding groups of eight: groups 0 to 4. */
class PassRepairsTest {
  private static final int BLOCK = 100;
  private static final int K = 8;
  private static final SessionParameters PARAMETERS = new SessionParameters(9, BLOCK, K);

  private final BlockLayout layout = new BlockLayout(40 * BLOCK, 10 * BLOCK, BLOCK);
  private final RepairEncoder encoder =
      new RepairEncoder(new CodingGroups(layout, K), new ZeroStore(layout));
  private final PassRepairs repairs = new PassRepairs(encoder);
  private final List<Integer> sent = new ArrayList<>();

  private static Nack lacking(int considered, BlockRange... ranges) {
    int count = 0;
    for (BlockRange range : ranges) {
      count += range.count();
    }
    return new Nack(PARAMETERS, 0, considered, count, false, false, List.of(ranges));
  }

  private int send(int sentBlocks) throws IOException {
    return repairs.send(sentBlocks, sent::add);
  }

  @Test
  void aGroupSentWholeGetsAsManyRepairsAsTheMemberLackingMostLacks() throws IOException {
    repairs.answered(lacking(16, new BlockRange(1, 1), new BlockRange(9, 1)));
    repairs.answered(lacking(16, new BlockRange(2, 3)));

    assertEquals(4, send(20));
    assertEquals(List.of(0, 0, 0, 1), sent);
  }

  @Test
  void aGroupNotYetSentWholeWaits() throws IOException {
    repairs.answered(lacking(12, new BlockRange(9, 1)));

    assertEquals(0, send(20));
  }

  @Test
  void anAnswerFromBeforeAGroupsRepairsDoesNotAskForThemAgain() throws IOException {
    repairs.answered(lacking(16, new BlockRange(3, 1)));
    send(20);
    sent.clear();

    // The other members answered the request for 16 blocks late; repairs went out after it.
    repairs.answered(lacking(16, new BlockRange(3, 1)));
    assertEquals(0, send(24));

    // An answer to a request sent after the repairs: its member still lacks the block.
    repairs.answered(lacking(20, new BlockRange(3, 1)));
    assertEquals(1, send(28));
    assertEquals(List.of(0), sent);
  }

  @Test
  void demandIsCountedOncePerInterval() throws IOException {
    repairs.answered(lacking(8, new BlockRange(0, 2)));
    send(8);
    sent.clear();

    assertEquals(0, send(12), "nobody asked since");
  }

  @Test
  void aGroupLostWholeIsLeftToTheRounds() throws IOException {
    repairs.answered(lacking(24, new BlockRange(0, 8), new BlockRange(16, 2)));

    send(24);

    assertEquals(List.of(2, 2), sent);
  }

  @Test
  void aRangeOverSeveralGroupsCountsInEach() throws IOException {
    repairs.answered(lacking(40, new BlockRange(6, 5), new BlockRange(12, 1)));

    send(40);

    assertEquals(List.of(0, 0, 1, 1, 1, 1), sent);
  }

  @Test
  void rangesBeyondTheTorrentAreIgnored() throws IOException {
    repairs.answered(lacking(100, new BlockRange(39, 1), new BlockRange(50, 10)));

    send(40);

    assertEquals(List.of(4), sent);
  }

  @Test
  void completeMembersAndRoundAnswersAskForNothing() throws IOException {
    repairs.answered(new Nack(PARAMETERS, 0, 16, 0, true, false, List.of()));
    repairs.answered(new Nack(PARAMETERS, 2, 16, 1, false, false, List.of(new BlockRange(1, 1))));

    assertEquals(0, send(16));
  }

  /** A store of zeros: repair blocks are computed but their bytes do not matter here. */
  private record ZeroStore(BlockLayout layout) implements PieceStore {
    @Override
    public Info info() {
      return new Info(
          "zeros",
          layout.pieceLength(),
          new byte[layout.pieceCount() * Info.PIECE_HASH_LENGTH],
          List.of(new FileEntry(List.of("zeros"), layout.totalLength())),
          true,
          false);
    }

    @Override
    public void writeBlock(int piece, int offset, ByteBuffer data) {}

    @Override
    public void readBlock(int piece, int offset, ByteBuffer target) {
      target.position(target.limit());
    }

    @Override
    public boolean isStored(int piece) {
      return true;
    }

    @Override
    public boolean verifyPiece(int piece) {
      return true;
    }

    @Override
    public void close() {}
  }
}
