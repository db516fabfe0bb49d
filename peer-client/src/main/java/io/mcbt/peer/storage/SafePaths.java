package io.mcbt.peer.storage;

import io.mcbt.metainfo.FileEntry;
import io.mcbt.metainfo.Info;
import io.mcbt.metainfo.PathComponents;
import io.mcbt.peer.storage.StorageException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Joins a torrent's file paths under a download folder so that no file can land outside it, the way
 * anacrolix's {@code storage/safe-path.go} does. The torrent's author chooses the names, so every
 * name is treated as hostile: the parser's checks are repeated here because an {@link Info} can
 * also be built directly, and links that already exist in the download folder are followed to see
 * where a write would really go.
 */
public final class SafePaths {
  /** Linux's {@code PATH_MAX}; longer paths fail on open with a less helpful message. */
  public static final int MAX_PATH_BYTES = 4096;

  private static final int MAX_DISPLAY_CHARS = 80;

  private SafePaths() {}

  /**
   * The components under which {@code file} is stored: the torrent's name as a folder and then the
   * file's path for a multi-file torrent, the file's own name for a single-file torrent.
   */
  public static List<String> components(Info info, FileEntry file) {
    if (info.singleFile()) {
      return file.path();
    }
    List<String> components = new ArrayList<>(file.path().size() + 1);
    components.add(info.name());
    components.addAll(file.path());
    return components;
  }

  /**
   * The location of {@code components} below {@code downloadFolder}, normalised and absolute.
   *
   * @throws StorageException with reason {@link Reason#UNSAFE_PATH} when a component is not a plain
   *     name, the result would leave the folder or be too long, or an existing symbolic link below
   *     the folder leads outside it
   */
  public static Path resolve(Path downloadFolder, List<String> components) {
    Path base = downloadFolder.toAbsolutePath().normalize();
    if (components.isEmpty()) {
      throw unsafe(base, components, "the path is empty");
    }
    Path joined = base;
    for (String component : components) {
      Optional<String> problem = PathComponents.problem(component);
      if (problem.isPresent()) {
        throw unsafe(base, components, problem.get());
      }
      joined = joined.resolve(plainName(base, components, component));
    }
    Path result = joined.normalize();
    if (!result.startsWith(base) || result.equals(base)) {
      throw unsafe(base, components, "it leaves the download folder");
    }
    if (result.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
      throw unsafe(base, components, "the path is longer than " + MAX_PATH_BYTES + " bytes");
    }
    checkLinks(base, result, components);
    return result;
  }

  /** Parses one component with the local file system, which must see one relative name in it. */
  private static Path plainName(Path base, List<String> components, String component) {
    Path name;
    try {
      name = base.getFileSystem().getPath(component);
    } catch (InvalidPathException e) {
      throw unsafe(base, components, "this system cannot use \"" + display(component) + "\"");
    }
    if (name.isAbsolute()
        || name.getRoot() != null
        || name.getNameCount() != 1
        || !name.toString().equals(component)) {
      throw unsafe(base, components, "\"" + display(component) + "\" is not a plain name here");
    }
    return name;
  }

  /**
   * Follows the deepest part of {@code result} that already exists: a link there, or in a folder
   * above it, decides where the file is really written. Parts that do not exist yet are created
   * later as real folders, so they cannot lead anywhere else.
   */
  private static void checkLinks(Path base, Path result, List<String> components) {
    Path realBase;
    try {
      realBase = base.toRealPath();
    } catch (NoSuchFileException e) {
      return; // nothing exists below a missing folder, so no link can lead out of it
    } catch (IOException e) {
      throw StorageErrors.failed("read the folder", base, e);
    }
    Path existing = result;
    while (!existing.equals(base) && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing.equals(base)) {
      return;
    }
    Path real;
    try {
      real = existing.toRealPath();
    } catch (IOException e) {
      throw unsafe(base, components, existing + " is a symbolic link to something missing");
    }
    if (!real.startsWith(realBase)) {
      throw unsafe(base, components, existing + " leads to " + real + " through a symbolic link");
    }
  }

  private static StorageException unsafe(Path base, List<String> components, String why) {
    return new StorageException(
        Reason.UNSAFE_PATH,
        base,
        "refusing to store \""
            + display(String.join("/", components))
            + "\" in "
            + base
            + ": "
            + why);
  }

  /** Control characters escaped and long names shortened, so the message stays one short line. */
  private static String display(String text) {
    StringBuilder shown = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      if (shown.length() >= MAX_DISPLAY_CHARS) {
        return shown + "...";
      }
      char c = text.charAt(i);
      shown.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
    }
    return shown.toString();
  }
}
