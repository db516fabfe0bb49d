package io.mcbt.peer.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Writes whole files so that readers see either nothing or everything: the bytes go to a temporary
 * file in the same folder, which is then renamed.
 */
final class AtomicFiles {
  private static final SecureRandom RANDOM = new SecureRandom();

  private AtomicFiles() {}

  /** Fails early, before any slow work, when {@code target} cannot be written as asked. */
  static void checkWritable(Path target, boolean replace) throws IOException {
    Path folder = folderOf(target);
    if (!Files.isDirectory(folder)) {
      throw new NoSuchFileException(folder.toString(), null, "no such folder");
    }
    if (Files.isDirectory(target)) {
      throw new FileAlreadyExistsException(target.toString(), null, "is a folder");
    }
    if (!replace && Files.exists(target)) {
      throw new FileAlreadyExistsException(
          target.toString(), null, "already exists; use --force to replace it");
    }
  }

  /**
   * Writes {@code bytes} to {@code target}.
   *
   * @param replace whether an existing file may be replaced
   */
  static void write(Path target, byte[] bytes, boolean replace) throws IOException {
    checkWritable(target, replace);
    Path temporary = folderOf(target).resolve(temporaryName(target));
    try {
      // Not Files.createTempFile: its owner-only permissions would stick to the final file.
      try (FileChannel channel =
              FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(channel)) {
        out.write(bytes);
        out.flush();
        channel.force(true);
      }
      if (replace) {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      } else {
        Files.move(temporary, target);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temporary);
      if (!replace && e instanceof FileAlreadyExistsException) {
        throw new FileAlreadyExistsException(
            target.toString(), null, "already exists; use --force to replace it");
      }
      throw e;
    }
  }

  private static Path folderOf(Path target) {
    Path folder = target.toAbsolutePath().getParent();
    return folder == null ? target.toAbsolutePath() : folder;
  }

  private static String temporaryName(Path target) {
    byte[] random = new byte[6];
    RANDOM.nextBytes(random);
    return "." + target.getFileName() + "." + HexFormat.of().formatHex(random) + ".part";
  }
}
