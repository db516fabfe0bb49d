/**
 * REST views of multicast groups: {@code /api/groups} and {@code /api/torrents/{infohash}/groups}.
 */
package io.mcbt.web.grouping;
