package io.mcbt.peer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path folder;

  @Test
  void writesTheBytesAndLeavesNoTemporaryFile() throws Exception {
    Path file = folder.resolve("a.torrent");
    AtomicFiles.write(file, new byte[] {1, 2, 3}, false);
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
    assertEquals(1, count());
  }

  @Test
  void refusesToReplaceUnlessAsked() throws Exception {
    Path file = Files.write(folder.resolve("a.torrent"), new byte[] {9});
    FileAlreadyExistsException error =
        assertThrows(
            FileAlreadyExistsException.class, () -> AtomicFiles.write(file, new byte[] {1}, false));
    assertEquals(file + ": already exists; use --force to replace it", error.getMessage());
    assertArrayEquals(new byte[] {9}, Files.readAllBytes(file));

    AtomicFiles.write(file, new byte[] {1}, true);
    assertArrayEquals(new byte[] {1}, Files.readAllBytes(file));
    assertEquals(1, count());
  }

  @Test
  void saysWhichFolderIsMissing() {
    Path missing = folder.resolve("missing");
    NoSuchFileException error =
        assertThrows(
            NoSuchFileException.class,
            () -> AtomicFiles.write(missing.resolve("a.torrent"), new byte[] {1}, false));
    assertEquals(missing + ": no such folder", error.getMessage());
  }

  private long count() throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.count();
    }
  }
}
