package io.mcbt.peer.transfer;

import java.time.Duration;

/**
 * How a sender runs its sessions.
 *
 * @param blockSize block payload bytes; 0 sizes blocks to the interface's MTU
 * @param codingBlocks data blocks per Reed-Solomon coding group; 0 repairs by resending blocks
 * @param rateCeilingBytesPerSecond never faster than this (the group's ceiling may be lower)
 * @param maxRounds repair rounds before the session ends, whoever is still missing blocks
 * @param lossThreshold the loss ratio above which the sender slows down
 * @param startWait how long to wait for the members to answer before the first pass
 */
public record SenderSettings(
    int blockSize,
    int codingBlocks,
    long rateCeilingBytesPerSecond,
    int maxRounds,
    double lossThreshold,
    Duration startWait) {
  public static final int DEFAULT_CODING_BLOCKS = 64;
  public static final int DEFAULT_MAX_ROUNDS = 30;

  public static SenderSettings defaults() {
    return new SenderSettings(
        0, DEFAULT_CODING_BLOCKS, Long.MAX_VALUE, DEFAULT_MAX_ROUNDS, 0.10, Duration.ofSeconds(1));
  }

  public SenderSettings withRateCeiling(long bytesPerSecond) {
    return new SenderSettings(
        blockSize, codingBlocks, bytesPerSecond, maxRounds, lossThreshold, startWait);
  }
}
