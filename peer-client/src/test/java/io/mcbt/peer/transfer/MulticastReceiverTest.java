package io.mcbt.peer.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.mcbt.metainfo.Info;
import io.mcbt.metainfo.TorrentCreator;
import io.mcbt.peer.storage.FilePieceStore;
import io.mcbt.peer.storage.PieceState;
import io.mcbt.peer.storage.PieceTracker;
import io.mcbt.transfer.BlockLayout;
import io.mcbt.transfer.BlockRange;
import io.mcbt.transfer.DataFrame;
import io.mcbt.transfer.EndFrame;
import io.mcbt.transfer.FrameAuthenticator;
import io.mcbt.transfer.FrameHeader;
import io.mcbt.transfer.FrameType;
import io.mcbt.transfer.MalformedFrameException;
import io.mcbt.transfer.Nack;
import io.mcbt.transfer.SessionParameters;
import io.mcbt.transfer.StatusRequest;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One member on the loopback interface, fed by the test itself: frames are crafted here, so each
 * case controls exactly what arrives, forged or not, and in which order. Status requests double as
 * barriers: the member handles datagrams in order, so its answer comes after everything sent before
 * the request.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MulticastReceiverTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
  private static final int PIECE_LENGTH = 64 * 1024;
  private static final int BLOCK_SIZE = 1_000;
  private static final int BARRIER_EVERY = 100;

  @TempDir Path temp;

  private final long session = ThreadLocalRandom.current().nextLong();
  private final SessionParameters parameters = new SessionParameters(session, BLOCK_SIZE, 0);
  private final FrameAuthenticator sealer = new FrameAuthenticator(KEY);
  private final ByteBuffer frame = ByteBuffer.allocate(4_096);
  private byte[] content;
  private Info info;
  private BlockLayout layout;
  private InetSocketAddress group;
  private NetworkInterface lo;
  private FilePieceStore store;
  private PieceTracker tracker;
  private DatagramChannel channel;
  private MulticastReceiver receiver;
  private int round;

  @BeforeEach
  void setUp() throws IOException {
    Path seed = Files.createDirectories(temp.resolve("seed"));
    content = new byte[300 * 1024 + 123];
    new Random(5).nextBytes(content);
    Files.write(seed.resolve("file.bin"), content);
    info =
        TorrentCreator.of(seed.resolve("file.bin"))
            .pieceLength(PIECE_LENGTH)
            .announce("http://127.0.0.1:1/announce")
            .create()
            .metainfo()
            .info();
    layout = new BlockLayout(info.totalLength(), PIECE_LENGTH, BLOCK_SIZE);
    store = FilePieceStore.open(info, Files.createDirectories(temp.resolve("member")));
    store.prepareForWriting();
    tracker = new PieceTracker(store, new PieceState(info.pieceCount()));
    lo = NetworkInterface.getByInetAddress(LOOPBACK);
    group =
        new InetSocketAddress(
            "239.192.253." + ThreadLocalRandom.current().nextInt(1, 250),
            ThreadLocalRandom.current().nextInt(20_000, 40_000));
    channel = DatagramChannel.open(StandardProtocolFamily.INET);
    channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, lo);
    channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
    channel.bind(new InetSocketAddress(LOOPBACK, 0));
  }

  @AfterEach
  void tearDown() throws IOException {
    if (receiver != null) {
      receiver.close();
    }
    channel.close();
    store.close();
  }

  private void startReceiver() throws IOException {
    receiver =
        MulticastReceiver.start(
            session,
            group,
            KEY,
            lo,
            LOOPBACK,
            tracker,
            Duration.ofSeconds(30),
            FeedbackDelay.NONE,
            line -> System.err.println("member: " + line));
  }

  @Test
  void aShuffledDoubledStreamWithForgeriesAndABadBlockEndsComplete() throws Exception {
    startReceiver();
    int badPiece = 2;
    int badBlock = layout.firstBlockOf(badPiece) + 3;
    byte[] corrupted = blockBytes(badBlock);
    corrupted[17] ^= 0x55;
    // Authentic but wrong: the piece fails its hash, and its blocks must come again.
    sendData(sealer, session, badPiece, layout.offsetOf(badBlock), corrupted);
    sendForgeries();
    barrier();

    List<Integer> copies = new ArrayList<>();
    for (int block = 0; block < layout.blockCount(); block++) {
      copies.add(block);
      copies.add(block);
    }
    Collections.shuffle(copies, new Random(11));
    for (int i = 0; i < copies.size(); i++) {
      sendBlock(copies.get(i));
      if (i % BARRIER_EVERY == BARRIER_EVERY - 1) {
        barrier();
      }
    }

    // Resend what the member misses until it holds every piece, verified.
    long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      Nack nack = ask(layout.blockCount(), true);
      if (nack.complete()) {
        break;
      }
      assertTrue(System.nanoTime() < deadlineNs, "still missing " + nack);
      for (BlockRange range : nack.ranges()) {
        for (int block = range.first(); block < range.end(); block++) {
          sendBlock(block);
        }
      }
    }
    sendEnd();

    assertEquals(MulticastReceiver.Outcome.COMPLETE, receiver.outcome().get(30, TimeUnit.SECONDS));
    MulticastReceiver.Figures figures = receiver.figures();
    assertTrue(figures.dropped() >= 6, "forged datagrams were dropped: " + figures);
    assertTrue(figures.duplicates() > 0, "second copies are duplicates: " + figures);
    assertEquals(1, figures.badPieces(), figures.toString());
    assertTrue(figures.nacksSent() > 0, figures.toString());
    assertTrue(tracker.state().isComplete());
    assertArrayEquals(content, Files.readAllBytes(temp.resolve("member").resolve("file.bin")));
  }

  @Test
  void aStatusRequestIsAnsweredWithANackToItsSource() throws Exception {
    startReceiver();
    for (int block = 0; block < layout.blocksPerPiece(); block++) {
      if (block != 5) {
        sendBlock(block);
      }
    }
    int secondPiece = layout.firstBlockOf(1);
    for (int block = secondPiece; block < secondPiece + 10; block++) {
      sendBlock(block);
    }

    int considered = secondPiece + 14;
    Nack withRanges = ask(considered, true);
    assertEquals(
        new Nack(
            parameters,
            round,
            considered,
            5,
            false,
            false,
            List.of(new BlockRange(5, 1), new BlockRange(secondPiece + 10, 4))),
        withRanges);

    // During the pass, the ranges that fit one NACK: the sender repairs what they name.
    Nack duringThePass = ask(layout.blockCount(), false);
    assertEquals(
        new Nack(
            parameters,
            round,
            layout.blockCount(),
            1 + layout.blockCount() - (secondPiece + 10),
            false,
            false,
            List.of(
                new BlockRange(5, 1),
                new BlockRange(secondPiece + 10, layout.blockCount() - (secondPiece + 10)))),
        duringThePass);

    sendBlock(5);
    Nack firstPiece = ask(layout.blocksPerPiece(), true);
    assertEquals(0, firstPiece.missingBlocks());
    assertTrue(firstPiece.ranges().isEmpty());
    assertFalse(firstPiece.complete(), "other pieces are missing");

    receiver.close();
    assertEquals(MulticastReceiver.Outcome.CLOSED, receiver.outcome().get(10, TimeUnit.SECONDS));
    // The count goes up after a NACK leaves, so the last one may not be counted yet.
    assertTrue(receiver.figures().nacksSent() >= 2, receiver.figures().toString());
  }

  @Test
  void theSenderEndingBeforeTheMemberIsComplete() throws Exception {
    startReceiver();
    for (int block = 0; block < 10; block++) {
      sendBlock(block);
    }
    sendEnd();
    assertEquals(
        MulticastReceiver.Outcome.SENDER_ENDED, receiver.outcome().get(30, TimeUnit.SECONDS));
    assertEquals(10 * BLOCK_SIZE, receiver.figures().blockBytes());
    assertEquals(0, receiver.figures().dropped());
  }

  /**
   * Frames the member must drop: another key, another session, garbage, a cut frame, a block the
   * layout has no place for, and a NACK sent to the group.
   */
  private void sendForgeries() throws IOException {
    byte[] wrong = new byte[BLOCK_SIZE];
    new Random(13).nextBytes(wrong);
    sendData(new FrameAuthenticator(new byte[32]), session, 0, 0, wrong);
    sendData(sealer, session + 1, 0, BLOCK_SIZE, wrong);
    sendData(sealer, session, 0, BLOCK_SIZE / 2, wrong);

    byte[] garbage = new byte[700];
    new Random(17).nextBytes(garbage);
    channel.send(ByteBuffer.wrap(garbage), group);

    fillData(sealer, session, 1, 0, wrong);
    frame.limit(frame.limit() - 1);
    channel.send(frame, group);

    frame.clear();
    new Nack(parameters, 0, 0, 0, true, false, List.of()).encode(frame);
    frame.position(0);
    sealer.seal(frame);
    channel.send(frame, group);
  }

  private byte[] blockBytes(int block) {
    int start = layout.pieceOf(block) * PIECE_LENGTH + layout.offsetOf(block);
    byte[] bytes = new byte[layout.lengthOf(block)];
    System.arraycopy(content, start, bytes, 0, bytes.length);
    return bytes;
  }

  private void sendBlock(int block) throws IOException {
    sendData(sealer, session, layout.pieceOf(block), layout.offsetOf(block), blockBytes(block));
  }

  private void sendData(
      FrameAuthenticator authenticator, long frameSession, int piece, int offset, byte[] bytes)
      throws IOException {
    fillData(authenticator, frameSession, piece, offset, bytes);
    channel.send(frame, group);
  }

  /** Leaves a sealed data frame between {@link #frame}'s position and limit. */
  private void fillData(
      FrameAuthenticator authenticator, long frameSession, int piece, int offset, byte[] bytes) {
    frame.clear();
    frame.position(FrameHeader.LENGTH);
    frame.put(bytes);
    frame.position(0);
    DataFrame.writeHeader(
        frame,
        FrameType.DATA,
        new SessionParameters(frameSession, BLOCK_SIZE, 0),
        0,
        piece,
        offset,
        bytes.length);
    authenticator.seal(frame);
  }

  private void sendEnd() throws IOException {
    frame.clear();
    new EndFrame(parameters, round, EndFrame.Reason.COMPLETE).encode(frame);
    frame.position(0);
    sealer.seal(frame);
    channel.send(frame, group);
  }

  /** Waits until the member has handled everything sent so far. */
  private void barrier() throws IOException {
    ask(0, false);
  }

  /** Sends a status request of a new round and returns the member's answer to it. */
  private Nack ask(int sentBlocks, boolean passComplete) throws IOException {
    round++;
    for (int attempt = 0; attempt < 5; attempt++) {
      frame.clear();
      new StatusRequest(parameters, round, sentBlocks, passComplete, 100).encode(frame);
      frame.position(0);
      sealer.seal(frame);
      channel.send(frame, group);
      long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      Nack nack;
      while ((nack = receiveNack(deadlineNs)) != null) {
        if (nack.round() == round) {
          return nack;
        }
      }
    }
    return fail("no NACK to round " + round);
  }

  /** The next NACK to {@link #channel}, or null when none comes before the deadline. */
  private Nack receiveNack(long deadlineNs) throws IOException {
    long leftMs = TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime());
    if (leftMs <= 0) {
      return null;
    }
    channel.socket().setSoTimeout((int) leftMs);
    DatagramPacket packet = new DatagramPacket(new byte[2_048], 2_048);
    try {
      channel.socket().receive(packet);
    } catch (SocketTimeoutException e) {
      return null;
    }
    assertEquals(LOOPBACK, packet.getAddress());
    ByteBuffer in = ByteBuffer.wrap(packet.getData(), 0, packet.getLength());
    assertEquals(FrameType.NACK, FrameHeader.typeOf(in));
    assertTrue(new FrameAuthenticator(KEY).verify(in), "the NACK is sealed with the group key");
    try {
      return Nack.decode(in);
    } catch (MalformedFrameException e) {
      return fail("a malformed NACK", e);
    }
  }
}
