/**
 * The peer's side of an HTTP tracker (BEP 3 announce, BEP 23 compact peers, BEP 7 IPv6 peers):
 * tells the tracker how far a download has come and learns other peers' addresses.
 */
package io.mcbt.peer.tracker;
