package io.mcbt.signal;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.signal.SignalMessage.Candidates;
import io.mcbt.signal.SignalMessage.Done;
import io.mcbt.signal.SignalMessage.Endpoint;
import io.mcbt.signal.SignalMessage.ErrorMessage;
import io.mcbt.signal.SignalMessage.GroupAssign;
import io.mcbt.signal.SignalMessage.GroupEnd;
import io.mcbt.signal.SignalMessage.GroupMember;
import io.mcbt.signal.SignalMessage.GroupSend;
import io.mcbt.signal.SignalMessage.Hello;
import io.mcbt.signal.SignalMessage.Probe;
import io.mcbt.signal.SignalMessage.Progress;
import io.mcbt.signal.SignalMessage.Relay;
import io.mcbt.signal.SignalMessage.RttReport;
import io.mcbt.signal.SignalMessage.SenderReport;
import io.mcbt.signal.SignalMessage.Timers;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Reads and writes signalling messages as JSON: {@code {"v":1,"type":"hello",...}}. Every size a
 * peer controls is bounded, and anything else is a {@link MalformedSignalException} with a reason
 * fit for an {@code error} reply.
 */
public final class SignalCodec {
  public static final int VERSION = 1;
  public static final int MAX_MESSAGE_CHARS = 64 * 1024;
  public static final int MAX_LIST = 1000;
  private static final int MAX_TEXT = 256;

  private SignalCodec() {}

  public static String encode(SignalMessage message) {
    JsonObjectBuilder json = Json.createObjectBuilder().add("v", VERSION);
    if (message instanceof Hello m) {
      json.add("type", "hello")
          .add("peerId", m.peerId())
          .add("wants", hashes(m.wants()))
          .add("holds", hashes(m.holds()))
          .add("dataPort", m.dataPort())
          .add("controlPort", m.controlPort())
          .add("canMulticast", m.canMulticast());
    } else if (message instanceof Candidates m) {
      json.add("type", "candidates")
          .add("infoHash", m.infoHash().hex())
          .add("senders", array(m.senders(), SignalCodec::endpoint));
    } else if (message instanceof Relay m) {
      json.add("type", "relay").add("infoHash", m.infoHash().hex());
    } else if (message instanceof RttReport m) {
      json.add("type", "rtt-report")
          .add("infoHash", m.infoHash().hex())
          .add("probes", array(m.probes(), SignalCodec::probe));
    } else if (message instanceof GroupAssign m) {
      json.add("type", "group-assign")
          .add("group", m.groupId())
          .add("infoHash", m.infoHash().hex())
          .add("address", m.address())
          .add("port", m.port())
          .add("ttl", m.ttl())
          .add("key", Base64.getEncoder().encodeToString(m.key()))
          .add("sender", endpoint(m.sender()))
          .add("timers", timers(m.timers()));
    } else if (message instanceof GroupSend m) {
      json.add("type", "group-send")
          .add("group", m.groupId())
          .add("infoHash", m.infoHash().hex())
          .add("address", m.address())
          .add("port", m.port())
          .add("ttl", m.ttl())
          .add("key", Base64.getEncoder().encodeToString(m.key()))
          .add("members", array(m.members(), SignalCodec::member))
          .add("rateCeilingBitsPerSecond", m.rateCeilingBitsPerSecond())
          .add("timers", timers(m.timers()));
    } else if (message instanceof Progress m) {
      json.add("type", "progress")
          .add("group", m.groupId())
          .add("bytesDone", m.bytesDone())
          .add("droppedDatagrams", m.droppedDatagrams());
    } else if (message instanceof SenderReport m) {
      json.add("type", "sender-report")
          .add("group", m.groupId())
          .add("bytesSent", m.bytesSent())
          .add("rounds", m.rounds())
          .add("retransmittedBytes", m.retransmittedBytes())
          .add("nacksReceived", m.nacksReceived());
    } else if (message instanceof Done m) {
      json.add("type", "done").add("group", m.groupId());
    } else if (message instanceof GroupEnd m) {
      json.add("type", "group-end").add("group", m.groupId()).add("outcome", m.outcome());
    } else if (message instanceof ErrorMessage m) {
      json.add("type", "error").add("reason", m.reason());
    }
    return json.build().toString();
  }

  public static SignalMessage decode(String text) throws MalformedSignalException {
    if (text == null || text.length() > MAX_MESSAGE_CHARS) {
      throw new MalformedSignalException(
          "message longer than " + MAX_MESSAGE_CHARS + " characters");
    }
    JsonObject json;
    try {
      JsonValue value = Json.createReader(new StringReader(text)).readValue();
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        throw new MalformedSignalException("a message is a JSON object");
      }
      json = value.asJsonObject();
    } catch (JsonException | IllegalStateException e) {
      throw new MalformedSignalException("not JSON: " + e.getMessage());
    }
    Fields f = new Fields(json);
    long version = f.number("v");
    if (version != VERSION) {
      throw new MalformedSignalException(
          "unsupported version " + version + ", this tracker speaks " + VERSION);
    }
    String type = f.text("type");
    return switch (type) {
      case "hello" ->
          new Hello(
              f.text("peerId"),
              f.list("wants", Fields::hash),
              f.list("holds", Fields::hash),
              f.port("dataPort"),
              f.port("controlPort"),
              f.bool("canMulticast"));
      case "candidates" -> new Candidates(f.hash("infoHash"), f.list("senders", Fields::endpoint));
      case "relay" -> new Relay(f.hash("infoHash"));
      case "rtt-report" -> new RttReport(f.hash("infoHash"), f.list("probes", Fields::probe));
      case "group-assign" ->
          new GroupAssign(
              f.number("group"),
              f.hash("infoHash"),
              f.text("address"),
              f.port("port"),
              (int) f.range("ttl", 1, 255),
              f.key("key"),
              Fields.endpoint(f.object("sender")),
              Fields.timers(f.object("timers")));
      case "group-send" ->
          new GroupSend(
              f.number("group"),
              f.hash("infoHash"),
              f.text("address"),
              f.port("port"),
              (int) f.range("ttl", 1, 255),
              f.key("key"),
              f.list("members", Fields::member),
              f.range("rateCeilingBitsPerSecond", 0, Long.MAX_VALUE),
              Fields.timers(f.object("timers")));
      case "progress" ->
          new Progress(
              f.number("group"),
              f.range("bytesDone", 0, Long.MAX_VALUE),
              f.has("droppedDatagrams") ? f.range("droppedDatagrams", 0, Long.MAX_VALUE) : 0);
      case "sender-report" ->
          new SenderReport(
              f.number("group"),
              f.range("bytesSent", 0, Long.MAX_VALUE),
              (int) f.range("rounds", 0, Integer.MAX_VALUE),
              f.range("retransmittedBytes", 0, Long.MAX_VALUE),
              f.range("nacksReceived", 0, Long.MAX_VALUE));
      case "done" -> new Done(f.number("group"));
      case "group-end" -> new GroupEnd(f.number("group"), f.text("outcome"));
      case "error" -> new ErrorMessage(f.text("reason"));
      default ->
          throw new MalformedSignalException("unknown message type \"" + abbreviate(type) + "\"");
    };
  }

  private static JsonArrayBuilder hashes(List<InfoHash> hashes) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    hashes.forEach(hash -> array.add(hash.hex()));
    return array;
  }

  private static <T> JsonArrayBuilder array(List<T> items, Function<T, JsonObjectBuilder> write) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    items.forEach(item -> array.add(write.apply(item)));
    return array;
  }

  private static JsonObjectBuilder endpoint(Endpoint endpoint) {
    return Json.createObjectBuilder()
        .add("peerId", endpoint.peerId())
        .add("host", endpoint.host())
        .add("controlPort", endpoint.controlPort());
  }

  private static JsonObjectBuilder probe(Probe probe) {
    return Json.createObjectBuilder()
        .add("senderId", probe.senderId())
        .add("minRttMicros", probe.minRttMicros())
        .add("medianRttMicros", probe.medianRttMicros());
  }

  private static JsonObjectBuilder member(GroupMember member) {
    return endpoint(member.endpoint()).add("rttMicros", member.rttMicros());
  }

  private static JsonObjectBuilder timers(Timers timers) {
    return Json.createObjectBuilder()
        .add("statusIntervalMillis", timers.statusIntervalMillis())
        .add("nackDelayMaxMillis", timers.nackDelayMaxMillis())
        .add("roundTimeoutMillis", timers.roundTimeoutMillis());
  }

  static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }

  /** Typed, bounded access to one JSON object, naming the field in every complaint. */
  private record Fields(JsonObject json) {
    String text(String name) throws MalformedSignalException {
      JsonValue value = value(name);
      if (!(value instanceof JsonString string)) {
        throw wrong(name, "a string");
      }
      String text = string.getString();
      if (text.isEmpty() || text.length() > MAX_TEXT) {
        throw new MalformedSignalException(name + " must be 1 to " + MAX_TEXT + " characters");
      }
      return text;
    }

    long number(String name) throws MalformedSignalException {
      JsonValue value = value(name);
      if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
        throw wrong(name, "a whole number");
      }
      try {
        return number.longValueExact();
      } catch (ArithmeticException e) {
        throw new MalformedSignalException(name + " is out of range");
      }
    }

    long range(String name, long min, long max) throws MalformedSignalException {
      long number = number(name);
      if (number < min || number > max) {
        throw new MalformedSignalException(name + " must be between " + min + " and " + max);
      }
      return number;
    }

    /** Whether an optional field is present (fields added to a message type later are). */
    boolean has(String name) {
      return json.containsKey(name);
    }

    int port(String name) throws MalformedSignalException {
      return (int) range(name, 1, 65535);
    }

    boolean bool(String name) throws MalformedSignalException {
      JsonValue value = value(name);
      if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
        throw wrong(name, "true or false");
      }
      return value == JsonValue.TRUE;
    }

    InfoHash hash(String name) throws MalformedSignalException {
      return hashOf(text(name), name);
    }

    byte[] key(String name) throws MalformedSignalException {
      try {
        byte[] key = Base64.getDecoder().decode(text(name));
        if (key.length != 32) {
          throw new MalformedSignalException(name + " must be 32 bytes (256 bits)");
        }
        return key;
      } catch (IllegalArgumentException e) {
        throw new MalformedSignalException(name + " must be base64");
      }
    }

    Fields object(String name) throws MalformedSignalException {
      JsonValue value = value(name);
      if (!(value instanceof JsonObject object)) {
        throw wrong(name, "an object");
      }
      return new Fields(object);
    }

    <T> List<T> list(String name, Reader<T> read) throws MalformedSignalException {
      JsonValue value = value(name);
      if (!(value instanceof JsonArray array)) {
        throw wrong(name, "a list");
      }
      if (array.size() > MAX_LIST) {
        throw new MalformedSignalException(name + " lists more than " + MAX_LIST);
      }
      List<T> items = new ArrayList<>(array.size());
      for (JsonValue item : array) {
        items.add(read.read(item, name));
      }
      return items;
    }

    private JsonValue value(String name) throws MalformedSignalException {
      JsonValue value = json.get(name);
      if (value == null || value == JsonValue.NULL) {
        throw new MalformedSignalException("missing " + name);
      }
      return value;
    }

    static InfoHash hash(JsonValue value, String name) throws MalformedSignalException {
      if (!(value instanceof JsonString string)) {
        throw wrong(name, "a list of info-hashes");
      }
      return hashOf(string.getString(), name);
    }

    static Endpoint endpoint(JsonValue value, String name) throws MalformedSignalException {
      return endpoint(asObject(value, name));
    }

    static Endpoint endpoint(Fields f) throws MalformedSignalException {
      return new Endpoint(f.text("peerId"), f.text("host"), f.port("controlPort"));
    }

    static Probe probe(JsonValue value, String name) throws MalformedSignalException {
      Fields f = asObject(value, name);
      return new Probe(
          f.text("senderId"),
          f.range("minRttMicros", 0, Long.MAX_VALUE),
          f.range("medianRttMicros", 0, Long.MAX_VALUE));
    }

    static GroupMember member(JsonValue value, String name) throws MalformedSignalException {
      Fields f = asObject(value, name);
      return new GroupMember(endpoint(f), f.range("rttMicros", 0, Long.MAX_VALUE));
    }

    static Timers timers(Fields f) throws MalformedSignalException {
      return new Timers(
          f.range("statusIntervalMillis", 0, Long.MAX_VALUE),
          f.range("nackDelayMaxMillis", 0, Long.MAX_VALUE),
          f.range("roundTimeoutMillis", 0, Long.MAX_VALUE));
    }

    private static Fields asObject(JsonValue value, String name) throws MalformedSignalException {
      if (!(value instanceof JsonObject object)) {
        throw wrong(name, "a list of objects");
      }
      return new Fields(object);
    }

    private static InfoHash hashOf(String text, String name) throws MalformedSignalException {
      if (!InfoHash.isHex(text)) {
        throw new MalformedSignalException(name + " must hold 40-hex-digit info-hashes");
      }
      return InfoHash.fromHex(text);
    }

    private static MalformedSignalException wrong(String name, String expected) {
      return new MalformedSignalException(name + " must be " + expected);
    }
  }

  /** Reads one list element. */
  @FunctionalInterface
  private interface Reader<T> {
    T read(JsonValue value, String name) throws MalformedSignalException;
  }
}
