/**
 * Where a torrent's pieces live on disk: {@link io.mcbt.peer.storage.SafePaths} keeps every file
 * inside the download folder, {@link io.mcbt.peer.storage.FilePieceStore} reads and writes blocks
 * at their offsets across the torrent's files, {@link io.mcbt.peer.storage.PieceTracker} keeps the
 * set of verified pieces honest, and {@link io.mcbt.peer.storage.ResumeCheck} rebuilds that set
 * from the data already on disk after a restart or a crash.
 *
 * <p>Piece hashes are SHA-1 as BEP 3 defines them. Every failure reaches callers as a {@link
 * io.mcbt.peer.storage.StorageException} whose message names the file and what the user can do.
 */
package io.mcbt.peer.storage;
