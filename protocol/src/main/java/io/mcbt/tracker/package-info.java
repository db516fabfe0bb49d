/**
 * The BitTorrent tracker protocol, as pure functions over bytes: HTTP announce and scrape queries
 * (BEP 3, BEP 23 compact peers, BEP 7 IPv6 peers, BEP 48 scrape) and their bencoded replies, and
 * the UDP tracker protocol (BEP 15). The tracker's state lives in the server; nothing here knows
 * about it.
 */
package io.mcbt.tracker;
