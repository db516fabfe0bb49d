/**
 * A client of the torrent index's REST API: publish, search, read metadata and download {@code
 * .torrent} files, with typed answers and one exception type that carries the server's reason.
 */
package io.mcbt.peer.index;
