/** REST resources of the torrent index: {@code /api/torrents}. */
package io.mcbt.web.index;
