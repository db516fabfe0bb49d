/**
 * The torrent index: the "server" of the mission. Seeders publish {@code .torrent} files; the index
 * checks them strictly, keeps the original bytes and their metadata, and lets leechers search and
 * download them.
 *
 * <ul>
 *   <li>{@code domain}: the published torrent and the repository it lives in;
 *   <li>{@code application}: the use cases (publish, search, look up, download);
 *   <li>{@code infrastructure}: the MongoDB repository.
 * </ul>
 */
package io.mcbt.index;
