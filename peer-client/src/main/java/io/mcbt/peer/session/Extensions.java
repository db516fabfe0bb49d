package io.mcbt.peer.session;

import io.mcbt.wire.ExtensionHandshake;
import io.mcbt.wire.MalformedMessageException;
import io.mcbt.wire.MetadataMessage;
import io.mcbt.wire.PeerMessage.Extended;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The Extension Protocol (BEP 10) on a session's connections, and the one extension we speak on
 * them: serving the info dictionary to peers that came with a magnet link (BEP 9 {@code
 * ut_metadata}). Fetching it is {@link MetadataFetch}'s job, before a session exists. Called under
 * the swarm's lock.
 */
final class Extensions {
  /** The id we receive {@code ut_metadata} messages as; ours to choose (BEP 10). */
  static final int UT_METADATA_ID = 1;

  /** The client name in our handshake's {@code v}. */
  static final String CLIENT = "mcbt " + TorrentSession.PEER_ID_PREFIX.substring(3, 7);

  private final byte[] infoBytes;
  private final int requestQueue;

  /**
   * @param infoBytes the info dictionary as hashed; null when we cannot serve it
   * @param requestQueue our {@code reqq}: how many requests a peer may have queued with us
   */
  Extensions(byte[] infoBytes, int requestQueue) {
    this.infoBytes = infoBytes == null ? null : infoBytes.clone();
    this.requestQueue = requestQueue;
  }

  /** Our extension handshake, sent first to peers that set the BEP 10 bit. */
  Extended handshake() {
    return new Extended(
        0,
        new ExtensionHandshake(
                Map.of(ExtensionHandshake.UT_METADATA, UT_METADATA_ID),
                infoBytes == null ? OptionalLong.empty() : OptionalLong.of(infoBytes.length),
                OptionalInt.empty(),
                Optional.of(CLIENT),
                OptionalInt.of(requestQueue))
            .encode());
  }

  /** An extended message from {@code peer}. */
  void received(PeerState peer, Extended message) throws MalformedMessageException {
    if (message.extendedId() == 0) {
      ExtensionHandshake theirs = ExtensionHandshake.decode(message.payload());
      peer.utMetadataId = theirs.idOf(ExtensionHandshake.UT_METADATA).orElse(0);
      theirs
          .requestQueue()
          .ifPresent(reqq -> peer.pipelineDepth = Math.min(Downloads.PIPELINE_DEPTH, reqq));
    } else if (message.extendedId() == UT_METADATA_ID) {
      MetadataMessage request = MetadataMessage.decode(message.payload());
      if (request.type() == MetadataMessage.Type.REQUEST && peer.utMetadataId != 0) {
        peer.connection.send(new Extended(peer.utMetadataId, answer(request.piece()).encode()));
      }
    }
    // Other ids: extensions we never announced; BEP 10 lets us ignore them.
  }

  /** The piece of the info dictionary, or a reject when we lack it or it does not exist. */
  MetadataMessage answer(int piece) {
    long start = (long) piece * MetadataMessage.PIECE_BYTES;
    if (infoBytes == null || start >= infoBytes.length) {
      return MetadataMessage.reject(piece);
    }
    int end = (int) Math.min(infoBytes.length, start + MetadataMessage.PIECE_BYTES);
    return MetadataMessage.data(
        piece, infoBytes.length, Arrays.copyOfRange(infoBytes, (int) start, end));
  }
}
