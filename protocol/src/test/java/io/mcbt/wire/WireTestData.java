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
import io.mcbt.wire.PeerWireCodec.Limits;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Messages, bytes and limits shared by the wire tests. */
final class WireTestData {
  /** The torrent every test pretends to share: 100 pieces, so bitfields are 13 bytes. */
  static final int PIECE_COUNT = 100;

  static final Limits LIMITS = Limits.forPieceCount(PIECE_COUNT);

  private WireTestData() {}

  /** Hex digits; whitespace and {@code #} comments to the end of a line are ignored. */
  static byte[] hex(String text) {
    StringBuilder digits = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      int comment = line.indexOf('#');
      digits.append((comment < 0 ? line : line.substring(0, comment)).replaceAll("\\s+", ""));
    }
    return HexFormat.of().parseHex(digits);
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  static byte[] encode(PeerMessage... messages) {
    return encode(List.of(messages));
  }

  static byte[] encode(List<? extends PeerMessage> messages) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (PeerMessage message : messages) {
      ByteBuffer buffer = ByteBuffer.allocate(PeerWireCodec.encodedLength(message));
      PeerWireCodec.encode(message, buffer);
      out.writeBytes(buffer.array());
    }
    return out.toByteArray();
  }

  /** Decodes messages until the buffer runs short; Pieces are copied out of the buffer. */
  static List<PeerMessage> decodeAll(ByteBuffer in, Limits limits)
      throws MalformedMessageException {
    List<PeerMessage> messages = new ArrayList<>();
    for (PeerMessage m = PeerWireCodec.decode(in, limits);
        m != null;
        m = PeerWireCodec.decode(in, limits)) {
      messages.add(m instanceof Piece piece ? piece.copy() : m);
    }
    return messages;
  }

  /** At least one message of every type, with edge values. */
  static List<PeerMessage> samples() {
    BitSet some = new BitSet();
    some.set(0);
    some.set(7);
    some.set(PIECE_COUNT - 1);
    return List.of(
        PeerMessage.KEEP_ALIVE,
        PeerMessage.CHOKE,
        PeerMessage.UNCHOKE,
        PeerMessage.INTERESTED,
        PeerMessage.NOT_INTERESTED,
        new Have(0),
        new Have(Integer.MAX_VALUE),
        Bitfield.of(PIECE_COUNT, some),
        new Bitfield(new byte[0]),
        new Request(1, 16384, 16384),
        Piece.of(2, 0, new byte[] {1, 2, 3}),
        Piece.of(3, 16384, new byte[Limits.DEFAULT_MAX_BLOCK_LENGTH]),
        new Cancel(1, 16384, 16384),
        new Port(6881),
        new Port(0xFFFF),
        new SuggestPiece(5),
        PeerMessage.HAVE_ALL,
        PeerMessage.HAVE_NONE,
        new RejectRequest(1, 0, 1),
        new AllowedFast(Integer.MAX_VALUE),
        new Extended(0, "d1:md6:ut_pexi1eee".getBytes(StandardCharsets.US_ASCII)),
        new Extended(255, new byte[0]));
  }

  /** A random valid message within {@code limits}, edge values often. */
  static PeerMessage random(Random random, Limits limits) {
    return switch (random.nextInt(18)) {
      case 0 -> PeerMessage.KEEP_ALIVE;
      case 1 -> PeerMessage.CHOKE;
      case 2 -> PeerMessage.UNCHOKE;
      case 3 -> PeerMessage.INTERESTED;
      case 4 -> PeerMessage.NOT_INTERESTED;
      case 5 -> new Have(index(random));
      case 6 -> randomBitfield(random, limits);
      case 7 -> randomRequest(random, limits, 0);
      case 8 -> randomPiece(random, limits);
      case 9 -> randomRequest(random, limits, 1);
      case 10 -> new Port(1 + random.nextInt(0xFFFF));
      case 11 -> new SuggestPiece(index(random));
      case 12 -> PeerMessage.HAVE_ALL;
      case 13 -> PeerMessage.HAVE_NONE;
      case 14 -> randomRequest(random, limits, 2);
      case 15 -> new AllowedFast(index(random));
      default ->
          new Extended(
              random.nextInt(256),
              bytes(random, size(random, Math.min(limits.maxExtendedBytes(), 16384), 0)));
    };
  }

  static int index(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> 0;
      case 1 -> Integer.MAX_VALUE;
      default -> random.nextInt(Integer.MAX_VALUE);
    };
  }

  /** Often the smallest or the largest allowed size, otherwise uniform, capped at 4 KiB mostly. */
  static int size(Random random, int max, int min) {
    return switch (random.nextInt(4)) {
      case 0 -> min;
      case 1 -> max;
      default -> min + random.nextInt(Math.min(max, 4096) - min + 1);
    };
  }

  static byte[] bytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static Bitfield randomBitfield(Random random, Limits limits) {
    int pieceCount = random.nextInt(limits.maxBitfieldBytes() * 8 + 1);
    BitSet have = new BitSet();
    for (int i = 0; i < pieceCount; i++) {
      have.set(i, random.nextBoolean());
    }
    return Bitfield.of(pieceCount, have);
  }

  private static PeerMessage randomRequest(Random random, Limits limits, int kind) {
    int length = size(random, limits.maxBlockLength(), 1);
    int begin = random.nextBoolean() ? 0 : random.nextInt(Integer.MAX_VALUE - length + 1);
    int index = index(random);
    return switch (kind) {
      case 0 -> new Request(index, begin, length);
      case 1 -> new Cancel(index, begin, length);
      default -> new RejectRequest(index, begin, length);
    };
  }

  private static Piece randomPiece(Random random, Limits limits) {
    int length = size(random, limits.maxBlockLength(), 1);
    int begin = random.nextBoolean() ? 0 : random.nextInt(Integer.MAX_VALUE - length + 1);
    return Piece.of(index(random), begin, bytes(random, length));
  }
}
