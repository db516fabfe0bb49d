package io.mcbt.metainfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathComponentsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "file.txt",
        "...",
        "..hidden",
        "trailing..",
        ".config",
        " spaced name ",
        "1:",
        ":C",
        "C",
        "日本語",
      })
  void acceptsSafeNames(String component) {
    assertEquals(Optional.empty(), PathComponents.problem(component));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ".",
        "..",
        "a/b",
        "/",
        "a\\b",
        "\\",
        "nul\0",
        "C:",
        "a:",
        "z:x",
        "C:\\Windows"
      })
  void rejectsUnsafeNames(String component) {
    assertTrue(PathComponents.problem(component).isPresent(), component);
  }

  @ParameterizedTest
  @ValueSource(ints = {255, 256})
  void limitsComponentsTo255Bytes(int bytes) {
    String component = "ü".repeat(bytes / 2) + "x".repeat(bytes % 2);

    assertEquals(bytes > 255, PathComponents.problem(component).isPresent());
  }
}
