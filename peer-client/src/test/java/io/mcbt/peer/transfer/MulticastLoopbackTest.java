package io.mcbt.peer.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.Metainfo;
import io.mcbt.metainfo.TorrentCreator;
import io.mcbt.peer.storage.FilePieceStore;
import io.mcbt.peer.storage.PieceState;
import io.mcbt.peer.storage.PieceTracker;
import io.mcbt.peer.storage.ResumeCheck;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
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
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sender and members in one JVM on the loopback interface (multicast stays on this host): every
 * member ends with the exact file, whether it loses datagrams, and whatever forged datagrams come.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MulticastLoopbackTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();

  @TempDir Path temp;

  @Test
  void everyMemberGetsTheFileWithRepairBlocks() throws Exception {
    deliver(32, List.of(n -> false, n -> n % 17 == 3, n -> n % 50 < 3));
  }

  @Test
  void everyMemberGetsTheFileByResends() throws Exception {
    deliver(0, List.of(n -> n % 13 == 5, n -> n % 29 < 2));
  }

  @Test
  void eightMembersWithTwoPercentRandomLoss() throws Exception {
    List<LongPredicate> losses = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Random random = new Random(i);
      losses.add(n -> random.nextInt(100) < 2);
    }
    deliver(32, losses);
  }

  /**
   * A relay: the sender fetches pieces as it goes (here a thread verifies them a few at a time, in
   * a shuffled order within a window, as the peer wire does), and multicasts each once it has it.
   */
  @Test
  void aRelaySendsEachPieceOnceItHasIt() throws Exception {
    relayed = new PieceState(81);
    relayed.fetchInOrder(4);
    Thread fetcher =
        new Thread(
            () -> {
              Random random = new Random(3);
              try {
                while (!relayed.isComplete()) {
                  List<Integer> wanted =
                      new ArrayList<>(relayed.wanted().stream().boxed().toList());
                  Collections.shuffle(wanted, random);
                  relayed.markVerified(wanted.get(0));
                  Thread.sleep(random.nextInt(8));
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    fetcher.start();
    try {
      deliver(32, List.of(n -> false, n -> n % 31 == 4));
    } finally {
      fetcher.interrupt();
      fetcher.join();
    }
  }

  private PieceState relayed;

  private void deliver(int codingBlocks, List<LongPredicate> losses) throws Exception {
    Path seedFolder = Files.createDirectories(temp.resolve("seed"));
    byte[] content = new byte[5 * 1024 * 1024 + 777];
    new Random(7).nextBytes(content);
    Files.write(seedFolder.resolve("file.bin"), content);
    Metainfo metainfo =
        TorrentCreator.of(seedFolder.resolve("file.bin"))
            .pieceLength(64 * 1024)
            .announce("http://127.0.0.1:1/announce")
            .create()
            .metainfo();
    NetworkInterface lo = NetworkInterface.getByInetAddress(LOOPBACK);
    InetSocketAddress group =
        new InetSocketAddress(
            "239.192.254." + ThreadLocalRandom.current().nextInt(1, 250),
            ThreadLocalRandom.current().nextInt(20_000, 40_000));
    long session = ThreadLocalRandom.current().nextLong();
    List<FilePieceStore> stores = new ArrayList<>();
    List<MulticastReceiver> receivers = new ArrayList<>();
    try (FilePieceStore seedStore = FilePieceStore.open(metainfo.info(), seedFolder)) {
      assertTrue(ResumeCheck.run(seedStore, 1, bytes -> {}).pieces().isComplete());
      for (int i = 0; i < losses.size(); i++) {
        FilePieceStore store =
            FilePieceStore.open(metainfo.info(), Files.createDirectories(temp.resolve("m" + i)));
        stores.add(store);
        store.prepareForWriting();
        receivers.add(
            MulticastReceiver.start(
                session,
                group,
                KEY,
                lo,
                LOOPBACK,
                new PieceTracker(store, new PieceState(metainfo.info().pieceCount())),
                Duration.ofSeconds(10),
                FeedbackDelay.RANDOM,
                losses.get(i),
                line -> System.err.println("member: " + line)));
      }
      SenderSettings settings =
          new SenderSettings(
              1_400, codingBlocks, 100L * 1024 * 1024, 40, 0.05, Duration.ofSeconds(1));
      try (Forger forger = new Forger(group, lo);
          MulticastSender sender =
              MulticastSender.start(
                  session,
                  group,
                  1,
                  KEY,
                  lo,
                  LOOPBACK,
                  seedStore,
                  relayed == null ? PieceAvailability.WHOLE : relayed::awaitVerified,
                  receivers.size(),
                  settings,
                  new MulticastSender.Timers(10_000_000, 5_000_000, 100_000_000),
                  figures -> {},
                  line -> System.err.println("sender: " + line))) {
        forger.start();
        for (MulticastReceiver receiver : receivers) {
          assertEquals(
              MulticastReceiver.Outcome.COMPLETE, receiver.outcome().get(90, TimeUnit.SECONDS));
        }
        MulticastSender.Figures figures = sender.figures();
        System.err.println("sender: " + figures);
        receivers.forEach(r -> System.err.println("member: " + r.figures()));
        assertTrue(figures.retransmittedBytes() > 0, "losses were repaired");
        assertTrue(receivers.get(0).figures().dropped() > 0, "forged datagrams were dropped");
        if (codingBlocks > 0) {
          assertTrue(receivers.get(1).figures().repaired() > 0, "repair blocks were decoded");
        }
      }
      for (int i = 0; i < stores.size(); i++) {
        assertArrayEquals(
            content, Files.readAllBytes(temp.resolve("m" + i).resolve("file.bin")), "member " + i);
      }
    } finally {
      receivers.forEach(MulticastReceiver::close);
      stores.forEach(FilePieceStore::close);
    }
  }

  /** Multicasts frames under another key and plain garbage to the group while it runs. */
  private static final class Forger implements AutoCloseable {
    private final DatagramChannel channel;
    private final InetSocketAddress group;
    private final Thread thread;
    private volatile boolean stop;

    Forger(InetSocketAddress group, NetworkInterface nic) throws Exception {
      this.group = group;
      this.channel = DatagramChannel.open(java.net.StandardProtocolFamily.INET);
      channel.setOption(java.net.StandardSocketOptions.IP_MULTICAST_IF, nic);
      this.thread = new Thread(this::run, "forger");
    }

    void start() {
      thread.start();
    }

    private void run() {
      Random random = new Random(3);
      io.mcbt.transfer.FrameAuthenticator wrongKey =
          new io.mcbt.transfer.FrameAuthenticator(new byte[32]);
      ByteBuffer frame = ByteBuffer.allocate(2_048);
      while (!stop) {
        try {
          frame.clear();
          if (random.nextBoolean()) {
            byte[] junk = new byte[random.nextInt(1, 1_500)];
            random.nextBytes(junk);
            frame.put(junk).flip();
          } else {
            frame.position(io.mcbt.transfer.FrameHeader.LENGTH);
            byte[] junk = new byte[1_400];
            random.nextBytes(junk);
            frame.put(junk).position(0);
            io.mcbt.transfer.DataFrame.writeHeader(
                frame,
                io.mcbt.transfer.FrameType.DATA,
                new io.mcbt.transfer.SessionParameters(0, 1_400, 0),
                0,
                0,
                0,
                1_400);
            wrongKey.seal(frame);
          }
          channel.send(frame, group);
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          // the group is gone: the test is over
        }
      }
    }

    @Override
    public void close() throws java.io.IOException {
      stop = true;
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      channel.close();
    }
  }
}
