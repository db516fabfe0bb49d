package io.mcbt.peer.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.wire.ExtensionHandshake;
import io.mcbt.wire.Handshake;
import io.mcbt.wire.MetadataMessage;
import io.mcbt.wire.PeerMessage.Extended;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** BEP 10 handshakes and BEP 9 metadata served by a swarm. */
class ExtensionsTest {
  @TempDir Path temp;

  @Test
  void servesTheInfoDictionaryInSixteenKibibytePieces() {
    byte[] info = new byte[2 * MetadataMessage.PIECE_BYTES + 7000];
    new Random(3).nextBytes(info);
    Extensions extensions = new Extensions(info, 250);
    for (int piece = 0; piece < 3; piece++) {
      MetadataMessage answer = extensions.answer(piece);
      assertEquals(MetadataMessage.Type.DATA, answer.type());
      assertEquals(info.length, answer.totalSize());
      int from = piece * MetadataMessage.PIECE_BYTES;
      assertArrayEquals(
          Arrays.copyOfRange(info, from, Math.min(info.length, from + MetadataMessage.PIECE_BYTES)),
          answer.data());
    }
    assertEquals(MetadataMessage.reject(3), extensions.answer(3));
    assertEquals(MetadataMessage.reject(0), new Extensions(null, 250).answer(0));
  }

  @Test
  void aSessionThatCannotServeMetadataSaysNoSize() throws Exception {
    ExtensionHandshake ours =
        ExtensionHandshake.decode(new Extensions(null, 250).handshake().payload());
    assertTrue(ours.metadataSize().isEmpty());
    assertEquals(OptionalInt.of(Extensions.UT_METADATA_ID), ours.idOf("ut_metadata"));
  }

  @Test
  @Timeout(30)
  void aPeerWithAMagnetLinkGetsTheMetadataFromASeed() throws Exception {
    byte[] info = new byte[MetadataMessage.PIECE_BYTES + 100];
    new Random(5).nextBytes(info);
    try (SwarmFixture seed = SwarmFixture.seedServing(temp, info);
        ScriptedPeer peer =
            new ScriptedPeer(seed.metainfo.infoHash(), Handshake.EXTENSION_PROTOCOL)) {
      seed.connect(peer.address());
      ExtensionHandshake theirs =
          ExtensionHandshake.decode(peer.await(Extended.class, m -> m.extendedId() == 0).payload());
      assertEquals(OptionalLong.of(info.length), theirs.metadataSize());
      int theirId = theirs.idOf(ExtensionHandshake.UT_METADATA).orElseThrow();
      ExtensionHandshake handshake =
          new ExtensionHandshake(
              Map.of(ExtensionHandshake.UT_METADATA, 3),
              OptionalLong.empty(),
              OptionalInt.empty(),
              Optional.of("scripted"),
              OptionalInt.empty());
      peer.send(
          new Extended(0, handshake.encode()),
          new Extended(theirId, MetadataMessage.request(1).encode()),
          new Extended(theirId, MetadataMessage.request(0).encode()),
          new Extended(theirId, MetadataMessage.request(2).encode()));
      byte[] assembled = new byte[info.length];
      for (int piece = 0; piece < 2; piece++) {
        int wanted = piece;
        MetadataMessage data =
            MetadataMessage.decode(
                peer.await(
                        Extended.class,
                        m -> m.extendedId() == 3 && decodes(m, wanted, MetadataMessage.Type.DATA))
                    .payload());
        System.arraycopy(
            data.data(), 0, assembled, piece * MetadataMessage.PIECE_BYTES, data.data().length);
      }
      assertArrayEquals(info, assembled);
      peer.await(Extended.class, m -> decodes(m, 2, MetadataMessage.Type.REJECT));
    }
  }

  private static boolean decodes(Extended message, int piece, MetadataMessage.Type type) {
    try {
      MetadataMessage decoded = MetadataMessage.decode(message.payload());
      return decoded.piece() == piece && decoded.type() == type;
    } catch (Exception e) {
      return false;
    }
  }
}
