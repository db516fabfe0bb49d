/**
 * Peer connections (BEP 3 peer wire protocol): the handshake, then framed messages read by one
 * thread and written by another, so that a slow peer never blocks the session.
 */
package io.mcbt.peer.wire;
