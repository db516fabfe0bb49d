/**
 * RTT probes on a peer's UDP control port: every peer echoes probes; a leecher probes each
 * candidate sender several times and reports the minimum and median, by which the tracker groups
 * it.
 */
package io.mcbt.peer.rtt;
