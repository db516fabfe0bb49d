package io.mcbt.peer.transfer;

import io.mcbt.transfer.DataFrame;
import io.mcbt.transfer.FrameAuthenticator;
import io.mcbt.transfer.FrameHeader;
import io.mcbt.transfer.FrameType;
import io.mcbt.transfer.ReedSolomonCode;
import io.mcbt.transfer.SessionParameters;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs the data plane's hot code on throwaway frames while a peer waits for its group, so that the
 * JIT has compiled it before the session instead of during it. Measured on a group of eight: HMAC
 * and SHA-1 ran interpreted for the first seconds of a session, until C2 compiled them, while the
 * members' compiler threads took a sixth of the host's CPU; the members fell behind the sender and
 * lost datagrams to full socket buffers.
 *
 * <p>It seals, checks, parses and copies frames of the common block size, hashes the copies as
 * pieces, passes datagrams through a loopback socket when there is one, and mends coding groups
 * with Reed-Solomon repair blocks.
 */
public final class DataPlaneWarmUp {
  /** Enough calls of each hot method for C2 to take it (its threshold is some 15,000). */
  static final int FRAMES = 30_000;

  /** Coding groups mended: their loops run some 20,000 times each, enough for C2 too. */
  static final int MENDS = 300;

  /** The most a peer spends warming up, while it waits for a group. */
  static final Duration BUDGET = Duration.ofSeconds(2);

  private static final int BLOCK = 1_424;
  private static final int PIECE = 256 * 1024;

  private final FrameAuthenticator sealer;
  private final FrameAuthenticator checker;
  private final SessionParameters parameters;
  private final ByteBuffer frame = ByteBuffer.allocateDirect(65_536);
  private final ByteBuffer received = ByteBuffer.allocateDirect(65_536);
  private final ByteBuffer piece = ByteBuffer.allocateDirect(PIECE);
  private final MessageDigest sha1;
  private final ReedSolomonCode code = new ReedSolomonCode(SenderSettings.DEFAULT_CODING_BLOCKS);
  private final byte[][] group = new byte[SenderSettings.DEFAULT_CODING_BLOCKS][BLOCK];
  private final byte[][] repairs = new byte[2][BLOCK];
  private final boolean[] present = new boolean[SenderSettings.DEFAULT_CODING_BLOCKS];
  private byte[] digest;

  private DataPlaneWarmUp() throws NoSuchAlgorithmException {
    byte[] key = new byte[32];
    ThreadLocalRandom.current().nextBytes(key);
    sealer = new FrameAuthenticator(key);
    checker = new FrameAuthenticator(key);
    parameters = new SessionParameters(ThreadLocalRandom.current().nextLong(), BLOCK, 0);
    sha1 = MessageDigest.getInstance("SHA-1");
  }

  /**
   * Starts warming up on a daemon thread of low priority, for at most {@link #BUDGET}, then
   * collects the garbage of the start and the warm-up: measured, the first young collection
   * otherwise came in the middle of the session and stopped each member for 100 to 500 ms (its
   * heap's memory is touched for the first time then), longer than its socket buffer lasts.
   */
  public static void startInBackground() {
    Thread thread =
        new Thread(
            () -> {
              run(BUDGET);
              System.gc();
            },
            "data-plane-warm-up");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }

  /** Warms up for {@link #FRAMES} frames or {@code budget}, whichever ends first. */
  static long run(Duration budget) {
    try {
      return new DataPlaneWarmUp().frames(System.nanoTime() + budget.toNanos());
    } catch (NoSuchAlgorithmException | RuntimeException e) {
      return 0; // a warm-up that cannot run only leaves the compiling to the session
    }
  }

  /** Returns how many frames went through: all, unless the deadline came first. */
  private long frames(long deadlineNs) {
    DatagramChannel loopback = openLoopback();
    try {
      long taken = 0;
      for (int frame = 0; frame < FRAMES && System.nanoTime() < deadlineNs; frame++) {
        buildAndSeal(frame);
        if (!passThrough(loopback)) {
          received.clear();
          received.put(this.frame.duplicate()).flip();
        }
        taken += take(received) ? 1 : 0;
        if (frame < MENDS) {
          mend(frame);
        }
      }
      return taken;
    } finally {
      closeQuietly(loopback);
    }
  }

  private void buildAndSeal(int index) {
    frame.clear();
    frame.putLong(FrameHeader.LENGTH + index % (BLOCK - 8), index);
    DataFrame.writeHeader(frame, FrameType.DATA, parameters, 0, index / 184, 0, BLOCK);
    sealer.seal(frame);
  }

  /** What a member does with a frame: check it, read its header, gather its block, hash pieces. */
  private boolean take(ByteBuffer datagram) {
    if (!checker.verify(datagram) || FrameHeader.session(datagram) != parameters.session()) {
      return false;
    }
    int body = DataFrame.blockIndex(datagram);
    datagram.limit(body + FrameHeader.bodyLength(datagram)).position(body);
    if (piece.remaining() < datagram.remaining()) {
      piece.flip();
      sha1.update(piece);
      digest = sha1.digest();
      piece.clear();
    }
    piece.put(datagram);
    return true;
  }

  /** What a sender and a member do about losses: repair blocks, and two lost blocks rebuilt. */
  private void mend(int index) {
    for (int r = 0; r < repairs.length; r++) {
      code.encode(r, group, BLOCK, repairs[r]);
    }
    Arrays.fill(present, true);
    present[index % present.length] = false;
    present[(index + 7) % present.length] = false;
    code.decode(group, present, new int[] {0, 1}, repairs, BLOCK);
  }

  /** Sends the frame to itself over loopback and receives it; false without a loopback. */
  private boolean passThrough(DatagramChannel loopback) {
    if (loopback == null) {
      return false;
    }
    try {
      loopback.send(frame, loopback.getLocalAddress());
      received.clear();
      for (int spins = 0; spins < 1_000 && loopback.receive(received) == null; spins++) {
        Thread.onSpinWait();
      }
      received.flip();
      return received.hasRemaining();
    } catch (IOException e) {
      return false;
    }
  }

  private static DatagramChannel openLoopback() {
    try {
      DatagramChannel channel = DatagramChannel.open();
      channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      channel.configureBlocking(false);
      return channel;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static void closeQuietly(DatagramChannel channel) {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      // a throwaway socket
    }
  }
}
