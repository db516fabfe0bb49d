/**
 * The BitTorrent peer wire protocol: the handshake and the length-prefixed messages of BEP 3, with
 * the DHT port (BEP 5), the Fast Extension (BEP 6) and the Extension Protocol (BEP 10).
 *
 * <p>{@link io.mcbt.wire.Handshake} and {@link io.mcbt.wire.PeerMessage} are immutable values that
 * check their fields; {@link io.mcbt.wire.PeerWireCodec} turns them into bytes and back, all
 * numbers big-endian. Decoders report "need more bytes" by returning {@code null} without consuming
 * anything, and throw {@link io.mcbt.wire.MalformedMessageException} for bytes no well-behaved peer
 * sends; the connection decides to drop the peer. Nothing here does I/O.
 */
package io.mcbt.wire;
