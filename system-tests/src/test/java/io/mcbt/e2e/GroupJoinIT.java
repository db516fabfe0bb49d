package io.mcbt.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.peer.rtt.EchoResponder;
import io.mcbt.peer.rtt.RttProber;
import io.mcbt.peer.signal.GroupJoiner;
import io.mcbt.peer.signal.TrackerSocket;
import io.mcbt.signal.SignalMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client's way into a group against the real server: a holder says hello and answers probes on
 * its control port; a leecher probes it for real and is assigned a group that names it.
 */
@Timeout(300)
class GroupJoinIT {

  @Test
  void aLeecherProbesTheHolderAndIsAssignedItsGroup() throws Exception {
    byte[] bytes = new byte[20];
    new Random().nextBytes(bytes);
    InfoHash torrent = new InfoHash(bytes);
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    try (ServerProcess server =
            ServerProcess.start(Jars.workDir().resolve("groups-" + UUID.randomUUID()), Map.of());
        EchoResponder holderControl = EchoResponder.start(loopback);
        TrackerSocket holder =
            TrackerSocket.connect(URI.create(server.baseUrl()), Duration.ofSeconds(10));
        TrackerSocket leecher =
            TrackerSocket.connect(URI.create(server.baseUrl()), Duration.ofSeconds(10))) {
      // The tracker takes a hello only for torrents announced from the peer's address.
      register(server, torrent);
      String announced = TrackerProbe.httpAnnounce(server.baseUrl() + "/announce", torrent, 1);
      assertFalse(announced.contains("failure reason"), announced);
      holder.send(
          new SignalMessage.Hello(
              "holder", List.of(), List.of(torrent), 6881, holderControl.port(), true));

      Optional<SignalMessage.GroupAssign> assign =
          new GroupJoiner(leecher, new RttProber(5, Duration.ofMillis(2), Duration.ofMillis(500)))
              .join("leecher", torrent, 6882, 7002, Duration.ofSeconds(20));

      assertTrue(assign.isPresent(), "assigned within the formation window");
      assertEquals("holder", assign.get().sender().peerId());
      assertEquals(holderControl.port(), assign.get().sender().controlPort());
      assertTrue(assign.get().address().startsWith("239.192."));
      assertEquals(1, assign.get().ttl(), "a loopback RTT is a LAN band");
      SignalMessage sent = holder.next(Duration.ofSeconds(10)).orElseThrow();
      assertTrue(sent instanceof SignalMessage.GroupSend, sent.toString());
      assertEquals(
          "leecher", ((SignalMessage.GroupSend) sent).members().get(0).endpoint().peerId());
    }
  }

  private static void register(ServerProcess server, InfoHash torrent) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(server.api("tracker/registrations"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"infoHash\":\"" + torrent.hex() + "\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
  }
}
