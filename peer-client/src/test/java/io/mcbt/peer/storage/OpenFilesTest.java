package io.mcbt.peer.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenFilesTest {
  @TempDir Path temp;
  final List<FileChannel> opened = new ArrayList<>();
  final List<Boolean> openedForWrite = new ArrayList<>();

  @BeforeEach
  void files() throws Exception {
    for (int i = 0; i < 4; i++) {
      Files.write(temp.resolve("f" + i), new byte[] {(byte) i});
    }
  }

  private FileChannel open(int file, boolean write) {
    try {
      FileChannel channel =
          write
              ? FileChannel.open(
                  temp.resolve("f" + file), StandardOpenOption.READ, StandardOpenOption.WRITE)
              : FileChannel.open(temp.resolve("f" + file), StandardOpenOption.READ);
      opened.add(channel);
      openedForWrite.add(write);
      return channel;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void keepsAtMostTheLimitOpenAndClosesTheLeastRecentlyUsed() throws Exception {
    try (OpenFiles files = new OpenFiles(2, this::open)) {
      files.lease(0, false).close();
      files.lease(1, false).close();
      files.lease(0, false).close();
      files.lease(2, false).close();

      assertEquals(2, files.openCount());
      assertTrue(opened.get(0).isOpen(), "file 0 was used more recently than file 1");
      assertFalse(opened.get(1).isOpen());
      assertTrue(opened.get(2).isOpen());
    }
    assertTrue(opened.stream().noneMatch(FileChannel::isOpen));
  }

  @Test
  void reusesAnOpenChannel() throws Exception {
    try (OpenFiles files = new OpenFiles(2, this::open)) {
      files.lease(0, true).close();
      try (OpenFiles.Lease lease = files.lease(0, false)) {
        assertSame(opened.get(0), lease.channel());
      }
      assertEquals(1, opened.size());
    }
  }

  @Test
  void neverClosesALeasedChannel() throws Exception {
    try (OpenFiles files = new OpenFiles(1, this::open)) {
      OpenFiles.Lease held = files.lease(0, false);
      files.lease(1, false).close();
      assertTrue(held.channel().isOpen(), "still in use");
      assertEquals(2, files.openCount(), "over the limit while every channel is leased");

      held.close();
      files.lease(2, false).close();
      assertFalse(opened.get(0).isOpen());
      assertEquals(1, files.openCount());
    }
  }

  @Test
  void reopensToWriteAfterReading() throws Exception {
    try (OpenFiles files = new OpenFiles(4, this::open)) {
      OpenFiles.Lease reading = files.lease(0, false);
      try (OpenFiles.Lease writing = files.lease(0, true)) {
        assertNotSame(reading.channel(), writing.channel());
        assertEquals(List.of(false, true), openedForWrite);
        assertTrue(reading.channel().isOpen(), "the reader keeps its channel until done");
      }
      reading.close();
      assertFalse(opened.get(0).isOpen());
    }
  }

  @Test
  void replacesAChannelThatWasClosedUnderIt() throws Exception {
    try (OpenFiles files = new OpenFiles(4, this::open)) {
      files.lease(0, false).close();
      opened.get(0).close(); // what an interrupt during I/O does
      try (OpenFiles.Lease lease = files.lease(0, false)) {
        assertSame(opened.get(1), lease.channel());
      }
    }
  }

  @Test
  void refusesLeasesOnceClosed() throws Exception {
    OpenFiles files = new OpenFiles(4, this::open);
    files.close();
    assertThrows(IllegalStateException.class, () -> files.lease(0, false));
  }
}
