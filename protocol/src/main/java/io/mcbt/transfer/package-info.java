/**
 * The multicast data plane's frames: what a group's sender multicasts ({@link DataFrame} for blocks
 * and repair blocks, {@link StatusRequest}, {@link EndFrame}) and what members send back by unicast
 * ({@link Nack}). Every frame starts with the {@link FrameHeader} and ends with a truncated
 * HMAC-SHA256 under the group's key ({@link FrameAuthenticator}); all fields are big-endian.
 *
 * <p>Codecs are pure functions over {@link java.nio.ByteBuffer}s. The data path (writing and
 * reading data frames) allocates nothing per datagram.
 */
package io.mcbt.transfer;
