package io.mcbt.peer.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mcbt.metainfo.FileEntry;
import io.mcbt.metainfo.Info;
import io.mcbt.peer.storage.FileLayout.Span;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLayoutTest {
  @TempDir Path download;

  private FileLayout layout(long... lengths) {
    List<FileEntry> files =
        java.util.stream.IntStream.range(0, lengths.length)
            .mapToObj(i -> new FileEntry(List.of("f" + i), lengths[i]))
            .toList();
    return new FileLayout(StorageFixtures.rawInfo("t", false, files), download);
  }

  @Test
  void aBlockInsideOneFileIsOneSpan() {
    FileLayout layout = layout(100_000);
    assertEquals(List.of(new Span(0, 20_000, 4096)), layout.spans(20_000, 4096));
  }

  @Test
  void aBlockAcrossFilesIsSplitAndSkipsEmptyFiles() {
    FileLayout layout = layout(0, 10, 0, 0, 5, 20_000, 0);
    assertEquals(
        List.of(new Span(1, 3, 7), new Span(4, 0, 5), new Span(5, 0, 8)), layout.spans(3, 20));
    assertEquals(List.of(new Span(5, 0, 1)), layout.spans(15, 1));
    assertEquals(List.of(new Span(5, 19_999, 1)), layout.spans(20_014, 1));
    assertEquals(List.of(), layout.spans(20_015, 0));
  }

  @Test
  void piecesCoverTheTorrentAndTheLastIsShort() {
    FileLayout layout = layout(10_000, 30_000);
    assertEquals(3, layout.pieceCount());
    assertEquals(16_384, layout.pieceSize(0));
    assertEquals(40_000 - 2 * 16_384, layout.pieceSize(2));
    assertEquals(List.of(new Span(0, 0, 10_000), new Span(1, 0, 6_384)), layout.pieceSpans(0));
    assertThrows(IndexOutOfBoundsException.class, () -> layout.pieceSize(3));
  }

  @Test
  void refusesBytesBeyondTheEnd() {
    FileLayout layout = layout(10);
    assertThrows(IndexOutOfBoundsException.class, () -> layout.spans(5, 6));
    assertThrows(IndexOutOfBoundsException.class, () -> layout.spans(-1, 1));
  }

  @Test
  void refusesHashesThatDoNotFitTheLength() {
    Info wrong =
        new Info("t", 16_384, new byte[40], List.of(new FileEntry(List.of("f"), 10)), false, false);
    assertThrows(IllegalArgumentException.class, () -> new FileLayout(wrong, download));
  }

  @Test
  void placesMultiFileTorrentsInAFolderOfTheirName() {
    FileLayout layout = layout(1, 2);
    assertEquals(download.resolve("t/f1"), layout.path(1));
  }
}
