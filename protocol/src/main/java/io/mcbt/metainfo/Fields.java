package io.mcbt.metainfo;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to a decoded bencode dictionary, so that a missing or wrongly typed key is reported
 * with its full name (for example {@code info.files[2].length}).
 */
final class Fields {
  private final Map<String, Object> map;
  private final String where;

  Fields(Map<String, Object> map, String where) {
    this.map = map;
    this.where = where;
  }

  boolean has(String key) {
    return map.containsKey(key);
  }

  String name(String key) {
    return where.isEmpty() ? key : where + "." + key;
  }

  byte[] bytes(String key) throws MalformedTorrentException {
    return asBytes(require(key), name(key));
  }

  String text(String key) throws MalformedTorrentException {
    return utf8(bytes(key), name(key));
  }

  Optional<String> optionalText(String key) throws MalformedTorrentException {
    return has(key) ? Optional.of(text(key)) : Optional.empty();
  }

  long integer(String key) throws MalformedTorrentException {
    return asInteger(require(key), name(key));
  }

  List<Object> list(String key) throws MalformedTorrentException {
    return asList(require(key), name(key));
  }

  Fields dictionary(String key) throws MalformedTorrentException {
    return asDictionary(require(key), name(key));
  }

  Object raw(String key) throws MalformedTorrentException {
    return require(key);
  }

  private Object require(String key) throws MalformedTorrentException {
    Object value = map.get(key);
    if (value == null) {
      throw new MalformedTorrentException("missing key " + name(key));
    }
    return value;
  }

  static byte[] asBytes(Object value, String name) throws MalformedTorrentException {
    if (value instanceof ByteBuffer buffer) {
      byte[] out = new byte[buffer.remaining()];
      buffer.duplicate().get(out);
      return out;
    }
    throw wrongType(name, "a byte string");
  }

  static String asText(Object value, String name) throws MalformedTorrentException {
    return utf8(asBytes(value, name), name);
  }

  static long asInteger(Object value, String name) throws MalformedTorrentException {
    if (value instanceof Long number) {
      return number;
    }
    throw wrongType(name, "an integer");
  }

  @SuppressWarnings("unchecked")
  static List<Object> asList(Object value, String name) throws MalformedTorrentException {
    if (value instanceof List<?> list) {
      return (List<Object>) list;
    }
    throw wrongType(name, "a list");
  }

  @SuppressWarnings("unchecked")
  static Fields asDictionary(Object value, String name) throws MalformedTorrentException {
    if (value instanceof Map<?, ?> map) {
      return new Fields((Map<String, Object>) map, name);
    }
    throw wrongType(name, "a dictionary");
  }

  private static String utf8(byte[] bytes, String name) throws MalformedTorrentException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedTorrentException(name + " is not valid UTF-8");
    }
  }

  private static MalformedTorrentException wrongType(String name, String expected) {
    return new MalformedTorrentException(name + " must be " + expected);
  }
}
