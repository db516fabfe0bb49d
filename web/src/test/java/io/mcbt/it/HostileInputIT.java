package io.mcbt.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.TorrentCreator;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Mutated requests against the running server: announces, scrapes and uploads built from valid ones
 * with fields dropped, repeated, emptied, filled with random bytes or extreme numbers, and torrents
 * with bytes flipped, cut or spliced. The codecs behind these endpoints take 100,000 inputs each in
 * the protocol module's fuzz tests; this checks what the server makes of their failures, with a
 * bounded budget: never a 5xx.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileInputIT {
  private static final int ANNOUNCES = 6_000;
  private static final int SCRAPES = 2_000;
  private static final int UPLOADS = 1_500;
  private static final String[] EXTREMES = {
    "", "-1", "0", "65536", "99999999999999999999999", "1e9", "0x10", " 1", "NaN", "%00"
  };

  @ArquillianResource URL deployment;
  private Api api;
  private final Random random = new Random(6);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.server();
  }

  @BeforeEach
  void client() {
    api = new Api(deployment);
  }

  @Test
  void mutatedAnnouncesAndScrapesNeverGetA5xx() {
    byte[] infoHash = published();
    TreeMap<String, byte[]> valid = new TreeMap<>();
    valid.put("info_hash", infoHash);
    valid.put("peer_id", "-MC0001-hostile00001".getBytes(StandardCharsets.US_ASCII));
    valid.put("port", bytes("6881"));
    valid.put("uploaded", bytes("0"));
    valid.put("downloaded", bytes("0"));
    valid.put("left", bytes("1000"));
    valid.put("compact", bytes("1"));
    valid.put("event", bytes("started"));
    valid.put("numwant", bytes("50"));
    expectNo5xx("announce", ANNOUNCES, () -> "announce?" + mutate(valid));
    TreeMap<String, byte[]> scrape = new TreeMap<>();
    scrape.put("info_hash", infoHash);
    expectNo5xx("scrape", SCRAPES, () -> "scrape?" + mutate(scrape));
  }

  @Test
  void mutatedTorrentUploadsNeverGetA5xx() {
    byte[] torrent = TestTorrents.named("hostile-" + TestTorrents.uniqueWord()).bytes();
    List<Integer> failures = new ArrayList<>();
    for (int i = 0; i < UPLOADS; i++) {
      byte[] body = mutate(torrent);
      HttpResponse<byte[]> response = api.post("torrents", "application/x-bittorrent", body);
      if (response.statusCode() >= 500) {
        failures.add(response.statusCode());
      }
    }
    assertTrue(failures.isEmpty(), failures.size() + " uploads got a 5xx: " + failures);
  }

  private void expectNo5xx(String what, int count, Supplier<String> requests) {
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String request = requests.get();
      int status = api.getFromRoot(request).statusCode();
      if (status >= 500 && failures.size() < 5) {
        failures.add(status + " " + request);
      }
    }
    assertTrue(failures.isEmpty(), what + " got a 5xx: " + failures);
  }

  private byte[] published() {
    TorrentCreator.CreatedTorrent torrent =
        TestTorrents.named("hostile-" + TestTorrents.uniqueWord());
    HttpResponse<byte[]> response =
        api.post("torrents", "application/x-bittorrent", torrent.bytes());
    assertTrue(response.statusCode() < 300, new String(response.body(), StandardCharsets.UTF_8));
    return torrent.metainfo().infoHash().bytes();
  }

  /** A query from {@code valid} with one to three fields changed, every byte percent-encoded. */
  private String mutate(TreeMap<String, byte[]> valid) {
    List<String[]> fields = new ArrayList<>();
    valid.forEach((key, value) -> fields.add(new String[] {key, encode(value)}));
    for (int changes = 1 + random.nextInt(3); changes > 0; changes--) {
      int at = random.nextInt(fields.size());
      switch (random.nextInt(6)) {
        case 0 -> fields.remove(at);
        case 1 -> fields.add(fields.get(at).clone());
        case 2 -> fields.get(at)[1] = encode(randomBytes(random.nextInt(300)));
        case 3 -> fields.get(at)[1] = encode(bytes(EXTREMES[random.nextInt(EXTREMES.length)]));
        case 4 -> fields.get(at)[0] = encode(randomBytes(1 + random.nextInt(20)));
        default -> fields.add(new String[] {"x" + random.nextInt(99), ""});
      }
      if (fields.isEmpty()) {
        break;
      }
    }
    StringBuilder query = new StringBuilder();
    for (String[] field : fields) {
      query.append(query.length() == 0 ? "" : "&").append(field[0]).append('=').append(field[1]);
    }
    return query.toString();
  }

  private byte[] mutate(byte[] torrent) {
    byte[] body = torrent.clone();
    switch (random.nextInt(4)) {
      case 0 -> {
        for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
          body[random.nextInt(body.length)] ^= (byte) (1 << random.nextInt(8));
        }
      }
      case 1 -> body = java.util.Arrays.copyOf(body, random.nextInt(body.length));
      case 2 -> {
        int at = random.nextInt(body.length);
        byte[] spliced = new byte[body.length + 16];
        System.arraycopy(body, 0, spliced, 0, at);
        System.arraycopy(randomBytes(16), 0, spliced, at, 16);
        System.arraycopy(body, at, spliced, at + 16, body.length - at);
        body = spliced;
      }
      default -> body = randomBytes(random.nextInt(2_000));
    }
    return body;
  }

  private byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String encode(byte[] bytes) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : bytes) {
      encoded.append('%').append(String.format("%02X", b & 0xff));
    }
    return encoded.toString();
  }
}
