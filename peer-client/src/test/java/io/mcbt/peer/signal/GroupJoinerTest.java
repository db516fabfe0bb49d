package io.mcbt.peer.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.peer.rtt.EchoResponder;
import io.mcbt.peer.rtt.RttProber;
import io.mcbt.signal.SignalMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GroupJoinerTest {
  private static final InfoHash TORRENT = InfoHash.fromHex("cd".repeat(20));
  private static final SignalMessage.Timers TIMERS = new SignalMessage.Timers(10, 2, 100);

  /** A tracker played by the test: it answers as scripted and keeps what the peer sent. */
  private static final class ScriptedTracker implements SignalChannel {
    final List<SignalMessage> sent = new ArrayList<>();
    final LinkedBlockingQueue<SignalMessage> replies = new LinkedBlockingQueue<>();

    @Override
    public void send(SignalMessage message) {
      sent.add(message);
    }

    @Override
    public Optional<SignalMessage> next(Duration timeout) throws InterruptedException {
      return Optional.ofNullable(replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }
  }

  private final RttProber prober = new RttProber(3, Duration.ofMillis(1), Duration.ofMillis(300));

  @Test
  void probesTheCandidatesReportsAndReturnsTheAssignment() throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (EchoResponder sender = EchoResponder.start(new InetSocketAddress(loopback, 0))) {
      ScriptedTracker tracker = new ScriptedTracker();
      SignalMessage.Endpoint endpoint =
          new SignalMessage.Endpoint("seed", "127.0.0.1", sender.port());
      SignalMessage.GroupAssign assign =
          new SignalMessage.GroupAssign(
              9, TORRENT, "239.192.0.9", 40009, 1, new byte[32], endpoint, TIMERS);
      tracker.replies.add(new SignalMessage.Candidates(TORRENT, List.of(endpoint)));
      tracker.replies.add(assign);

      Optional<SignalMessage.GroupAssign> joined =
          new GroupJoiner(tracker, prober).join("me", TORRENT, 6881, 7001, Duration.ofSeconds(5));

      assertEquals(Optional.of(assign), joined);
      SignalMessage.RttReport report = (SignalMessage.RttReport) tracker.sent.get(1);
      assertEquals("seed", report.probes().get(0).senderId());
      assertTrue(report.probes().get(0).minRttMicros() > 0);
    }
  }

  @Test
  void noGroupInTimeIsEmptySoTheCallerFallsBackToThePeerWire() throws Exception {
    ScriptedTracker tracker = new ScriptedTracker();
    tracker.replies.add(new SignalMessage.Candidates(TORRENT, List.of()));

    Optional<SignalMessage.GroupAssign> joined =
        new GroupJoiner(tracker, prober).join("me", TORRENT, 6881, 7001, Duration.ofMillis(300));

    assertEquals(Optional.empty(), joined);
    assertEquals(1, tracker.sent.size(), "no report without senders");
  }

  @Test
  void aLeecherTheTrackerMakesARelayIsToldAtOnce() throws Exception {
    ScriptedTracker tracker = new ScriptedTracker();
    tracker.replies.add(new SignalMessage.Relay(TORRENT));

    GroupRole role =
        new GroupJoiner(tracker, prober)
            .role(GroupJoiner.hello("me", TORRENT, 6881, 7001), Duration.ofSeconds(30));

    assertEquals(new GroupRole.Relay(TORRENT), role);
    assertEquals(1, tracker.sent.size(), "nothing to probe: it sends");
  }

  @Test
  void aRefusalFromTheTrackerIsAnError() {
    ScriptedTracker tracker = new ScriptedTracker();
    tracker.replies.add(new SignalMessage.ErrorMessage("say hello first"));

    IOException refused =
        assertThrows(
            IOException.class,
            () ->
                new GroupJoiner(tracker, prober).join("me", TORRENT, 1, 2, Duration.ofSeconds(1)));
    assertTrue(refused.getMessage().contains("say hello first"));
  }
}
