/**
 * BitTorrent metainfo: strict parsing of {@code .torrent} files (BEP 3, BEP 12 announce-list, BEP
 * 27 private flag, BEP 19 url-list), the info-hash computed over the exact bytes received, torrent
 * creation on all cores, and magnet links (BEP 9).
 *
 * <p>Everything here is a pure function over bytes or files; no part of it knows about servers.
 */
package io.mcbt.metainfo;
