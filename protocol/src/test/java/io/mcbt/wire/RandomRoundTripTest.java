package io.mcbt.wire;

import static io.mcbt.wire.WireTestData.decodeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mcbt.wire.PeerWireCodec.Limits;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random messages: {@code decode(encode(m))} is {@code m}, alone and in a stream. */
class RandomRoundTripTest {
  private static final int MESSAGES = 10_000;
  private static final int STREAMED = 2_000;
  private static final Limits LIMITS = Limits.forPieceCount(5_000);

  @Test
  void decodeOfEncodeIsTheMessage() throws Exception {
    Random random = new Random(0x77697265L);
    ByteBuffer buffer = ByteBuffer.allocate(LIMITS.maxFrameBytes());

    for (int i = 0; i < MESSAGES; i++) {
      PeerMessage sent = WireTestData.random(random, LIMITS);
      buffer.clear();
      PeerWireCodec.encode(sent, buffer);
      buffer.flip();

      assertEquals(sent, PeerWireCodec.decode(buffer, LIMITS), "message " + i);
      assertEquals(PeerWireCodec.encodedLength(sent), buffer.position(), sent.toString());
      assertEquals(0, buffer.remaining(), sent.toString());
    }
  }

  @Test
  void aStreamReadInRandomChunksDecodesToWhatWasSent() throws Exception {
    Random random = new Random(0x73747265L);
    List<PeerMessage> sent = new ArrayList<>();
    for (int i = 0; i < STREAMED; i++) {
      sent.add(WireTestData.random(random, LIMITS));
    }
    byte[] stream = WireTestData.encode(sent);
    ByteBuffer receive = ByteBuffer.allocate(LIMITS.maxFrameBytes());
    List<PeerMessage> received = new ArrayList<>();

    for (int offset = 0; offset < stream.length; ) {
      int read = Math.min(1 + random.nextInt(40_000), receive.remaining());
      read = Math.min(read, stream.length - offset);
      receive.put(stream, offset, read).flip();
      offset += read;
      received.addAll(decodeAll(receive, LIMITS));
      receive.compact();
    }

    assertEquals(sent, received);
    assertEquals(0, receive.position());
  }
}
