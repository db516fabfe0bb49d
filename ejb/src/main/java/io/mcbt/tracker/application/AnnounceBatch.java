package io.mcbt.tracker.application;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.tracker.AnnounceEvent;
import io.mcbt.tracker.AnnounceRequest;
import io.mcbt.tracker.PeerEndpoint;
import io.mcbt.tracker.PeerId;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Announces that one instance of a cluster answered, as the bytes it sends the others: only what a
 * swarm keeps of an announce (torrent, peer, address, bytes left, event).
 *
 * <pre>
 * batch  = count:u16, entry*
 * entry  = info_hash:20, peer_id:20, address_length:u8 (4 or 16), address, port:u16,
 *          left:i64, event:u8 (AnnounceEvent ordinal)
 * </pre>
 */
final class AnnounceBatch {
  /** A topic message stays far below Hazelcast's limits: at most ~4 MiB. */
  static final int MAX_ENTRIES = 65_535;

  private static final AnnounceEvent[] EVENTS = AnnounceEvent.values();

  private AnnounceBatch() {}

  static byte[] encode(List<AnnounceRequest> announces) {
    if (announces.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException("at most " + MAX_ENTRIES + " announces a batch");
    }
    int size = 2;
    for (AnnounceRequest announce : announces) {
      size += 20 + 20 + 1 + announce.endpoint().address().length + 2 + 8 + 1;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.putShort((short) announces.size());
    for (AnnounceRequest announce : announces) {
      byte[] address = announce.endpoint().address();
      out.put(announce.infoHash().bytes())
          .put(announce.peerId().bytes())
          .put((byte) address.length)
          .put(address)
          .putShort((short) announce.endpoint().port())
          .putLong(announce.left())
          .put((byte) announce.event().ordinal());
    }
    return out.array();
  }

  /**
   * @throws IllegalArgumentException if the bytes are not a batch
   */
  static List<AnnounceRequest> decode(byte[] bytes) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      int count = Short.toUnsignedInt(in.getShort());
      List<AnnounceRequest> announces = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        announces.add(entry(in));
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException(in.remaining() + " bytes after the last announce");
      }
      return announces;
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("announce batch cut short", e);
    }
  }

  private static AnnounceRequest entry(ByteBuffer in) {
    byte[] infoHash = new byte[InfoHash.LENGTH];
    in.get(infoHash);
    byte[] peerId = new byte[PeerId.LENGTH];
    in.get(peerId);
    int addressLength = Byte.toUnsignedInt(in.get());
    if (addressLength != 4 && addressLength != 16) {
      throw new IllegalArgumentException("address of " + addressLength + " bytes");
    }
    byte[] address = new byte[addressLength];
    in.get(address);
    int port = Short.toUnsignedInt(in.getShort());
    long left = in.getLong();
    int event = Byte.toUnsignedInt(in.get());
    if (event >= EVENTS.length || left < 0) {
      throw new IllegalArgumentException("event " + event + ", left " + left);
    }
    return new AnnounceRequest(
        new InfoHash(infoHash),
        new PeerId(peerId),
        new PeerEndpoint(address, port),
        0,
        0,
        left,
        EVENTS[event],
        0,
        Optional.empty());
  }
}
