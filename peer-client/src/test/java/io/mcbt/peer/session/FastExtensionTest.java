package io.mcbt.peer.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.wire.AllowedFastSet;
import io.mcbt.wire.Bitfield;
import io.mcbt.wire.Handshake;
import io.mcbt.wire.PeerMessage;
import io.mcbt.wire.PeerMessage.AllowedFast;
import io.mcbt.wire.PeerMessage.Piece;
import io.mcbt.wire.PeerMessage.RejectRequest;
import io.mcbt.wire.PeerMessage.Request;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** BEP 6 between our swarm and a scripted peer. */
@Timeout(30)
class FastExtensionTest {
  @TempDir Path temp;

  @Test
  void aSeedSaysHaveAllToAFastPeerAndABitfieldToOthers() throws Exception {
    try (SwarmFixture seed = SwarmFixture.seed(temp);
        ScriptedPeer fast = new ScriptedPeer(seed.metainfo.infoHash(), Handshake.FAST_EXTENSION);
        ScriptedPeer plain = new ScriptedPeer(seed.metainfo.infoHash(), 0)) {
      seed.connect(fast.address());
      seed.connect(plain.address());
      assertInstanceOf(PeerMessage.HaveAll.class, first(fast));
      assertInstanceOf(Bitfield.class, first(plain));
      assertTrue(plain.settledAll(AllowedFast.class).isEmpty(), "no BEP 6 without the bit");
    }
  }

  @Test
  void aLeecherWithNothingSaysHaveNoneToAFastPeerAndNothingToOthers() throws Exception {
    try (SwarmFixture leecher = SwarmFixture.leecher(temp);
        ScriptedPeer fast =
            new ScriptedPeer(leecher.metainfo.infoHash(), Handshake.FAST_EXTENSION);
        ScriptedPeer plain = new ScriptedPeer(leecher.metainfo.infoHash(), 0)) {
      leecher.connect(fast.address());
      leecher.connect(plain.address());
      assertInstanceOf(PeerMessage.HaveNone.class, first(fast));
      assertTrue(plain.settledAll(PeerMessage.class).isEmpty(), plain.received().toString());
    }
  }

  @Test
  void aSeedOffersTheAllowedFastSetAndServesItWhileChoking() throws Exception {
    try (SwarmFixture seed = SwarmFixture.seed(temp);
        ScriptedPeer peer = new ScriptedPeer(seed.metainfo.infoHash(), Handshake.FAST_EXTENSION)) {
      seed.connect(peer.address());
      List<Integer> expected =
          AllowedFastSet.compute(
              InetAddress.getLoopbackAddress().getAddress(),
              seed.metainfo.infoHash(),
              SwarmFixture.PIECES,
              AllowedFastSet.DEFAULT_SIZE);
      Set<Integer> offered =
          peer.settledAll(AllowedFast.class).stream()
              .map(AllowedFast::pieceIndex)
              .collect(Collectors.toSet());
      assertEquals(Set.copyOf(expected), offered);
      int allowed = expected.get(0);
      int other = notIn(offered);
      // Choked (never interested): the allowed-fast piece is served, the other one rejected.
      peer.send(new Request(allowed, 0, 16 * 1024), new Request(other, 16 * 1024, 16 * 1024));
      Piece piece = peer.await(Piece.class);
      assertEquals(allowed, piece.index());
      RejectRequest reject = peer.await(RejectRequest.class);
      assertEquals(new RejectRequest(other, 16 * 1024, 16 * 1024), reject);
    }
  }

  @Test
  void aRequestForAPieceWeLackIsRejected() throws Exception {
    try (SwarmFixture leecher = SwarmFixture.leecher(temp);
        ScriptedPeer peer =
            new ScriptedPeer(leecher.metainfo.infoHash(), Handshake.FAST_EXTENSION)) {
      leecher.connect(peer.address());
      peer.send(PeerMessage.INTERESTED, new Request(0, 0, 16 * 1024));
      assertEquals(new RejectRequest(0, 0, 16 * 1024), peer.await(RejectRequest.class));
    }
  }

  @Test
  void aRejectedBlockIsAskedForAgainOnceThePeerUnchokes() throws Exception {
    try (SwarmFixture leecher = SwarmFixture.leecher(temp);
        ScriptedPeer peer =
            new ScriptedPeer(leecher.metainfo.infoHash(), Handshake.FAST_EXTENSION)) {
      leecher.connect(peer.address());
      peer.send(PeerMessage.HAVE_ALL, PeerMessage.UNCHOKE);
      Request first = peer.await(Request.class);
      int requestsBefore = peer.settledAll(Request.class).size();
      assertEquals(Downloads.PIPELINE_DEPTH, requestsBefore);
      peer.send(new RejectRequest(first.index(), first.begin(), first.length()));
      assertEquals(
          1,
          peer.settledAll(Request.class).stream().filter(first::equals).count(),
          "not asked of the peer that rejected it");
      peer.send(PeerMessage.CHOKE, PeerMessage.UNCHOKE);
      assertTrue(
          peer.settledAll(Request.class).stream().filter(first::equals).count() >= 2,
          "asked again after the unchoke");
    }
  }

  @Test
  void allowedFastPiecesAreRequestedWhileChoked() throws Exception {
    try (SwarmFixture leecher = SwarmFixture.leecher(temp);
        ScriptedPeer peer =
            new ScriptedPeer(leecher.metainfo.infoHash(), Handshake.FAST_EXTENSION)) {
      leecher.connect(peer.address());
      peer.send(PeerMessage.HAVE_ALL, new AllowedFast(3), new AllowedFast(7));
      peer.await(PeerMessage.Interested.class);
      List<Request> requests = peer.settledAll(Request.class);
      assertFalse(requests.isEmpty(), "requests while choked");
      assertTrue(
          requests.stream().allMatch(r -> r.index() == 3 || r.index() == 7), requests.toString());
      assertEquals(2 * SwarmFixture.PIECE_BYTES / (16 * 1024), requests.size());
    }
  }

  @Test
  void aPeerWithoutTheFastBitIsDroppedForAReject() throws Exception {
    try (SwarmFixture leecher = SwarmFixture.leecher(temp);
        ScriptedPeer peer = new ScriptedPeer(leecher.metainfo.infoHash(), 0)) {
      leecher.connect(peer.address());
      peer.send(new RejectRequest(0, 0, 16 * 1024));
      assertTrue(peer.awaitClosedByRemote());
      for (int i = 0; i < 100 && leecher.swarm.peerCount() > 0; i++) {
        Thread.sleep(20);
      }
      assertEquals(0, leecher.swarm.peerCount());
    }
  }

  private static PeerMessage first(ScriptedPeer peer) {
    peer.await(PeerMessage.class);
    return peer.received().get(0);
  }

  private static int notIn(Set<Integer> pieces) {
    for (int i = 0; ; i++) {
      if (!pieces.contains(i)) {
        return i;
      }
    }
  }
}
