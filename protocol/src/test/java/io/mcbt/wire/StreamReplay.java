package io.mcbt.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.wire.PeerMessage.Extended;
import io.mcbt.wire.PeerMessage.Piece;
import io.mcbt.wire.PeerWireCodec.Limits;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Feeds bytes to the decoder as a connection would, checking after every call what must hold
 * whatever the bytes: nothing consumed on {@code null} or a throw, exactly one frame consumed per
 * message, the frame re-encodes to the same bytes, and nothing returned is larger than the limits.
 */
final class StreamReplay {
  enum Outcome {
    /** Every byte decoded to a message. */
    DECODED,
    /** Some messages, then a partial one. */
    NEEDS_MORE,
    /** A {@link MalformedMessageException}, from the decoder or from a bitfield's validation. */
    MALFORMED
  }

  private StreamReplay() {}

  /**
   * Bitfields are validated against {@code pieceCount}, as a connection would; decoding goes on
   * after an invalid one so the rest of the input is exercised too, and the outcome is {@link
   * Outcome#MALFORMED}.
   */
  static Outcome replay(byte[] input, Limits limits, int pieceCount) {
    ByteBuffer in = ByteBuffer.wrap(input);
    boolean invalidBitfield = false;
    while (true) {
      int before = in.position();
      PeerMessage message;
      try {
        message = PeerWireCodec.decode(in, limits);
      } catch (MalformedMessageException e) {
        assertEquals(before, in.position(), "a refused message consumed bytes");
        return Outcome.MALFORMED;
      }
      if (message == null) {
        assertEquals(before, in.position(), "null consumed bytes");
        if (invalidBitfield) {
          return Outcome.MALFORMED;
        }
        return in.hasRemaining() ? Outcome.NEEDS_MORE : Outcome.DECODED;
      }
      check(message, Arrays.copyOfRange(input, before, in.position()), limits);
      if (message instanceof Bitfield bitfield) {
        try {
          bitfield.validate(pieceCount);
        } catch (MalformedMessageException e) {
          invalidBitfield = true;
        }
      }
    }
  }

  private static void check(PeerMessage message, byte[] frame, Limits limits) {
    assertEquals(PeerWireCodec.encodedLength(message), frame.length, message.toString());
    assertArrayEquals(frame, WireTestData.encode(message), message.toString());
    if (message instanceof Piece piece) {
      assertTrue(piece.length() <= limits.maxBlockLength(), message.toString());
      assertTrue(piece.length() < frame.length, message.toString());
    } else if (message instanceof Bitfield bitfield) {
      assertTrue(bitfield.byteLength() <= limits.maxBitfieldBytes(), message.toString());
    } else if (message instanceof Extended extended) {
      assertTrue(extended.payloadLength() <= limits.maxExtendedBytes(), message.toString());
    }
  }
}
