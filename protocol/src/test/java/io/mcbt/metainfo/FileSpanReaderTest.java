package io.mcbt.metainfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSpanReaderTest {
  @TempDir Path temp;

  @Test
  void readsAnyRangeAcrossFilesAndEmptyFiles() throws IOException {
    byte[][] contents = {
      new byte[0],
      TestData.xorshift(1, 10),
      new byte[0],
      new byte[0],
      TestData.xorshift(2, 1),
      TestData.xorshift(3, 7),
      new byte[0]
    };
    List<SourceFile> files = write(contents);
    byte[] all = TestData.concat(contents);

    try (FileSpanReader reader = new FileSpanReader(files)) {
      for (int from = 0; from < all.length; from++) {
        for (int to = from + 1; to <= all.length; to++) {
          ByteBuffer buffer = ByteBuffer.allocate(to - from);
          reader.read(from, buffer);

          assertArrayEquals(Arrays.copyOfRange(all, from, to), buffer.array(), from + ".." + to);
        }
      }
    }
  }

  @Test
  void reportsFileThatShrankAfterScanning() throws IOException {
    List<SourceFile> files = write(TestData.xorshift(1, 100), TestData.xorshift(2, 100));
    Files.write(files.get(1).location(), new byte[10]);

    try (FileSpanReader reader = new FileSpanReader(files)) {
      assertThrows(EOFException.class, () -> reader.read(50, ByteBuffer.allocate(150)));
    }
  }

  @Test
  void refusesToReadPastTheLastFile() throws IOException {
    List<SourceFile> files = write(TestData.xorshift(1, 10));

    try (FileSpanReader reader = new FileSpanReader(files)) {
      assertThrows(EOFException.class, () -> reader.read(5, ByteBuffer.allocate(6)));
    }
  }

  private List<SourceFile> write(byte[]... contents) throws IOException {
    List<SourceFile> files = new ArrayList<>();
    for (int i = 0; i < contents.length; i++) {
      Path file = Files.write(temp.resolve("f" + i), contents[i]);
      files.add(new SourceFile(file, List.of("f" + i), contents[i].length));
    }
    return files;
  }
}
