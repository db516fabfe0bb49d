package io.mcbt.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.signal.SignalMessage.Endpoint;
import io.mcbt.signal.SignalMessage.Timers;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SignalCodecTest {
  private static final InfoHash HASH = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");
  private static final Endpoint SENDER = new Endpoint("seeder-1", "192.0.2.1", 7000);
  private static final Timers TIMERS = new Timers(20, 5, 200);
  private static final byte[] KEY = new byte[32];

  static {
    new Random(3).nextBytes(KEY);
  }

  static Stream<SignalMessage> everyMessage() {
    return Stream.of(
        new SignalMessage.Hello("leecher-1", List.of(HASH), List.of(), 6881, 7001, true),
        new SignalMessage.Candidates(
            HASH, List.of(SENDER, new Endpoint("s2", "2001:db8::2", 7002))),
        new SignalMessage.Relay(HASH),
        new SignalMessage.RttReport(HASH, List.of(new SignalMessage.Probe("seeder-1", 180, 240))),
        new SignalMessage.GroupAssign(42, HASH, "239.192.0.7", 40001, 1, KEY, SENDER, TIMERS),
        new SignalMessage.GroupSend(
            42,
            HASH,
            "239.192.0.7",
            40001,
            1,
            KEY,
            List.of(
                new SignalMessage.GroupMember(new Endpoint("leecher-1", "192.0.2.9", 7001), 250)),
            800_000_000,
            TIMERS),
        new SignalMessage.Progress(42, 1 << 30),
        new SignalMessage.Progress(42, 1 << 30, 17),
        new SignalMessage.SenderReport(42, 5_000_000_000L, 3, 12_000_000, 870),
        new SignalMessage.Done(42),
        new SignalMessage.GroupEnd(42, "DONE"),
        new SignalMessage.ErrorMessage("something was wrong"));
  }

  @ParameterizedTest
  @MethodSource("everyMessage")
  void everyMessageSurvivesARoundTrip(SignalMessage message) throws Exception {
    String json = SignalCodec.encode(message);

    assertTrue(json.startsWith("{\"v\":1,\"type\":"), json);
    assertEquals(message, SignalCodec.decode(json));
  }

  @Test
  void helloReadsAsDocumented() throws Exception {
    SignalMessage hello =
        SignalCodec.decode(
            "{\"v\":1,\"type\":\"hello\",\"peerId\":\"p\",\"wants\":[\""
                + HASH.hex()
                + "\"],"
                + "\"holds\":[],\"dataPort\":6881,\"controlPort\":7001,\"canMulticast\":false}");

    assertEquals(new SignalMessage.Hello("p", List.of(HASH), List.of(), 6881, 7001, false), hello);
  }

  static Stream<Arguments> malformed() {
    String hello =
        "\"type\":\"hello\",\"peerId\":\"p\",\"wants\":[],\"holds\":[],\"dataPort\":1,\"controlPort\":2,\"canMulticast\":true";
    String many = String.join(",", Collections.nCopies(1001, "\"" + HASH.hex() + "\""));
    return Stream.of(
        Arguments.of("not json", "not JSON"),
        Arguments.of("[1,2]", "a message is a JSON object"),
        Arguments.of("{\"type\":\"done\",\"group\":1}", "missing v"),
        Arguments.of("{\"v\":2,\"type\":\"done\",\"group\":1}", "unsupported version 2"),
        Arguments.of("{\"v\":\"1\",\"type\":\"done\",\"group\":1}", "v must be a whole number"),
        Arguments.of("{\"v\":1,\"type\":\"dance\"}", "unknown message type \"dance\""),
        Arguments.of("{\"v\":1,\"type\":\"done\"}", "missing group"),
        Arguments.of("{\"v\":1,\"type\":\"done\",\"group\":1.5}", "group must be a whole number"),
        Arguments.of(
            "{\"v\":1,\"type\":\"done\",\"group\":99999999999999999999}", "group is out of range"),
        Arguments.of(
            "{\"v\":1,\"type\":\"progress\",\"group\":1,\"bytesDone\":-1}",
            "bytesDone must be between"),
        Arguments.of(
            "{\"v\":1," + hello.replace("\"dataPort\":1", "\"dataPort\":70000") + "}",
            "dataPort must be between 1 and 65535"),
        Arguments.of(
            "{\"v\":1," + hello.replace("true", "\"yes\"") + "}",
            "canMulticast must be true or false"),
        Arguments.of(
            "{\"v\":1," + hello.replace("\"wants\":[]", "\"wants\":[\"xyz\"]") + "}",
            "wants must hold 40-hex-digit info-hashes"),
        Arguments.of(
            "{\"v\":1," + hello.replace("\"wants\":[]", "\"wants\":[" + many + "]") + "}",
            "wants lists more than 1000"),
        Arguments.of(
            "{\"v\":1," + hello.replace("\"peerId\":\"p\"", "\"peerId\":\"\"") + "}",
            "peerId must be 1 to 256 characters"),
        Arguments.of(
            "{\"v\":1," + hello.replace("\"wants\":[]", "\"wants\":{}") + "}",
            "wants must be a list"),
        Arguments.of(
            "{\"v\":1,\"type\":\"rtt-report\",\"infoHash\":\"" + HASH.hex() + "\",\"probes\":[1]}",
            "probes must be a list of objects"),
        Arguments.of(
            "{\"v\":1,\"type\":\"group-assign\",\"group\":1,\"infoHash\":\""
                + HASH.hex()
                + "\",\"address\":\"239.1.1.1\",\"port\":4000,\"ttl\":1,\"key\":\"AAAA\",\"sender\":{},\"timers\":{}}",
            "key must be 32 bytes"),
        Arguments.of("x".repeat(SignalCodec.MAX_MESSAGE_CHARS + 1), "message longer than"));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void malformedMessagesAreRefusedWithAReason(String json, String reason) {
    MalformedSignalException e =
        assertThrows(MalformedSignalException.class, () -> SignalCodec.decode(json));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  @Test
  void mutatedMessagesDecodeOrFailCleanly() {
    Random random = new Random(17);
    List<String> seeds = everyMessage().map(SignalCodec::encode).toList();
    String alphabet = "{}[]\":,0123456789-.eEtrufalsn \\\u00e9abcxyz";
    for (int i = 0; i < Integer.getInteger("mcbt.fuzz.iterations", 100_000); i++) {
      StringBuilder text = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
      for (int edits = 1 + random.nextInt(3); edits > 0 && text.length() > 0; edits--) {
        int at = random.nextInt(text.length());
        switch (random.nextInt(3)) {
          case 0 -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
          case 1 -> text.deleteCharAt(at);
          default -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      try {
        SignalCodec.decode(text.toString());
      } catch (MalformedSignalException expected) {
        // the only acceptable failure
      } catch (RuntimeException e) {
        throw new AssertionError("decode threw " + e + " for: " + text, e);
      }
    }
  }
}
