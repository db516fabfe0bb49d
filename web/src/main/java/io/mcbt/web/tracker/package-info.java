/**
 * The tracker's HTTP adapters: {@code /announce} and {@code /scrape} as plain servlets (the hottest
 * path of the server, and BitTorrent clients need raw query bytes and bencoded answers, which
 * JAX-RS would only get in the way of), and {@code /api/tracker/*} as JAX-RS resources.
 */
package io.mcbt.web.tracker;
