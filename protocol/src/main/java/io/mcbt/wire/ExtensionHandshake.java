package io.mcbt.wire;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The BEP 10 extension handshake, the payload of extended message 0: a bencoded dictionary.
 *
 * <pre>
 * d1:md11:ut_metadatai1ee13:metadata_sizei31235e1:pi6881e4:reqqi250e1:v9:mcbt 0.1.0e
 * </pre>
 *
 * <p>Only the keys below are read; others are ignored, as BEP 10 asks. An extension mapped to 0 is
 * disabled and left out of {@link #extensions()}.
 *
 * @param extensions {@code m}: extension name to the message id the sender wants to receive it as,
 *     1 to 255
 * @param metadataSize BEP 9 {@code metadata_size}: bytes of the info dictionary, if the sender has
 *     it
 * @param listenPort {@code p}: the sender's TCP listening port
 * @param client {@code v}: the sender's client name and version
 * @param requestQueue {@code reqq}: how many outstanding requests the sender accepts
 */
public record ExtensionHandshake(
    Map<String, Integer> extensions,
    OptionalLong metadataSize,
    OptionalInt listenPort,
    Optional<String> client,
    OptionalInt requestQueue) {
  /** BEP 9. */
  public static final String UT_METADATA = "ut_metadata";

  public ExtensionHandshake {
    extensions = Map.copyOf(extensions);
    for (Map.Entry<String, Integer> entry : extensions.entrySet()) {
      if (entry.getValue() < 1 || entry.getValue() > 0xFF) {
        throw new IllegalArgumentException(
            "extension " + entry.getKey() + " has id " + entry.getValue() + ", not 1 to 255");
      }
    }
    if (metadataSize.isPresent() && metadataSize.getAsLong() < 0) {
      throw new IllegalArgumentException("negative metadata_size");
    }
  }

  /** The id the sender receives {@code extension} as, if it supports it. */
  public OptionalInt idOf(String extension) {
    Integer id = extensions.get(extension);
    return id == null ? OptionalInt.empty() : OptionalInt.of(id);
  }

  public byte[] encode() {
    Map<String, Object> root = new TreeMap<>();
    root.put("m", new TreeMap<>(extensions));
    metadataSize.ifPresent(size -> root.put("metadata_size", size));
    listenPort.ifPresent(port -> root.put("p", port));
    client.ifPresent(name -> root.put("v", name));
    requestQueue.ifPresent(queue -> root.put("reqq", queue));
    return Bencode.encode(root);
  }

  /**
   * Reads a handshake payload. Wrongly typed optional keys are ignored; a payload that is not a
   * bencoded dictionary, or whose {@code m} is not one, is malformed.
   */
  public static ExtensionHandshake decode(byte[] payload) throws MalformedMessageException {
    Bencode.Decoded decoded = Bencode.decodeDictionary(payload, 0);
    if (decoded.end() != payload.length) {
      throw new MalformedMessageException("extension handshake: bytes after the dictionary");
    }
    Map<?, ?> root = (Map<?, ?>) decoded.value();
    Map<String, Integer> extensions = new LinkedHashMap<>();
    Object m = root.get("m");
    if (m != null && !(m instanceof Map<?, ?>)) {
      throw new MalformedMessageException("extension handshake: m is not a dictionary");
    }
    if (m instanceof Map<?, ?> names) {
      for (Map.Entry<?, ?> entry : names.entrySet()) {
        if (entry.getValue() instanceof Long id && id >= 1 && id <= 0xFF) {
          extensions.put((String) entry.getKey(), id.intValue());
        }
      }
    }
    OptionalLong size =
        root.get("metadata_size") instanceof Long value && value >= 0
            ? OptionalLong.of(value)
            : OptionalLong.empty();
    return new ExtensionHandshake(
        extensions,
        size,
        intIn(root.get("p"), 1, 0xFFFF),
        text(root.get("v")),
        intIn(root.get("reqq"), 1, Integer.MAX_VALUE));
  }

  private static OptionalInt intIn(Object value, int min, int max) {
    return value instanceof Long number && number >= min && number <= max
        ? OptionalInt.of(number.intValue())
        : OptionalInt.empty();
  }

  private static Optional<String> text(Object value) {
    return value instanceof byte[] bytes
        ? Optional.of(new String(bytes, StandardCharsets.UTF_8))
        : Optional.empty();
  }
}
