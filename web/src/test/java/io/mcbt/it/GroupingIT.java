package io.mcbt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcbt.metainfo.InfoHash;
import io.mcbt.signal.SignalMessage;
import io.mcbt.signal.SignalMessage.GroupAssign;
import io.mcbt.signal.SignalMessage.GroupSend;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Simulated peers over real WebSockets form groups by torrent, nearest sender and RTT band. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GroupingIT {
  private static final long WAIT_MS = 10_000;

  @ArquillianResource URL deployment;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.server();
  }

  @Test
  void twentyPeersFormTheExpectedGroupsAndSendersLearnTheirMembers() throws Exception {
    InfoHash torrent = AnnouncedTorrents.announcedFromHere(deployment);
    String run = UUID.randomUUID().toString().substring(0, 6);
    List<SignalClient> clients = new ArrayList<>();
    try {
      SignalClient near = connect(clients, hello("near-" + run, List.of(), List.of(torrent), 7000));
      SignalClient far = connect(clients, hello("far-" + run, List.of(), List.of(torrent), 7100));
      Map<String, SignalClient> leechers = new HashMap<>();
      Map<String, String> expectedGroup = new HashMap<>();
      for (int i = 0; i < 18; i++) {
        String id = "leecher-" + run + "-" + i;
        SignalClient leecher = connect(clients, hello(id, List.of(torrent), List.of(), 7200 + i));
        SignalMessage.Candidates candidates = leecher.next(SignalMessage.Candidates.class, WAIT_MS);
        assertEquals(2, candidates.senders().size(), candidates.toString());
        // 8 on the LAN near "near" (under 1 ms), 6 a few ms from it, 4 closer to "far".
        long nearRtt = i < 8 ? 300 + i : i < 14 ? 3_000 + i : 50_000;
        long farRtt = i < 14 ? 90_000 : 400 + i;
        leecher.send(
            new SignalMessage.RttReport(
                torrent,
                List.of(
                    new SignalMessage.Probe("near-" + run, nearRtt, nearRtt + 50),
                    new SignalMessage.Probe("far-" + run, farRtt, farRtt + 50))));
        leechers.put(id, leecher);
        expectedGroup.put(id, i < 8 ? "near-lan" : i < 14 ? "near-band-2" : "far");
      }

      Map<String, Long> groupOf = new HashMap<>();
      for (Map.Entry<String, SignalClient> leecher : leechers.entrySet()) {
        GroupAssign assign = leecher.getValue().next(GroupAssign.class, WAIT_MS);
        assertEquals(torrent, assign.infoHash());
        assertTrue(assign.address().startsWith("239.192."), assign.address());
        assertEquals(32, assign.key().length);
        groupOf.put(leecher.getKey(), assign.groupId());
      }
      assertSameGrouping(expectedGroup, groupOf);

      Set<Long> nearGroups = new HashSet<>();
      nearGroups.add(near.next(GroupSend.class, WAIT_MS).groupId());
      nearGroups.add(near.next(GroupSend.class, WAIT_MS).groupId());
      GroupSend farSend = far.next(GroupSend.class, WAIT_MS);
      assertEquals(2, nearGroups.size());
      assertEquals(4, farSend.members().size());
    } finally {
      clients.forEach(SignalClient::close);
    }
  }

  @Test
  void aGroupWhoseMembersAreDoneEndsAndLeavesItsRecord() throws Exception {
    InfoHash torrent = AnnouncedTorrents.announcedFromHere(deployment);
    String run = UUID.randomUUID().toString().substring(0, 6);
    List<SignalClient> clients = new ArrayList<>();
    try {
      SignalClient seeder =
          connect(clients, hello("seeder-" + run, List.of(), List.of(torrent), 7300));
      List<SignalClient> members = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        SignalClient member =
            connect(
                clients, hello("member-" + run + "-" + i, List.of(torrent), List.of(), 7310 + i));
        member.next(SignalMessage.Candidates.class, WAIT_MS);
        member.send(
            new SignalMessage.RttReport(
                torrent, List.of(new SignalMessage.Probe("seeder-" + run, 200, 250))));
        members.add(member);
      }
      long group = members.get(0).next(GroupAssign.class, WAIT_MS).groupId();
      seeder.next(GroupSend.class, WAIT_MS);

      seeder.send(new SignalMessage.SenderReport(group, 3_000_000, 2, 40_000, 17));
      // The report and the members' done travel on different connections: see it arrive first.
      awaitBytesSent(group, 3_000_000);
      for (SignalClient member : members) {
        member.send(new SignalMessage.Progress(group, 1_000));
        member.send(new SignalMessage.Done(group));
      }

      assertEquals("DONE", seeder.next(SignalMessage.GroupEnd.class, WAIT_MS).outcome());
      JsonNode record = Api.json(new Api(deployment).get("groups/" + group));
      assertEquals("DONE", record.get("state").asText(), record.toString());
      assertEquals(3, record.get("members").size());
      assertEquals(3_000_000, record.get("bytesSent").asLong());
      assertEquals(2, record.get("rounds").asInt());
      assertEquals(17, record.get("nacksReceived").asLong());
      assertTrue(
          record.get("members").get(0).get("trackerRttMicros").asLong() > 0,
          "the tracker measured its own RTT to the member: " + record);
      JsonNode ofTorrent =
          Api.json(new Api(deployment).get("torrents/" + torrent.hex() + "/groups"));
      assertEquals(group, ofTorrent.get("finished").get(0).get("id").asLong());
    } finally {
      clients.forEach(SignalClient::close);
    }
  }

  @Test
  void malformedInputIsAnsweredWithErrorAndRepeatOffendersAreClosed() throws Exception {
    try (SignalClient client = new SignalClient(deployment)) {
      client.sendText("{not json");
      assertTrue(
          client.next(SignalMessage.ErrorMessage.class, WAIT_MS).reason().startsWith("not JSON"));
      client.send(new SignalMessage.Done(1));
      assertEquals(
          "say hello first", client.next(SignalMessage.ErrorMessage.class, WAIT_MS).reason());
      client.sendText("{\"v\":9,\"type\":\"hello\"}");
      assertTrue(
          client.next(SignalMessage.ErrorMessage.class, WAIT_MS).reason().contains("version 9"));
      client.sendText("[]");
      client.sendText("42");

      assertEquals(1008, client.closeCode(WAIT_MS));
    }
  }

  @Test
  void aHelloForATorrentNotAnnouncedFromItsAddressIsRefusedAndClosed() throws Exception {
    InfoHash announced = AnnouncedTorrents.announcedFromHere(deployment);
    InfoHash other = randomHash();
    try (SignalClient client = new SignalClient(deployment)) {
      long start = System.nanoTime();
      client.send(
          hello("stranger-" + UUID.randomUUID(), List.of(announced, other), List.of(), 7400));

      String reason = client.next(SignalMessage.ErrorMessage.class, WAIT_MS).reason();
      assertTrue(reason.startsWith("announce " + other.hex() + " to this tracker"), reason);
      assertEquals(1008, client.closeCode(WAIT_MS));
      assertTrue(System.nanoTime() - start >= 4_000_000_000L, "refused only after a grace period");
    }
  }

  @Test
  void aHelloThatComesJustBeforeItsAnnounceIsTaken() throws Exception {
    InfoHash late = AnnouncedTorrents.registered(deployment);
    try (SignalClient leecher = new SignalClient(deployment)) {
      leecher.send(hello("early-" + UUID.randomUUID(), List.of(late), List.of(), 7411));
      Thread.sleep(500);
      AnnouncedTorrents.announce(new Api(deployment), late);

      SignalMessage.Candidates candidates = leecher.next(SignalMessage.Candidates.class, WAIT_MS);
      assertEquals(late, candidates.infoHash());
    }
  }

  private void awaitBytesSent(long group, long bytes) throws InterruptedException {
    Api api = new Api(deployment);
    for (int i = 0; i < 100; i++) {
      if (Api.json(api.get("groups/" + group)).path("bytesSent").asLong() == bytes) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the sender report did not arrive");
  }

  private static void assertSameGrouping(Map<String, String> expected, Map<String, Long> actual) {
    Map<String, Set<Long>> groupsPerLabel = new HashMap<>();
    expected.forEach(
        (peer, label) ->
            groupsPerLabel.computeIfAbsent(label, l -> new HashSet<>()).add(actual.get(peer)));
    groupsPerLabel.forEach(
        (label, groups) -> assertEquals(1, groups.size(), label + ": " + groups));
    assertEquals(3, new HashSet<>(actual.values()).size(), actual.toString());
  }

  private SignalClient connect(List<SignalClient> clients, SignalMessage.Hello hello)
      throws Exception {
    SignalClient client = new SignalClient(deployment);
    clients.add(client);
    client.send(hello);
    return client;
  }

  private static SignalMessage.Hello hello(
      String id, List<InfoHash> wants, List<InfoHash> holds, int controlPort) {
    return new SignalMessage.Hello(id, wants, holds, 6881, controlPort, true);
  }

  private static InfoHash randomHash() {
    byte[] bytes = new byte[20];
    new Random().nextBytes(bytes);
    return new InfoHash(bytes);
  }
}
