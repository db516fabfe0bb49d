package io.mcbt.metainfo;

/** The bytes are not a torrent this project accepts; the message says precisely why. */
public final class MalformedTorrentException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedTorrentException(String reason) {
    super(reason);
  }
}
