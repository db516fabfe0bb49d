package io.mcbt.wire;

import static io.mcbt.wire.PeerWireCodec.BLOCK_REFERENCE_LENGTH;
import static io.mcbt.wire.PeerWireCodec.EXTENDED_HEADER_LENGTH;
import static io.mcbt.wire.PeerWireCodec.PIECE_HEADER_LENGTH;

/** The message ids the codec knows, with their names and the lengths they may declare. */
enum MessageType {
  CHOKE(PeerWireCodec.ID_CHOKE, "choke", PeerMessage.Choke.class, 1),
  UNCHOKE(PeerWireCodec.ID_UNCHOKE, "unchoke", PeerMessage.Unchoke.class, 1),
  INTERESTED(PeerWireCodec.ID_INTERESTED, "interested", PeerMessage.Interested.class, 1),
  NOT_INTERESTED(
      PeerWireCodec.ID_NOT_INTERESTED, "not interested", PeerMessage.NotInterested.class, 1),
  HAVE(PeerWireCodec.ID_HAVE, "have", PeerMessage.Have.class, 5),
  BITFIELD(PeerWireCodec.ID_BITFIELD, "bitfield", Bitfield.class, 1),
  REQUEST(PeerWireCodec.ID_REQUEST, "request", PeerMessage.Request.class, BLOCK_REFERENCE_LENGTH),
  PIECE(PeerWireCodec.ID_PIECE, "piece", PeerMessage.Piece.class, PIECE_HEADER_LENGTH),
  CANCEL(PeerWireCodec.ID_CANCEL, "cancel", PeerMessage.Cancel.class, BLOCK_REFERENCE_LENGTH),
  PORT(PeerWireCodec.ID_PORT, "port", PeerMessage.Port.class, 3),
  SUGGEST_PIECE(PeerWireCodec.ID_SUGGEST_PIECE, "suggest piece", PeerMessage.SuggestPiece.class, 5),
  HAVE_ALL(PeerWireCodec.ID_HAVE_ALL, "have all", PeerMessage.HaveAll.class, 1),
  HAVE_NONE(PeerWireCodec.ID_HAVE_NONE, "have none", PeerMessage.HaveNone.class, 1),
  REJECT_REQUEST(
      PeerWireCodec.ID_REJECT_REQUEST,
      "reject request",
      PeerMessage.RejectRequest.class,
      BLOCK_REFERENCE_LENGTH),
  ALLOWED_FAST(PeerWireCodec.ID_ALLOWED_FAST, "allowed fast", PeerMessage.AllowedFast.class, 5),
  EXTENDED(
      PeerWireCodec.ID_EXTENDED, "extended", PeerMessage.Extended.class, EXTENDED_HEADER_LENGTH);

  private static final MessageType[] BY_ID = new MessageType[256];
  private static final MessageType[] ALL = values();

  static {
    for (MessageType type : ALL) {
      BY_ID[type.id] = type;
    }
  }

  final int id;
  final String label;
  final Class<? extends PeerMessage> recordClass;

  /**
   * The declared length of a fixed-size message; for bitfield, piece and extended, the length of
   * the header before the variable part.
   */
  final int minLength;

  MessageType(int id, String name, Class<? extends PeerMessage> recordClass, int minLength) {
    this.id = id;
    this.label = name + " (id " + id + ")";
    this.recordClass = recordClass;
    this.minLength = minLength;
  }

  /** The type with this id, {@code null} for ids the codec does not know. */
  static MessageType ofId(int id) {
    return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
  }

  /** The type of any message but a keep-alive, which has no id. */
  static MessageType of(PeerMessage message) {
    for (MessageType type : ALL) {
      if (type.recordClass == message.getClass()) {
        return type;
      }
    }
    throw new IllegalArgumentException("no message id for " + message);
  }

  @Override
  public String toString() {
    return label;
  }
}
