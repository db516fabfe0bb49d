package io.mcbt.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.mcbt.metainfo.InfoHash;
import io.mcbt.peer.rtt.EchoResponder;
import io.mcbt.peer.rtt.RttProber;
import io.mcbt.peer.signal.GroupJoiner;
import io.mcbt.peer.signal.GroupRole;
import io.mcbt.peer.signal.SignalSession;
import io.mcbt.peer.signal.TrackerSocket;
import io.mcbt.signal.SignalMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Two Payara Micro instances clustered over Hazelcast on loopback, sharing one store, with peers
 * split between them: swarms are shared, leechers on different instances land in one group, no
 * multicast address goes to two live groups, a group's messages reach members on either instance;
 * then the coordinating instance is killed and the other takes its groups over.
 */
@Timeout(600)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
  private static final Duration REPLICATION_WAIT = Duration.ofSeconds(10);

  private final ClusterInstances instances = new ClusterInstances();
  private final ExecutorService peers = Executors.newCachedThreadPool();
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final Random random = new Random();

  private MongoServer store;
  private ServerProcess first;
  private ServerProcess second;
  private EchoResponder holderControl;
  private TrackerSocket holderOnFirst;

  /** Groups left running by {@link #noMulticastAddressGoesToTwoLiveGroups()} for the takeover. */
  private final List<SignalMessage.GroupAssign> liveGroups = new ArrayList<>();

  private final List<InfoHash> liveTorrents = new ArrayList<>();
  private TcpBalancer balancer;
  private SignalSession client;
  private final BlockingQueue<SignalMessage> fromClient = new LinkedBlockingQueue<>();

  @BeforeAll
  void startTwoClusteredInstances() throws Exception {
    Path work = Jars.workDir().resolve("cluster-" + UUID.randomUUID());
    Files.createDirectories(work);
    store = new MongoServer(new H2Backend(work.resolve("store.mv").toString()));
    InetSocketAddress storeAddress = store.bind();
    Map<String, String> environment =
        Map.of(
            "MONGODB_URI", "mongodb://127.0.0.1:" + storeAddress.getPort(),
            "MCBT_GROUPS_FORMATION_WINDOW_MS", "1500",
            "MCBT_GROUPS_RTT_BANDS_MS", "250");
    String cluster = "mcbt-it-" + UUID.randomUUID();
    List<Integer> clusterPorts = List.of(ServerProcess.freeTcpPort(), ServerProcess.freeTcpPort());
    first =
        ServerProcess.startInCluster(
            work.resolve("first"), environment, cluster, clusterPorts.get(0), clusterPorts);
    second =
        ServerProcess.startInCluster(
            work.resolve("second"), environment, cluster, clusterPorts.get(1), clusterPorts);
    await(
        "the second instance joins the first",
        () ->
            Pattern.compile("Cluster: data grid \\S+, members \\[[^,\\]]+, [^,\\]]+\\]")
                .matcher(second.log())
                .find());
    holderControl = EchoResponder.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  @AfterAll
  void stopEverything() throws Exception {
    for (AutoCloseable closeable : toClose) {
      closeable.close();
    }
    if (client != null) {
      client.close();
    }
    if (balancer != null) {
      balancer.close();
    }
    peers.shutdownNow();
    if (holderControl != null) {
      holderControl.close();
    }
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
    if (store != null) {
      store.shutdownNow();
    }
  }

  @Test
  @Order(1)
  void aPeerAnnouncingToOneInstanceIsGivenToPeersOfTheOther() throws Exception {
    InfoHash torrent = registeredTorrent(first);
    String fromFirst = instances.announce(first, torrent, 1);
    assertFalse(fromFirst.contains("failure reason"), fromFirst);

    await(
        "the peer of the first instance in the second's reply",
        () -> instances.announce(second, torrent, 2).contains("porti10001e"));
    await(
        "the peer of the second instance in the first's reply",
        () -> instances.announce(first, torrent, 1).contains("porti10002e"));
    String scrape = TrackerProbe.httpScrape(second.baseUrl() + "/scrape", torrent);
    assertTrue(scrape.contains("10:incompletei2e"), scrape);
    assertEquals(
        "ok",
        TrackerProbe.udpAnnounce(first.udpPort(), second.udpPort(), torrent, 7),
        "a UDP connection id from one instance is good at the other");
  }

  @Test
  @Order(2)
  void leechersOnEitherInstanceLandInOneGroupAndHearItsMessages() throws Exception {
    InfoHash torrent = registeredTorrent(second);
    instances.announce(first, torrent, 3);
    TrackerSocket holder = connect(first);
    holder.send(hello("holder-2", List.of(), List.of(torrent)));
    TrackerSocket leecherOnFirst = connect(first);
    TrackerSocket leecherOnSecond = connect(second);

    CompletableFuture<Optional<SignalMessage.GroupAssign>> one =
        join(leecherOnFirst, "left-1", torrent);
    CompletableFuture<Optional<SignalMessage.GroupAssign>> two =
        join(leecherOnSecond, "right-1", torrent);
    SignalMessage.GroupAssign assignOne = one.get().orElseThrow();
    SignalMessage.GroupAssign assignTwo = two.get().orElseThrow();

    assertEquals(
        assignOne.groupId(), assignTwo.groupId(), "one group for both instances' leechers");
    assertEquals("holder-2", assignTwo.sender().peerId());
    Set<String> told = new HashSet<>();
    SignalMessage.GroupSend send;
    do {
      send = next(holder, SignalMessage.GroupSend.class);
      send.members().forEach(member -> told.add(member.endpoint().peerId()));
    } while (told.size() < 2);
    assertEquals(Set.of("left-1", "right-1"), told);

    leecherOnFirst.send(new SignalMessage.Done(assignOne.groupId()));
    leecherOnSecond.send(new SignalMessage.Done(assignTwo.groupId()));
    assertEquals("DONE", next(leecherOnSecond, SignalMessage.GroupEnd.class).outcome());
    assertEquals("DONE", next(leecherOnFirst, SignalMessage.GroupEnd.class).outcome());
    assertEquals(assignOne.groupId(), next(holder, SignalMessage.GroupEnd.class).groupId());
  }

  @Test
  @Order(3)
  void noMulticastAddressGoesToTwoLiveGroups() throws Exception {
    List<CompletableFuture<Optional<SignalMessage.GroupAssign>>> joins = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ServerProcess where = i % 2 == 0 ? first : second;
      InfoHash torrent = registeredTorrent(where);
      instances.announce(where, torrent, 4);
      liveTorrents.add(torrent);
    }
    holderOnFirst = connect(first);
    holderOnFirst.send(hello("holder-3", List.of(), liveTorrents));
    // The first member is the real client's session, through a balancer that prefers the first
    // instance: when that one dies, the session reconnects to the second by itself.
    balancer = TcpBalancer.start(List.of(first.port(), second.port()));
    client =
        SignalSession.open(
            URI.create("http://127.0.0.1:" + balancer.port()),
            "member-0",
            InetAddress.getLoopbackAddress(),
            0);
    joins.add(
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return client.joinGroup(liveTorrents.get(0), 6883, Duration.ofSeconds(30))
                        instanceof GroupRole.Member member
                    ? Optional.of(member.assign())
                    : Optional.empty();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            peers));
    for (int i = 1; i < liveTorrents.size(); i++) {
      joins.add(join(connect(i % 2 == 0 ? first : second), "member-" + i, liveTorrents.get(i)));
    }
    Set<String> pairs = new HashSet<>();
    for (CompletableFuture<Optional<SignalMessage.GroupAssign>> join : joins) {
      SignalMessage.GroupAssign assign = join.get().orElseThrow();
      liveGroups.add(assign);
      assertTrue(pairs.add(assign.address() + ":" + assign.port()), "a pair used twice: " + pairs);
    }
    // Both instances show the same live groups, with the addresses their members were given.
    for (ServerProcess server : List.of(first, second)) {
      await(
          "every live group listed by " + server.baseUrl(),
          () -> instances.listedPairs(server).containsAll(pairs));
    }
  }

  @Test
  @Order(4)
  void theOtherInstanceTakesTheGroupsOverWhenTheCoordinatorDies() throws Exception {
    assertFalse(liveGroups.isEmpty(), "runs after the groups were formed");
    client.listen(fromClient::add);
    Instant killed = Instant.now();
    first.kill();

    await(
        "the second instance takes coordination over",
        () -> second.log().contains("Coordinating the cluster's groups"));
    Duration takeover = Duration.between(killed, Instant.now());
    System.out.printf(
        "Takeover: %d ms from the kill to the second instance coordinating%n", takeover.toMillis());
    Set<String> pairsBefore = new HashSet<>();
    liveGroups.forEach(group -> pairsBefore.add(group.address() + ":" + group.port()));
    assertTrue(instances.listedPairs(second).containsAll(pairsBefore), "every live group goes on");

    // The holder reconnects to the second and says hello again; the client's session does the same
    // by itself, through the balancer.
    TrackerSocket holder = connect(second);
    holder.send(hello("holder-3", List.of(), liveTorrents));
    assertTrue(
        fromClient.poll(60, TimeUnit.SECONDS) instanceof SignalMessage.Candidates,
        "the client said hello again on the second instance");
    // That member finishes through the second: the group ends for everyone.
    SignalMessage.GroupAssign finished = liveGroups.get(0);
    client.done(finished.groupId());
    SignalMessage end = fromClient.poll(10, TimeUnit.SECONDS);
    assertTrue(
        end instanceof SignalMessage.GroupEnd groupEnd && groupEnd.groupId() == finished.groupId(),
        "group end to the reconnected client: " + end);
    assertEquals(finished.groupId(), nextEnd(holder).groupId());

    // A new group after the takeover gets a pair no live group holds.
    InfoHash torrent = registeredTorrent(second);
    instances.announce(second, torrent, 5);
    connect(second).send(hello("holder-4", List.of(), List.of(torrent)));
    SignalMessage.GroupAssign fresh = join(connect(second), "late-0", torrent).get().orElseThrow();
    Set<String> stillLive = new HashSet<>(pairsBefore);
    stillLive.remove(finished.address() + ":" + finished.port());
    assertFalse(
        stillLive.contains(fresh.address() + ":" + fresh.port()),
        "a pair of a live group given again: " + fresh.address() + ":" + fresh.port());
    assertNotEquals(finished.groupId(), fresh.groupId());

    // The swarm of the dead instance's peers lives on in the second.
    assertTrue(instances.announce(second, liveTorrents.get(0), 6).contains("porti10004e"));
  }

  private CompletableFuture<Optional<SignalMessage.GroupAssign>> join(
      TrackerSocket socket, String peerId, InfoHash torrent) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new GroupJoiner(
                    socket, new RttProber(3, Duration.ofMillis(2), Duration.ofMillis(500)))
                .join(peerId, torrent, 6882, 7002, Duration.ofSeconds(30));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        peers);
  }

  private SignalMessage.Hello hello(String peerId, List<InfoHash> wants, List<InfoHash> holds)
      throws IOException {
    return new SignalMessage.Hello(peerId, wants, holds, 6881, holderControl.port(), true);
  }

  private SignalMessage.GroupEnd nextEnd(TrackerSocket socket) throws InterruptedException {
    return next(socket, SignalMessage.GroupEnd.class);
  }

  /** The next message of that type, skipping others (candidates, say). */
  private static <T extends SignalMessage> T next(TrackerSocket socket, Class<T> type)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(REPLICATION_WAIT);
    while (Instant.now().isBefore(deadline)) {
      Optional<SignalMessage> message = socket.next(Duration.between(Instant.now(), deadline));
      if (message.isPresent() && type.isInstance(message.get())) {
        return type.cast(message.get());
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " within " + REPLICATION_WAIT);
  }

  private TrackerSocket connect(ServerProcess server) throws Exception {
    TrackerSocket socket =
        TrackerSocket.connect(URI.create(server.baseUrl()), Duration.ofSeconds(10));
    toClose.add(socket);
    return socket;
  }

  private InfoHash registeredTorrent(ServerProcess server) throws Exception {
    byte[] bytes = new byte[20];
    random.nextBytes(bytes);
    InfoHash torrent = new InfoHash(bytes);
    instances.register(server, torrent);
    // Registered on one instance, known to both once the registration has travelled.
    ServerProcess other = server == first ? second : first;
    if (other.isAlive()) {
      await(
          "the registration on the other instance",
          () ->
              TrackerProbe.httpScrape(other.baseUrl() + "/scrape", torrent).contains("8:complete"));
    }
    return torrent;
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void await(String what, Check check) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      if (check.holds()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("not within 60 s: " + what);
  }
}
