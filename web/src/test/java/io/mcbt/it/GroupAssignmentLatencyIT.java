package io.mcbt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.signal.SignalMessage;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 200 simulated leechers join groups that are already sending, so no formation window is in the
 * way: every one must get its assignment, and the time from its hello to its group-assign is
 * printed (p50/p99), a figure for the notes rather than a pass mark.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GroupAssignmentLatencyIT {
  private static final int LEECHERS = 200;

  @ArquillianResource URL deployment;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.server();
  }

  @Test
  void twoHundredLeechersAreAssigned() throws Exception {
    InfoHash torrent = AnnouncedTorrents.announcedFromHere(deployment);
    String run = UUID.randomUUID().toString().substring(0, 6);
    List<SignalClient> clients = new ArrayList<>();
    try {
      SignalClient seeder = open(clients);
      seeder.send(
          new SignalMessage.Hello("seed-" + run, List.of(), List.of(torrent), 6881, 7000, true));
      SignalClient first = open(clients);
      join(first, "first-" + run, torrent, "seed-" + run);
      first.next(SignalMessage.GroupAssign.class, 10_000);

      List<SignalClient> leechers = new ArrayList<>();
      for (int i = 0; i < LEECHERS; i++) {
        leechers.add(open(clients));
      }
      long[] latencyNs = new long[LEECHERS];
      for (int i = 0; i < LEECHERS; i++) {
        long start = System.nanoTime();
        join(leechers.get(i), "late-" + run + "-" + i, torrent, "seed-" + run);
        leechers.get(i).next(SignalMessage.GroupAssign.class, 10_000);
        latencyNs[i] = System.nanoTime() - start;
      }

      Arrays.sort(latencyNs);
      System.out.printf(
          "hello to group-assign, %d leechers: p50=%.2f ms p99=%.2f ms max=%.2f ms%n",
          LEECHERS,
          latencyNs[LEECHERS / 2] / 1e6,
          latencyNs[LEECHERS * 99 / 100] / 1e6,
          latencyNs[LEECHERS - 1] / 1e6);
      assertEquals(LEECHERS, latencyNs.length);
    } finally {
      clients.forEach(SignalClient::close);
    }
  }

  private SignalClient open(List<SignalClient> clients) throws Exception {
    SignalClient client = new SignalClient(deployment);
    clients.add(client);
    return client;
  }

  /** Hello, wait for the candidates, report the RTT: what a leecher does before its assignment. */
  private static void join(SignalClient client, String id, InfoHash torrent, String seeder)
      throws Exception {
    client.send(new SignalMessage.Hello(id, List.of(torrent), List.of(), 6881, 7001, true));
    client.next(SignalMessage.Candidates.class, 10_000);
    client.send(
        new SignalMessage.RttReport(torrent, List.of(new SignalMessage.Probe(seeder, 300, 350))));
  }
}
