package io.mcbt.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A message after the handshake (BEP 3), with the Fast Extension (BEP 6), the DHT port (BEP 5) and
 * the Extension Protocol (BEP 10). Every message is framed by a 4-byte big-endian length that
 * counts the id and payload; the diagrams below show the whole frame, offsets in bytes.
 *
 * <p>The records check their own fields; limits that depend on the connection (largest block,
 * bitfield size) are checked by {@link PeerWireCodec#decode} and {@link Bitfield#validate}. Whether
 * a BEP 6 or BEP 10 message is allowed at all depends on the handshakes, which only the connection
 * knows.
 */
public sealed interface PeerMessage
    permits PeerMessage.KeepAlive,
        PeerMessage.Choke,
        PeerMessage.Unchoke,
        PeerMessage.Interested,
        PeerMessage.NotInterested,
        PeerMessage.Have,
        PeerMessage.Request,
        PeerMessage.Piece,
        PeerMessage.Cancel,
        PeerMessage.Port,
        PeerMessage.SuggestPiece,
        PeerMessage.HaveAll,
        PeerMessage.HaveNone,
        PeerMessage.RejectRequest,
        PeerMessage.AllowedFast,
        PeerMessage.Extended,
        Bitfield {
  KeepAlive KEEP_ALIVE = new KeepAlive();
  Choke CHOKE = new Choke();
  Unchoke UNCHOKE = new Unchoke();
  Interested INTERESTED = new Interested();
  NotInterested NOT_INTERESTED = new NotInterested();
  HaveAll HAVE_ALL = new HaveAll();
  HaveNone HAVE_NONE = new HaveNone();

  /**
   * BEP 3 keep-alive: a frame of length zero, no id.
   *
   * <pre>
   *  0          4
   *  | length=0 |
   * </pre>
   */
  record KeepAlive() implements PeerMessage {}

  /**
   * BEP 3 choke: the sender will not answer requests.
   *
   * <pre>
   *  0          4      5
   *  | length=1 | id=0 |
   * </pre>
   */
  record Choke() implements PeerMessage {}

  /**
   * BEP 3 unchoke.
   *
   * <pre>
   *  0          4      5
   *  | length=1 | id=1 |
   * </pre>
   */
  record Unchoke() implements PeerMessage {}

  /**
   * BEP 3 interested.
   *
   * <pre>
   *  0          4      5
   *  | length=1 | id=2 |
   * </pre>
   */
  record Interested() implements PeerMessage {}

  /**
   * BEP 3 not interested.
   *
   * <pre>
   *  0          4      5
   *  | length=1 | id=3 |
   * </pre>
   */
  record NotInterested() implements PeerMessage {}

  /**
   * BEP 3 have: the sender has verified a piece.
   *
   * <pre>
   *  0          4      5             9
   *  | length=5 | id=4 | piece index |
   * </pre>
   */
  record Have(int pieceIndex) implements PeerMessage {
    public Have {
      checkIndex(pieceIndex);
    }
  }

  /**
   * BEP 3 request for a block of a piece.
   *
   * <pre>
   *  0           4      5       9       13       17
   *  | length=13 | id=6 | index | begin | length |
   * </pre>
   */
  record Request(int index, int begin, int length) implements PeerMessage {
    public Request {
      checkBlock(index, begin, length);
    }
  }

  /**
   * BEP 3 piece: a block of data. The record holds a read-only view of the block and copies
   * nothing, so a 16 KiB block costs no 16 KiB allocation. One that {@link PeerWireCodec#decode}
   * returned aliases the decoder's input: its bytes change when that buffer is compacted or
   * refilled. Write the block out before reusing the buffer, or keep {@link #copy()}.
   *
   * <pre>
   *  0             4      5       9       13
   *  | length=9+n  | id=7 | index | begin | block, n bytes |
   * </pre>
   *
   * @param block the bytes between its position and limit; {@link #block()} returns a fresh view
   *     each time, so reading it never changes the record
   */
  record Piece(int index, int begin, ByteBuffer block) implements PeerMessage {
    public Piece {
      if (block == null) {
        throw new IllegalArgumentException("a piece carries a block");
      }
      checkBlock(index, begin, block.remaining());
      block = block.slice().asReadOnlyBuffer();
    }

    /** Wraps {@code block} without copying it. */
    public static Piece of(int index, int begin, byte[] block) {
      return new Piece(index, begin, ByteBuffer.wrap(block));
    }

    /** The same piece over a private copy of the block, safe to keep after the input is reused. */
    public Piece copy() {
      ByteBuffer own = ByteBuffer.allocate(block.remaining());
      own.put(block.duplicate()).flip();
      return new Piece(index, begin, own);
    }

    @Override
    public ByteBuffer block() {
      return block.duplicate();
    }

    /** The block's size in bytes. */
    public int length() {
      return block.remaining();
    }

    @Override
    public String toString() {
      return "Piece[index=" + index + ", begin=" + begin + ", length=" + length() + "]";
    }
  }

  /**
   * BEP 3 cancel of an earlier request.
   *
   * <pre>
   *  0           4      5       9       13       17
   *  | length=13 | id=8 | index | begin | length |
   * </pre>
   */
  record Cancel(int index, int begin, int length) implements PeerMessage {
    public Cancel {
      checkBlock(index, begin, length);
    }
  }

  /**
   * BEP 5 port: the UDP port of the sender's DHT node.
   *
   * <pre>
   *  0          4      5          7
   *  | length=3 | id=9 | DHT port |
   * </pre>
   */
  record Port(int dhtPort) implements PeerMessage {
    public Port {
      if (dhtPort <= 0 || dhtPort > 0xFFFF) {
        throw new IllegalArgumentException("DHT port out of range: " + dhtPort);
      }
    }
  }

  /**
   * BEP 6 suggest piece: the sender would like this piece downloaded, e.g. because it is cached.
   *
   * <pre>
   *  0          4       5             9
   *  | length=5 | id=13 | piece index |
   * </pre>
   */
  record SuggestPiece(int pieceIndex) implements PeerMessage {
    public SuggestPiece {
      checkIndex(pieceIndex);
    }
  }

  /**
   * BEP 6 have all: replaces the bitfield of a seed.
   *
   * <pre>
   *  0          4       5
   *  | length=1 | id=14 |
   * </pre>
   */
  record HaveAll() implements PeerMessage {}

  /**
   * BEP 6 have none: replaces an empty bitfield.
   *
   * <pre>
   *  0          4       5
   *  | length=1 | id=15 |
   * </pre>
   */
  record HaveNone() implements PeerMessage {}

  /**
   * BEP 6 reject request: the sender will not answer this request.
   *
   * <pre>
   *  0           4       5       9       13       17
   *  | length=13 | id=16 | index | begin | length |
   * </pre>
   */
  record RejectRequest(int index, int begin, int length) implements PeerMessage {
    public RejectRequest {
      checkBlock(index, begin, length);
    }
  }

  /**
   * BEP 6 allowed fast: the receiver may request this piece even while choked.
   *
   * <pre>
   *  0          4       5             9
   *  | length=5 | id=17 | piece index |
   * </pre>
   */
  record AllowedFast(int pieceIndex) implements PeerMessage {
    public AllowedFast {
      checkIndex(pieceIndex);
    }
  }

  /**
   * BEP 10 extended message. Id 0 is the extension handshake; the others are the ids the receiver
   * assigned in its handshake's {@code m} dictionary. The payload is opaque here.
   *
   * <pre>
   *  0            4       5               6
   *  | length=2+n | id=20 | extended id   | payload, n bytes |
   * </pre>
   *
   * @param extendedId 0 to 255
   * @param payload copied in and out
   */
  record Extended(int extendedId, byte[] payload) implements PeerMessage {
    public Extended {
      if (extendedId < 0 || extendedId > 0xFF) {
        throw new IllegalArgumentException("extended message id out of range: " + extendedId);
      }
      if (payload == null) {
        throw new IllegalArgumentException("an extended message has a payload, maybe empty");
      }
      payload = payload.clone();
    }

    @Override
    public byte[] payload() {
      return payload.clone();
    }

    public int payloadLength() {
      return payload.length;
    }

    void writeTo(ByteBuffer out) {
      out.put(payload);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Extended that
          && extendedId == that.extendedId
          && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
      return 31 * extendedId + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
      String head = HexFormat.of().formatHex(payload, 0, Math.min(16, payload.length));
      return "Extended[id=" + extendedId + ", " + payload.length + " bytes: " + head + "]";
    }
  }

  private static void checkIndex(int index) {
    if (index < 0) {
      throw new IllegalArgumentException(
          "negative piece index " + index + " (" + Integer.toUnsignedString(index) + " unsigned)");
    }
  }

  private static void checkBlock(int index, int begin, int length) {
    checkIndex(index);
    if (begin < 0) {
      throw new IllegalArgumentException(
          "negative block begin " + begin + " (" + Integer.toUnsignedString(begin) + " unsigned)");
    }
    if (length <= 0) {
      throw new IllegalArgumentException("block length " + length + " is not positive");
    }
    if ((long) begin + length > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "block " + begin + " + " + length + " ends past 2^31 - 1 bytes into the piece");
    }
  }
}
