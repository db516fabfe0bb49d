package io.mcbt.tracker;

import java.net.InetAddress;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 100,000 mutated announce and scrape queries: each parses or fails with a reason, nothing else.
 */
class HttpQueryFuzzTest {
  private static final HttpAnnounce.NumWant NUM_WANT = new HttpAnnounce.NumWant(50, 200);
  private static final String ALPHABET = "%&=+0123456789abcdefABCDEFxyz_-.~ \u00e9\ud83d\ude00";

  @Test
  void mutatedQueriesParseOrFailWithAReason() throws Exception {
    Random random = new Random(31);
    InetAddress remote = InetAddress.getLoopbackAddress();
    String hash = "%12%34%56%78%9A%BC%DE%F0%11%22%33%44%55%66%77%88%99%AA%BB%CC";
    List<String> seeds =
        List.of(
            "info_hash="
                + hash
                + "&peer_id=-TR3000-abcdefghijkl&port=51413&uploaded=0"
                + "&downloaded=0&left=100&event=started&compact=1&numwant=80&key=1a2b",
            "info_hash=" + hash + "&info_hash=" + hash,
            "info_hash="
                + hash
                + "&peer_id=-TR3000-abcdefghijkl&port=1&left=0&compact=0&no_peer_id=1");
    for (int i = 0; i < Integer.getInteger("mcbt.fuzz.iterations", 100_000); i++) {
      StringBuilder query = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
      for (int edits = 1 + random.nextInt(4); edits > 0 && query.length() > 0; edits--) {
        int at = random.nextInt(query.length());
        switch (random.nextInt(3)) {
          case 0 -> query.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
          case 1 -> query.deleteCharAt(at);
          default -> query.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
      }
      String text = query.toString();
      try {
        HttpAnnounce.parse(text, remote, NUM_WANT);
      } catch (TrackerFailure expected) {
        // the only acceptable failure
      } catch (RuntimeException e) {
        throw new AssertionError("announce parse threw " + e + " for: " + text, e);
      }
      try {
        HttpScrape.parse(text);
      } catch (TrackerFailure expected) {
        // the only acceptable failure
      } catch (RuntimeException e) {
        throw new AssertionError("scrape parse threw " + e + " for: " + text, e);
      }
    }
  }
}
