package io.mcbt.peer.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.FileEntry;
import io.mcbt.metainfo.Info;
import io.mcbt.peer.storage.StorageException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SafePathsTest {
  @TempDir Path temp;
  Path download;
  Path outside;

  @BeforeEach
  void folders() throws Exception {
    download = Files.createDirectory(temp.resolve("dl"));
    outside = Files.createDirectory(temp.resolve("outside"));
  }

  static Stream<Arguments> escaping() {
    String longName = "x".repeat(256);
    List<String> longPath = Collections.nCopies(20, "y".repeat(250));
    return Stream.of(
        Arguments.of(List.of(".."), "would leave its folder"),
        Arguments.of(List.of("a", "..", ".."), "would leave its folder"),
        Arguments.of(List.of("a/../.."), "contains a path separator"),
        Arguments.of(List.of("."), "would leave its folder"),
        Arguments.of(List.of("/etc/passwd"), "contains a path separator"),
        Arguments.of(List.of("", "etc", "passwd"), "empty path component"),
        Arguments.of(List.of("C:"), "looks like a drive letter"),
        Arguments.of(List.of("c:evil"), "looks like a drive letter"),
        Arguments.of(List.of("a\u0000b"), "NUL byte"),
        Arguments.of(List.of("..\\..\\windows"), "contains a path separator"),
        Arguments.of(List.of("a\\b"), "contains a path separator"),
        Arguments.of(List.of(longName), "longer than 255 bytes"),
        Arguments.of(longPath, "longer than 4096 bytes"),
        Arguments.of(List.of(), "the path is empty"));
  }

  @ParameterizedTest
  @MethodSource("escaping")
  void refusesEscapingNames(List<String> components, String why) {
    StorageException error =
        assertThrows(StorageException.class, () -> SafePaths.resolve(download, components));
    assertEquals(Reason.UNSAFE_PATH, error.reason());
    assertTrue(error.getMessage().contains(why), error.getMessage());
    assertTrue(error.getMessage().contains(download.toString()), error.getMessage());
    assertFalse(error.getMessage().contains("\u0000"), "control characters are escaped");
  }

  static Stream<List<String>> plain() {
    return Stream.of(
        List.of("a.txt"),
        List.of("folder", "sub", "file.bin"),
        List.of("..."),
        List.of("a..b"),
        List.of(".hidden"),
        List.of("with space", "ünïcødé ✓"),
        List.of("x".repeat(255)));
  }

  @ParameterizedTest
  @MethodSource("plain")
  void joinsPlainNamesUnderTheFolder(List<String> components) {
    Path expected = download.toAbsolutePath();
    for (String component : components) {
      expected = expected.resolve(component);
    }
    assertEquals(expected, SafePaths.resolve(download, components));
  }

  @Test
  void refusesALinkedFolderThatLeadsOutside() throws Exception {
    Files.createSymbolicLink(download.resolve("link"), outside);

    StorageException error =
        assertThrows(
            StorageException.class, () -> SafePaths.resolve(download, List.of("link", "f.bin")));
    assertEquals(Reason.UNSAFE_PATH, error.reason());
    assertTrue(error.getMessage().contains("symbolic link"), error.getMessage());
    assertThrows(
        StorageException.class, () -> SafePaths.resolve(download, List.of("link", "a", "b")));
  }

  @Test
  void refusesALinkedFileThatLeadsOutside() throws Exception {
    Path target = Files.createFile(outside.resolve("passwd"));
    Files.createSymbolicLink(download.resolve("f.bin"), target);

    assertThrows(StorageException.class, () -> SafePaths.resolve(download, List.of("f.bin")));
  }

  @Test
  void refusesADanglingLink() throws Exception {
    Files.createSymbolicLink(download.resolve("gone"), outside.resolve("missing/folder"));

    StorageException error =
        assertThrows(
            StorageException.class, () -> SafePaths.resolve(download, List.of("gone", "f.bin")));
    assertTrue(error.getMessage().contains("link to something missing"), error.getMessage());
  }

  @Test
  void acceptsALinkThatStaysInside() throws Exception {
    Path real = Files.createDirectory(download.resolve("real"));
    Files.createSymbolicLink(download.resolve("inner"), real);

    assertEquals(
        download.resolve("inner/f.bin"), SafePaths.resolve(download, List.of("inner", "f.bin")));
  }

  @Test
  void acceptsADownloadFolderThatIsItselfALink() throws Exception {
    Path linked = Files.createSymbolicLink(temp.resolve("linked"), download);
    Files.createDirectory(download.resolve("sub"));

    assertEquals(linked.resolve("sub/f"), SafePaths.resolve(linked, List.of("sub", "f")));
  }

  @Test
  void acceptsAMissingDownloadFolder() {
    Path missing = temp.resolve("later");
    assertEquals(missing.resolve("f"), SafePaths.resolve(missing, List.of("f")));
  }

  @Test
  void aRelativeFolderGivesAnAbsolutePath() {
    Path resolved = SafePaths.resolve(Path.of("dl"), List.of("f"));
    assertTrue(resolved.isAbsolute());
    assertEquals(Path.of("dl", "f").toAbsolutePath(), resolved);
  }

  @Test
  void multiFileTorrentsGetAFolderOfTheirName() {
    FileEntry file = new FileEntry(List.of("b", "c.bin"), 3);
    Info multi = new Info("album", 16384, new byte[20], List.of(file), false, false);
    Info single =
        new Info(
            "c.bin", 16384, new byte[20], List.of(new FileEntry(List.of("c.bin"), 3)), true, false);

    assertEquals(List.of("album", "b", "c.bin"), SafePaths.components(multi, file));
    assertEquals(List.of("c.bin"), SafePaths.components(single, single.files().get(0)));
  }
}
