package io.mcbt.wire;

import io.mcbt.wire.PeerMessage.AllowedFast;
import io.mcbt.wire.PeerMessage.Cancel;
import io.mcbt.wire.PeerMessage.Extended;
import io.mcbt.wire.PeerMessage.Have;
import io.mcbt.wire.PeerMessage.Piece;
import io.mcbt.wire.PeerMessage.Port;
import io.mcbt.wire.PeerMessage.RejectRequest;
import io.mcbt.wire.PeerMessage.Request;
import io.mcbt.wire.PeerMessage.SuggestPiece;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * Encodes and decodes {@link PeerMessage}s, as static functions over {@link ByteBuffer}s in network
 * byte order whatever order the buffers are set to.
 *
 * <pre>
 *  0                   4    5
 *  | length (uint32)   | id | payload, length - 1 bytes |
 * </pre>
 *
 * <p>Ids: BEP 3 choke 0, unchoke 1, interested 2, not interested 3, have 4, bitfield 5, request 6,
 * piece 7, cancel 8; BEP 5 port 9; BEP 6 suggest piece 13, have all 14, have none 15, reject
 * request 16, allowed fast 17; BEP 10 extended 20. Length 0 is a keep-alive.
 *
 * <p>Decoding never allocates in proportion to a declared length: the length is checked against
 * {@link Limits} as soon as the prefix (and the id) are there, and a payload is only read once it
 * has arrived whole. A {@link Piece} aliases the input instead of copying it.
 */
public final class PeerWireCodec {
  public static final int LENGTH_PREFIX_BYTES = 4;

  public static final int ID_CHOKE = 0;
  public static final int ID_UNCHOKE = 1;
  public static final int ID_INTERESTED = 2;
  public static final int ID_NOT_INTERESTED = 3;
  public static final int ID_HAVE = 4;
  public static final int ID_BITFIELD = 5;
  public static final int ID_REQUEST = 6;
  public static final int ID_PIECE = 7;
  public static final int ID_CANCEL = 8;
  public static final int ID_PORT = 9;
  public static final int ID_SUGGEST_PIECE = 0x0D;
  public static final int ID_HAVE_ALL = 0x0E;
  public static final int ID_HAVE_NONE = 0x0F;
  public static final int ID_REJECT_REQUEST = 0x10;
  public static final int ID_ALLOWED_FAST = 0x11;
  public static final int ID_EXTENDED = 20;

  static final int OFFSET_ID = 4;
  static final int OFFSET_PAYLOAD = 5;

  /** Declared length of request, cancel and reject request: id, index, begin, length. */
  static final int BLOCK_REFERENCE_LENGTH = 13;

  /** Id, index and begin before a piece's block. */
  static final int PIECE_HEADER_LENGTH = 9;

  /** Id and extended id before an extended payload. */
  static final int EXTENDED_HEADER_LENGTH = 2;

  private PeerWireCodec() {}

  /**
   * What a peer may send us. Every size a peer controls is bounded here; a message over a bound is
   * malformed.
   *
   * <p>The caller's receive buffer must hold {@link #maxFrameBytes()} bytes, or the largest allowed
   * messages can never arrive whole.
   *
   * @param maxBlockLength the largest block in a piece, and the largest length in a request, cancel
   *     or reject request; 16 KiB by BEP 3 custom
   * @param maxBitfieldBytes the largest bitfield, {@code ceil(pieceCount / 8)} for the torrent
   * @param maxExtendedBytes the largest BEP 10 payload, after the extended id
   */
  public record Limits(int maxBlockLength, int maxBitfieldBytes, int maxExtendedBytes) {
    public static final int DEFAULT_MAX_BLOCK_LENGTH = 16 * 1024;
    public static final int DEFAULT_MAX_EXTENDED_BYTES = 1024 * 1024;

    private static final int LARGEST_BODY = Integer.MAX_VALUE - LENGTH_PREFIX_BYTES - 16;

    public Limits {
      if (maxBlockLength <= 0 || maxBlockLength > LARGEST_BODY) {
        throw new IllegalArgumentException("maxBlockLength out of range: " + maxBlockLength);
      }
      if (maxBitfieldBytes < 0 || maxBitfieldBytes > LARGEST_BODY) {
        throw new IllegalArgumentException("maxBitfieldBytes out of range: " + maxBitfieldBytes);
      }
      if (maxExtendedBytes < 0 || maxExtendedBytes > LARGEST_BODY) {
        throw new IllegalArgumentException("maxExtendedBytes out of range: " + maxExtendedBytes);
      }
    }

    /** The defaults, with bitfields bounded by the torrent's {@code pieceCount}. */
    public static Limits forPieceCount(int pieceCount) {
      return new Limits(
          DEFAULT_MAX_BLOCK_LENGTH, Bitfield.bytesFor(pieceCount), DEFAULT_MAX_EXTENDED_BYTES);
    }

    /** The largest length prefix of any message within these limits. */
    public int maxMessageLength() {
      int largest = Math.max(BLOCK_REFERENCE_LENGTH, PIECE_HEADER_LENGTH + maxBlockLength);
      largest = Math.max(largest, 1 + maxBitfieldBytes);
      return Math.max(largest, EXTENDED_HEADER_LENGTH + maxExtendedBytes);
    }

    /** The largest frame, prefix included: the smallest receive buffer that works. */
    public int maxFrameBytes() {
      return LENGTH_PREFIX_BYTES + maxMessageLength();
    }
  }

  /** The bytes {@link #encode} writes for {@code message}, length prefix included. */
  public static int encodedLength(PeerMessage message) {
    long length = LENGTH_PREFIX_BYTES + (long) declaredLength(message);
    if (length > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("too large for one frame: " + message);
    }
    return (int) length;
  }

  /**
   * Writes {@code message}, length prefix first, at {@code out}'s position.
   *
   * @throws BufferOverflowException if {@code out} lacks room; nothing is written then
   */
  public static void encode(PeerMessage message, ByteBuffer out) {
    if (out.remaining() < encodedLength(message)) {
      throw new BufferOverflowException();
    }
    NetworkOrder.putInt(out, declaredLength(message));
    if (message instanceof PeerMessage.KeepAlive) {
      return;
    }
    out.put((byte) MessageType.of(message).id);
    writePayload(message, out);
  }

  /**
   * Reads one message from {@code in}'s position.
   *
   * <p>A returned {@link Piece} is a view of {@code in}'s bytes, not a copy: it is valid until the
   * caller overwrites that part of {@code in} (by {@code compact()}, {@code clear()} and a read).
   * Keep it longer with {@link Piece#copy()}.
   *
   * @return the message, with the position moved past it; or {@code null} when {@code in} does not
   *     yet hold the whole message, with nothing consumed
   * @throws MalformedMessageException for an unknown id, a length that is wrong for the id or over
   *     {@code limits}, or a field out of range; thrown as soon as the bytes that show it are
   *     there, with nothing consumed
   */
  public static PeerMessage decode(ByteBuffer in, Limits limits) throws MalformedMessageException {
    int start = in.position();
    int available = in.remaining();
    if (available < LENGTH_PREFIX_BYTES) {
      return null;
    }
    long length = Integer.toUnsignedLong(NetworkOrder.getInt(in, start));
    if (length == 0) {
      in.position(start + LENGTH_PREFIX_BYTES);
      return PeerMessage.KEEP_ALIVE;
    }
    if (length > limits.maxMessageLength()) {
      throw new MalformedMessageException(
          "declared length "
              + length
              + " is over the largest message allowed, "
              + limits.maxMessageLength());
    }
    if (available < OFFSET_PAYLOAD) {
      return null;
    }
    int id = Byte.toUnsignedInt(in.get(start + OFFSET_ID));
    MessageType type = checkDeclaredLength(id, (int) length, limits);
    if (available - LENGTH_PREFIX_BYTES < length) {
      return null;
    }
    PeerMessage message = read(in, start + OFFSET_PAYLOAD, type, (int) length - 1, limits);
    in.position(start + LENGTH_PREFIX_BYTES + (int) length);
    return message;
  }

  private static int declaredLength(PeerMessage message) {
    if (message instanceof PeerMessage.KeepAlive) {
      return 0;
    } else if (message instanceof Bitfield bitfield) {
      return 1 + bitfield.byteLength();
    } else if (message instanceof Piece piece) {
      return PIECE_HEADER_LENGTH + piece.length();
    } else if (message instanceof Extended extended) {
      return EXTENDED_HEADER_LENGTH + extended.payloadLength();
    }
    return MessageType.of(message).minLength;
  }

  private static void writePayload(PeerMessage message, ByteBuffer out) {
    if (message instanceof Have have) {
      NetworkOrder.putInt(out, have.pieceIndex());
    } else if (message instanceof SuggestPiece suggest) {
      NetworkOrder.putInt(out, suggest.pieceIndex());
    } else if (message instanceof AllowedFast allowed) {
      NetworkOrder.putInt(out, allowed.pieceIndex());
    } else if (message instanceof Request request) {
      putBlockReference(out, request.index(), request.begin(), request.length());
    } else if (message instanceof Cancel cancel) {
      putBlockReference(out, cancel.index(), cancel.begin(), cancel.length());
    } else if (message instanceof RejectRequest reject) {
      putBlockReference(out, reject.index(), reject.begin(), reject.length());
    } else if (message instanceof Piece piece) {
      NetworkOrder.putInt(out, piece.index());
      NetworkOrder.putInt(out, piece.begin());
      out.put(piece.block());
    } else if (message instanceof Bitfield bitfield) {
      bitfield.writeTo(out);
    } else if (message instanceof Port port) {
      NetworkOrder.putShort(out, port.dhtPort());
    } else if (message instanceof Extended extended) {
      out.put((byte) extended.extendedId());
      extended.writeTo(out);
    }
  }

  private static void putBlockReference(ByteBuffer out, int index, int begin, int length) {
    NetworkOrder.putInt(out, index);
    NetworkOrder.putInt(out, begin);
    NetworkOrder.putInt(out, length);
  }

  /** Refuses, from the prefix and id alone, any length the id does not allow. */
  private static MessageType checkDeclaredLength(int id, int length, Limits limits)
      throws MalformedMessageException {
    MessageType type = MessageType.ofId(id);
    if (type == null) {
      throw new MalformedMessageException(
          "unknown message id " + id + " (declared length " + length + ")");
    }
    long max =
        switch (type) {
          case BITFIELD -> 1L + limits.maxBitfieldBytes();
          case PIECE -> (long) PIECE_HEADER_LENGTH + limits.maxBlockLength();
          case EXTENDED -> (long) EXTENDED_HEADER_LENGTH + limits.maxExtendedBytes();
          default -> type.minLength;
        };
    int min = type == MessageType.PIECE ? PIECE_HEADER_LENGTH + 1 : type.minLength;
    if (length < min || length > max) {
      throw new MalformedMessageException(
          type
              + " declares length "
              + length
              + (min == max ? ", expected " + min : ", allowed " + min + " to " + max));
    }
    return type;
  }

  /** Builds the message whose whole body, {@code bodyLength} bytes, starts at {@code at}. */
  private static PeerMessage read(
      ByteBuffer in, int at, MessageType type, int bodyLength, Limits limits)
      throws MalformedMessageException {
    try {
      return switch (type) {
        case CHOKE -> PeerMessage.CHOKE;
        case UNCHOKE -> PeerMessage.UNCHOKE;
        case INTERESTED -> PeerMessage.INTERESTED;
        case NOT_INTERESTED -> PeerMessage.NOT_INTERESTED;
        case HAVE_ALL -> PeerMessage.HAVE_ALL;
        case HAVE_NONE -> PeerMessage.HAVE_NONE;
        case HAVE -> new Have(NetworkOrder.getInt(in, at));
        case SUGGEST_PIECE -> new SuggestPiece(NetworkOrder.getInt(in, at));
        case ALLOWED_FAST -> new AllowedFast(NetworkOrder.getInt(in, at));
        case REQUEST ->
            new Request(
                NetworkOrder.getInt(in, at),
                NetworkOrder.getInt(in, at + 4),
                blockLength(in, at + 8, type, limits));
        case CANCEL ->
            new Cancel(
                NetworkOrder.getInt(in, at),
                NetworkOrder.getInt(in, at + 4),
                blockLength(in, at + 8, type, limits));
        case REJECT_REQUEST ->
            new RejectRequest(
                NetworkOrder.getInt(in, at),
                NetworkOrder.getInt(in, at + 4),
                blockLength(in, at + 8, type, limits));
        case PIECE ->
            new Piece(
                NetworkOrder.getInt(in, at),
                NetworkOrder.getInt(in, at + 4),
                in.slice(at + 8, bodyLength - 8));
        case BITFIELD -> new Bitfield(bytes(in, at, bodyLength));
        case PORT -> new Port(NetworkOrder.getUnsignedShort(in, at));
        case EXTENDED ->
            new Extended(Byte.toUnsignedInt(in.get(at)), bytes(in, at + 1, bodyLength - 1));
      };
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException(type + ": " + e.getMessage());
    }
  }

  private static int blockLength(ByteBuffer in, int at, MessageType type, Limits limits)
      throws MalformedMessageException {
    int length = NetworkOrder.getInt(in, at);
    if (Integer.toUnsignedLong(length) > limits.maxBlockLength()) {
      throw new MalformedMessageException(
          type
              + " for a block of "
              + Integer.toUnsignedString(length)
              + " bytes, over the limit of "
              + limits.maxBlockLength());
    }
    return length;
  }

  private static byte[] bytes(ByteBuffer in, int at, int length) {
    byte[] bytes = new byte[length];
    in.get(at, bytes);
    return bytes;
  }
}
